import { useApi } from '@backstage/frontend-plugin-api';
import type { FolderSummary, StatusType } from '@internal/plugin-tofui-common';
import useAsync from 'react-use/esm/useAsync';
import { tofuiApiRef } from '../api';

export interface FolderSummaries {
  items: FolderSummary[];
  statusTypes: StatusType[];
}

/** The dashboard summary (optionally for one repository) and the status types. */
export function useFolderSummaries(repository?: string) {
  const api = useApi(tofuiApiRef);
  return useAsync(async (): Promise<FolderSummaries> => {
    const [summary, statusTypes] = await Promise.all([
      api.getSummary(repository ? { repository } : {}),
      api.listStatusTypes(),
    ]);
    return { items: summary.items, statusTypes };
  }, [api, repository]);
}
