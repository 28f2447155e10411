import { useApi } from '@backstage/frontend-plugin-api';
import type { ReportArtifactKind } from '@tofui/backstage-plugin-tofui-common';
import useAsync from 'react-use/esm/useAsync';
import { tofuiApiRef } from '../../api';

/** A report's artifact as text, loaded when `enabled` (i.e. its tab is open). */
export function useArtifact(
  id: string,
  kind: ReportArtifactKind,
  enabled: boolean,
) {
  const api = useApi(tofuiApiRef);
  return useAsync(
    async () => (enabled ? api.getReportArtifact(id, kind) : undefined),
    [api, id, kind, enabled],
  );
}
