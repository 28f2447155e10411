import { Table, type TableColumn } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { FolderSummary, StatusType } from '@internal/plugin-tofui-common';
import { FolderHistory } from '../FolderHistory';
import { VerdictBadge } from '../VerdictBadge';
import { ReportCell } from './ReportCell';

export interface FolderTableProps {
  title: string;
  items: FolderSummary[];
  statusTypes: ReadonlyArray<StatusType>;
  /** Show the repository column (off on an entity page: one repository). */
  showRepository?: boolean;
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
}: FolderTableProps) => {
  const columns: TableColumn<Row>[] = [
    ...(showRepository
      ? [
          {
            title: 'Repository',
            field: 'repository',
            width: '16%',
            render: (row: Row) => (
              <>
                <Typography variant="body2">
                  {row.repositoryDisplayName ?? row.repository}
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
    { title: 'Folder', field: 'folder', highlight: true, width: '14%' },
    {
      title: 'Verdict',
      field: 'overallStatus',
      width: '12%',
      cellStyle: { whiteSpace: 'nowrap' },
      render: row => <VerdictBadge status={row.overallStatus} />,
    },
    {
      title: 'Latest build',
      sorting: false,
      width: '29%',
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
      width: '29%',
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
        paging: rows.length > 50,
        pageSize: 50,
        search: true,
        padding: 'dense',
      }}
    />
  );
};
