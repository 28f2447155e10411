import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import MenuItem from '@material-ui/core/MenuItem';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type {
  Change,
  Report,
  ReportCompare,
} from '@tofui/backstage-plugin-tofui-common';
import { DateTime } from 'luxon';
import type { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { tofuiApiRef } from '../../api';
import { useChangeLinks } from '../../lib/changeLinks';
import { ActionChip } from '../ActionChip';
import { RowLink } from '../RowLink';

/** Reports of the folder offered as a base (newest first). */
const PICKER_SIZE = 50;

const useStyles = makeStyles(theme => ({
  mono: { fontFamily: 'monospace', fontSize: 12, overflowWrap: 'anywhere' },
  added: { color: theme.palette.success?.main ?? '#1a7f37' },
  removed: { color: theme.palette.error.main },
}));

const runLabel = (r: Report) =>
  `${r.displayName ?? r.buildName} · ${
    r.reportType === 'test' ? 'plan' : 'apply'
  } · ${DateTime.fromISO(r.createdAt).toLocaleString(DateTime.DATETIME_MED)}`;

const Section = ({
  title,
  count,
  children,
}: {
  title: string;
  count: number;
  children: ReactNode;
}) =>
  count > 0 ? (
    <Box mt={2}>
      <Typography variant="subtitle1" component="h3">
        {title} ({count})
      </Typography>
      {children}
    </Box>
  ) : null;

/**
 * "Compare with…": this report's planned changes against another run's of
 * the same folder (`GET /v1/reports/{id}/compare`), keyed by address —
 * added, removed, action changed, attributes changed and how many are the
 * same. The base defaults to the previous run (the API's choice); `base`
 * picks another.
 */
export const CompareReports = ({
  report,
  base,
  onBaseChange,
}: {
  report: Report;
  /** The chosen base report; undefined: the previous run. */
  base?: string;
  onBaseChange: (base?: string) => void;
}) => {
  const classes = useStyles();
  const api = useApi(tofuiApiRef);
  const links = useChangeLinks();
  const candidates = useAsync(async () => {
    const page = await api.listReports({
      repository: report.repository,
      folder: report.folder,
      limit: PICKER_SIZE,
    });
    return page.items.filter(r => r.id !== report.id);
  }, [api, report.repository, report.folder, report.id]);
  const compare = useAsync(
    (): Promise<ReportCompare> => api.compareReports(report.id, base),
    [api, report.id, base],
  );
  const baseReport = useAsync(async () => {
    const id = compare.value?.base;
    if (!id) return undefined;
    return (
      candidates.value?.find(r => r.id === id) ?? (await api.getReport(id))
    );
  }, [api, compare.value?.base, candidates.value]);

  const address = (reportId: string | undefined, a: string) => {
    const to = reportId ? links.reportAt(reportId, a) : undefined;
    return to ? <RowLink to={to}>{a}</RowLink> : a;
  };
  const changeRows = (items: Change[], reportId?: string) => (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell>Resource</TableCell>
          <TableCell>Action</TableCell>
          <TableCell>Attributes</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map(c => (
          <TableRow key={`${c.address}/${c.drift}`}>
            <TableCell className={classes.mono}>
              {address(reportId, c.address)}
            </TableCell>
            <TableCell>
              <ActionChip action={c.action} drift={c.drift} />
            </TableCell>
            <TableCell className={classes.mono}>
              {c.attributes.join(', ')}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );

  const result = compare.value;
  return (
    <Box>
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        style={{ gap: 12 }}
      >
        <Box flex="0 1 480px" minWidth={260}>
          <TextField
            id="tofui-compare-base"
            select
            label="Compare with…"
            variant="outlined"
            size="small"
            fullWidth
            value={base ?? ''}
            onChange={e => onBaseChange(e.target.value || undefined)}
            SelectProps={{ displayEmpty: true }}
            InputLabelProps={{ shrink: true }}
          >
            <MenuItem value="">Previous run (default)</MenuItem>
            {candidates.value?.map(r => (
              <MenuItem key={r.id} value={r.id}>
                {runLabel(r)}
              </MenuItem>
            ))}
          </TextField>
        </Box>
        {result && (
          <Typography variant="body2" color="textSecondary">
            {baseReport.value ? (
              <>
                Base:{' '}
                {links.reportAt(baseReport.value.id) ? (
                  <RowLink to={links.reportAt(baseReport.value.id)!}>
                    {runLabel(baseReport.value)}
                  </RowLink>
                ) : (
                  runLabel(baseReport.value)
                )}
              </>
            ) : (
              !result.base &&
              'No earlier run of this folder: every change is new.'
            )}
          </Typography>
        )}
      </Box>
      {candidates.error && <ResponseErrorPanel error={candidates.error} />}
      {compare.loading && <Progress />}
      {compare.error && <ResponseErrorPanel error={compare.error} />}
      {result && !compare.loading && (
        <>
          <Box
            mt={2}
            display="flex"
            flexWrap="wrap"
            style={{ gap: 8 }}
            role="list"
            aria-label="Differences"
          >
            {(
              [
                ['Added', result.added.length],
                ['Removed', result.removed.length],
                ['Action changed', result.actionChanged.length],
                ['Attributes changed', result.attributesChanged.length],
                ['Unchanged', result.unchangedCount],
              ] as const
            ).map(([label, n]) => (
              <Chip
                key={label}
                role="listitem"
                size="small"
                label={`${label}: ${n}`}
                variant={n ? 'default' : 'outlined'}
              />
            ))}
          </Box>
          {result.added.length +
            result.removed.length +
            result.actionChanged.length +
            result.attributesChanged.length ===
            0 && (
            <Box mt={2}>
              <Typography variant="body2">
                Both plans change the same resources in the same way.
              </Typography>
            </Box>
          )}
          <Section title="Only in this plan" count={result.added.length}>
            {changeRows(result.added, result.head)}
          </Section>
          <Section title="Only in the base plan" count={result.removed.length}>
            {changeRows(result.removed, result.base)}
          </Section>
          <Section title="Action changed" count={result.actionChanged.length}>
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>Resource</TableCell>
                  <TableCell>Base</TableCell>
                  <TableCell>This plan</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {result.actionChanged.map(c => (
                  <TableRow key={c.address}>
                    <TableCell className={classes.mono}>
                      {address(result.head, c.address)}
                    </TableCell>
                    <TableCell>
                      <ActionChip action={c.base} />
                    </TableCell>
                    <TableCell>
                      <ActionChip action={c.head} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Section>
          <Section
            title="Attributes changed"
            count={result.attributesChanged.length}
          >
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>Resource</TableCell>
                  <TableCell>Action</TableCell>
                  <TableCell>Now also changes</TableCell>
                  <TableCell>No longer changes</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {result.attributesChanged.map(c => (
                  <TableRow key={c.address}>
                    <TableCell className={classes.mono}>
                      {address(result.head, c.address)}
                    </TableCell>
                    <TableCell>
                      <ActionChip action={c.action} />
                    </TableCell>
                    <TableCell className={`${classes.mono} ${classes.added}`}>
                      {c.added.join(', ')}
                    </TableCell>
                    <TableCell className={`${classes.mono} ${classes.removed}`}>
                      {c.removed.join(', ')}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Section>
        </>
      )}
    </Box>
  );
};
