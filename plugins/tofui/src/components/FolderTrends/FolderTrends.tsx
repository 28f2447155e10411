import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type { Report } from '@tofui/backstage-plugin-tofui-common';
import { DateTime } from 'luxon';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { tofuiApiRef } from '../../api';
import { useReportsChanged } from '../../hooks/useReportsChanged';
import { useChartColors } from '../InsightsPage/useChartColors';

/** How many of the latest runs the trend charts show. */
export const TREND_RUNS = 50;

interface RunPoint {
  label: string;
  name: string;
  type: string;
  verdict: Report['overallStatus'];
  one: 1;
  add: number;
  change: number;
  destroy: number;
}

/** Tooltip heading of a run: its name, type and time. */
function runLabel(
  _label: unknown,
  payload?: ReadonlyArray<{ payload?: unknown }>,
) {
  const point = payload?.[0]?.payload as RunPoint | undefined;
  return point ? `${point.name} (${point.type}) · ${point.label}` : '';
}

function toPoint(report: Report): RunPoint {
  const summary = report.summary ?? {};
  return {
    label: DateTime.fromISO(report.createdAt).toFormat('MM-dd HH:mm'),
    name: report.displayName ?? report.buildName,
    type: report.reportType,
    verdict: report.overallStatus,
    one: 1,
    add: summary.add ?? 0,
    change: (summary.change ?? 0) + (summary.replace ?? 0),
    destroy: summary.destroy ?? 0,
  };
}

/**
 * A folder's latest runs as two charts: the verdict of each run (pass/fail
 * over time) and what each plan would add, change (or replace) and destroy.
 */
export const FolderTrends = ({
  repository,
  folder,
}: {
  repository: string;
  folder: string;
}) => {
  const api = useApi(tofuiApiRef);
  const colors = useChartColors();
  const { value, error, retry } = useAsyncRetry(async () => {
    const page = await api.listReports({
      repository,
      folder,
      limit: TREND_RUNS,
    });
    return page.items.slice().reverse().map(toPoint);
  }, [api, repository, folder]);
  useReportsChanged(retry);

  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return <Progress />;
  if (value.length === 0) {
    return <Typography variant="body2">No runs yet.</Typography>;
  }
  const verdictColor = {
    passing: colors.passing,
    failing: colors.failing,
    unknown: colors.text,
  };
  const tooltip = (
    <Tooltip contentStyle={colors.tooltip} labelFormatter={runLabel} />
  );
  const passing = value.filter(p => p.verdict === 'passing').length;
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={6}>
        <InfoCard
          title="Verdict per run"
          subheader={`${passing} of ${value.length} latest runs passing`}
        >
          <Box
            height={200}
            role="img"
            aria-label={`Verdicts of the latest ${value.length} runs: ${passing} passing`}
          >
            <ResponsiveContainer>
              <BarChart data={value}>
                <XAxis
                  dataKey="label"
                  tick={{ fill: colors.text, fontSize: 11 }}
                />
                <YAxis hide domain={[0, 1]} />
                <Tooltip
                  contentStyle={colors.tooltip}
                  formatter={(_v, _n, item) => [
                    (item.payload as RunPoint).verdict.toUpperCase(),
                    'Verdict',
                  ]}
                  labelFormatter={runLabel}
                />
                <Bar
                  dataKey="one"
                  name="Verdict"
                  maxBarSize={24}
                  isAnimationActive={false}
                >
                  {value.map((point, i) => (
                    <Cell key={i} fill={verdictColor[point.verdict]} />
                  ))}
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </Box>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard
          title="Planned changes per run"
          subheader="add · change/replace · destroy"
        >
          <Box
            height={200}
            role="img"
            aria-label="Planned additions, changes and destructions per run"
          >
            <ResponsiveContainer>
              <BarChart data={value} maxBarSize={32}>
                <CartesianGrid strokeDasharray="3 3" stroke={colors.grid} />
                <XAxis
                  dataKey="label"
                  tick={{ fill: colors.text, fontSize: 11 }}
                />
                <YAxis
                  allowDecimals={false}
                  tick={{ fill: colors.text, fontSize: 11 }}
                />
                {tooltip}
                <Legend />
                <Bar
                  dataKey="add"
                  name="Add"
                  stackId="c"
                  fill={colors.passing}
                  isAnimationActive={false}
                />
                <Bar
                  dataKey="change"
                  name="Change"
                  stackId="c"
                  fill={colors.warning}
                  isAnimationActive={false}
                />
                <Bar
                  dataKey="destroy"
                  name="Destroy"
                  stackId="c"
                  fill={colors.failing}
                  isAnimationActive={false}
                />
              </BarChart>
            </ResponsiveContainer>
          </Box>
        </InfoCard>
      </Grid>
    </Grid>
  );
};
