import {
  Content,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { MissingAnnotationEmptyState } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import { TOFUI_REPOSITORY_ANNOTATION } from '@tofui/backstage-plugin-tofui-common';
import { useEntityFolders } from '../../hooks/useEntityFolders';
import { FolderTable } from '../FolderTable';
import { PublishHint } from '../PublishHint';
import { EntityChanges, EntityDrift } from './EntityChangeIntelligence';

/**
 * The "tofUI" tab of an entity: the folders of its repository (narrowed by
 * `tofui.io/folders`) with their latest build and test, then their open
 * drift and their resource changes.
 */
export const EntityTofuiContent = () => {
  const { entityRef, repository, items, statusTypes, loading, error } =
    useEntityFolders();
  if (!repository) {
    return (
      <MissingAnnotationEmptyState annotation={TOFUI_REPOSITORY_ANNOTATION} />
    );
  }
  return (
    <Content>
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {items && items.length === 0 && (
        <PublishHint title={`No reports for ${repository} yet`} />
      )}
      {items && items.length > 0 && (
        <FolderTable
          title={`${repository} folders`}
          items={items}
          statusTypes={statusTypes}
          showRepository={false}
        />
      )}
      {items && items.length > 0 && (
        <>
          <Box mt={3}>
            <EntityDrift entityRef={entityRef} repository={repository} />
          </Box>
          <Box mt={3}>
            <EntityChanges entityRef={entityRef} repository={repository} />
          </Box>
        </>
      )}
    </Content>
  );
};
