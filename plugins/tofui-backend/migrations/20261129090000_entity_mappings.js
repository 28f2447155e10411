// @ts-check

/**
 * Catalog mapping, kept by the catalog sync job: which catalog entity covers
 * which repository (and which of its folders), who owns each entity, and the
 * folders each entity covers. Report access rules ("the user owns the mapped
 * entity") become plain joins over these tables, so list, summary and search
 * filter in SQL before paginating. History stays keyed by repository and
 * folder: renaming or moving an entity only rewrites these rows.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('entity_mappings', table => {
    table.comment('Catalog entities annotated for tofUI, as last synced');
    table.string('entity_ref', 255).primary();
    table
      .string('repository_slug', 255)
      .notNullable()
      .comment('lower-case owner/name');
    table
      .text('folder_patterns')
      .nullable()
      .comment(
        'JSON array of tofui.io/folders globs; null covers every folder',
      );
    table.timestamp('synced_at', { useTz: true }).notNullable();
    table.index(['repository_slug'], 'entity_mappings_repository_idx');
  });

  await knex.schema.createTable('entity_owners', table => {
    table.comment('ownedBy relations of the mapped entities');
    table
      .string('entity_ref', 255)
      .notNullable()
      .references('entity_ref')
      .inTable('entity_mappings')
      .onDelete('CASCADE');
    table.string('owner_ref', 255).notNullable();
    table.primary(['entity_ref', 'owner_ref']);
    table.index(['owner_ref'], 'entity_owners_owner_idx');
  });

  await knex.schema.createTable('folder_entities', table => {
    table.comment('Folders covered by each mapped entity (globs resolved)');
    table
      .uuid('folder_id')
      .notNullable()
      .references('id')
      .inTable('folders')
      .onDelete('CASCADE');
    table
      .string('entity_ref', 255)
      .notNullable()
      .references('entity_ref')
      .inTable('entity_mappings')
      .onDelete('CASCADE');
    table.primary(['folder_id', 'entity_ref']);
    table.index(['entity_ref'], 'folder_entities_entity_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('folder_entities');
  await knex.schema.dropTable('entity_owners');
  await knex.schema.dropTable('entity_mappings');
};
