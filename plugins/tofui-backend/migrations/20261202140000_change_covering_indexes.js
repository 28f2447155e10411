// @ts-check

/**
 * Change search indexes that answer an owner's scope and an address glob's
 * resource type with their filters in the index.
 *
 * Reading a change row from the table costs a random page read (the rows of
 * one repository or type are spread over the whole table, in time order),
 * so a search that filters rows after reading them (an attribute, an
 * address glob, an action within an owner's repositories) reads thousands
 * of pages for a page of results. On Postgres the indexes below carry the
 * columns those filters read (INCLUDE), so the search walks an index
 * newest first, filters in it (an index-only scan) and reads only the rows
 * of the page:
 *
 * - (repository_id, created_at, id), replacing the one of 20261202100000,
 *   with the folder (access), type, action and attributes;
 * - (repository_id, resource_type, created_at, id), new, with the folder,
 *   action, address and attributes: an owner's repositories and the type
 *   an address glob fixes;
 * - (resource_type, created_at, id), replacing the one of 20261202100000,
 *   with the address: a glob's type, its address checked in the index.
 *
 * SQLite has no INCLUDE: there the new index is a plain one and the
 * replaced ones stay as they were. Existing rows are indexed as the
 * indexes are built (no backfill step).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (knex.client.config.client !== 'pg') {
    await knex.schema.alterTable('resource_changes', table => {
      table.index(
        ['repository_id', 'resource_type', 'created_at', 'id'],
        'resource_changes_repository_type_idx',
      );
    });
    return;
  }
  await knex.raw('DROP INDEX resource_changes_repository_idx');
  await knex.raw(
    `CREATE INDEX resource_changes_repository_idx ON resource_changes (repository_id, created_at, id)
     INCLUDE (folder_id, resource_type, action, attributes)`,
  );
  await knex.raw(
    `CREATE INDEX resource_changes_repository_type_idx ON resource_changes (repository_id, resource_type, created_at, id)
     INCLUDE (folder_id, action, address, attributes)`,
  );
  await knex.raw('DROP INDEX resource_changes_type_idx');
  await knex.raw(
    `CREATE INDEX resource_changes_type_idx ON resource_changes (resource_type, created_at, id)
     INCLUDE (address)`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('resource_changes', table => {
    table.dropIndex([], 'resource_changes_repository_type_idx');
  });
  if (knex.client.config.client !== 'pg') {
    return;
  }
  await knex.raw('DROP INDEX resource_changes_repository_idx');
  await knex.raw(
    'CREATE INDEX resource_changes_repository_idx ON resource_changes (repository_id, created_at, id)',
  );
  await knex.raw('DROP INDEX resource_changes_type_idx');
  await knex.raw(
    'CREATE INDEX resource_changes_type_idx ON resource_changes (resource_type, created_at, id)',
  );
};
