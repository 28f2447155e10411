import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { Insights } from '@tofui/backstage-plugin-tofui-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { tofuiApiRef } from '../../api';
import { useReportsChanged } from '../../hooks/useReportsChanged';
import { repositoryParams } from '../../lib/repositoryParams';
import { folderRouteRef, repositoryRouteRef } from '../../routes';
import { VerdictBadge } from '../VerdictBadge';
import { useChartColors } from './useChartColors';

export interface InsightsChartsProps {
  days: number;
  repository?: string;
  owner?: string;
  /** Only the two charts (a repository's page). */
  compact?: boolean;
}

const Totals = ({ insights }: { insights: Insights }) => {
  const { totals } = insights;
  const figures = [
    ['Runs', totals.reports.toLocaleString()],
    [
      'Pass rate',
      totals.passRate === null ? '—' : `${Math.round(totals.passRate * 100)}%`,
    ],
    ['Active repositories', totals.activeRepositories.toLocaleString()],
    ['Active folders', totals.activeFolders.toLocaleString()],
    [
      'Failing now',
      `${totals.failingFolders.toLocaleString()} of ${totals.folders.toLocaleString()} folders`,
    ],
  ];
  return (
    <Grid item xs={12}>
      <Box display="flex" flexWrap="wrap" role="list" aria-label="Totals">
        {figures.map(([label, figure]) => (
          <Box key={label} mr={4} mb={1} role="listitem">
            <Typography variant="caption" color="textSecondary">
              {label}
            </Typography>
            <Typography variant="h5" component="p">
              {figure}
            </Typography>
          </Box>
        ))}
      </Box>
    </Grid>
  );
};

const shortDay = (day: string) => day.slice(5);

const RunsPerDay = ({ insights }: { insights: Insights }) => {
  const colors = useChartColors();
  return (
    <Box height={240} role="img" aria-label="Runs per day, builds and tests">
      <ResponsiveContainer>
        <BarChart data={insights.days}>
          <CartesianGrid strokeDasharray="3 3" stroke={colors.grid} />
          <XAxis
            dataKey="day"
            tickFormatter={shortDay}
            tick={{ fill: colors.text, fontSize: 12 }}
          />
          <YAxis
            allowDecimals={false}
            tick={{ fill: colors.text, fontSize: 12 }}
          />
          <Tooltip contentStyle={colors.tooltip} />
          <Legend />
          <Bar
            dataKey="build"
            name="Builds"
            stackId="runs"
            fill={colors.build}
            isAnimationActive={false}
          />
          <Bar
            dataKey="test"
            name="Tests"
            stackId="runs"
            fill={colors.test}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </Box>
  );
};

const PassRate = ({ insights }: { insights: Insights }) => {
  const colors = useChartColors();
  const data = insights.days.map(d => ({
    day: d.day,
    rate:
      d.passing + d.failing > 0
        ? Math.round((d.passing / (d.passing + d.failing)) * 100)
        : null,
    failing: d.failing,
  }));
  return (
    <Box height={240} role="img" aria-label="Pass rate per day">
      <ResponsiveContainer>
        <LineChart data={data}>
          <CartesianGrid strokeDasharray="3 3" stroke={colors.grid} />
          <XAxis
            dataKey="day"
            tickFormatter={shortDay}
            tick={{ fill: colors.text, fontSize: 12 }}
          />
          <YAxis
            domain={[0, 100]}
            unit="%"
            tick={{ fill: colors.text, fontSize: 12 }}
          />
          <Tooltip contentStyle={colors.tooltip} />
          <Legend />
          <Line
            type="monotone"
            dataKey="rate"
            name="Pass rate"
            stroke={colors.passing}
            connectNulls
            dot={{ r: 2 }}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </Box>
  );
};

const FailingFolders = ({ insights }: { insights: Insights }) => {
  const folderRoute = useRouteRef(folderRouteRef);
  if (insights.folders.length === 0) {
    return (
      <Box p={2}>
        <Typography variant="body2">No failing runs in this window.</Typography>
      </Box>
    );
  }
  return (
    <Table size="small" aria-label="Most failing folders">
      <TableHead>
        <TableRow>
          <TableCell>Folder</TableCell>
          <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
            Failing runs
          </TableCell>
          <TableCell align="right">Runs</TableCell>
          <TableCell>Now</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {insights.folders.map(f => {
          const name = `${f.repository} · ${f.folder}`;
          return (
            <TableRow key={`${f.repository}/${f.folder}`}>
              <TableCell>
                {folderRoute ? (
                  <Link
                    to={folderRoute({
                      ...repositoryParams(f.repository),
                      folder: f.folder,
                    })}
                  >
                    {name}
                  </Link>
                ) : (
                  name
                )}
              </TableCell>
              <TableCell align="right">{f.failing}</TableCell>
              <TableCell align="right">{f.reports}</TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                {f.overallStatus && <VerdictBadge status={f.overallStatus} />}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
};

const ActiveRepositories = ({ insights }: { insights: Insights }) => {
  const repositoryRoute = useRouteRef(repositoryRouteRef);
  if (insights.repositories.length === 0) {
    return (
      <Box p={2}>
        <Typography variant="body2">No runs in this window.</Typography>
      </Box>
    );
  }
  return (
    <Table size="small" aria-label="Most active repositories">
      <TableHead>
        <TableRow>
          <TableCell>Repository</TableCell>
          <TableCell align="right">Runs</TableCell>
          <TableCell align="right">Failing runs</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {insights.repositories.map(r => {
          return (
            <TableRow key={r.repository}>
              <TableCell>
                {repositoryRoute ? (
                  <Link to={repositoryRoute(repositoryParams(r.repository))}>
                    {r.repository}
                  </Link>
                ) : (
                  r.repository
                )}
              </TableCell>
              <TableCell align="right">{r.reports}</TableCell>
              <TableCell align="right">{r.failing}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
};

/**
 * The Insights aggregates as figures, charts and rankings; one request to
 * the aggregate endpoint, refreshed when reports change.
 */
export const InsightsCharts = ({
  days,
  repository,
  owner,
  compact = false,
}: InsightsChartsProps) => {
  const api = useApi(tofuiApiRef);
  const { value, error, retry } = useAsyncRetry(
    () =>
      api.getInsights({
        days,
        ...(repository && { repository }),
        ...(owner && { owner }),
      }),
    [api, days, repository, owner],
  );
  useReportsChanged(retry);
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return <Progress />;
  return (
    <Grid container spacing={2}>
      {!compact && <Totals insights={value} />}
      <Grid item xs={12} md={6}>
        <InfoCard title="Runs per day" subheader={`Last ${days} days (UTC)`}>
          <RunsPerDay insights={value} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard
          title="Pass rate"
          subheader="Passing runs / runs with a verdict"
        >
          <PassRate insights={value} />
        </InfoCard>
      </Grid>
      {!compact && (
        <>
          <Grid item xs={12} md={6}>
            <InfoCard title="Most failing folders" noPadding>
              <FailingFolders insights={value} />
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={6}>
            <InfoCard title="Most active repositories" noPadding>
              <ActiveRepositories insights={value} />
            </InfoCard>
          </Grid>
        </>
      )}
    </Grid>
  );
};
