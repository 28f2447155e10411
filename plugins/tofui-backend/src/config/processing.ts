import type { Config } from '@backstage/config';
import bytes from 'bytes';
import fs from 'node:fs';
import os from 'node:os';

/** How heavy work runs (`tofui.processing`). */
export interface ProcessingSettings {
  /** Memory for heavy work on this replica, in MB, shared by its task processes. */
  memoryBudgetMb: number;
  /** Heavy tasks running at once. */
  concurrency: number;
  /** Publishes waiting beyond those running before more are refused. */
  maxQueued: number;
  /** Artifacts up to this many bytes are processed on the request thread. */
  inlineMaxBytes: number;
}

const MB = 1024 * 1024;
const DEFAULT_BUDGET_CAP_MB = 1024;

/**
 * The container's memory limit in bytes (cgroup v2 `memory.max`, v1
 * `memory.limit_in_bytes`), undefined when there is none.
 */
export function containerMemoryLimit(
  read: (file: string) => string = file => fs.readFileSync(file, 'utf8'),
): number | undefined {
  for (const file of [
    '/sys/fs/cgroup/memory.max',
    '/sys/fs/cgroup/memory/memory.limit_in_bytes',
  ]) {
    try {
      const limit = Number(read(file).trim());
      // "max" (v2) or a huge number (v1) mean no limit
      if (Number.isFinite(limit) && limit > 0 && limit < os.totalmem()) {
        return limit;
      }
    } catch {
      // not there: not in a cgroup of that version
    }
  }
  return undefined;
}

/**
 * The default budget: a third of what the replica may use (the rest is the
 * backend's own, measured at ~580 MB of a 1 GiB pod with the app), capped.
 */
export function defaultMemoryBudgetMb(
  limitBytes = containerMemoryLimit() ?? os.totalmem(),
): number {
  return Math.max(
    64,
    Math.min(DEFAULT_BUDGET_CAP_MB, Math.floor(limitBytes / 3 / MB)),
  );
}

function positiveInteger(config: Config | undefined, key: string) {
  const value = config?.getOptionalNumber(key);
  if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
    throw new Error(
      `Invalid config at tofui.processing.${key}: ${value} is not a positive whole number`,
    );
  }
  return value;
}

function nonNegativeInteger(config: Config | undefined, key: string) {
  const value = config?.getOptionalNumber(key);
  if (value !== undefined && !(Number.isInteger(value) && value >= 0)) {
    throw new Error(
      `Invalid config at tofui.processing.${key}: ${value} is not a whole number of 0 or more`,
    );
  }
  return value;
}

/** Node and the engine's code in a task process (from dist), and its young generation (see HeavyWork). */
const MIN_BUDGET_MB = 80;

/** Reads `tofui.processing`, naming a bad key. */
export function readProcessingSettings(config: Config): ProcessingSettings {
  const section = config.getOptionalConfig('tofui.processing');
  const budget = positiveInteger(section, 'memoryBudgetMb');
  if (budget !== undefined && budget < MIN_BUDGET_MB) {
    throw new Error(
      `Invalid config at tofui.processing.memoryBudgetMb: ${budget} is below the ${MIN_BUDGET_MB} MB a task process needs to start`,
    );
  }
  const inline = section?.getOptionalString('inlineMaxSize') ?? '256kb';
  const inlineMaxBytes = bytes.parse(inline);
  if (inlineMaxBytes === null || inlineMaxBytes < 0) {
    throw new Error(
      `Invalid config at tofui.processing.inlineMaxSize: '${inline}' is not a size like 256kb`,
    );
  }
  return {
    memoryBudgetMb: budget ?? defaultMemoryBudgetMb(),
    concurrency: positiveInteger(section, 'concurrency') ?? 1,
    maxQueued: nonNegativeInteger(section, 'maxQueued') ?? 8,
    inlineMaxBytes,
  };
}
