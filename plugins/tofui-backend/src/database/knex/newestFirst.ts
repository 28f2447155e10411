import type { Knex } from 'knex';
import { decodeCursor, encodeCursor } from '../cursor';
import { toDate } from './rows';

type DbDate = Date | number | string;

/**
 * Keyset pagination for "newest first" lists ordered by (created_at, id)
 * descending: the rows after the cursor's position, and the cursor of the
 * page that follows. Reads `limit + 1` rows to know whether there is one.
 */
export const newestFirst = {
  order(query: Knex.QueryBuilder, table: string, limit: number) {
    return query
      .orderBy([
        { column: `${table}.created_at`, order: 'desc' },
        { column: `${table}.id`, order: 'desc' },
      ])
      .limit(limit + 1);
  },

  after(query: Knex.QueryBuilder, table: string, cursor: string | undefined) {
    if (!cursor) {
      return query;
    }
    const [createdAt, id] = decodeCursor(cursor, 2);
    const at = new Date(Number(createdAt));
    return query.where(q =>
      q
        .where(`${table}.created_at`, '<', at)
        .orWhere(q2 =>
          q2
            .where(`${table}.created_at`, '=', at)
            .andWhere(`${table}.id`, '<', String(id)),
        ),
    );
  },

  page<R extends { id: string; created_at: DbDate }, T>(
    rows: R[],
    limit: number,
    map: (row: R) => T,
  ): { items: T[]; nextCursor?: string } {
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return {
      items: rows.slice(0, limit).map(map),
      nextCursor:
        last && encodeCursor([toDate(last.created_at).getTime(), last.id]),
    };
  },
};
