import { ResponseError } from '@backstage/errors';
import type {
  PublishReportRequest,
  Report,
  TofuiClient,
} from '@tofui/backstage-plugin-tofui-common';
import type { Artifact } from '../artifacts';
import type { Inventory } from './inventory';
import type { Tally } from './tally';

/** What every step of a migration works with. */
export interface MigrationContext {
  client: TofuiClient;
  /** Publishes a report with its artifacts (multipart when there are any). */
  publish(
    body: PublishReportRequest,
    artifacts: Artifact[],
  ): Promise<{ value: Report; created: boolean }>;
  inventory: Inventory;
  tally: Tally;
  /** Read and compare only; write nothing. */
  dryRun: boolean;
  out(line: string): void;
}

/**
 * Why the server refused a write, for the final table. Only refusals are
 * an item's own failure; anything else (the server unreachable after the
 * retries) is rethrown and ends the run, which the next run resumes.
 */
export function refusal(error: unknown, needsAdmin = false): string {
  if (!(error instanceof ResponseError)) {
    throw error;
  }
  const reason = `${error.statusCode} ${
    error.body?.error?.message ?? error.message
  }`;
  return error.statusCode === 403 && needsAdmin
    ? `${reason} — this token may not do it; use a migration token (docs/migration.md)`
    : reason;
}
