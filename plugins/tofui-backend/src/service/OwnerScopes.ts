import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  folderMatches,
  getTofuiFolderPatterns,
  getTofuiRepository,
} from '@tofui/backstage-plugin-tofui-common';
import type { FolderScope, TofuiStore } from '../database/TofuiStore';
import { normalizeEntityRef } from './entityRefs';

/**
 * What an owner (a group or user) has in tofUI: the repositories and folders
 * of the catalog entities it owns, as the catalog shows them to the caller.
 */
export class OwnerScopes {
  constructor(
    private readonly catalog: CatalogService,
    private readonly store: TofuiStore,
  ) {}

  async resolve(
    owner: string,
    credentials: BackstageCredentials,
  ): Promise<FolderScope> {
    const ownerRef = normalizeEntityRef(owner, 'owner', 'group');
    const { items } = await this.ownedBy(ownerRef, credentials);

    const whole = new Set<string>();
    const patterns = new Map<string, string[]>();
    for (const entity of items) {
      const repository = getTofuiRepository(entity)?.toLowerCase();
      if (!repository) continue;
      const folders = getTofuiFolderPatterns(entity);
      if (!folders) {
        whole.add(repository);
      } else {
        patterns.set(repository, [
          ...(patterns.get(repository) ?? []),
          ...folders,
        ]);
      }
    }
    for (const repository of whole) patterns.delete(repository);

    // Globs (`aws_*`, `{a,b}`) are matched here rather than in SQL, on the
    // folders the repositories have now.
    const known = await this.store.repositories.folderNamesIn([
      ...patterns.keys(),
    ]);
    const folders = new Map<string, string[]>();
    for (const { repository, folder } of known) {
      if (folderMatches(folder, patterns.get(repository))) {
        folders.set(repository, [...(folders.get(repository) ?? []), folder]);
      }
    }
    return {
      repositories: [...whole].sort(),
      folders: [...folders.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([repository, names]) => ({
          repository,
          folders: names.sort(),
        })),
    };
  }

  /**
   * The entities `ownerRef` owns. A catalog that cannot be asked (not
   * installed, down) is the server's trouble, not the request's: 503, with
   * what the catalog said, rather than its own status passed through.
   */
  private async ownedBy(ownerRef: string, credentials: BackstageCredentials) {
    try {
      return await this.catalog.getEntities(
        {
          filter: { 'relations.ownedBy': ownerRef },
          fields: [
            'kind',
            'metadata.name',
            'metadata.namespace',
            'metadata.annotations',
          ],
        },
        { credentials },
      );
    } catch (error) {
      throw new ServiceUnavailableError(
        `Filtering by owner needs the software catalog, which did not answer: ${
          (error as Error).message
        }`,
        error,
      );
    }
  }
}
