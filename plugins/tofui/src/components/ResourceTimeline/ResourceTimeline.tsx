import {
  Content,
  ContentHeader,
  SupportButton,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import { tofuiApiRef } from '../../api';
import { useKeysetPages } from '../../hooks/useKeysetPages';
import type { ResourceRef } from '../../lib/changeLinks';
import { ChangeTable } from '../ChangeTable';
import { TofuiNav } from '../TofuiNav';

const PAGE_SIZE = 50;

const History = ({ repository, folder, address }: ResourceRef) => {
  const api = useApi(tofuiApiRef);
  const fetchPage = useCallback(
    (page: { cursor?: string; limit: number }) =>
      api.getResourceHistory({ repository, folder, address, ...page }),
    [api, repository, folder, address],
  );
  const pages = useKeysetPages(fetchPage, PAGE_SIZE);
  return (
    <Paper>
      <ChangeTable
        label={`Runs that changed ${address}`}
        items={pages.items}
        loading={pages.loading}
        error={pages.error}
        hasMore={pages.hasMore}
        onLoadMore={pages.loadMore}
        showLocation={false}
        showAddress={false}
        empty="No indexed run changed this resource."
      />
    </Paper>
  );
};

/**
 * One resource's timeline (`?repository=&folder=&address=`): every indexed
 * run that changed it, newest first, with its action, attribute paths and
 * a link to the report opened at the resource.
 */
export const ResourceTimeline = () => {
  const [params] = useSearchParams();
  const repository = params.get('repository');
  const folder = params.get('folder');
  const address = params.get('address');
  return (
    <Content>
      <ContentHeader title="Resource timeline">
        <TofuiNav />
        <SupportButton>
          Every run whose plan changed this resource (or showed it drifted),
          newest first.
        </SupportButton>
      </ContentHeader>
      {repository && folder && address ? (
        <>
          <Typography
            variant="h6"
            component="h2"
            style={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}
          >
            {address}
          </Typography>
          <Typography variant="body2" color="textSecondary" paragraph>
            {repository} · {folder}
          </Typography>
          <History repository={repository} folder={folder} address={address} />
        </>
      ) : (
        <WarningPanel
          title="Which resource?"
          message="Open a resource's timeline from a change or from a report's plan: it needs a repository, a folder and an address."
        />
      )}
    </Content>
  );
};
