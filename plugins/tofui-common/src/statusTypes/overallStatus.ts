import type {
  OverallStatus,
  StatusMapping,
  StatusType,
  Statuses,
} from '../types';

/**
 * Finds how a status code is shown. Returns undefined when the status type or
 * the code has no mapping.
 *
 * @public
 */
export function findStatusMapping(
  statusTypes: ReadonlyArray<StatusType>,
  typeKey: string,
  code: number,
): StatusMapping | undefined {
  const type = statusTypes.find(t => t.key === typeKey);
  return type?.mappings[String(code)];
}

/**
 * Derives a report's verdict from its status codes: any code mapped to
 * failing makes it failing; otherwise any code (or status type) without a
 * mapping makes it unknown, so nothing unmapped ever passes silently. A report
 * without statuses is unknown too.
 *
 * @public
 */
export function deriveOverallStatus(
  statuses: Statuses,
  statusTypes: ReadonlyArray<StatusType>,
): OverallStatus {
  const entries = Object.entries(statuses);
  if (entries.length === 0) {
    return 'unknown';
  }
  let unmapped = false;
  for (const [typeKey, code] of entries) {
    const mapping = findStatusMapping(statusTypes, typeKey, code);
    if (!mapping) {
      unmapped = true;
    } else if (mapping.status === 'failing') {
      return 'failing';
    }
  }
  return unmapped ? 'unknown' : 'passing';
}

const severity: Record<OverallStatus, number> = {
  failing: 0,
  unknown: 1,
  passing: 2,
};

/**
 * Combines several verdicts (a folder's latest build and test) into one:
 * the worst wins. No verdicts at all is unknown.
 *
 * @public
 */
export function worstOverallStatus(
  statuses: ReadonlyArray<OverallStatus | undefined>,
): OverallStatus {
  const known = statuses.filter((s): s is OverallStatus => s !== undefined);
  if (known.length === 0) {
    return 'unknown';
  }
  return known.reduce((a, b) => (severity[b] < severity[a] ? b : a));
}

/**
 * Sort key for "failing first": failing, then unknown, then passing.
 *
 * @public
 */
export function overallStatusSeverity(status: OverallStatus): number {
  return severity[status];
}
