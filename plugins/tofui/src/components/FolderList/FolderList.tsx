import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import type {
  OverallStatus,
  SummaryQuery,
} from '@tofui/backstage-plugin-tofui-common';
import { useMemo } from 'react';
import { useSummaryPages } from '../../hooks/useSummaryPages';
import { narrowLocally } from '../../lib/narrowLocally';
import { FolderTable } from '../FolderTable';
import { PublishHint } from '../PublishHint';
import { SummaryCounts } from '../SummaryCounts';

export interface FolderListProps {
  title: string;
  query: SummaryQuery;
  selectedStatus?: OverallStatus;
  onSelectStatus: (status?: OverallStatus) => void;
  /** Whether filters are applied: an empty result then means "no match". */
  filtered: boolean;
  showRepository?: boolean;
  /**
   * Search text as typed, ahead of `query.q`: the rows already loaded are
   * narrowed to it at once, and the server's answer replaces them.
   */
  typedText?: string;
}

/**
 * Folders matching a query, as the server filters, orders and pages them,
 * with their counts by verdict and a "Load more" at the end.
 */
export const FolderList = ({
  title,
  query,
  selectedStatus,
  onSelectStatus,
  filtered,
  showRepository = true,
  typedText,
}: FolderListProps) => {
  const {
    items: loaded,
    loadedQuery,
    counts,
    statusTypes,
    hasMore,
    loading,
    error,
    loadMore,
  } = useSummaryPages(query);
  // Until the server answers a new query (or while search text is still
  // being typed), the loaded rows are narrowed to it at once where that is
  // exact; otherwise they stay as they are.
  const typed = typedText?.trim() || undefined;
  const items = useMemo(() => {
    const wanted = typed === undefined ? query : { ...query, q: typed };
    if (
      !loaded ||
      !loadedQuery ||
      JSON.stringify(wanted) === JSON.stringify(loadedQuery)
    ) {
      return loaded;
    }
    return narrowLocally(loaded, loadedQuery, wanted) ?? loaded;
  }, [loaded, loadedQuery, query, typed]);

  if (error && !items) return <ResponseErrorPanel error={error} />;
  if (!items) return <Progress />;
  // Narrowed rows are a subset of the answer: none of them proves nothing.
  const provisional = items !== loaded;
  if (items.length === 0 && !filtered && !provisional) {
    return <PublishHint title="No reports published yet" />;
  }
  return (
    <>
      {error && <ResponseErrorPanel error={error} />}
      {counts && (
        <SummaryCounts
          counts={counts}
          selected={selectedStatus}
          onSelect={onSelectStatus}
        />
      )}
      {/* Keeps its height, so the table does not jump while filtering. */}
      <Box height={4} aria-hidden>
        {loading && <LinearProgress />}
      </Box>
      {items.length === 0 && !provisional && (
        <EmptyState
          missing="data"
          title="No folders match"
          description="Change or clear the filters above."
        />
      )}
      {items.length > 0 && (
        <FolderTable
          title={title}
          items={items}
          statusTypes={statusTypes}
          showRepository={showRepository}
          footer={
            hasMore &&
            !provisional && (
              <Box display="flex" justifyContent="center" mt={1}>
                <Button
                  variant="outlined"
                  onClick={loadMore}
                  disabled={loading}
                >
                  Load more ({(counts?.total ?? 0) - items.length} more)
                </Button>
              </Box>
            )
          }
        />
      )}
    </>
  );
};
