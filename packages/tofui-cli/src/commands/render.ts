import { parsePlan, renderPlanReport } from '@tofui/report';
import fs from 'node:fs/promises';
import { CliError, ExitCode } from '../lib/exitCodes';
import { readRedactionConfig } from '../lib/redactionConfig';

export interface RenderOptions {
  output: string;
  log?: string;
  displayName?: string;
  buildUrl?: string;
  repo?: string;
  folder?: string;
  redactionConfig?: string;
}

async function read(flag: string, file: string): Promise<string> {
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
 * `tofui render plan.json -o report.html`: the stand-alone HTML report of a
 * plan, redacted, working offline. Warnings (e.g. a newer plan format) go to
 * stderr.
 */
export async function render(
  planFile: string,
  options: RenderOptions,
  err: (line: string) => void = line => process.stderr.write(`${line}\n`),
): Promise<void> {
  const redaction = await readRedactionConfig(options.redactionConfig);
  let parsed;
  try {
    parsed = parsePlan(await read('plan', planFile));
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(
      `${planFile}: ${(error as Error).message}`,
      ExitCode.Failure,
    );
  }
  parsed.warnings.forEach(w => err(`tofui: warning: ${w}`));
  const html = await renderPlanReport(parsed.plan, {
    displayName: options.displayName,
    buildUrl: options.buildUrl,
    repository: options.repo,
    folder: options.folder,
    log: options.log ? await read('--log', options.log) : undefined,
    warnings: parsed.warnings,
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
