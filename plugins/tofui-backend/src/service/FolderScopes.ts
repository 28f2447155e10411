import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  folderMatches,
  getTofuiFolderPatterns,
  getTofuiRepository,
} from '@tofui/backstage-plugin-tofui-common';
import type { FolderScope, TofuiStore } from '../database/TofuiStore';
import { normalizeEntityRef } from './entityRefs';

/**
 * The repositories and folders a list is narrowed to: an owner's (a group or
 * user: those of the catalog entities it owns, as the catalog shows them to
 * the caller) or one entity's (as last synced from the catalog).
 */
export class FolderScopes {
  constructor(
    private readonly catalog: CatalogService,
    private readonly store: TofuiStore,
  ) {}

  /** The scope of `owner` or `entity` (400 for both); undefined for neither. */
  async of(
    query: { owner?: string; entity?: string },
    credentials: BackstageCredentials,
  ): Promise<FolderScope | undefined> {
    if (query.owner && query.entity) {
      throw new InputError('Filter by owner or by entity, not both');
    }
    if (query.entity) {
      return this.store.mappings.scopeOf(
        normalizeEntityRef(query.entity, 'entity', 'component'),
      );
    }
    return query.owner ? this.ofOwner(query.owner, credentials) : undefined;
  }

  private async ofOwner(
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
