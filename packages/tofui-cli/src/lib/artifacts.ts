import type {
  PublishReportRequest,
  ReportArtifactKind,
} from '@tofui/backstage-plugin-tofui-common';
import {
  maskLogAndReport,
  parsePlan,
  type Plan,
  type RedactionOptions,
  type RedactionReport,
  redactPlanAndSecrets,
} from '@tofui/report';
import { openAsBlob } from 'node:fs';
import fs from 'node:fs/promises';
import { CliError, ExitCode } from './exitCodes';

/** A file sent with a report: the HTML report, the plan or the log. */
export interface Artifact {
  kind: ReportArtifactKind;
  blob: Blob;
  filename: string;
  /** What was masked in it here (a log's secrets of known shapes). */
  redaction?: RedactionReport;
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
 * A plan redacted here, in CI, so that its secrets never leave the machine
 * that holds it (the server redacts again), and the secrets it held, to
 * mask the log of the same run with (see logArtifact).
 */
export interface RedactedPlan {
  plan: Plan;
  secrets: string[];
}

/** Redacts a plan for upload (see RedactedPlan). */
export function redactForUpload(
  plan: Plan,
  redaction?: RedactionOptions,
): RedactedPlan {
  return redactPlanAndSecrets(plan, { redaction });
}

/** The redacted plan as an upload. */
export function planArtifact(redacted: RedactedPlan): Artifact {
  return {
    kind: 'plan',
    blob: new Blob([JSON.stringify(redacted.plan)], {
      type: 'application/json',
    }),
    filename: 'plan.json',
  };
}

/**
 * The log, its secrets masked: the plan's secrets (marked sensitive or found
 * by the second layer), and secrets of known shapes. Read whole, as masking
 * needs the plan's values anywhere in it.
 */
export async function logArtifact(
  file: string,
  redacted?: RedactedPlan,
  flag?: string,
  redaction?: RedactionOptions,
): Promise<Artifact> {
  const log = await readText(file, flag);
  const masked = maskLogAndReport(log, redacted?.secrets ?? [], { redaction });
  return {
    kind: 'log',
    blob: new Blob([masked.log], { type: 'text/plain' }),
    filename: 'plan.log',
    ...(masked.redaction.total > 0 && { redaction: masked.redaction }),
  };
}

/**
 * The publish request with what was masked in its log here (`log_redaction`):
 * the server finds nothing more in a masked log, so the report's redaction
 * report gets the log's counts only this way.
 */
export function withLogRedaction(
  body: PublishReportRequest,
  artifacts: readonly Artifact[],
): PublishReportRequest {
  const redaction = artifacts.find(a => a.kind === 'log')?.redaction;
  return redaction ? { ...body, log_redaction: redaction } : body;
}
