import fs from 'node:fs/promises';
import path from 'node:path';
import { CliError, ExitCode } from '../exitCodes';
import {
  isObject,
  type LegacyConfig,
  MAX_SLOTS,
  slotFileName,
} from './dashboardFormat';

/** One report, as the original publisher wrote it into a slot. */
export interface LegacyReport {
  source_repo: string;
  folder: string;
  report_type: 'build' | 'test';
  build_name: string;
  display_name?: string;
  html_url?: string;
  statuses: Record<string, number>;
  /** ISO-8601, UTC. */
  timestamp: string;
}

export interface WrittenSlot {
  /** `reports/…-001.json`, relative to the dashboard directory. */
  file: string;
  /** What was in the slot: nothing, the same build, or the oldest report. */
  replaced: 'empty slot' | 'same build' | 'oldest report';
  /** Why the old dashboard page will not show it, if it will not. */
  warning?: string;
}

/**
 * Writes a report into the checked-out dashboard `dir` the way the original
 * publisher did, so that the old page keeps showing every run while teams
 * move over: seven slots per repository, folder and type, the first free one
 * or else the oldest overwritten. Unlike the original, a slot already
 * holding the same build is overwritten, as republishing a build updates it
 * in tofUI. The page reads slots up to the first gap, so only those count.
 */
export async function writeLegacySlot(
  dir: string,
  report: LegacyReport,
): Promise<WrittenSlot> {
  await requireDashboardDirectory(dir);
  const reports = path.join(dir, 'reports');
  await fs.mkdir(reports, { recursive: true });
  let chosen: { slot: number; replaced: WrittenSlot['replaced'] } | undefined;
  let oldest: { slot: number; time: number } | undefined;
  for (let slot = 1; slot <= MAX_SLOTS && !chosen; slot++) {
    const existing = await readJson(path.join(reports, slotName(report, slot)));
    if (existing === undefined) {
      chosen = { slot, replaced: 'empty slot' };
    } else if (
      isObject(existing) &&
      existing.build_name === report.build_name
    ) {
      chosen = { slot, replaced: 'same build' };
    } else {
      const time = Date.parse(
        String(isObject(existing) ? existing.timestamp : ''),
      );
      const when = Number.isNaN(time) ? -Infinity : time;
      if (!oldest || when < oldest.time) {
        oldest = { slot, time: when };
      }
    }
  }
  chosen ??= { slot: oldest!.slot, replaced: 'oldest report' };
  const name = slotName(report, chosen.slot);
  // the field order and layout of the original (json.dumps, indent 2)
  const content = JSON.stringify(
    {
      source_repo: report.source_repo,
      folder: report.folder,
      report_type: report.report_type,
      build_name: report.build_name,
      display_name: report.display_name || report.build_name,
      html_url: report.html_url ?? null,
      statuses: report.statuses,
      timestamp: report.timestamp,
      slot_number: chosen.slot,
    },
    null,
    2,
  );
  const target = path.join(reports, name);
  const temp = `${target}.tmp-${process.pid}`;
  try {
    // write then rename: the page never reads half a file
    await fs.writeFile(temp, content);
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw new CliError(
      `Cannot write ${target}: ${(error as Error).message}`,
      ExitCode.Failure,
    );
  }
  return {
    file: `reports/${name}`,
    replaced: chosen.replaced,
    warning: await visibility(dir, report),
  };
}

function slotName(report: LegacyReport, slot: number) {
  return slotFileName(
    report.source_repo,
    report.folder,
    report.report_type,
    slot,
  );
}

/** `--also-legacy-dashboard` must name an existing directory. */
export async function requireDashboardDirectory(dir: string) {
  let stat;
  try {
    stat = await fs.stat(dir);
  } catch (error) {
    throw new CliError(
      `--also-legacy-dashboard ${dir}: ${(error as Error).message}`,
      ExitCode.Failure,
    );
  }
  if (!stat.isDirectory()) {
    throw new CliError(
      `--also-legacy-dashboard ${dir} is not a directory`,
      ExitCode.Failure,
    );
  }
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
  try {
    return JSON.parse(text);
  } catch {
    // a broken slot is the page's problem too; it is the one to replace
    return null;
  }
}

/**
 * The page only looks for the repositories and folders its config.json
 * lists (a repository without folders: `_root`); say so when this one is
 * not among them.
 */
async function visibility(
  dir: string,
  report: LegacyReport,
): Promise<string | undefined> {
  let config: LegacyConfig;
  try {
    config = JSON.parse(
      await fs.readFile(path.join(dir, 'config.json'), 'utf8'),
    );
  } catch {
    return `${dir}/config.json cannot be read: the old dashboard will not show this report`;
  }
  const repository = config.repositories?.[report.source_repo];
  if (!repository) {
    return `${report.source_repo} is not in ${dir}/config.json: the old dashboard will not show it`;
  }
  const folders = repository.folders ?? ['_root'];
  return folders.includes(report.folder)
    ? undefined
    : `folder ${report.folder} of ${report.source_repo} is not in ${dir}/config.json: the old dashboard will not show it`;
}
