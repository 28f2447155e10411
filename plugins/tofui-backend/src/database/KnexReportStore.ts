import type {
  DatabaseService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  type FolderSummary,
  type OverallStatus,
  type Report,
  type ReportType,
  type StatusType,
  worstOverallStatus,
} from '@internal/plugin-tofui-common';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import type {
  NewReport,
  ReportFilter,
  ReportStore,
  SummaryFilter,
} from './ReportStore';
import {
  type ReportJoinedRow,
  REPORT_COLUMNS,
  parseJson,
  toReport,
} from './rows';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-tofui-backend',
  'migrations',
);

function slugOf(repository: string) {
  return repository.toLowerCase();
}

/** Knex implementation of {@link ReportStore} for SQLite and Postgres. */
export class KnexReportStore implements ReportStore {
  static async create(options: {
    database: DatabaseService;
    logger?: LoggerService;
  }): Promise<KnexReportStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new KnexReportStore(client);
  }

  constructor(private readonly db: Knex) {}

  private get isPostgres() {
    return this.db.client.config.client === 'pg';
  }

  async upsertReport(
    input: NewReport,
  ): Promise<{ report: Report; created: boolean }> {
    const now = input.receivedAt;
    const id = await this.db.transaction(async tx => {
      const repositoryId = await this.ensureRepository(tx, input.repository, now);
      const folderId = await this.ensureFolder(tx, repositoryId, input.folder, now);
      const newId = randomUUID();
      const fields = {
        display_name: input.displayName ?? null,
        build_url: input.buildUrl ?? null,
        html_url: input.htmlUrl ?? null,
        statuses: JSON.stringify(input.statuses),
        overall_status: input.overallStatus,
        created_at: input.createdAt,
        received_at: input.receivedAt,
        updated_at: now,
      };
      const [row] = await tx('reports')
        .insert({
          id: newId,
          repository_id: repositoryId,
          folder_id: folderId,
          report_type: input.reportType,
          build_name: input.buildName,
          ...fields,
        })
        .onConflict(['repository_id', 'folder_id', 'report_type', 'build_name'])
        .merge(Object.keys(fields))
        .returning('id');
      await this.refreshFolderLatest(tx, folderId);
      return { reportId: row.id as string, created: row.id === newId };
    });
    const report = await this.getReport(id.reportId);
    return { report: report!, created: id.created };
  }

  async listReports(filter: ReportFilter): Promise<Report[]> {
    const query = this.reportQuery()
      .orderBy([
        { column: 'rp.created_at', order: 'desc' },
        { column: 'rp.id', order: 'desc' },
      ])
      .limit(filter.limit);
    if (filter.repository) {
      query.where('repo.slug', slugOf(filter.repository));
    }
    if (filter.folder) {
      query.where('f.name', filter.folder);
    }
    if (filter.reportType) {
      query.where('rp.report_type', filter.reportType);
    }
    const rows: ReportJoinedRow[] = await query;
    return rows.map(toReport);
  }

  async getSummary(filter: SummaryFilter): Promise<FolderSummary[]> {
    const prefixed = (alias: string) =>
      REPORT_COLUMNS.map(c => `${alias}.${c} as ${alias}_${c}`);
    const query = this.db('folders as f')
      .join('repositories as repo', 'repo.id', 'f.repository_id')
      .leftJoin('reports as b', 'b.id', 'f.latest_build_report_id')
      .leftJoin('reports as t', 't.id', 'f.latest_test_report_id')
      .select(
        'f.name as folder_name',
        'f.overall_status as folder_status',
        'repo.owner as repo_owner',
        'repo.name as repo_name',
        'repo.display_name as repo_display_name',
        ...prefixed('b'),
        ...prefixed('t'),
      )
      .orderByRaw(
        "CASE f.overall_status WHEN 'failing' THEN 0 WHEN 'unknown' THEN 1 ELSE 2 END",
      )
      .orderBy(['repo.slug', 'f.name']);
    if (filter.repository) {
      query.where('repo.slug', slugOf(filter.repository));
    }
    const rows: Record<string, unknown>[] = await query;
    return rows.map(row => {
      const pick = (alias: string): Report | undefined => {
        if (!row[`${alias}_id`]) {
          return undefined;
        }
        const reportRow = Object.fromEntries(
          REPORT_COLUMNS.map(c => [c, row[`${alias}_${c}`]]),
        ) as unknown as ReportJoinedRow;
        reportRow.repo_owner = row.repo_owner as string;
        reportRow.repo_name = row.repo_name as string;
        reportRow.folder_name = row.folder_name as string;
        return toReport(reportRow);
      };
      const summary: FolderSummary = {
        repository: `${row.repo_owner}/${row.repo_name}`,
        folder: row.folder_name as string,
        overallStatus: row.folder_status as OverallStatus,
      };
      if (row.repo_display_name) {
        summary.repositoryDisplayName = row.repo_display_name as string;
      }
      const latestBuild = pick('b');
      const latestTest = pick('t');
      if (latestBuild) summary.latestBuild = latestBuild;
      if (latestTest) summary.latestTest = latestTest;
      return summary;
    });
  }

  async listStatusTypes(): Promise<StatusType[]> {
    const rows = await this.db('status_types')
      .select('type_key', 'display_name', 'config')
      .orderBy('created_at')
      .orderBy('type_key');
    return rows.map(row => ({
      key: row.type_key,
      name: row.display_name,
      mappings: parseJson<{ mappings: StatusType['mappings'] }>(row.config)
        .mappings,
    }));
  }

  async addMissingStatusTypes(types: ReadonlyArray<StatusType>): Promise<void> {
    const start = Date.now();
    // Distinct created_at values keep the default order stable.
    const rows = types.map((type, i) => ({
      id: randomUUID(),
      type_key: type.key,
      display_name: type.name,
      config: JSON.stringify({ mappings: type.mappings }),
      created_at: new Date(start + i),
      updated_at: new Date(start + i),
    }));
    if (rows.length > 0) {
      await this.db('status_types').insert(rows).onConflict('type_key').ignore();
    }
  }

  async ping(): Promise<void> {
    await this.db.raw('select 1');
  }

  private async getReport(id: string): Promise<Report | undefined> {
    const row: ReportJoinedRow | undefined = await this.reportQuery()
      .where('rp.id', id)
      .first();
    return row && toReport(row);
  }

  private reportQuery() {
    return this.db('reports as rp')
      .join('repositories as repo', 'repo.id', 'rp.repository_id')
      .join('folders as f', 'f.id', 'rp.folder_id')
      .select(
        ...REPORT_COLUMNS.map(c => `rp.${c}`),
        'repo.owner as repo_owner',
        'repo.name as repo_name',
        'f.name as folder_name',
      );
  }

  private async ensureRepository(
    tx: Knex.Transaction,
    repository: string,
    now: Date,
  ): Promise<string> {
    const slug = slugOf(repository);
    const existing = await tx('repositories').where({ slug }).first('id');
    if (existing) {
      return existing.id;
    }
    const [owner, name] = repository.split('/');
    await tx('repositories')
      .insert({
        id: randomUUID(),
        slug,
        owner,
        name,
        created_at: now,
        updated_at: now,
      })
      .onConflict('slug')
      .ignore();
    const row = await tx('repositories').where({ slug }).first('id');
    return row.id;
  }

  private async ensureFolder(
    tx: Knex.Transaction,
    repositoryId: string,
    name: string,
    now: Date,
  ): Promise<string> {
    const where = { repository_id: repositoryId, name };
    const existing = await tx('folders').where(where).first('id');
    if (existing) {
      return existing.id;
    }
    await tx('folders')
      .insert({ id: randomUUID(), ...where, created_at: now })
      .onConflict(['repository_id', 'name'])
      .ignore();
    const row = await tx('folders').where(where).first('id');
    return row.id;
  }

  /**
   * Points the folder at its latest build and test report and stores the
   * folder's verdict. The folder row is locked first (Postgres), so the
   * "latest" query below runs after every concurrent publish to this folder
   * that locked it earlier has committed: the last writer always sees all
   * reports.
   */
  private async refreshFolderLatest(tx: Knex.Transaction, folderId: string) {
    const lock = tx('folders').where({ id: folderId }).first('id');
    if (this.isPostgres) {
      lock.forUpdate();
    }
    await lock;
    const latest = async (reportType: ReportType) =>
      tx('reports')
        .where({ folder_id: folderId, report_type: reportType })
        .orderBy([
          { column: 'created_at', order: 'desc' },
          { column: 'received_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .first('id', 'overall_status');
    const build = await latest('build');
    const test = await latest('test');
    await tx('folders')
      .where({ id: folderId })
      .update({
        latest_build_report_id: build?.id ?? null,
        latest_test_report_id: test?.id ?? null,
        overall_status: worstOverallStatus([
          build?.overall_status,
          test?.overall_status,
        ]),
      });
  }
}

