import { useApi } from '@backstage/frontend-plugin-api';
import type {
  FolderSummary,
  StatusType,
} from '@tofui/backstage-plugin-tofui-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { tofuiApiRef } from '../api';
import { useReportsChanged } from './useReportsChanged';

export interface FolderSummaries {
  items: FolderSummary[];
  statusTypes: StatusType[];
}

/**
 * The dashboard summary (optionally for one repository) and the status
 * types; refetched when reports change (live updates), keeping what is shown
 * until the new data is there.
 */
export function useFolderSummaries(repository?: string) {
  const api = useApi(tofuiApiRef);
  const state = useAsyncRetry(async (): Promise<FolderSummaries> => {
    const [summary, statusTypes] = await Promise.all([
      api.getSummary(repository ? { repository } : {}),
      api.listStatusTypes(),
    ]);
    return { items: summary.items, statusTypes };
  }, [api, repository]);
  useReportsChanged(state.retry);
  return state;
}
