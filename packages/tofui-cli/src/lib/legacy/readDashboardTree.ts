import fs from 'node:fs/promises';
import path from 'node:path';
import { CliError, ExitCode } from '../exitCodes';
import {
  isObject,
  type LegacyConfig,
  type LegacySlot,
  readSlot,
} from './dashboardFormat';

/** One file of `reports/`: its report, or why it cannot be imported. */
export type SlotFile =
  | { file: string; slot: LegacySlot }
  | { file: string; error: string };

/** What a checked-out gh-pages tree of the original dashboard holds. */
export interface DashboardTree {
  root: string;
  config: LegacyConfig;
  /** Report files, by name; `reports/index.json` (a listing) left out. */
  slots: SlotFile[];
}

/**
 * Reads the dashboard in `root` (where its index.html, config.json and
 * reports/ are). Only reads: the tree is the old dashboard, still live.
 */
export async function readDashboardTree(root: string): Promise<DashboardTree> {
  const config = await readConfig(root);
  const reportsDir = path.join(root, 'reports');
  let names: string[];
  try {
    names = (await fs.readdir(reportsDir)).filter(n => n.endsWith('.json'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new CliError(
        `Cannot read ${reportsDir}: ${(error as Error).message}`,
        ExitCode.Failure,
      );
    }
    if (!config) {
      throw new CliError(
        `${root} is not an original tofUI dashboard: it has neither config.json nor reports/`,
        ExitCode.Usage,
      );
    }
    names = [];
  }
  const slots: SlotFile[] = [];
  for (const name of names.sort()) {
    const file = `reports/${name}`;
    let value: unknown;
    try {
      value = JSON.parse(
        await fs.readFile(path.join(reportsDir, name), 'utf8'),
      );
    } catch (error) {
      slots.push({ file, error: `not JSON (${(error as Error).message})` });
      continue;
    }
    // the older publishers' listing of the report files, not a report
    if (isObject(value) && Array.isArray(value.files) && !value.source_repo) {
      continue;
    }
    const read = readSlot(value);
    slots.push('slot' in read ? { file, slot: read.slot } : { file, ...read });
  }
  return { root, config: config ?? {}, slots };
}

async function readConfig(root: string): Promise<LegacyConfig | undefined> {
  const file = path.join(root, 'config.json');
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw new CliError(
      `Cannot read ${file}: ${(error as Error).message}`,
      ExitCode.Failure,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CliError(
      `${file} is not JSON: ${(error as Error).message}`,
      ExitCode.Failure,
    );
  }
  if (!isObject(value)) {
    throw new CliError(`${file} is not a JSON object`, ExitCode.Failure);
  }
  for (const key of ['status_types', 'repositories']) {
    if (value[key] !== undefined && !isObject(value[key])) {
      throw new CliError(
        `${file}: ${key} is not a JSON object`,
        ExitCode.Failure,
      );
    }
  }
  return value as LegacyConfig;
}
