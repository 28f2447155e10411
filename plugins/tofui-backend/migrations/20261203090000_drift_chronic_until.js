// @ts-check

/**
 * When a drift entry stops being chronic (drifted in at least 3 plans of the
 * last 30 days): its third most recent showing plus 30 days; null with
 * fewer than 3 showings. Kept with the ledger, so that the drift list can
 * put chronic drift first in SQL, page by page, instead of counting each
 * entry's recent showings per request.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('drift_ledger', table => {
    table
      .timestamp('chronic_until', { useTz: true })
      .nullable()
      .comment('chronic until then: third latest showing + 30 days');
    table.index(['chronic_until'], 'drift_ledger_chronic_idx');
  });
  if (knex.client.config.client === 'pg') {
    await knex.raw(`
      UPDATE drift_ledger dl SET chronic_until = (
        SELECT rc.created_at FROM resource_changes rc
        WHERE rc.folder_id = dl.folder_id AND rc.address = dl.address
          AND rc.drift
        ORDER BY rc.created_at DESC OFFSET 2 LIMIT 1
      ) + interval '30 days'
      WHERE dl.occurrences >= 3`);
    return;
  }
  // SQLite (embedded: a small ledger), one entry at a time
  const entries = await knex('drift_ledger')
    .where('occurrences', '>=', 3)
    .select('id', 'folder_id', 'address');
  for (const entry of entries) {
    const third = await knex('resource_changes')
      .where({
        folder_id: entry.folder_id,
        address: entry.address,
        drift: true,
      })
      .orderBy('created_at', 'desc')
      .offset(2)
      .first('created_at');
    if (!third) continue;
    const at = new Date(third.created_at).getTime();
    await knex('drift_ledger')
      .where({ id: entry.id })
      .update({ chronic_until: new Date(at + 30 * 24 * 60 * 60 * 1000) });
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('drift_ledger', table => {
    table.dropIndex(['chronic_until'], 'drift_ledger_chronic_idx');
    table.dropColumn('chronic_until');
  });
};
