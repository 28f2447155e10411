import {
  type OverallStatus,
  type Report,
  type ReportType,
  type Statuses,
  worstOverallStatus,
} from '@tofui/backstage-plugin-tofui-common';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { KnexAuditLogStore } from './KnexAuditLogStore';
import { newestFirst } from './newestFirst';
import type {
  NewReport,
  Page,
  ReportContent,
  ReportFilter,
  ReportStore,
  StoredArtifact,
  StoredArtifacts,
  SummaryFilter,
  InsightsFilter,
  ReportAccess,
  RetentionFilter,
} from '../TofuiStore';
import { queryRetentionCandidates } from './retentionQuery';
import { whereReadable } from './accessFilter';
import { queryInsights } from './insightsQuery';
import { recomputeDriftLedger } from './driftLedger';
import { querySummary } from './summaryQuery';
import {
  ensureFolder,
  ensureRepository,
  type IdCache,
  inTransaction,
  isPostgres,
  repositorySlug,
} from './ensure';
import {
  REPORT_COLUMNS,
  type ReportRow,
  likePattern,
  parseJson,
  toDate,
  toReport,
} from './rows';

function contentColumns(content: ReportContent) {
  return {
    display_name: content.displayName ?? null,
    build_url: content.buildUrl ?? null,
    html_url: content.htmlUrl ?? null,
    statuses: JSON.stringify(content.statuses),
    overall_status: content.overallStatus,
    metadata: JSON.stringify(content.metadata),
    summary: content.summary ? JSON.stringify(content.summary) : null,
    // Left alone when not given: replacing a report's fields keeps its artifacts.
    ...(content.artifacts && { artifacts: JSON.stringify(content.artifacts) }),
    created_at: content.createdAt,
  };
}

/** Access conditions on report rows (`rp`, joined with `repo`). */
const READABLE_REPORT = { folderId: 'rp.folder_id', slug: 'repo.slug' };

export class KnexReportStore implements ReportStore {
  constructor(private readonly db: Knex, private readonly ids?: IdCache) {}

  async publish(input: NewReport, now: Date, actor: string) {
    if (isPostgres(this.db)) {
      return this.publishOnPostgres(input, now, actor);
    }
    return inTransaction(this.db, async tx => {
      const { repositoryId, folderId } = await this.lockedFolder(
        tx,
        input,
        now,
      );
      const key = {
        repository_id: repositoryId,
        folder_id: folderId,
        report_type: input.reportType,
        build_name: input.buildName,
      };
      const beforeRow:
        | (ReportRow & { artifacts: string | StoredArtifacts | null })
        | undefined = await tx('reports').where(key).first(REPORT_COLUMNS);
      const content = { ...contentColumns(input), updated_at: now };
      const [row] = await tx('reports')
        .insert({
          id: input.id ?? randomUUID(),
          ...key,
          ...content,
          received_at: now,
        })
        .onConflict(['repository_id', 'folder_id', 'report_type', 'build_name'])
        .merge(Object.keys(content))
        .returning(REPORT_COLUMNS);
      await this.refreshFoldersIn(tx, [folderId], { locked: true });
      // The names are known: no need to read the joined row back.
      const [repoOwner, repoName] = await this.repositoryNames(
        tx,
        repositoryId,
        input.repository,
      );
      const names = {
        repo_owner: repoOwner,
        repo_name: repoName,
        folder_name: input.folder,
      };
      const report = toReport({ ...row, ...names });
      const before = beforeRow && toReport({ ...beforeRow, ...names });
      await new KnexAuditLogStore(tx).record(
        {
          entityType: 'report',
          entityId: report.id,
          action: before ? 'update' : 'create',
          actor,
          before,
          after: report,
        },
        now,
      );
      return {
        report,
        before,
        beforeArtifacts: beforeRow
          ? parseJson<StoredArtifacts | null>(beforeRow.artifacts) ?? undefined
          : undefined,
      };
    });
  }

  /**
   * The same steps as the knex path above, in one round trip: the
   * `tofui_publish` database function (migration 20261126120000).
   */
  private async publishOnPostgres(input: NewReport, now: Date, actor: string) {
    const slug = repositorySlug(input.repository);
    const [owner, name] = input.repository.split('/');
    const repositoryId = this.ids?.get(`r:${slug}`);
    const folderId =
      repositoryId && this.ids?.get(`f:${repositoryId}/${input.folder}`);
    const { rows } = await this.db.raw(
      'select tofui_publish(?::jsonb) as result',
      [
        JSON.stringify({
          now: now.toISOString(),
          slug,
          owner,
          name,
          folder: input.folder,
          repository_id: repositoryId ?? null,
          folder_id: folderId ?? null,
          report_type: input.reportType,
          build_name: input.buildName,
          new_id: input.id ?? randomUUID(),
          actor,
          content: {
            ...contentColumns(input),
            statuses: input.statuses,
            metadata: input.metadata,
            summary: input.summary ?? null,
            artifacts: input.artifacts ?? null,
            created_at: input.createdAt.toISOString(),
          },
        }),
      ],
    );
    const result = rows[0].result as {
      repository_id: string;
      folder_id: string;
      before: Report | null;
      after: Report;
      before_artifacts: StoredArtifacts | null;
    };
    this.ids?.set(`r:${slug}`, result.repository_id);
    this.ids?.set(
      `f:${result.repository_id}/${input.folder}`,
      result.folder_id,
    );
    return {
      report: result.after,
      before: result.before ?? undefined,
      beforeArtifacts: result.before_artifacts ?? undefined,
    };
  }

  async update(id: string, content: ReportContent, now: Date) {
    return inTransaction(this.db, async tx => {
      const existing = await tx('reports').where({ id }).first('folder_id');
      if (!existing) {
        return undefined;
      }
      await this.lockFolder(tx, existing.folder_id);
      await tx('reports')
        .where({ id })
        .update({ ...contentColumns(content), updated_at: now });
      await this.refreshFoldersIn(tx, [existing.folder_id], { locked: true });
      return this.getIn(tx, id);
    });
  }

  async delete(id: string) {
    return inTransaction(this.db, async tx => {
      const report = await this.getIn(tx, id);
      if (!report) {
        return undefined;
      }
      const { folder_id: folderId, artifacts } = await tx('reports')
        .where({ id })
        .first('folder_id', 'artifacts');
      await this.lockFolder(tx, folderId);
      await tx('reports').where({ id }).delete();
      await this.refreshFoldersIn(tx, [folderId], { locked: true });
      // Its drift rows went with it (cascade): the ledger is recounted
      // from the folder's remaining plans.
      if (await tx('drift_ledger').where({ folder_id: folderId }).first('id')) {
        await recomputeDriftLedger(tx, folderId);
      }
      return {
        report,
        artifacts: parseJson<StoredArtifacts | null>(artifacts) ?? {},
      };
    });
  }

  async findId(build: {
    repository: string;
    folder: string;
    reportType: ReportType;
    buildName: string;
  }) {
    const row = await this.db('reports as rp')
      .join('repositories as repo', 'repo.id', 'rp.repository_id')
      .join('folders as f', 'f.id', 'rp.folder_id')
      .where({
        'repo.slug': repositorySlug(build.repository),
        'f.name': build.folder,
        'rp.report_type': build.reportType,
        'rp.build_name': build.buildName,
      })
      .first('rp.id');
    return row?.id as string | undefined;
  }

  async setRenderStatus(
    id: string,
    status: Report['renderStatus'] | null,
    reason?: string,
  ) {
    await this.db('reports')
      .where({ id })
      .update({ render_status: status ?? null, render_error: reason ?? null });
  }

  async attachRenderedHtml(
    id: string,
    sourceSha256: string,
    html: StoredArtifact,
    now: Date,
  ) {
    return inTransaction(this.db, async tx => {
      const query = tx('reports').where({ id }).first('artifacts');
      if (isPostgres(tx)) {
        query.forUpdate();
      }
      const row = await query;
      const artifacts = row
        ? parseJson<StoredArtifacts | null>(row.artifacts)
        : null;
      // what the HTML was rendered from: the plan, or the log of a log-only report
      const source = artifacts?.plan ?? artifacts?.log;
      if (!source || source.sha256 !== sourceSha256 || artifacts?.html) {
        return false;
      }
      await tx('reports')
        .where({ id })
        .update({
          artifacts: JSON.stringify({ ...artifacts, html }),
          render_status: 'rendered',
          updated_at: now,
        });
      return true;
    });
  }

  async getStoredArtifacts(id: string, access?: ReportAccess) {
    const query = this.db('reports as rp')
      .where('rp.id', id)
      .first('rp.artifacts');
    if (access) {
      query.join('repositories as repo', 'repo.id', 'rp.repository_id');
      whereReadable(this.db, query, access, READABLE_REPORT);
    }
    const row = await query;
    return row
      ? parseJson<StoredArtifacts | null>(row.artifacts) ?? {}
      : undefined;
  }

  async get(id: string, access?: ReportAccess) {
    return this.getIn(this.db, id, access);
  }

  async list(filter: ReportFilter): Promise<Page<Report>> {
    const query = newestFirst.order(
      this.reportQuery(this.db),
      'rp',
      filter.limit,
    );

    if (filter.repository || filter.folder) {
      // Resolve names to ids first: the reports indexes are by id.
      const ids = await this.resolveFolderFilter(
        filter.repository,
        filter.folder,
      );
      if (!ids) {
        return { items: [] };
      }
      if (ids.folderIds) {
        query.whereIn('rp.folder_id', ids.folderIds);
      }
      if (ids.repositoryId) {
        query.where('rp.repository_id', ids.repositoryId);
      }
    }
    if (filter.reportType) {
      query.where('rp.report_type', filter.reportType);
    }
    if (filter.overallStatus) {
      query.where('rp.overall_status', filter.overallStatus);
    }
    if (filter.statusCode) {
      const { type, code } = filter.statusCode;
      if (isPostgres(this.db)) {
        query.whereRaw('rp.statuses @> ?::jsonb', [
          JSON.stringify({ [type]: code }),
        ]);
      } else {
        query.whereRaw('json_extract(rp.statuses, ?) = ?', [
          `$."${type}"`,
          code,
        ]);
      }
    }
    if (filter.from) {
      query.where('rp.created_at', '>=', filter.from);
    }
    if (filter.to) {
      query.where('rp.created_at', '<', filter.to);
    }
    if (filter.text) {
      const like = isPostgres(this.db) ? 'ILIKE' : 'LIKE';
      const pattern = likePattern(filter.text);
      query.whereRaw(
        `(rp.build_name ${like} ? ESCAPE '\\' OR rp.display_name ${like} ? ESCAPE '\\')`,
        [pattern, pattern],
      );
    }
    whereReadable(this.db, query, filter.access, READABLE_REPORT);
    newestFirst.after(query, 'rp', filter.cursor);
    const rows: ReportRow[] = await query;
    return newestFirst.page(rows, filter.limit, toReport);
  }

  summary(filter: SummaryFilter) {
    return querySummary(this.db, filter);
  }

  insights(filter: InsightsFilter) {
    return queryInsights(this.db, filter);
  }

  listRetentionCandidates(filter: RetentionFilter) {
    return queryRetentionCandidates(this.db, filter);
  }

  async listRecentArtifacts(since: Date, limit: number) {
    const rows: Array<{
      id: string;
      updated_at: Date | number | string;
      artifacts: string | StoredArtifacts | null;
    }> = await this.db('reports')
      .select('id', 'updated_at', 'artifacts')
      .where('updated_at', '>=', isPostgres(this.db) ? since : since.getTime())
      .whereNotNull('artifacts')
      .orderBy([
        { column: 'updated_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit);
    return rows
      .map(row => ({
        id: row.id,
        updatedAt: toDate(row.updated_at),
        artifacts: parseJson<StoredArtifacts | null>(row.artifacts) ?? {},
      }))
      .filter(row => Object.values(row.artifacts).some(Boolean));
  }

  async listUsingStatusType(
    key: string,
    afterId: string | undefined,
    limit: number,
  ) {
    const query = this.db('reports')
      .select('id', 'folder_id', 'statuses', 'overall_status')
      .orderBy('id')
      .limit(limit);
    if (isPostgres(this.db)) {
      query.whereRaw('(statuses -> ?) IS NOT NULL', [key]);
    } else {
      query.whereRaw('json_extract(statuses, ?) IS NOT NULL', [`$."${key}"`]);
    }
    if (afterId) {
      query.where('id', '>', afterId);
    }
    const rows = await query;
    return rows.map(row => ({
      id: row.id as string,
      folderId: row.folder_id as string,
      statuses: parseJson<Statuses>(row.statuses),
      overallStatus: row.overall_status as OverallStatus,
    }));
  }

  async setOverallStatus(ids: string[], status: OverallStatus) {
    if (ids.length > 0) {
      await this.db('reports')
        .whereIn('id', ids)
        .update({ overall_status: status });
    }
  }

  async refreshFolders(folderIds: string[]) {
    await inTransaction(this.db, tx => this.refreshFoldersIn(tx, folderIds));
  }

  /**
   * Points each folder at its latest build and test report and stores the
   * folder's verdict. The folder row is locked first (Postgres), so the
   * "latest" queries run after every concurrent writer to this folder that
   * locked it earlier has committed: the last writer always sees all reports.
   * Folders are locked in id order so concurrent refreshes cannot deadlock.
   */
  private async refreshFoldersIn(
    tx: Knex.Transaction,
    folderIds: string[],
    { locked = false } = {},
  ) {
    for (const folderId of [...new Set(folderIds)].sort()) {
      if (!locked && !(await this.lockFolder(tx, folderId))) {
        continue;
      }
      // Latest build and latest test in one round trip.
      const latest = (reportType: ReportType) =>
        tx.select('*').from(
          tx('reports')
            .where({ folder_id: folderId, report_type: reportType })
            .orderBy([
              { column: 'created_at', order: 'desc' },
              { column: 'received_at', order: 'desc' },
              { column: 'id', order: 'desc' },
            ])
            .limit(1)
            .select('id', 'overall_status', 'report_type')
            .as(reportType),
        );
      const rows: Array<{
        id: string;
        overall_status: OverallStatus;
        report_type: ReportType;
      }> = await latest('build').unionAll(latest('test'));
      const build = rows.find(r => r.report_type === 'build');
      const test = rows.find(r => r.report_type === 'test');
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

  /**
   * The ids of the report's repository and folder (created when new), with
   * the folder locked. Lock the folder before writing a report into it:
   * inserting a report takes a share lock on its folder (foreign key), and
   * upgrading that to the refresh's exclusive lock would deadlock with a
   * concurrent writer. Cached ids are used only when both are cached, and
   * checked by the lock itself (a deleted folder is not found).
   */
  private async lockedFolder(
    tx: Knex.Transaction,
    input: NewReport,
    now: Date,
  ) {
    const repoKey = `r:${repositorySlug(input.repository)}`;
    const cachedRepo = this.ids?.get(repoKey);
    const folderKey = cachedRepo && `f:${cachedRepo}/${input.folder}`;
    const cachedFolder = folderKey && this.ids?.get(folderKey);
    if (
      cachedRepo &&
      cachedFolder &&
      (await this.lockFolder(tx, cachedFolder))
    ) {
      return { repositoryId: cachedRepo, folderId: cachedFolder };
    }
    const repositoryId = await ensureRepository(tx, input.repository, now);
    const folderId = await ensureFolder(tx, repositoryId, input.folder, now);
    await this.lockFolder(tx, folderId);
    this.ids?.set(repoKey, repositoryId);
    this.ids?.set(`f:${repositoryId}/${input.folder}`, folderId);
    return { repositoryId, folderId };
  }

  /** Locks a folder row for this transaction (Postgres); false when it is gone. */
  private async lockFolder(
    tx: Knex.Transaction,
    folderId: string,
  ): Promise<boolean> {
    const lock = tx('folders').where({ id: folderId }).first('id');
    if (isPostgres(tx)) {
      lock.forUpdate();
    }
    return !!(await lock);
  }

  private async resolveFolderFilter(
    repository: string | undefined,
    folder: string | undefined,
  ): Promise<{ repositoryId?: string; folderIds?: string[] } | undefined> {
    let repositoryId: string | undefined;
    if (repository) {
      const repo = await this.db('repositories')
        .where({ slug: repositorySlug(repository) })
        .first('id');
      if (!repo) {
        return undefined;
      }
      repositoryId = repo.id;
    }
    if (!folder) {
      return { repositoryId };
    }
    const folders = this.db('folders').where({ name: folder }).select('id');
    if (repositoryId) {
      folders.where({ repository_id: repositoryId });
    }
    const folderIds = (await folders).map(f => f.id as string);
    return folderIds.length > 0 ? { repositoryId, folderIds } : undefined;
  }

  /** Owner and name as first registered (the request may differ in case). */
  private async repositoryNames(
    db: Knex,
    id: string,
    requested: string,
  ): Promise<[string, string]> {
    const cacheKey = `n:${id}`;
    const cached = this.ids?.get(cacheKey);
    if (cached) {
      return cached.split('/') as [string, string];
    }
    const row = await db('repositories').where({ id }).first('owner', 'name');
    const names = row ? `${row.owner}/${row.name}` : requested;
    this.ids?.set(cacheKey, names);
    return names.split('/') as [string, string];
  }

  private async getIn(
    db: Knex,
    id: string,
    access?: ReportAccess,
  ): Promise<Report | undefined> {
    const row: ReportRow | undefined = await whereReadable(
      db,
      this.reportQuery(db).where('rp.id', id),
      access,
      READABLE_REPORT,
    ).first();
    return row && toReport(row);
  }

  private reportQuery(db: Knex) {
    return db('reports as rp')
      .join('repositories as repo', 'repo.id', 'rp.repository_id')
      .join('folders as f', 'f.id', 'rp.folder_id')
      .select(
        ...REPORT_COLUMNS.map(c => `rp.${c}`),
        'repo.owner as repo_owner',
        'repo.name as repo_name',
        'f.name as folder_name',
      );
  }
}
