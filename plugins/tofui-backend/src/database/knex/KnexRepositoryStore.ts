import type { Folder, Repository } from '@tofui/backstage-plugin-tofui-common';
import type { Knex } from 'knex';
import { decodeCursor, encodeCursor } from '../cursor';
import type {
  FolderFilter,
  Page,
  RepositoryFilter,
  RepositoryRegistration,
  RepositoryStore,
  ReportAccess,
} from '../TofuiStore';
import { READABLE_FOLDER, whereReadable } from './accessFilter';
import {
  ensureFolder,
  ensureRepository,
  inTransaction,
  isPostgres,
  repositorySlug,
} from './ensure';
import {
  type FolderRow,
  type RepositoryRow,
  likePattern,
  toFolder,
  toRepository,
} from './rows';

export class KnexRepositoryStore implements RepositoryStore {
  constructor(private readonly db: Knex) {}

  async register(registration: RepositoryRegistration, now: Date) {
    return inTransaction(this.db, async tx => {
      const slug = repositorySlug(registration.repository);
      const existing = await tx('repositories').where({ slug }).first('id');
      const before = existing ? await this.getIn(tx, existing.id) : undefined;
      const id = await ensureRepository(tx, registration.repository, now);
      const update: Record<string, unknown> = { updated_at: now };
      if (registration.displayName !== undefined) {
        update.display_name = registration.displayName;
      }
      if (registration.entityRef !== undefined) {
        update.entity_ref = registration.entityRef;
      }
      await tx('repositories').where({ id }).update(update);
      for (const folder of registration.folders) {
        await ensureFolder(tx, id, folder, now);
      }
      return { repository: (await this.getIn(tx, id))!, before };
    });
  }

  async get(id: string, access?: ReportAccess) {
    return this.getIn(this.db, id, access);
  }

  async list(filter: RepositoryFilter): Promise<Page<Repository>> {
    const query = this.repositoryQuery(this.db)
      .orderBy('repo.slug')
      .limit(filter.limit + 1);
    if (filter.entityRef) {
      query.where('repo.entity_ref', filter.entityRef);
    }
    if (filter.text) {
      const like = isPostgres(this.db) ? 'ILIKE' : 'LIKE';
      const pattern = likePattern(filter.text);
      query.whereRaw(
        `(repo.slug ${like} ? ESCAPE '\\' OR repo.display_name ${like} ? ESCAPE '\\')`,
        [pattern, pattern],
      );
    }
    whereReadable(this.db, query, filter.access, { slug: 'repo.slug' });
    if (filter.cursor) {
      const [slug] = decodeCursor(filter.cursor, 1);
      query.where('repo.slug', '>', String(slug));
    }
    const rows: Array<RepositoryRow & { slug: string }> = await query;
    const last =
      rows.length > filter.limit ? rows[filter.limit - 1] : undefined;
    return {
      items: rows.slice(0, filter.limit).map(toRepository),
      nextCursor: last && encodeCursor([last.slug]),
    };
  }

  async listFolders(filter: FolderFilter): Promise<Page<Folder>> {
    const query = this.folderQuery(this.db)
      .orderBy(['repo.slug', 'f.name'])
      .limit(filter.limit + 1);
    if (filter.repository) {
      query.where('repo.slug', repositorySlug(filter.repository));
    }
    if (filter.overallStatus) {
      query.where('f.overall_status', filter.overallStatus);
    }
    whereReadable(this.db, query, filter.access, READABLE_FOLDER);
    if (filter.cursor) {
      const [slug, name] = decodeCursor(filter.cursor, 2);
      query.where(q =>
        q
          .where('repo.slug', '>', String(slug))
          .orWhere(q2 =>
            q2
              .where('repo.slug', '=', String(slug))
              .andWhere('f.name', '>', String(name)),
          ),
      );
    }
    const rows: Array<FolderRow & { repo_slug: string }> = await query;
    const last =
      rows.length > filter.limit ? rows[filter.limit - 1] : undefined;
    return {
      items: rows.slice(0, filter.limit).map(toFolder),
      nextCursor: last && encodeCursor([last.repo_slug, last.name]),
    };
  }

  async foldersOf(repositoryId: string): Promise<Folder[]> {
    const rows: FolderRow[] = await this.folderQuery(this.db)
      .where('f.repository_id', repositoryId)
      .orderBy('f.name');
    return rows.map(toFolder);
  }

  async folderNamesIn(repositories: string[]) {
    if (repositories.length === 0) {
      return [];
    }
    const rows: Array<{ slug: string; name: string }> = await this.db(
      'folders as f',
    )
      .join('repositories as repo', 'repo.id', 'f.repository_id')
      .whereIn('repo.slug', repositories.map(repositorySlug))
      .select('repo.slug', 'f.name');
    return rows.map(row => ({ repository: row.slug, folder: row.name }));
  }

  private async getIn(
    db: Knex,
    id: string,
    access?: ReportAccess,
  ): Promise<Repository | undefined> {
    const row: RepositoryRow | undefined = await whereReadable(
      db,
      this.repositoryQuery(db).where('repo.id', id),
      access,
      { slug: 'repo.slug' },
    ).first();
    return row && toRepository(row);
  }

  private repositoryQuery(db: Knex) {
    const folderCount = db('folders')
      .count('*')
      .where('folders.repository_id', db.ref('repo.id'))
      .as('folder_count');
    return db('repositories as repo').select(
      'repo.id',
      'repo.slug',
      'repo.owner',
      'repo.name',
      'repo.display_name',
      'repo.entity_ref',
      'repo.created_at',
      'repo.updated_at',
      folderCount,
    );
  }

  private folderQuery(db: Knex) {
    return db('folders as f')
      .join('repositories as repo', 'repo.id', 'f.repository_id')
      .select(
        'f.id',
        'f.repository_id',
        'f.name',
        'f.display_name',
        'f.overall_status',
        'f.latest_build_report_id',
        'f.latest_test_report_id',
        'f.created_at',
        'repo.owner as repo_owner',
        'repo.name as repo_name',
        'repo.slug as repo_slug',
      );
  }
}
