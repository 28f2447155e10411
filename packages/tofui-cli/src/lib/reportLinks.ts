import {
  type Report,
  tofuiReportPath,
} from '@tofui/backstage-plugin-tofui-common';
import fs from 'node:fs/promises';
import { CliError, ExitCode } from './exitCodes';

/** Where a published report can be read. */
export interface ReportLinks {
  /** The report's page in Backstage. */
  reportUrl: string;
  /** Its HTML report through the API (sign-in needed), when it has one. */
  htmlUrl?: string;
}

/**
 * The report's links. The Backstage app is usually served by the same host
 * as the backend; `--app-url` (or TOFUI_APP_URL) says otherwise.
 */
export function reportLinks(
  report: Report,
  server: string,
  appUrl: string | undefined,
): ReportLinks {
  const app = (appUrl || server).replace(/\/+$/, '');
  const api = `${server.replace(
    /\/+$/,
    '',
  )}/api/tofui/v1/reports/${encodeURIComponent(report.id)}`;
  return {
    reportUrl: `${app}${tofuiReportPath(report.id)}`,
    htmlUrl: report.artifacts?.html ? `${api}/html` : report.htmlUrl,
  };
}

/** A value quoted for POSIX shells: `'…'` with `'` written as `'\''`. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * `--export-vars-file FILE`: a file to `source` in the next CI step, as the
 * original tofUI wrote it (`export NAME='value'` lines). Unknown values are
 * left out rather than written empty.
 */
export async function writeExportVars(
  file: string,
  vars: Record<string, string | undefined>,
): Promise<void> {
  const lines = Object.entries(vars)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `export ${name}=${shellQuote(value!)}\n`);
  try {
    await fs.writeFile(file, lines.join(''));
  } catch (error) {
    throw new CliError(
      `Cannot write --export-vars-file ${file}: ${(error as Error).message}`,
      ExitCode.Failure,
    );
  }
}
