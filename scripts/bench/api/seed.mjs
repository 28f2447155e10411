#!/usr/bin/env node
/*
 * Seeds the tofUI plugin database on Postgres for the API benchmark:
 * REPOS repositories × FOLDERS folders × REPORTS reports (default 1,000 × 20
 * × 50 = 1,000,000 reports), generated inside Postgres with generate_series
 * (no round trips), then the folders' latest pointers and verdicts in one
 * statement each. Recreates the database from scratch.
 *
 * Usage: seed.mjs <postgres-url> [repos] [folders] [reports-per-folder]
 * Env: TOFUI_BENCH_DB_PREFIX (tofui_bench_): the backend's database prefix
 *      (backend.database.prefix in app-config.bench.yaml); the plugin's
 *      database is <prefix>tofui. Benchmarks that may run at the same time
 *      use different prefixes.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { INSERT_FOLDERS, INSERT_REPOSITORIES } from './fleetSql.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const fromBackend = name => require(require.resolve(name, { paths: [path.join(root, 'packages/backend')] }));
const { Client } = fromBackend('pg');
const knexFactory = require(require.resolve('knex', { paths: [path.join(root, 'plugins/tofui-backend')] }));

const [url, repos = '1000', folders = '20', perFolder = '50'] = process.argv.slice(2);
const prefix = process.env.TOFUI_BENCH_DB_PREFIX || 'tofui_bench_';
if (!/^[a-z_][a-z0-9_]*$/.test(prefix)) {
  throw new Error(`TOFUI_BENCH_DB_PREFIX must be a lower-case SQL identifier, got ${prefix}`);
}
const DB = `${prefix}tofui`;

async function main() {
  const started = Date.now();
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB}`);
  await admin.end();

  const dbUrl = new URL(url);
  dbUrl.pathname = `/${DB}`;
  const knex = knexFactory({ client: 'pg', connection: dbUrl.toString() });
  await knex.migrate.latest({ directory: path.join(root, 'plugins/tofui-backend/migrations') });

  const step = async (label, sql, bindings = []) => {
    const t = Date.now();
    const result = await knex.raw(sql, bindings);
    console.log(`  ${label}: ${result.rowCount ?? ''} rows in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  };

  console.log(`Seeding ${repos} repositories × ${folders} folders × ${perFolder} reports into ${DB}`);
  await step(
    'repositories',
    INSERT_REPOSITORIES,
    [repos],
  );
  await step(
    'folders',
    INSERT_FOLDERS,
    [folders],
  );
  // Every 9th build fails (terraform_apply 1); every 7th run has a tfsec finding.
  await step(
    'reports',
    `INSERT INTO reports (id, repository_id, folder_id, report_type, build_name, display_name, html_url,
                          statuses, overall_status, metadata, created_at, received_at, updated_at)
     SELECT gen_random_uuid(), f.repository_id, f.id,
            CASE WHEN n % 2 = 0 THEN 'build' ELSE 'test' END,
            'run-' || n, 'Run #' || n,
            'https://ci.example.com/' || f.id || '/' || n || '.html',
            jsonb_build_object('terraform_plan', n % 3, 'terraform_apply', CASE WHEN n % 9 = 0 THEN 1 ELSE 2 END,
                               'tfsec', CASE WHEN n % 7 = 0 THEN 1 ELSE 0 END),
            CASE WHEN n % 9 = 0 OR n % 7 = 0 OR n % 3 = 1 THEN 'failing' ELSE 'passing' END,
            jsonb_build_object('commitSha', md5(f.id::text || n), 'branch', 'main', 'ciProvider', 'github-actions'),
            now() - make_interval(mins => (?::int - n) * 60),
            now(), now()
     FROM folders f CROSS JOIN generate_series(1, ?::int) n`,
    [perFolder, perFolder],
  );
  for (const type of ['build', 'test']) {
    const column = type === 'build' ? 'latest_build_report_id' : 'latest_test_report_id';
    await step(
      `latest ${type} per folder`,
      `UPDATE folders f SET ${column} = latest.id
       FROM (SELECT DISTINCT ON (folder_id) folder_id, id FROM reports WHERE report_type = ?
             ORDER BY folder_id, created_at DESC, received_at DESC, id DESC) latest
       WHERE latest.folder_id = f.id`,
      [type],
    );
  }
  await step(
    'folder verdicts',
    `UPDATE folders f SET overall_status = CASE
       WHEN b.overall_status = 'failing' OR t.overall_status = 'failing' THEN 'failing'
       WHEN b.overall_status IS NULL AND t.overall_status IS NULL THEN 'unknown'
       WHEN b.overall_status = 'unknown' OR t.overall_status = 'unknown' THEN 'unknown'
       ELSE 'passing' END
     FROM folders f2
     LEFT JOIN reports b ON b.id = f2.latest_build_report_id
     LEFT JOIN reports t ON t.id = f2.latest_test_report_id
     WHERE f.id = f2.id`,
  );
  await step('analyze', 'ANALYZE');
  const [{ n }] = (await knex.raw('SELECT count(*)::int AS n FROM reports')).rows;
  await knex.destroy();
  console.log(`Seeded ${n} reports in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
