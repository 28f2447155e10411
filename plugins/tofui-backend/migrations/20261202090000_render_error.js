// @ts-check

/**
 * Why tofUI could not render a report's HTML (the plan needs more memory
 * than the server allows one task, or the last attempt's error), shown by
 * the report view next to `render_status = 'failed'`.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('reports', table => {
    table.text('render_error').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('reports', table => {
    table.dropColumn('render_error');
  });
};
