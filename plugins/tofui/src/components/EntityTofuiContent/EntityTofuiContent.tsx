import {
  Content,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  folderMatches,
  getTofuiFolderPatterns,
  getTofuiRepository,
  TOFUI_REPOSITORY_ANNOTATION,
} from '@internal/plugin-tofui-common';
import { MissingAnnotationEmptyState } from '@backstage/plugin-catalog-react';
import { useFolderSummaries } from '../../hooks/useFolderSummaries';
import { FolderTable } from '../FolderTable';
import { PublishHint } from '../PublishHint';

/**
 * The "tofUI" tab of an entity: the folders of its repository (narrowed by
 * `tofui.io/folders`) with their latest build and test.
 */
export const EntityTofuiContent = () => {
  const { entity } = useEntity();
  const repository = getTofuiRepository(entity);
  const patterns = getTofuiFolderPatterns(entity);
  const { value, loading, error } = useFolderSummaries(repository);

  if (!repository) {
    return (
      <MissingAnnotationEmptyState annotation={TOFUI_REPOSITORY_ANNOTATION} />
    );
  }
  const items = value?.items.filter(i => folderMatches(i.folder, patterns));
  return (
    <Content>
      {loading && !value && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {items && items.length === 0 && (
        <PublishHint title={`No reports for ${repository} yet`} />
      )}
      {value && items && items.length > 0 && (
        <FolderTable
          title={`${repository} folders`}
          items={items}
          statusTypes={value.statusTypes}
          showRepository={false}
        />
      )}
    </Content>
  );
};
