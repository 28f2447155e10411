// @ts-check

/**
 * Cheaper reads of an insights window on Postgres (SQLite: nothing changes).
 *
 * - `report_rollups.day` compared byte by byte. The day is an ISO date as
 *   text ('2026-11-03'), which bytes order as the calendar does; a
 *   collation other than "C" compares through the locale, and every
 *   insights request compares each rollup row of its window twice (from,
 *   to). With COLLATE "C" those comparisons, and the primary key's, are a
 *   memcmp: the window's scan takes about half the time. SQLite compares
 *   text bytewise already.
 * - The per-folder index carries the counts the folder ranking sums
 *   (INCLUDE reports, failing): the ranking reads the window folder by
 *   folder from the index alone (an index-only scan, already grouped), not
 *   every row of the window into a hash table of all active folders.
 *
 * No row changes and the table is not rewritten (a collation change keeps
 * the stored bytes); the primary key and the folder index are rebuilt.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (knex.client.config.client !== 'pg') return;
  await knex.raw(
    'ALTER TABLE report_rollups ALTER COLUMN day TYPE varchar(10) COLLATE "C"',
  );
  await knex.raw('DROP INDEX report_rollups_folder_idx');
  await knex.raw(
    `CREATE INDEX report_rollups_folder_idx ON report_rollups (folder_id, day)
     INCLUDE (reports, failing)`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (knex.client.config.client !== 'pg') return;
  await knex.raw('DROP INDEX report_rollups_folder_idx');
  await knex.raw(
    'CREATE INDEX report_rollups_folder_idx ON report_rollups (folder_id, day)',
  );
  await knex.raw(
    'ALTER TABLE report_rollups ALTER COLUMN day TYPE varchar(10) COLLATE "default"',
  );
};
