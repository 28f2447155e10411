// @ts-check
const fs = require('node:fs');
const path = require('node:path');

/**
 * The publish functions (Postgres) from one readable file: their definitions
 * until now were the result of earlier migrations editing the function's
 * text by string replacement. This applies, unchanged in what they do, the
 * whole of tofui_iso, tofui_report_json and tofui_publish from
 * sql/20261201090000_publish_functions.sql.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (knex.client.config.client !== 'pg') {
    return;
  }
  await knex.raw(
    fs.readFileSync(
      path.join(__dirname, 'sql', '20261201090000_publish_functions.sql'),
      'utf8',
    ),
  );
};

/** The same definitions: nothing to undo. */
exports.down = async function down() {};
