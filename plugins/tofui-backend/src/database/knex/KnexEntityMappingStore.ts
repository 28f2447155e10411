import { folderMatches } from '@tofui/backstage-plugin-tofui-common';
import type { Knex } from 'knex';
import type {
  EntityMapping,
  EntityMappingStore,
  FolderScope,
  ReportCoverage,
} from '../TofuiStore';
import {
  ensureRepository,
  inTransaction,
  isPostgres,
  repositorySlug,
} from './ensure';

/** Rows per insert: well under SQLite's 999 bound parameters. */
const CHUNK = 200;

interface MappingRow {
  entity_ref: string;
  repository_slug: string;
  folder_patterns: string | null;
}

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

export class KnexEntityMappingStore implements EntityMappingStore {
  constructor(private readonly db: Knex) {}

  async replaceAll(mappings: EntityMapping[], now: Date): Promise<string[]> {
    const rows = dedupe(mappings);
    const registered = await inTransaction(this.db, async tx => {
      const previous: string[] = await tx('entity_mappings').pluck(
        'entity_ref',
      );
      await tx('folder_entities').delete();
      await tx('entity_owners').delete();
      await tx('entity_mappings').delete();
      await insertAll(
        tx,
        'entity_mappings',
        rows.map(m => ({
          entity_ref: m.entityRef,
          repository_slug: repositorySlug(m.repository),
          folder_patterns: m.folderPatterns
            ? JSON.stringify(m.folderPatterns)
            : null,
          synced_at: now,
        })),
      );
      await insertAll(
        tx,
        'entity_owners',
        rows.flatMap(m =>
          [...new Set(m.ownerRefs.map(lower))].map(owner_ref => ({
            entity_ref: m.entityRef,
            owner_ref,
          })),
        ),
      );

      const created = await registerRepositories(tx, rows, now);
      await pointRepositoriesAtEntities(tx, rows, previous);
      await coverFolders(tx, rows, undefined);
      return created;
    });
    if (isPostgres(this.db) && !this.db.isTransaction) {
      // Fresh statistics after the tables were rewritten, so that access
      // filters are planned as hash semi-joins rather than a loop per
      // folder (see docs/benchmarks.md, report access).
      await this.db.raw(
        'ANALYZE folder_entities, entity_owners, entity_mappings',
      );
    }
    return registered;
  }

  async mapFolder(repository: string, folder: string): Promise<void> {
    const slug = repositorySlug(repository);
    const mappings: MappingRow[] = await this.db('entity_mappings').where({
      repository_slug: slug,
    });
    if (mappings.length === 0) {
      return;
    }
    await coverFolders(this.db, mappings.map(fromRow), { slug, folder });
  }

  async list(): Promise<EntityMapping[]> {
    const rows: MappingRow[] = await this.db('entity_mappings').orderBy(
      'entity_ref',
    );
    const owners: Array<{ entity_ref: string; owner_ref: string }> =
      await this.db('entity_owners').orderBy(['entity_ref', 'owner_ref']);
    return rows.map(row => ({
      ...fromRow(row),
      ownerRefs: owners
        .filter(o => o.entity_ref === row.entity_ref)
        .map(o => o.owner_ref),
    }));
  }

  async scopeOf(entityRef: string): Promise<FolderScope> {
    const ref = lower(entityRef);
    const mappings: MappingRow[] = await this.db('entity_mappings').where({
      entity_ref: ref,
    });
    const repositories = mappings
      .filter(m => !m.folder_patterns)
      .map(m => m.repository_slug);
    const patterned = mappings
      .filter(m => m.folder_patterns)
      .map(m => m.repository_slug);
    const covered: Array<{ slug: string; folder: string }> = patterned.length
      ? await this.db('folder_entities as fe')
          .join('folders as f', 'f.id', 'fe.folder_id')
          .join('repositories as repo', 'repo.id', 'f.repository_id')
          .where('fe.entity_ref', ref)
          .whereIn('repo.slug', patterned)
          .orderBy(['repo.slug', 'f.name'])
          .select('repo.slug', 'f.name as folder')
      : [];
    const folders = new Map<string, string[]>();
    for (const { slug, folder } of covered) {
      folders.set(slug, [...(folders.get(slug) ?? []), folder]);
    }
    return {
      repositories: repositories.sort(),
      folders: [...folders].map(([repository, names]) => ({
        repository,
        folders: names,
      })),
    };
  }

  async coverageOfReports(reportIds: string[]) {
    const rows: Array<{
      id: string;
      slug: string;
      folder: string;
      entity_ref: string | null;
      owner_ref: string | null;
    }> = [];
    for (let i = 0; i < reportIds.length; i += CHUNK) {
      rows.push(
        ...(await this.db('reports as rp')
          .join('repositories as repo', 'repo.id', 'rp.repository_id')
          .join('folders as f', 'f.id', 'rp.folder_id')
          .leftJoin('folder_entities as fe', 'fe.folder_id', 'f.id')
          .leftJoin('entity_owners as eo', 'eo.entity_ref', 'fe.entity_ref')
          .whereIn('rp.id', reportIds.slice(i, i + CHUNK))
          .select(
            'rp.id',
            'repo.slug',
            'f.name as folder',
            'fe.entity_ref',
            'eo.owner_ref',
          )),
      );
    }
    const byId = new Map<string, ReportCoverage>();
    for (const row of rows) {
      const coverage = byId.get(row.id) ?? {
        id: row.id,
        repository: row.slug,
        folder: row.folder,
        entityRefs: [],
        ownerRefs: [],
      };
      if (row.entity_ref && !coverage.entityRefs.includes(row.entity_ref)) {
        coverage.entityRefs.push(row.entity_ref);
      }
      if (row.owner_ref && !coverage.ownerRefs.includes(row.owner_ref)) {
        coverage.ownerRefs.push(row.owner_ref);
      }
      byId.set(row.id, coverage);
    }
    return reportIds.map(id => byId.get(id));
  }
}

function fromRow(row: MappingRow): EntityMapping {
  return {
    entityRef: row.entity_ref,
    repository: row.repository_slug,
    folderPatterns: row.folder_patterns
      ? JSON.parse(row.folder_patterns)
      : undefined,
    ownerRefs: [],
  };
}

/** One mapping per entity ref (lower-case), sorted for stable results. */
function dedupe(mappings: EntityMapping[]): EntityMapping[] {
  const byRef = new Map<string, EntityMapping>();
  for (const m of mappings) {
    byRef.set(lower(m.entityRef), { ...m, entityRef: lower(m.entityRef) });
  }
  return [...byRef.values()].sort((a, b) =>
    a.entityRef.localeCompare(b.entityRef),
  );
}

/** Creates the repositories entities name; returns the new ones. */
async function registerRepositories(
  tx: Knex,
  mappings: EntityMapping[],
  now: Date,
): Promise<string[]> {
  const slugs = [...new Set(mappings.map(m => repositorySlug(m.repository)))];
  const existing = new Set<string>();
  for (let i = 0; i < slugs.length; i += CHUNK) {
    const found: string[] = await tx('repositories')
      .whereIn('slug', slugs.slice(i, i + CHUNK))
      .pluck('slug');
    found.forEach(slug => existing.add(slug));
  }
  const registered: string[] = [];
  for (const m of mappings) {
    const slug = repositorySlug(m.repository);
    if (!existing.has(slug)) {
      await ensureRepository(tx, m.repository, now);
      existing.add(slug);
      registered.push(slug);
    }
  }
  return registered;
}

/**
 * Each mapped repository's `entity_ref` names the entity covering it: one
 * covering all its folders if there is one, else the first by ref. A
 * repository whose entity disappeared from the catalog loses the ref; refs
 * set by hand for repositories no entity maps are kept.
 */
async function pointRepositoriesAtEntities(
  tx: Knex,
  mappings: EntityMapping[],
  previous: string[],
) {
  const chosen = new Map<string, EntityMapping>();
  for (const m of mappings) {
    const slug = repositorySlug(m.repository);
    const current = chosen.get(slug);
    if (!current || (current.folderPatterns && !m.folderPatterns)) {
      chosen.set(slug, m);
    }
  }
  for (const [slug, m] of chosen) {
    await tx('repositories')
      .where({ slug })
      .whereRaw('coalesce(entity_ref, ?) <> ?', ['', m.entityRef])
      .update({ entity_ref: m.entityRef });
  }
  const current = new Set(mappings.map(m => m.entityRef));
  const gone = previous.filter(ref => !current.has(ref));
  for (let i = 0; i < gone.length; i += CHUNK) {
    await tx('repositories')
      .whereIn('entity_ref', gone.slice(i, i + CHUNK))
      .whereNotIn('slug', [...chosen.keys()])
      .update({ entity_ref: null });
  }
}

/**
 * Records which folders each mapping covers (globs matched here, not in
 * SQL): every folder of the mapped repositories, or just `only`.
 */
async function coverFolders(
  db: Knex,
  mappings: EntityMapping[],
  only: { slug: string; folder: string } | undefined,
) {
  const byRepository = new Map<string, EntityMapping[]>();
  for (const m of mappings) {
    const slug = repositorySlug(m.repository);
    byRepository.set(slug, [...(byRepository.get(slug) ?? []), m]);
  }
  const slugs = [...byRepository.keys()];
  const rows: Array<{ folder_id: string; entity_ref: string }> = [];
  for (let i = 0; i < slugs.length; i += CHUNK) {
    const query = db('folders as f')
      .join('repositories as repo', 'repo.id', 'f.repository_id')
      .whereIn('repo.slug', slugs.slice(i, i + CHUNK))
      .select('f.id', 'f.name', 'repo.slug');
    if (only) {
      query.where('f.name', only.folder);
    }
    const folders: Array<{ id: string; name: string; slug: string }> =
      await query;
    for (const folder of folders) {
      for (const m of byRepository.get(folder.slug) ?? []) {
        if (folderMatches(folder.name, m.folderPatterns)) {
          rows.push({ folder_id: folder.id, entity_ref: m.entityRef });
        }
      }
    }
  }
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db('folder_entities')
      .insert(rows.slice(i, i + CHUNK))
      .onConflict(['folder_id', 'entity_ref'])
      .ignore();
  }
}

async function insertAll(db: Knex, table: string, rows: object[]) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db(table).insert(rows.slice(i, i + CHUNK));
  }
}
