// @ts-check

/**
 * Replication verification lists the reports written (published,
 * republished, updated, rendered) in its lookback window, newest first:
 * an index on updated_at lets it read only that window instead of scanning
 * every report on each run.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('reports', table => {
    table.index(['updated_at', 'id'], 'reports_updated_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('reports', table => {
    table.dropIndex(['updated_at', 'id'], 'reports_updated_at_idx');
  });
};
