import {
  Content,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { MissingAnnotationEmptyState } from '@backstage/plugin-catalog-react';
import { TOFUI_REPOSITORY_ANNOTATION } from '@tofui/backstage-plugin-tofui-common';
import { useEntityFolders } from '../../hooks/useEntityFolders';
import { FolderTable } from '../FolderTable';
import { PublishHint } from '../PublishHint';

/**
 * The "tofUI" tab of an entity: the folders of its repository (narrowed by
 * `tofui.io/folders`) with their latest build and test.
 */
export const EntityTofuiContent = () => {
  const { repository, items, statusTypes, loading, error } = useEntityFolders();
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
    </Content>
  );
};
