import type { PlanSummary } from './summarizePlan';

/**
 * The counts of a summary that a report shows: the API's counts (the
 * backend drops the replacement orders and no-ops before storing).
 *
 * @public
 */
export type PlanCountKey = Exclude<
  keyof PlanSummary,
  'errored' | 'replaceDeleteFirst' | 'replaceCreateFirst' | 'noop'
>;

/**
 * The counts a report shows, in the order shown, with their words ("2 to
 * add"). The HTML report and the frontend's report view both show these;
 * `@tofui/backstage-plugin-tofui-common` re-exports them checked against the
 * API's PlanSummary.
 *
 * @public
 */
export const PLAN_COUNT_LABELS: ReadonlyArray<
  readonly [key: PlanCountKey, label: string]
> = [
  ['add', 'to add'],
  ['change', 'to change'],
  ['destroy', 'to destroy'],
  ['replace', 'to replace'],
  ['import', 'to import'],
  ['move', 'moved'],
  ['forget', 'to forget'],
  ['read', 'to read'],
  ['outputChanges', 'output changes'],
  ['drift', 'drifted'],
  ['deferred', 'deferred'],
];

/**
 * The non-zero counts of a summary with their words, in the order a report
 * shows them: `[[2, 'to add'], [1, 'output changes']]`.
 *
 * @public
 */
export function planCounts(
  summary: Partial<Record<PlanCountKey, number>>,
): Array<[count: number, label: string]> {
  return PLAN_COUNT_LABELS.filter(([key]) => (summary[key] ?? 0) > 0).map(
    ([key, label]) => [summary[key]!, label],
  );
}
