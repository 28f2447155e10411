import { Link, Table, type TableColumn } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import Typography from '@material-ui/core/Typography';
import type { FolderSummary, StatusType } from '@internal/plugin-tofui-common';
import { folderRouteRef, repositoryRouteRef } from '../../routes';
import { FolderHistory } from '../FolderHistory';
import { VerdictBadge } from '../VerdictBadge';
import { ReportCell } from './ReportCell';

export interface FolderTableProps {
  title: string;
  items: FolderSummary[];
  statusTypes: ReadonlyArray<StatusType>;
  /** Show the repository column (off on an entity page: one repository). */
  showRepository?: boolean;
  /**
   * Rows as the server filtered and ordered them (the dashboard): no
   * client-side search, sorting or paging.
   */
  serverSide?: boolean;
  /** Shown under the table, e.g. a "Load more" button. */
  footer?: React.ReactNode;
}

type Row = FolderSummary & { id: string };

/**
 * Repositories → folders, each with its verdict and latest build and test.
 * Rows keep the server's order: failing folders first. Expanding a row
 * shows the folder's history.
 */
export const FolderTable = ({
  title,
  items,
  statusTypes,
  showRepository = true,
  serverSide = false,
  footer,
}: FolderTableProps) => {
  const repositoryRoute = useRouteRef(repositoryRouteRef);
  const folderRoute = useRouteRef(folderRouteRef);
  const repositoryParams = (repository: string) => {
    const [owner, repo] = repository.split('/');
    return { owner, repo };
  };
  const columns: TableColumn<Row>[] = [
    ...(showRepository
      ? [
          {
            title: 'Repository',
            field: 'repository',
            width: '15%',
            sorting: !serverSide,
            render: (row: Row) => (
              <>
                <Typography variant="body2">
                  {repositoryRoute ? (
                    <Link
                      to={repositoryRoute(repositoryParams(row.repository))}
                    >
                      {row.repositoryDisplayName ?? row.repository}
                    </Link>
                  ) : (
                    row.repositoryDisplayName ?? row.repository
                  )}
                </Typography>
                {row.repositoryDisplayName && (
                  <Typography variant="caption" color="textSecondary">
                    {row.repository}
                  </Typography>
                )}
              </>
            ),
          } as TableColumn<Row>,
        ]
      : []),
    {
      title: 'Folder',
      field: 'folder',
      highlight: true,
      width: '17%',
      sorting: !serverSide,
      render: row =>
        folderRoute ? (
          <Link
            to={folderRoute({
              ...repositoryParams(row.repository),
              folder: row.folder,
            })}
          >
            {row.folder}
          </Link>
        ) : (
          row.folder
        ),
    },
    {
      title: 'Verdict',
      field: 'overallStatus',
      sorting: !serverSide,
      width: '12%',
      cellStyle: { whiteSpace: 'nowrap' },
      render: row => <VerdictBadge status={row.overallStatus} />,
    },
    {
      title: 'Latest build',
      sorting: false,
      width: '28%',
      customFilterAndSearch: (term, row) =>
        `${row.latestBuild?.buildName} ${row.latestBuild?.displayName}`
          .toLowerCase()
          .includes(String(term).toLowerCase()),
      render: row => (
        <ReportCell report={row.latestBuild} statusTypes={statusTypes} />
      ),
    },
    {
      title: 'Latest test',
      sorting: false,
      width: '28%',
      render: row => (
        <ReportCell report={row.latestTest} statusTypes={statusTypes} />
      ),
    },
  ];
  const rows: Row[] = items.map(item => ({
    ...item,
    id: `${item.repository}/${item.folder}`,
  }));
  return (
    <>
      <Table<Row>
        title={title}
        columns={columns}
        data={rows}
        detailPanel={({ rowData }) => (
          <FolderHistory
            repository={rowData.repository}
            folder={rowData.folder}
            statusTypes={statusTypes}
          />
        )}
        options={{
          paging: !serverSide && rows.length > 50,
          pageSize: 50,
          search: !serverSide,
          sorting: !serverSide,
          padding: 'dense',
        }}
      />
      {footer}
    </>
  );
};
