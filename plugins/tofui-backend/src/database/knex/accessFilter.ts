import {
  isAndCriteria,
  isNotCriteria,
  isOrCriteria,
} from '@backstage/plugin-permission-node';
import type { Knex } from 'knex';
import type { ReportAccess, ReportAccessQuery } from '../TofuiStore';
import { repositorySlug } from './ensure';

/** The columns a query exposes for access conditions. */
export interface AccessColumns {
  /** The folder id column; absent when the query is about repositories. */
  folderId?: string;
  /** The repository slug column. */
  slug: string;
  /**
   * The repository id column: when given, a condition on repositories is
   * checked on it (by their ids) instead of on `slug`, so that a query
   * need not join repositories for it.
   */
  repositoryId?: string;
}

/** Access conditions on folder rows (`f`, joined with `repo`). */
export const READABLE_FOLDER: AccessColumns = {
  folderId: 'f.id',
  slug: 'repo.slug',
};

/**
 * Restricts a query to what `access` lets the caller read, in SQL (so pages
 * and counts are cut after the filter). Folder-level rows are judged by the
 * entities covering the folder; repository rows by the entities mapping the
 * repository.
 */
export function whereReadable(
  db: Knex,
  query: Knex.QueryBuilder,
  access: ReportAccess | undefined,
  columns: AccessColumns,
): Knex.QueryBuilder {
  if (access) {
    query.where(inner => criteria(db, inner, access, columns));
  }
  return query;
}

function criteria(
  db: Knex,
  query: Knex.QueryBuilder,
  access: ReportAccess,
  columns: AccessColumns,
): void {
  if (isAndCriteria(access)) {
    // An empty allOf allows everything, as in the permission framework.
    for (const part of access.allOf) {
      query.where(inner => criteria(db, inner, part, columns));
    }
  } else if (isOrCriteria(access)) {
    if (access.anyOf.length === 0) {
      query.whereRaw('1 = 0');
    }
    for (const part of access.anyOf) {
      query.orWhere(inner => criteria(db, inner, part, columns));
    }
  } else if (isNotCriteria(access)) {
    query.whereNot(inner => criteria(db, inner, access.not, columns));
  } else {
    leaf(db, query, access, columns);
  }
}

function leaf(
  db: Knex,
  query: Knex.QueryBuilder,
  condition: ReportAccessQuery,
  { folderId, slug, repositoryId }: AccessColumns,
): void {
  if ('repositories' in condition) {
    const slugs = condition.repositories.map(repositorySlug);
    if (repositoryId) {
      query.whereIn(
        repositoryId,
        db('repositories').whereIn('slug', slugs).select('id'),
      );
    } else {
      query.whereIn(slug, slugs);
    }
    return;
  }
  // Entities covering the row: by folder for folder rows, by repository
  // for repository rows.
  const covering = (): Knex.QueryBuilder =>
    folderId
      ? db('folder_entities as fe').select('fe.folder_id')
      : db('entity_mappings as fe').select('fe.repository_slug');
  const column = folderId ?? slug;
  if ('mapped' in condition) {
    query.whereIn(column, covering());
  } else if ('entities' in condition) {
    query.whereIn(
      column,
      covering().whereIn('fe.entity_ref', lowerCase(condition.entities)),
    );
  } else {
    query.whereIn(
      column,
      covering()
        .join('entity_owners as eo', 'eo.entity_ref', 'fe.entity_ref')
        .whereIn('eo.owner_ref', lowerCase(condition.ownedBy)),
    );
  }
}

/** Entity refs are stored lower-case, as the catalog compares them. */
function lowerCase(refs: string[]): string[] {
  return refs.map(ref => ref.toLocaleLowerCase('en-US'));
}
