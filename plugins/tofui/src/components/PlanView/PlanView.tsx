import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { buildReportModel, parsePlan } from '@internal/tofui-report';
import { useMemo } from 'react';
import { useArtifact } from '../ReportPage/useArtifact';
import { PlanExplorer } from './PlanExplorer';

/** A report's stored (redacted) plan, explored natively. */
export const PlanView = ({ reportId }: { reportId: string }) => {
  const { value, loading, error } = useArtifact(reportId, 'plan', true);
  const model = useMemo(() => {
    if (!value) return undefined;
    try {
      return { model: buildReportModel(parsePlan(value).plan) };
    } catch (e) {
      return { error: e as Error };
    }
  }, [value]);
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (model?.error) return <ResponseErrorPanel error={model.error} />;
  return model?.model ? <PlanExplorer model={model.model} /> : null;
};
