// @ts-check

/**
 * Durable jobs, the audit log, where each status type's definition comes
 * from, and lookups by catalog entity.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('status_types', table => {
    table
      .string('source', 16)
      .notNullable()
      .defaultTo('default')
      .comment('default | config | api: config overrides defaults, API edits override both');
  });

  await knex.schema.alterTable('repositories', table => {
    table.index(['entity_ref'], 'repositories_entity_ref_idx');
  });

  await knex.schema.createTable('jobs', table => {
    table.comment('Durable background work (re-rendering, verdict recomputation, archiving)');
    table.uuid('id').primary();
    table.string('type', 64).notNullable();
    table.jsonb('payload').notNullable();
    table.string('status', 16).notNullable().comment('pending | running | failed');
    table.integer('attempts').notNullable().defaultTo(0);
    table.integer('max_attempts').notNullable().defaultTo(5);
    table
      .string('dedupe_key', 255)
      .nullable()
      .unique()
      .comment('at most one queued job per key; cleared when the job ends');
    table.timestamp('run_after', { useTz: true }).notNullable();
    table.timestamp('locked_until', { useTz: true }).nullable();
    table.string('locked_by', 255).nullable();
    table.text('last_error').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['status', 'run_after'], 'jobs_status_run_after_idx');
  });

  await knex.schema.createTable('audit_logs', table => {
    table.comment('Every write through the API: who, what, before and after');
    table.uuid('id').primary();
    table.string('entity_type', 32).notNullable();
    table.string('entity_id', 255).notNullable();
    table.string('action', 16).notNullable();
    table.string('actor', 255).notNullable().comment('user entity ref, or service:<subject>');
    table.jsonb('changes').nullable().comment('JSON: { before, after }');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['created_at', 'id'], 'audit_logs_created_idx');
    table.index(['entity_type', 'entity_id'], 'audit_logs_entity_idx');
    table.index(['actor'], 'audit_logs_actor_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('audit_logs');
  await knex.schema.dropTable('jobs');
  await knex.schema.alterTable('repositories', table => {
    table.dropIndex(['entity_ref'], 'repositories_entity_ref_idx');
  });
  await knex.schema.alterTable('status_types', table => {
    table.dropColumn('source');
  });
};
