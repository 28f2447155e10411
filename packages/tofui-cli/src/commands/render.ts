import {
  parsePlan,
  planFromLog,
  planMembersUnreadByReport,
  type Plan,
  renderPlanReport,
} from '@tofui/report';
import fs from 'node:fs/promises';
import { CliError, ExitCode } from '../lib/exitCodes';
import { readRedactionConfig } from '../lib/redactionConfig';

export interface RenderOptions {
  output: string;
  log?: string;
  displayName?: string;
  buildName?: string;
  buildUrl?: string;
  repo?: string;
  folder?: string;
  redactionConfig?: string;
}

export async function read(flag: string, file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(
      `Cannot read ${flag} ${file}: ${(error as Error).message}`,
      ExitCode.Failure,
    );
  }
}

/**
 * The plan, parsed without what a report with or without `log` does not
 * read; its warnings (e.g. a newer format) go to `err`.
 */
export async function readPlanForReport(
  planFile: string,
  log: string | undefined,
  err: (line: string) => void,
): Promise<{ plan: Plan; warnings: string[] }> {
  try {
    const parsed = parsePlan(await read('plan', planFile), {
      omit: planMembersUnreadByReport({ log }),
    });
    parsed.warnings.forEach(w => err(`tofui: warning: ${w}`));
    return parsed;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(
      `${planFile}: ${(error as Error).message}`,
      ExitCode.Failure,
    );
  }
}

/**
 * `tofui render plan.json -o report.html`: the stand-alone HTML report of a
 * plan, redacted, working offline. With `--log` and no plan: the apply
 * report or the error report of that log. Warnings go to stderr.
 */
export async function render(
  planFile: string | undefined,
  options: RenderOptions,
  err: (line: string) => void = line => process.stderr.write(`${line}\n`),
  /** The log's text, when the caller read it already (e.g. from stdin). */
  logText?: string,
): Promise<void> {
  const log =
    logText ?? (options.log ? await read('--log', options.log) : undefined);
  if (!planFile && log === undefined) {
    throw new CliError('Give a plan JSON file, or --log', ExitCode.Usage);
  }
  const redaction = await readRedactionConfig(options.redactionConfig);
  const { plan, warnings } = planFile
    ? await readPlanForReport(planFile, log, err)
    : { plan: planFromLog(log!), warnings: [] };
  const html = await renderPlanReport(plan, {
    displayName: options.displayName,
    buildName: options.buildName,
    buildUrl: options.buildUrl,
    repository: options.repo,
    folder: options.folder,
    log,
    warnings,
    redaction,
  });
  try {
    // write then rename: a failed run never leaves half a report behind
    const temp = `${options.output}.tmp-${process.pid}`;
    await fs.writeFile(temp, html);
    await fs.rename(temp, options.output);
  } catch (error) {
    throw new CliError(
      `Cannot write ${options.output}: ${(error as Error).message}`,
      ExitCode.Failure,
    );
  }
}
