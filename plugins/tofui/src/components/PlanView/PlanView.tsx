import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  buildReportModel,
  parsePlan,
  readReportModel,
  type ReportModel,
} from '@tofui/report';
import type { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { tofuiApiRef } from '../../api';
import { PlanExplorer } from './PlanExplorer';

/**
 * A report's stored (redacted) plan, explored natively.
 *
 * When the backend rendered the report's HTML itself (`rendered`), that page
 * carries the analysis of exactly the stored plan, compressed: reading it
 * costs a small download and no analysis, where the plan itself is ~40×
 * larger and must be parsed and analysed in the browser (about a second for
 * 10,000 resources). Otherwise, or if that page cannot be read, the plan is
 * the source.
 */
export const PlanView = ({
  reportId,
  rendered = false,
  selectAddress,
  resourceActions,
}: {
  reportId: string;
  rendered?: boolean;
  /** Open the plan at this resource. */
  selectAddress?: string;
  /** Links above the selected resource's diff. */
  resourceActions?: (address: string) => ReactNode;
}) => {
  const api = useApi(tofuiApiRef);
  const {
    value: model,
    loading,
    error,
  } = useAsync(async (): Promise<ReportModel> => {
    if (rendered) {
      try {
        return await readReportModel(
          await api.getReportArtifact(reportId, 'html'),
        );
      } catch {
        // fall back to the plan, the source of truth
      }
    }
    const plan = await api.getReportArtifact(reportId, 'plan');
    // the stored plan went through the backend's redaction (its own
    // options); its redaction report comes with it
    return buildReportModel(parsePlan(plan).plan, {
      redaction: { enabled: false },
    });
  }, [api, reportId, rendered]);
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  return model ? (
    <PlanExplorer
      model={model}
      selectAddress={selectAddress}
      resourceActions={resourceActions}
    />
  ) : null;
};
