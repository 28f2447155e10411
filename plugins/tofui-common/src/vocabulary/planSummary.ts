import { PLAN_COUNT_LABELS as ENGINE_LABELS, planCounts } from '@tofui/report';
import type { PlanSummary } from '../types';

/** The counts of the API's plan summary. @public */
export type PlanSummaryCountKey = Exclude<keyof PlanSummary, 'errored'>;

/**
 * The plan counts a report shows, keyed by the API's PlanSummary, with their
 * words: the HTML report's own table (one copy), checked here against the
 * API type, so a count the API renames no longer compiles.
 *
 * @public
 */
export const PLAN_SUMMARY_LABELS: ReadonlyArray<
  readonly [key: PlanSummaryCountKey, label: string]
> = ENGINE_LABELS;

/**
 * A plan summary in words, as the HTML report's header says it:
 * "2 to add · 1 output changes", "No changes." or "Planning failed.".
 *
 * @public
 */
export function describePlanSummary(summary: PlanSummary): string {
  if (summary.errored) {
    return 'Planning failed.';
  }
  return (
    planCounts(summary)
      .map(([count, label]) => `${count} ${label}`)
      .join(' · ') || 'No changes.'
  );
}
