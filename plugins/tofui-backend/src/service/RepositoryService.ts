import { NotFoundError } from '@backstage/errors';
import type {
  ListFoldersQuery,
  ListRepositoriesQuery,
  RegisterRepositoryRequest,
  RepositoryDetail,
} from '@tofui/backstage-plugin-tofui-common';
import type { ReportAccess, TofuiStore } from '../database/TofuiStore';
import { normalizeEntityRef } from './entityRefs';
import type { TofuiEvents } from '../events/TofuiEvents';
import type { JsonBody } from './JsonBody';
import type { ResponseCache } from './ResponseCache';

const DEFAULT_LIMIT = 50;
/** Folders listed with one repository. */
const MAX_FOLDERS = 10_000;

/** Registering and reading repositories and their folders. */
export class RepositoryService {
  constructor(
    private readonly store: TofuiStore,
    private readonly cache: ResponseCache,
    private readonly events: TofuiEvents,
  ) {}

  async register(
    body: RegisterRepositoryRequest,
    actor: string,
    now = new Date(),
  ): Promise<{ repository: RepositoryDetail; created: boolean }> {
    const result = await this.store.transaction(async tx => {
      const { repository, before } = await tx.repositories.register(
        {
          repository: body.repository,
          displayName: body.display_name,
          entityRef:
            body.entity_ref &&
            normalizeEntityRef(body.entity_ref, 'entity_ref'),
          folders: body.folders ?? [],
        },
        now,
      );
      await tx.auditLog.record(
        {
          entityType: 'repository',
          entityId: repository.id,
          action: before ? 'update' : 'create',
          actor,
          before,
          after: repository,
        },
        now,
      );
      const folders = await tx.repositories.foldersOf(repository.id);
      return { repository: { ...repository, folders }, created: !before };
    });
    await this.events.emit('reportsChanged', {});
    return result;
  }

  /** A repository; 404 when there is none or `access` excludes it. */
  async get(
    id: string,
    access: ReportAccess | undefined,
  ): Promise<RepositoryDetail> {
    const repository = await this.store.repositories.get(id, access);
    if (!repository) {
      throw new NotFoundError(`No repository with id ${id}`);
    }
    return {
      ...repository,
      folders: (
        await this.store.repositories.listFolders({
          repository: repository.repository,
          access,
          limit: MAX_FOLDERS,
        })
      ).items,
    };
  }

  /** A page of repositories (JSON text, cached). */
  async list(
    query: ListRepositoriesQuery,
    access: ReportAccess | undefined,
  ): Promise<JsonBody> {
    const filter = {
      entityRef: query.entity && normalizeEntityRef(query.entity),
      text: query.q,
      access,
      cursor: query.cursor,
      limit: query.limit ?? DEFAULT_LIMIT,
    };
    return this.cache.getOrLoad(`repositories:${JSON.stringify(filter)}`, () =>
      this.store.repositories.list(filter),
    );
  }

  /** A page of folders (JSON text, cached). */
  async listFolders(
    query: ListFoldersQuery,
    access: ReportAccess | undefined,
  ): Promise<JsonBody> {
    const filter = {
      repository: query.repository,
      overallStatus: query.status,
      access,
      cursor: query.cursor,
      limit: query.limit ?? DEFAULT_LIMIT,
    };
    return this.cache.getOrLoad(
      `folders:${JSON.stringify(filter)}`,
      () => this.store.repositories.listFolders(filter),
      query.repository,
    );
  }
}
