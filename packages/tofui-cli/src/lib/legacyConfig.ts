import type { Plan, ResourceChange } from '@tofui/report';
import fs from 'node:fs/promises';
import { CliError, ExitCode } from './exitCodes';

/**
 * What this CLI honours of the original tofUI's `--config` file:
 * `{"properties": {"available_to_hide": […], "hidden_by_default": […]},
 *   "display": {"expand_all_default": bool}}`.
 */
export interface LegacyConfig {
  /** Top-level attributes left out of the report (`hidden_by_default`). */
  hiddenProperties: string[];
  expandAll: boolean;
}

export async function readLegacyConfig(file: string): Promise<LegacyConfig> {
  let raw: any;
  try {
    raw = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (error) {
    throw new CliError(
      `Cannot read --config ${file}: ${(error as Error).message}`,
      ExitCode.Failure,
    );
  }
  const hidden = raw?.properties?.hidden_by_default ?? [];
  if (!Array.isArray(hidden) || hidden.some(h => typeof h !== 'string')) {
    throw new CliError(
      `--config ${file}: properties.hidden_by_default must be a list of attribute names`,
      ExitCode.Usage,
    );
  }
  return {
    hiddenProperties: hidden,
    expandAll: raw?.display?.expand_all_default === true,
  };
}

const VALUE_FIELDS = [
  'before',
  'after',
  'after_unknown',
  'before_sensitive',
  'after_sensitive',
] as const;

function withoutKeys(value: unknown, names: Set<string>): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return value;
  }
  return Object.fromEntries(
    Object.entries(value).filter(([key]) => !names.has(key)),
  );
}

/**
 * The plan without the hidden attributes, in every resource change and
 * drift, as the original's report hid them (it showed them on demand; this
 * report leaves them out: the --config asked not to show them).
 */
export function hideProperties(plan: Plan, hidden: string[]): Plan {
  if (hidden.length === 0) return plan;
  const names = new Set(hidden);
  const strip = (rc: ResourceChange): ResourceChange => ({
    ...rc,
    change: {
      ...rc.change,
      ...Object.fromEntries(
        VALUE_FIELDS.filter(f => f in rc.change).map(f => [
          f,
          withoutKeys(rc.change[f], names),
        ]),
      ),
    },
  });
  return {
    ...plan,
    ...(plan.resource_changes && {
      resource_changes: plan.resource_changes.map(strip),
    }),
    ...(plan.resource_drift && {
      resource_drift: plan.resource_drift.map(strip),
    }),
  };
}
