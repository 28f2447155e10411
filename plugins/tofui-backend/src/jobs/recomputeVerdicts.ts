import {
  deriveOverallStatus,
  type OverallStatus,
} from '@tofui/backstage-plugin-tofui-common';
import type { TofuiStore } from '../database/TofuiStore';

const BATCH = 500;

/**
 * Re-derives the verdict of every stored report that uses a status type,
 * after its mappings changed, then the verdicts of the folders involved.
 * Runs in batches, so it is safe on millions of reports; running it twice
 * gives the same result.
 */
export async function recomputeVerdicts(
  store: TofuiStore,
  payload: { statusTypeKey: string },
): Promise<{ changed: number }> {
  const statusTypes = await store.statusTypes.list();
  const folders = new Set<string>();
  let changed = 0;
  let after: string | undefined;
  for (;;) {
    const batch = await store.reports.listUsingStatusType(
      payload.statusTypeKey,
      after,
      BATCH,
    );
    if (batch.length === 0) {
      break;
    }
    const byStatus = new Map<OverallStatus, string[]>();
    for (const report of batch) {
      const status = deriveOverallStatus(report.statuses, statusTypes);
      if (status !== report.overallStatus) {
        byStatus.set(status, [...(byStatus.get(status) ?? []), report.id]);
        folders.add(report.folderId);
        changed += 1;
      }
    }
    for (const [status, ids] of byStatus) {
      await store.reports.setOverallStatus(ids, status);
    }
    after = batch[batch.length - 1].id;
  }
  await store.reports.refreshFolders([...folders]);
  return { changed };
}
