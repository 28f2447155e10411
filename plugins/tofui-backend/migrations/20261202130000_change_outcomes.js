// @ts-check

/**
 * Per-resource apply results in the change index: rows indexed from an
 * apply's log (a report with a log and no plan) carry what happened to the
 * resource (`complete`, `failed`, `in-progress`: started, never finished).
 * Null for rows from a plan.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('resource_changes', table => {
    table
      .string('outcome', 16)
      .nullable()
      .comment('apply rows: complete, failed or in-progress');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('resource_changes', table => {
    table.dropColumn('outcome');
  });
};
