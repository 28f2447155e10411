// @ts-check

/**
 * Indexes for the change search filters that the (created_at, id) and
 * per-column keyset indexes of 20261202100000 cannot serve:
 *
 * - Postgres: trigram GIN indexes (pg_trgm) on `address` and `attributes`,
 *   so an address glob (a regular expression) and an attribute filter (LIKE
 *   on the JSON array text) find their rows without reading the table. When
 *   the extension cannot be created (no privilege, not installed), the
 *   migration goes on without them: the queries are the same, only slower.
 * - Both: (folder_id, created_at, id), newest first within the folders of
 *   an owner's scope or a folder filter.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('resource_changes', table => {
    table.index(
      ['folder_id', 'created_at', 'id'],
      'resource_changes_folder_idx',
    );
  });
  if (knex.client.config.client === 'pg') {
    if (await exports.createTrigramExtension(knex)) {
      await knex.raw(
        'CREATE INDEX resource_changes_address_trgm_idx ON resource_changes USING gin (address gin_trgm_ops)',
      );
      await knex.raw(
        'CREATE INDEX resource_changes_attributes_trgm_idx ON resource_changes USING gin (attributes gin_trgm_ops)',
      );
    }
  }
};

/**
 * Creates the trigram extension in a savepoint, so that a failure leaves the
 * migration's transaction usable. Returns whether the extension is there.
 *
 * @param {import('knex').Knex} knex
 * @param {string} [extension] another name only in tests
 */
exports.createTrigramExtension = async function createTrigramExtension(
  knex,
  extension = 'pg_trgm',
) {
  try {
    await knex.transaction(async savepoint => {
      await savepoint.raw(`CREATE EXTENSION IF NOT EXISTS ${extension}`);
    });
    return true;
  } catch {
    return false;
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.raw('DROP INDEX IF EXISTS resource_changes_address_trgm_idx');
  await knex.raw('DROP INDEX IF EXISTS resource_changes_attributes_trgm_idx');
  await knex.schema.alterTable('resource_changes', table => {
    table.dropIndex([], 'resource_changes_folder_idx');
  });
};
