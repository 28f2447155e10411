import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  folderMatches,
  getTofuiFolderPatterns,
  getTofuiRepository,
} from '@tofui/backstage-plugin-tofui-common';
import { useFolderSummaries } from './useFolderSummaries';

/**
 * The current entity's repository and the folders of it the entity covers
 * (`tofui.io/folders`, globs; default all), with their latest reports.
 */
export function useEntityFolders() {
  const { entity } = useEntity();
  const repository = getTofuiRepository(entity);
  const patterns = getTofuiFolderPatterns(entity);
  const { value, loading, error } = useFolderSummaries(repository);
  return {
    /** The entity's ref: the lists narrowed to it on the server. */
    entityRef: stringifyEntityRef(entity),
    repository,
    items: value?.items.filter(i => folderMatches(i.folder, patterns)),
    statusTypes: value?.statusTypes ?? [],
    loading: loading && !value,
    error,
  };
}
