/**
 * The original tofUI's GitHub Pages dashboard, as its Python publisher and
 * its static page read and wrote it: `config.json` (status types and
 * repositories) and one JSON "slot" file per report under `reports/`.
 */

/** How one code of a status type is shown, in config.json. */
export interface LegacyStatusMapping {
  label?: string;
  emoji?: string;
  color?: string;
  status?: string;
}

/** The dashboard's config.json. */
export interface LegacyConfig {
  status_types?: Record<
    string,
    { name?: string; mappings?: Record<string, LegacyStatusMapping> }
  >;
  repositories?: Record<string, { display_name?: string; folders?: string[] }>;
}

/**
 * A report slot file. Older publishers wrote no `report_type` (the page
 * read such reports as builds) and named files after the build
 * (`sanitized_name`); newer ones rotate seven numbered slots per folder and
 * type (`slot_number`).
 */
export interface LegacySlot {
  source_repo: string;
  folder: string;
  report_type: string;
  build_name: string;
  display_name?: string | null;
  html_url?: string | null;
  statuses: Record<string, number>;
  timestamp?: string;
  slot_number?: number;
  sanitized_name?: string;
}

/** Slots per folder and report type the dashboard page reads (001–007). */
export const MAX_SLOTS = 7;

/**
 * The build name as the original tofUI turned it into file names
 * (`{name}.html`, `{name}.json`, `{name}.log`): anything but letters,
 * digits, `-` and `.` becomes `-`, runs of `-` collapse, lower case.
 */
export function sanitizeBuildName(name: string): string {
  return name
    .replace(/[^a-zA-Z0-9\-.]/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
}

/** `reports/` file name of a slot: `owner-repo-folder-type-001.json`. */
export function slotFileName(
  repository: string,
  folder: string,
  reportType: string,
  slot: number,
): string {
  return `${repository.replace(/\//g, '-')}-${folder || '_root'}-${
    reportType || 'build'
  }-${String(slot).padStart(3, '0')}.json`;
}

/**
 * A slot file's content in the form tofUI reads it, or why it cannot be:
 * the folder defaults to `_root` and the report type to `build`, as the
 * dashboard page assumed.
 */
export function readSlot(
  value: unknown,
): { slot: LegacySlot } | { error: string } {
  if (!isObject(value)) {
    return { error: 'not a report (a JSON object)' };
  }
  for (const field of ['source_repo', 'build_name'] as const) {
    if (typeof value[field] !== 'string' || !value[field]) {
      return { error: `no ${field}` };
    }
  }
  if (!isObject(value.statuses)) {
    return { error: 'no statuses' };
  }
  const type = value.report_type ?? 'build';
  if (type !== 'build' && type !== 'test') {
    return {
      error: `report_type must be build or test, not ${JSON.stringify(type)}`,
    };
  }
  return {
    slot: {
      ...(value as unknown as LegacySlot),
      folder:
        typeof value.folder === 'string' && value.folder
          ? value.folder
          : '_root',
      report_type: type,
    },
  };
}

/**
 * The run time as tofUI reads it. The publisher wrote UTC without saying so
 * only in hand-made files; a time without a zone is read as UTC.
 */
export function slotTimestamp(slot: LegacySlot): string | undefined {
  const value = slot.timestamp?.trim();
  if (!value) {
    return undefined;
  }
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(value)
    ? `${value}Z`
    : value;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
