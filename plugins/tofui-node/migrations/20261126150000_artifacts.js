// @ts-check

/**
 * Artifacts kept in the database (`tofui.storage.backend: database`), in 1 MB
 * chunks so that neither writing nor reading holds a whole object in memory.
 * Overwriting creates a new artifact id: a reader of the old one fails
 * cleanly instead of mixing old and new chunks.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('tofui_artifacts', table => {
    table.comment('Artifacts stored in the database');
    table.string('key', 1024).primary();
    table.uuid('id').notNullable().unique();
    table.string('content_type', 255).notNullable();
    table.bigInteger('size').notNullable();
    table.integer('chunks').notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('tofui_artifact_chunks', table => {
    table.comment('Content of database-stored artifacts, 1 MB per row');
    table.uuid('artifact_id').notNullable();
    table.integer('seq').notNullable();
    table.binary('data').notNullable();
    table.primary(['artifact_id', 'seq']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('tofui_artifact_chunks');
  await knex.schema.dropTable('tofui_artifacts');
};
