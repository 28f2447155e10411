import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';

/**
 * What follows a list read page by page (useKeysetPages): the progress bar
 * while a page loads, the error of a later page under the rows already
 * shown (the first page's replaces the list, see its callers), what to say
 * when nothing matched, and "Load more" while the cursor goes on.
 */
export const KeysetPageFooter = ({
  count,
  loading,
  error,
  hasMore,
  onLoadMore,
  empty,
}: {
  /** Rows shown; undefined before the first page. */
  count: number | undefined;
  loading: boolean;
  error?: Error;
  hasMore: boolean;
  onLoadMore: () => void;
  empty: ReactNode;
}) => (
  <>
    {loading && <Progress />}
    {error && !!count && <ResponseErrorPanel error={error} />}
    {!loading && count === 0 && (
      <Box p={2}>
        <Typography variant="body2">{empty}</Typography>
      </Box>
    )}
    {hasMore && !loading && (
      <Button size="small" onClick={onLoadMore} style={{ margin: 8 }}>
        Load more
      </Button>
    )}
  </>
);
