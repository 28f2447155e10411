import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  folderMatches,
  getTofuiFolderPatterns,
  getTofuiRepository,
  TOFUI_REPOSITORY_ANNOTATION,
} from '@tofui/backstage-plugin-tofui-common';
import { useCallback } from 'react';
import useAsync from 'react-use/esm/useAsync';

/** The annotations an entity names its repository with, as tofUI reads them. */
const REPOSITORY_ANNOTATIONS = [
  TOFUI_REPOSITORY_ANNOTATION,
  'github.com/project-slug',
  'gitlab.com/project-slug',
];

/**
 * The owners of the catalog entities covering a folder, for the
 * repositories shown: one catalog request for the entities naming them,
 * matched with the rules the backend maps folders by (`getTofuiRepository`,
 * `tofui.io/folders` via `folderMatches`). Without the catalog, no owners.
 */
export function useFolderOwners(repositories: ReadonlyArray<string>) {
  const catalogApi = useApiHolder().get(catalogApiRef);
  const key = [...new Set(repositories.map(r => r.toLowerCase()))]
    .sort()
    .join(',');

  const { value: entities = [] } = useAsync(async () => {
    if (!catalogApi || !key) return [];
    const names = key.split(',');
    // the annotation values as written; tofUI compares case-insensitively
    const values = [...new Set([...names, ...repositories])];
    const { items } = await catalogApi.getEntities({
      filter: REPOSITORY_ANNOTATIONS.map(a => ({
        [`metadata.annotations.${a}`]: values,
      })),
      fields: ['kind', 'metadata', 'spec.owner'],
    });
    return items.flatMap(entity => {
      const repository = getTofuiRepository(entity)?.toLowerCase();
      const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
      if (!repository || typeof owner !== 'string') return [];
      // `spec.owner` may be short ("platform-team"): a group of the
      // entity's namespace, as the catalog reads it
      let ownerRef: string;
      try {
        ownerRef = stringifyEntityRef(
          parseEntityRef(owner, {
            defaultKind: 'group',
            defaultNamespace: entity.metadata.namespace ?? 'default',
          }),
        );
      } catch {
        return []; // not a reference: no owner to show
      }
      return [
        {
          repository,
          patterns: getTofuiFolderPatterns(entity),
          owner: ownerRef,
        },
      ];
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for `repositories`
  }, [catalogApi, key]);
  return useCallback(
    (repository: string, folder: string) => [
      ...new Set(
        entities
          .filter(
            e =>
              e.repository === repository.toLowerCase() &&
              folderMatches(folder, e.patterns),
          )
          .map(e => e.owner),
      ),
    ],
    [entities],
  );
}
