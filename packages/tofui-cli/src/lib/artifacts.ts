import type { ReportArtifactKind } from '@tofui/backstage-plugin-tofui-common';
import {
  maskLog,
  parsePlan,
  type Plan,
  type RedactionOptions,
  redactPlan,
} from '@tofui/report';
import { openAsBlob } from 'node:fs';
import fs from 'node:fs/promises';
import { CliError, ExitCode } from './exitCodes';

/** A file sent with a report: the HTML report, the plan or the log. */
export interface Artifact {
  kind: ReportArtifactKind;
  blob: Blob;
  filename: string;
}

/** "--plan plan.json" for a flag, the path alone otherwise. */
const named = (file: string, flag?: string) =>
  flag ? `${flag} ${file}` : file;

async function readText(file: string, flag?: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(
      `Cannot read ${named(file, flag)}: ${(error as Error).message}`,
      ExitCode.Failure,
    );
  }
}

/** Reads and parses plan JSON (`terraform show -json`). */
export async function readPlan(file: string, flag?: string): Promise<Plan> {
  const text = await readText(file, flag);
  try {
    return parsePlan(text).plan;
  } catch (error) {
    throw new CliError(
      `${named(file, flag)}: ${(error as Error).message}`,
      ExitCode.Failure,
    );
  }
}

/** An HTML report, file-backed: a large report is streamed, not read whole. */
export async function htmlArtifact(
  file: string,
  flag?: string,
): Promise<Artifact> {
  try {
    return {
      kind: 'html',
      blob: await openAsBlob(file, { type: 'text/html' }),
      filename: 'report.html',
    };
  } catch (error) {
    throw new CliError(
      `Cannot read ${named(file, flag)}: ${(error as Error).message}`,
      ExitCode.Failure,
    );
  }
}

/**
 * The plan, redacted here so that its secrets never leave the machine that
 * holds it (the server redacts again).
 */
export function planArtifact(
  plan: Plan,
  redaction?: RedactionOptions,
): Artifact {
  return {
    kind: 'plan',
    blob: new Blob([JSON.stringify(redactPlan(plan, { redaction }))], {
      type: 'application/json',
    }),
    filename: 'plan.json',
  };
}

/**
 * The log, its secrets masked: the values the plan marks sensitive, and
 * secrets of known shapes. Read whole, as masking needs the plan's values
 * anywhere in it.
 */
export async function logArtifact(
  file: string,
  plan?: Plan,
  flag?: string,
  redaction?: RedactionOptions,
): Promise<Artifact> {
  const log = await readText(file, flag);
  return {
    kind: 'log',
    blob: new Blob([maskLog(log, plan, { redaction })], {
      type: 'text/plain',
    }),
    filename: 'plan.log',
  };
}
