// @ts-check

/**
 * Daily report counts per folder, for the insights endpoint: it sums these
 * rows instead of scanning reports. Database triggers on `reports` keep them
 * as reports are inserted, updated (republish, verdict recomputation) or
 * deleted (API, retention, folder removal), so every writer (the knex code,
 * the `tofui_publish` function, migrations) counts the same way, in the
 * writer's transaction. Existing reports are counted here.
 *
 * A row holds marginals (per report type and per verdict) because that is
 * all insights show; `day` is the UTC date as `YYYY-MM-DD`.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('report_rollups', table => {
    table.comment(
      'Reports per folder and UTC day, kept by triggers on reports',
    );
    table.string('day', 10).notNullable();
    table
      .uuid('folder_id')
      .notNullable()
      .references('id')
      .inTable('folders')
      .onDelete('CASCADE');
    table.uuid('repository_id').notNullable();
    table.integer('reports').notNullable();
    table.integer('builds').notNullable();
    table.integer('passing').notNullable();
    table.integer('failing').notNullable();
    table.integer('unknown').notNullable();
    table.primary(['day', 'folder_id']);
    table.index(['repository_id', 'day'], 'report_rollups_repository_idx');
    table.index(['folder_id', 'day'], 'report_rollups_folder_idx');
  });
  const pg = knex.client.config.client === 'pg';
  const day = pg
    ? (/** @type {string} */ row) =>
        `to_char(${row}.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`
    : (/** @type {string} */ row) =>
        `strftime('%Y-%m-%d', ${row}.created_at / 1000, 'unixepoch')`;
  const is = (/** @type {string} */ expr) =>
    pg ? `(CASE WHEN ${expr} THEN 1 ELSE 0 END)` : `(${expr})`;
  const counts = (/** @type {string} */ row) =>
    [
      '1',
      is(`${row}.report_type = 'build'`),
      is(`${row}.overall_status = 'passing'`),
      is(`${row}.overall_status = 'failing'`),
      is(`${row}.overall_status = 'unknown'`),
    ].join(', ');
  const add = (/** @type {string} */ row) =>
    `INSERT INTO report_rollups (day, folder_id, repository_id, reports, builds, passing, failing, unknown)
     VALUES (${day(row)}, ${row}.folder_id, ${row}.repository_id, ${counts(
      row,
    )})
     ON CONFLICT (day, folder_id) DO UPDATE SET
       reports = report_rollups.reports + excluded.reports,
       builds = report_rollups.builds + excluded.builds,
       passing = report_rollups.passing + excluded.passing,
       failing = report_rollups.failing + excluded.failing,
       unknown = report_rollups.unknown + excluded.unknown;`;
  const remove = (/** @type {string} */ row) =>
    `UPDATE report_rollups SET
       reports = reports - 1,
       builds = builds - ${is(`${row}.report_type = 'build'`)},
       passing = passing - ${is(`${row}.overall_status = 'passing'`)},
       failing = failing - ${is(`${row}.overall_status = 'failing'`)},
       unknown = unknown - ${is(`${row}.overall_status = 'unknown'`)}
     WHERE day = ${day(row)} AND folder_id = ${row}.folder_id;`;
  const counted =
    'OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.report_type IS DISTINCT FROM NEW.report_type OR OLD.overall_status IS DISTINCT FROM NEW.overall_status OR OLD.folder_id IS DISTINCT FROM NEW.folder_id';

  if (pg) {
    await knex.raw(`
      CREATE FUNCTION tofui_report_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN
          ${remove('OLD')}
        END IF;
        IF TG_OP <> 'DELETE' THEN
          ${add('NEW')}
        END IF;
        RETURN NULL;
      END $$`);
    await knex.raw(`CREATE TRIGGER reports_rollup_insert_delete
      AFTER INSERT OR DELETE ON reports
      FOR EACH ROW EXECUTE FUNCTION tofui_report_rollup()`);
    await knex.raw(`CREATE TRIGGER reports_rollup_update
      AFTER UPDATE ON reports FOR EACH ROW WHEN (${counted})
      EXECUTE FUNCTION tofui_report_rollup()`);
  } else {
    await knex.raw(`CREATE TRIGGER reports_rollup_insert AFTER INSERT ON reports
      BEGIN ${add('NEW')} END`);
    await knex.raw(`CREATE TRIGGER reports_rollup_delete AFTER DELETE ON reports
      BEGIN ${remove('OLD')} END`);
    await knex.raw(`CREATE TRIGGER reports_rollup_update AFTER UPDATE ON reports
      WHEN ${counted}
      BEGIN ${remove('OLD')} ${add('NEW')} END`);
  }

  await knex.raw(`
    INSERT INTO report_rollups (day, folder_id, repository_id, reports, builds, passing, failing, unknown)
    SELECT ${day('rp')}, rp.folder_id, rp.repository_id, COUNT(*),
           SUM(${is(`rp.report_type = 'build'`)}), SUM(${is(
    `rp.overall_status = 'passing'`,
  )}),
           SUM(${is(`rp.overall_status = 'failing'`)}), SUM(${is(
    `rp.overall_status = 'unknown'`,
  )})
    FROM reports rp
    GROUP BY ${day('rp')}, rp.folder_id, rp.repository_id`);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (knex.client.config.client === 'pg') {
    await knex.raw('DROP TRIGGER IF EXISTS reports_rollup_update ON reports');
    await knex.raw(
      'DROP TRIGGER IF EXISTS reports_rollup_insert_delete ON reports',
    );
    await knex.raw('DROP FUNCTION IF EXISTS tofui_report_rollup()');
  } else {
    for (const name of ['insert', 'delete', 'update']) {
      await knex.raw(`DROP TRIGGER IF EXISTS reports_rollup_${name}`);
    }
  }
  await knex.schema.dropTable('report_rollups');
};
