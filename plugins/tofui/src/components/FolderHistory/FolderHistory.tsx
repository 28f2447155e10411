import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { Report, StatusType } from '@tofui/backstage-plugin-tofui-common';
import { useCallback, useEffect, useState } from 'react';
import { tofuiApiRef } from '../../api';
import { reportRouteRef } from '../../routes';
import { RelativeTime } from '../RelativeTime';
import { StatusChips } from '../StatusChip';
import { VerdictBadge } from '../VerdictBadge';

const PAGE_SIZE = 10;

/**
 * A folder's history, builds and tests together, newest first, a page at a
 * time ("Load more" follows the API's cursor: no fixed limit).
 */
export const FolderHistory = ({
  repository,
  folder,
  statusTypes,
}: {
  repository: string;
  folder: string;
  statusTypes: ReadonlyArray<StatusType>;
}) => {
  const api = useApi(tofuiApiRef);
  const reportRoute = useRouteRef(reportRouteRef);
  const [reports, setReports] = useState<Report[]>([]);
  const [cursor, setCursor] = useState<string>();
  const [done, setDone] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<Error>();

  const load = useCallback(
    async (after?: string) => {
      setLoading(true);
      try {
        const page = await api.listReports({
          repository,
          folder,
          limit: PAGE_SIZE,
          cursor: after,
        });
        setReports(previous =>
          after ? [...previous, ...page.items] : page.items,
        );
        setCursor(page.nextCursor);
        setDone(!page.nextCursor);
      } catch (e) {
        setError(e as Error);
      } finally {
        setLoading(false);
      }
    },
    [api, repository, folder],
  );
  useEffect(() => {
    load();
  }, [load]);

  if (error) return <ResponseErrorPanel error={error} />;
  return (
    <Box px={2} pb={2}>
      <Table size="small" aria-label={`History of ${repository} ${folder}`}>
        <TableHead>
          <TableRow>
            <TableCell>Run</TableCell>
            <TableCell>Type</TableCell>
            <TableCell>Verdict</TableCell>
            <TableCell>Statuses</TableCell>
            <TableCell>When</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {reports.map(report => (
            <TableRow key={report.id}>
              <TableCell>
                {reportRoute ? (
                  <Link to={reportRoute({ id: report.id })}>
                    {report.displayName ?? report.buildName}
                  </Link>
                ) : (
                  report.displayName ?? report.buildName
                )}
              </TableCell>
              <TableCell>{report.reportType}</TableCell>
              <TableCell>
                <VerdictBadge status={report.overallStatus} />
              </TableCell>
              <TableCell>
                <StatusChips
                  statuses={report.statuses}
                  statusTypes={statusTypes}
                />
              </TableCell>
              <TableCell>
                <RelativeTime iso={report.createdAt} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {loading && <Progress />}
      {!loading && reports.length === 0 && (
        <Typography variant="body2">No reports for this folder.</Typography>
      )}
      {!done && !loading && (
        <Button
          size="small"
          onClick={() => load(cursor)}
          style={{ marginTop: 8 }}
        >
          Load more
        </Button>
      )}
    </Box>
  );
};
