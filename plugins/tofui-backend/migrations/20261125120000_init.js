// @ts-check

/**
 * Repositories, folders, status types and reports.
 *
 * Folders keep pointers to their latest build and test report and the
 * resulting verdict, maintained at write time, so the dashboard summary is a
 * join over folders instead of a "latest per group" scan over all reports.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('repositories', table => {
    table.comment('Source repositories that publish tofUI reports');
    table.uuid('id').primary();
    table
      .string('slug', 255)
      .notNullable()
      .unique()
      .comment('lower-case owner/name; GitHub and GitLab names are case-insensitive');
    table.string('owner', 255).notNullable();
    table.string('name', 255).notNullable();
    table.string('display_name', 255).nullable();
    table.string('entity_ref', 255).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('folders', table => {
    table.comment('Root module folders of a repository; _root is the repository root');
    table.uuid('id').primary();
    table
      .uuid('repository_id')
      .notNullable()
      .references('id')
      .inTable('repositories')
      .onDelete('CASCADE');
    table.string('name', 255).notNullable();
    table.string('display_name', 255).nullable();
    table.uuid('latest_build_report_id').nullable();
    table.uuid('latest_test_report_id').nullable();
    table
      .string('overall_status', 16)
      .notNullable()
      .defaultTo('unknown')
      .comment('worst verdict of the latest build and test report');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.unique(['repository_id', 'name']);
    table.index(['overall_status'], 'folders_overall_status_idx');
  });

  await knex.schema.createTable('status_types', table => {
    table.comment('Status types (terraform_plan, tfsec, ...) and their code mappings');
    table.uuid('id').primary();
    table.string('type_key', 50).notNullable().unique();
    table.string('display_name', 255).notNullable();
    table.jsonb('config').notNullable().comment('JSON: { mappings: { code: { label, emoji, color, status } } }');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('reports', table => {
    table.comment('One CI run of one folder: a plan (test) or apply (build) report');
    table.uuid('id').primary();
    table
      .uuid('repository_id')
      .notNullable()
      .references('id')
      .inTable('repositories')
      .onDelete('CASCADE');
    table
      .uuid('folder_id')
      .notNullable()
      .references('id')
      .inTable('folders')
      .onDelete('CASCADE');
    table.string('report_type', 16).notNullable();
    table.string('build_name', 255).notNullable();
    table.string('display_name', 255).nullable();
    table.text('build_url').nullable();
    table.text('html_url').nullable();
    table.jsonb('statuses').notNullable().comment('JSON: status type key -> code');
    table.string('overall_status', 16).notNullable();
    table.jsonb('summary').nullable().comment('JSON: plan counts');
    table.jsonb('metadata').nullable().comment('JSON: commit, branch, PR, CI provider, actor, tools');
    table.jsonb('artifacts').nullable().comment('JSON: storage keys, sizes, sha256');
    table.string('render_status', 16).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable().comment('when the CI run happened');
    table.timestamp('received_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.timestamp('archived_at', { useTz: true }).nullable();
    // Republishing the same build updates the report instead of adding one.
    table.unique(['repository_id', 'folder_id', 'report_type', 'build_name'], {
      indexName: 'reports_build_unique',
    });
    table.index(['folder_id', 'report_type', 'created_at'], 'reports_folder_type_created_idx');
    table.index(['repository_id', 'created_at'], 'reports_repository_created_idx');
    table.index(['created_at'], 'reports_created_idx');
  });

  if (knex.client.config.client === 'pg') {
    // "Reports where tfsec is 1" filters use jsonb containment.
    await knex.raw('CREATE INDEX reports_statuses_gin_idx ON reports USING GIN (statuses)');
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('reports');
  await knex.schema.dropTable('status_types');
  await knex.schema.dropTable('folders');
  await knex.schema.dropTable('repositories');
};
