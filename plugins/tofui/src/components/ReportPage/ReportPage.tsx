import {
  Content,
  ContentHeader,
  Link,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import type { Report } from '@tofui/backstage-plugin-tofui-common';
import { lazy, Suspense, useEffect } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { tofuiApiRef } from '../../api';
import { usePageQuery } from '../../hooks/usePageQuery';
import { RESOURCE_PARAM, useChangeLinks } from '../../lib/changeLinks';
import { rootRouteRef } from '../../routes';
import { RowLink } from '../RowLink';
import { DeleteReportButton } from '../DeleteReportButton';
import { DownloadButtons } from './DownloadButtons';
import { ReportMetadata } from './ReportMetadata';
import { SandboxedHtmlReport } from './SandboxedHtmlReport';
import { useReportsChanged } from '../../hooks/useReportsChanged';
import { useArtifact } from './useArtifact';

// The plan explorer (and react-window, the plan analysis) is its own chunk,
// fetched as the page opens, alongside the report; the other tabs load
// their code when opened.
const loadPlanView = () => import('../PlanView');
const PlanView = lazy(() =>
  loadPlanView().then(m => ({ default: m.PlanView })),
);
const CompareReports = lazy(() =>
  import('../CompareReports').then(m => ({ default: m.CompareReports })),
);
const LogReport = lazy(() =>
  import('../LogReport').then(m => ({ default: m.LogReport })),
);

const TABS = ['plan', 'compare', 'html', 'log'] as const;
type TabKey = (typeof TABS)[number];

/** The URL's query: the open tab, the resource linked to, the compare base. */
const VIEW_PARAM = 'view';
const BASE_PARAM = 'base';

const RENDER_POLL_MS = 2000;

const HtmlTab = ({ report }: { report: Report }) => (
  <SandboxedHtmlReport
    reportId={report.id}
    title={`Plan report ${report.displayName ?? report.buildName}`}
  />
);

const LogTab = ({ report }: { report: Report }) => {
  const { value, loading, error } = useArtifact(report.id, 'log', true);
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  return <LogReport log={value ?? ''} />;
};

/** Why there is no HTML report to show. */
const NoHtml = ({ report }: { report: Report }) => {
  if (report.renderStatus === 'pending') {
    return (
      <Typography>
        The HTML report is being rendered from the plan; it appears here when it
        is ready.
      </Typography>
    );
  }
  if (report.renderStatus === 'failed') {
    return (
      <WarningPanel
        title="The HTML report could not be rendered from the plan"
        message={report.renderError}
        defaultExpanded
      />
    );
  }
  return <Typography>This report has no HTML report.</Typography>;
};

/**
 * One report: metadata, statuses and counts, its plan, how it compares with
 * another run, its HTML report and its log. The tab, the resource the plan
 * is opened at (`?resource=`) and the compare base (`?base=`) are in the URL.
 */
export const ReportPage = () => {
  const { id } = useParams();
  const api = useApi(tofuiApiRef);
  const dashboard = useRouteRef(rootRouteRef);
  const navigate = useNavigate();
  const { value, loading, error, retry } = useAsyncRetry(async () => {
    const [report, statusTypes] = await Promise.all([
      api.getReport(id!),
      api.listStatusTypes(),
    ]);
    return { report, statusTypes };
  }, [api, id]);
  useReportsChanged(retry);
  useEffect(() => {
    loadPlanView();
  }, []);
  // While the backend renders the HTML report, look again every few seconds
  // (also where live updates are not available).
  const pending = value?.report.renderStatus === 'pending';
  useEffect(() => {
    if (!pending) return undefined;
    const timer = setTimeout(retry, RENDER_POLL_MS);
    return () => clearTimeout(timer);
  }, [pending, retry, value]);
  const { params, setParam: setQueryParam } = usePageQuery();
  const links = useChangeLinks();
  const setParam = (key: string, to?: string) =>
    setQueryParam(key, to, { replace: true });
  const view = params.get(VIEW_PARAM);
  const chosenTab = TABS.find(t => t === view);
  const resource = params.get(RESOURCE_PARAM) ?? undefined;

  if (loading && !value) return <Progress />;
  if (error || !value) {
    return (
      <Content>
        <ResponseErrorPanel error={error ?? new Error('Report not found')} />
      </Content>
    );
  }
  const { report, statusTypes } = value;
  const hasPlan = !!report.artifacts?.plan;
  const tabs: Array<[TabKey, string, boolean]> = [
    ['plan', 'Plan', hasPlan],
    ['compare', 'Compare with…', hasPlan],
    ['html', 'HTML report', true],
    ['log', 'Log', !!report.artifacts?.log],
  ];
  // the plan first when there is one, else the HTML report
  const offered = tabs.find(([key, , ok]) => key === chosenTab && ok)?.[0];
  const tab = offered ?? (hasPlan ? 'plan' : 'html');
  const timelineOf = (address: string) => {
    const to = links.timeline({
      repository: report.repository,
      folder: report.folder,
      address,
    });
    return to && <RowLink to={to}>Timeline of this resource</RowLink>;
  };
  return (
    <Content>
      <ContentHeader title={`${report.repository} · ${report.folder}`}>
        {dashboard && <Link to={dashboard()}>All folders</Link>}
      </ContentHeader>
      <ReportMetadata report={report} statusTypes={statusTypes} />
      <Box my={2} display="flex" flexWrap="wrap" style={{ gap: 8 }}>
        <DownloadButtons report={report} />
        <DeleteReportButton
          report={report}
          onDeleted={() => navigate(dashboard ? dashboard() : '..')}
        />
      </Box>
      <Paper>
        <Tabs
          value={tab}
          onChange={(_e, next) =>
            setParam(VIEW_PARAM, next === 'plan' ? undefined : next)
          }
          indicatorColor="primary"
          aria-label="Report views"
        >
          {tabs
            .filter(([, , shown]) => shown)
            .map(([key, label]) => (
              <Tab key={key} value={key} label={label} />
            ))}
        </Tabs>
        <Box p={tab === 'html' && report.artifacts?.html ? 0 : 2}>
          <Suspense fallback={<Progress />}>
            {tab === 'html' &&
              (report.artifacts?.html ? (
                <HtmlTab report={report} />
              ) : (
                <NoHtml report={report} />
              ))}
            {tab === 'log' && <LogTab report={report} />}
            {tab === 'plan' && (
              <PlanView
                reportId={report.id}
                rendered={report.renderStatus === 'rendered'}
                selectAddress={resource}
                resourceActions={timelineOf}
              />
            )}
            {tab === 'compare' && (
              <CompareReports
                report={report}
                base={params.get(BASE_PARAM) ?? undefined}
                onBaseChange={base => setParam(BASE_PARAM, base)}
              />
            )}
          </Suspense>
        </Box>
      </Paper>
    </Content>
  );
};
