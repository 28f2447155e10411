// @ts-check

/**
 * The change index: one row per changed resource of a report's plan
 * (attribute paths only, never values), written by the `index-changes` job
 * from the redacted plan. Rows go with their report (ON DELETE CASCADE), so
 * retention and deletion need no step of their own. Report fields the API
 * filters on (type, branch, actor...) are copied in, so a search reads one
 * table in (created_at, id) order instead of joining every report.
 *
 * The drift ledger keeps one row per drifted resource of a folder, updated
 * as plans are indexed: the drift list reads it instead of aggregating
 * change rows.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('resource_changes', table => {
    table.comment('Changed resources of indexed plans, one row each');
    table.bigIncrements('id').primary();
    table
      .uuid('report_id')
      .notNullable()
      .references('id')
      .inTable('reports')
      .onDelete('CASCADE');
    table.uuid('repository_id').notNullable();
    table.uuid('folder_id').notNullable();
    table.text('address').notNullable();
    table.text('module').nullable();
    table.string('resource_type', 255).notNullable();
    table.string('provider', 255).nullable();
    table
      .string('action', 16)
      .notNullable()
      .comment('create, update, delete, replace, import, move, forget, read');
    table.string('reason', 64).nullable();
    table.text('forcing').nullable().comment('JSON array of attribute paths');
    table
      .text('attributes')
      .notNullable()
      .comment('JSON array of changed attribute paths; never values');
    table.text('moved_from').nullable();
    table.text('importing_id').nullable();
    table.boolean('drift').notNullable().defaultTo(false);
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('build_name', 255).notNullable();
    table.string('report_type', 16).notNullable();
    table.string('branch', 255).nullable();
    table.integer('pull_request').nullable();
    table.string('actor', 255).nullable();
    table.string('commit_sha', 64).nullable();
    // Newest first across the fleet, and per filter that narrows most.
    table.index(['created_at', 'id'], 'resource_changes_created_idx');
    table.index(['report_id'], 'resource_changes_report_idx');
    table.index(
      ['folder_id', 'address', 'created_at', 'id'],
      'resource_changes_history_idx',
    );
    table.index(
      ['repository_id', 'created_at', 'id'],
      'resource_changes_repository_idx',
    );
    table.index(
      ['resource_type', 'created_at', 'id'],
      'resource_changes_type_idx',
    );
    table.index(['action', 'created_at', 'id'], 'resource_changes_action_idx');
  });
  await knex.schema.createTable('drift_ledger', table => {
    table.comment('Drift per folder and resource address, open or closed');
    table.bigIncrements('id').primary();
    table
      .uuid('folder_id')
      .notNullable()
      .references('id')
      .inTable('folders')
      .onDelete('CASCADE');
    table.uuid('repository_id').notNullable();
    table.text('address').notNullable();
    table.string('resource_type', 255).notNullable();
    table.string('state', 8).notNullable().comment('open or closed');
    table.timestamp('first_seen_at', { useTz: true }).notNullable();
    table.timestamp('last_seen_at', { useTz: true }).notNullable();
    table.timestamp('closed_at', { useTz: true }).nullable();
    table.integer('occurrences').notNullable();
    table.text('attributes').notNullable().comment('JSON array, latest plan');
    table.unique(['folder_id', 'address'], {
      indexName: 'drift_ledger_folder_address_unique',
    });
    table.index(['state', 'first_seen_at', 'id'], 'drift_ledger_state_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('drift_ledger');
  await knex.schema.dropTable('resource_changes');
};
