#!/usr/bin/env node
/*
 * Seeds the tofUI plugin database on Postgres for the change intelligence
 * benchmark, inside Postgres with generate_series (no row-by-row round trips):
 *
 *   REPOS repositories × FOLDERS folders × RUNS runs (default 1,000 × 20 × 50
 *   = 1,000,000 reports, an hour apart per folder as in scripts/bench/api,
 *   alternately plans ("test") and applies ("build")), CHANGES change rows
 *   per report (default 10: 10,000,000 rows), a drifted resource in every
 *   tenth plan (with its drift ledger entry), one catalog component per
 *   repository owned by one of 100 teams (entity mappings, owners, folder
 *   coverage), and two 10,000-resource plans of one folder to compare.
 *
 * The change table's indexes are dropped before the bulk insert and created
 * again after (as the migrations define them), which is much faster than
 * maintaining them row by row. Recreates the database from scratch unless
 * --reuse is given and it is already seeded.
 *
 * Usage: seed.mjs <postgres-url> <database> [--reuse]
 * Env: REPOS (1000), FOLDERS (20), RUNS (50), CHANGES (10)
 * Prints one JSON line: the ids the load needs (the compared reports).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { INSERT_FOLDERS, INSERT_REPOSITORIES } from '../api/fleetSql.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const fromBackend = name => require(require.resolve(name, { paths: [path.join(root, 'packages/backend')] }));
const { Client } = fromBackend('pg');
const knexFactory = require(require.resolve('knex', { paths: [path.join(root, 'plugins/tofui-backend')] }));

const [url, DB, flag] = process.argv.slice(2);
const REPOS = Number(process.env.REPOS ?? 1000);
const FOLDERS = Number(process.env.FOLDERS ?? 20);
const RUNS = Number(process.env.RUNS ?? 50);
const CHANGES = Number(process.env.CHANGES ?? 10);
const TEAMS = 100;
const COMPARED = 10000;
const log = (...args) => console.error(...args);

const RESOURCE_TYPES = [
  'aws_iam_role', 'aws_iam_policy', 'aws_s3_bucket', 'aws_instance', 'aws_security_group',
  'aws_lambda_function', 'aws_route53_record', 'aws_db_instance', 'aws_kms_key', 'aws_vpc',
  'aws_subnet', 'aws_eks_node_group', 'google_storage_bucket', 'google_compute_instance',
  'google_project_iam_member', 'azurerm_resource_group', 'kubernetes_deployment',
  'kubernetes_config_map', 'helm_release', 'random_password',
];
const MODULES = ['', 'module.net.', 'module.app.', 'module.data.', 'module.iam.', 'module.app.module.cache.'];
// Changed attribute paths (names only); tags.Team in one set of six.
const ATTRIBUTE_SETS = [
  ['tags.Team', 'tags_all.Team'], ['instance_type'], ['policy'], ['ingress[0].cidr_blocks[0]', 'ingress[1].from_port'],
  ['lifecycle_rule[0].expiration[0].days'], ['environment[0].variables.LOG_LEVEL'], ['tags.Env', 'tags_all.Env'],
  ['desired_size', 'scaling_config[0].max_size'], ['versioning[0].enabled'], ['ttl', 'records[0]'],
  ['engine_version', 'allocated_storage'], ['data.config.yaml'],
].map(set => JSON.stringify(set));
// create 20 %, update 45 %, delete 10 %, replace 10 %, read 5 %, import, move, forget 10 %
const ACTIONS = [
  'create', 'create', 'create', 'create', 'update', 'update', 'update', 'update', 'update', 'update',
  'update', 'update', 'update', 'delete', 'delete', 'replace', 'replace', 'read', 'import', 'move',
];
const sqlArray = values => `ARRAY[${values.map(v => `'${v.replace(/'/g, "''")}'`).join(',')}]`;

async function main() {
  const started = Date.now();
  const admin = new Client({ connectionString: url });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB])).rowCount > 0;
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${DB}`;
  if (flag === '--reuse' && exists) {
    await admin.end();
    const knex = knexFactory({ client: 'pg', connection: dbUrl.toString() });
    const marker = await knex.raw(`SELECT to_regclass('bench_seeded') AS t`);
    if (marker.rows[0].t) {
      const ids = (await knex('bench_seeded').first('ids')).ids;
      await knex.migrate.latest({ directory: path.join(root, 'plugins/tofui-backend/migrations') });
      await knex.raw('VACUUM FULL report_rollups');
      await knex.raw('VACUUM report_rollups');
      await knex.raw('VACUUM resource_changes');
      await knex.raw('ANALYZE');
      await knex.destroy();
      log(`Reusing ${DB} (seeded before)`);
      console.log(JSON.stringify(ids));
      return;
    }
    await knex.destroy();
  }
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB}`);
  await admin.end();

  const knex = knexFactory({ client: 'pg', connection: dbUrl.toString(), pool: { min: 1, max: 1 } });
  await knex.migrate.latest({ directory: path.join(root, 'plugins/tofui-backend/migrations') });
  await knex.raw(`SET maintenance_work_mem = '1GB'`);
  await knex.raw('SET max_parallel_maintenance_workers = 2');

  const step = async (label, sql, bindings = []) => {
    const t = Date.now();
    const result = await knex.raw(sql, bindings);
    log(`  ${label}: ${result.rowCount ?? ''} rows in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    return result;
  };

  log(`Seeding ${REPOS} repositories × ${FOLDERS} folders × ${RUNS} runs × ${CHANGES} changes into ${DB}`);
  await step(
    'repositories',
    INSERT_REPOSITORIES,
    [REPOS],
  );
  await step(
    'folders',
    INSERT_FOLDERS,
    [FOLDERS],
  );
  // Odd runs are plans (test reports), even runs their applies (build
  // reports); every 9th apply fails. Runs are an hour apart per folder,
  // spread within the hour across folders.
  await step(
    'reports (rollups by trigger)',
    `INSERT INTO reports (id, repository_id, folder_id, report_type, build_name, display_name, html_url,
                          statuses, overall_status, metadata, created_at, received_at, updated_at)
     SELECT gen_random_uuid(), f.repository_id, f.id,
            CASE WHEN n % 2 = 1 THEN 'test' ELSE 'build' END,
            'run-' || n, 'Run #' || n,
            'https://ci.example.com/' || f.id || '/' || n || '.html',
            jsonb_build_object('terraform_plan', 2, 'terraform_apply', CASE WHEN n % 18 = 0 THEN 1 ELSE 2 END),
            CASE WHEN n % 18 = 0 THEN 'failing' ELSE 'passing' END,
            jsonb_build_object('commitSha', md5(f.id::text || n), 'branch', CASE WHEN n % 5 = 0 THEN 'feature-' || n ELSE 'main' END,
                               'actor', 'dev-' || (hashtext(f.id::text || n) & 255), 'ciProvider', 'github-actions'),
            now() - make_interval(hours => ?::int - n) - (hashtext(f.id::text) & 3599) * interval '1 second',
            now(), now()
     FROM folders f CROSS JOIN generate_series(1, ?::int) n`,
    [RUNS, RUNS],
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

  const indexes = (
    await knex.raw(
      `SELECT indexname, indexdef FROM pg_indexes
       WHERE tablename = 'resource_changes' AND indexname <> 'resource_changes_pkey'`,
    )
  ).rows;
  for (const { indexname } of indexes) await knex.raw(`DROP INDEX ${indexname}`);
  // Ten changed resources per report; the address names one of 50 resources
  // of its folder, so each resource has a history of about ten runs.
  // Run by run, so that the table is in time order as a live one is.
  const t = Date.now();
  for (let n = 1; n <= RUNS; n += 1) {
    await knex.raw(
      `INSERT INTO resource_changes (report_id, repository_id, folder_id, address, module, resource_type, provider,
                                     action, reason, forcing, attributes, moved_from, importing_id, drift, created_at,
                                     build_name, report_type, branch, pull_request, actor, commit_sha)
       SELECT rp.id, rp.repository_id, rp.folder_id,
              m.module || t.type || '.r' || c || '_' || (?::int % 5), NULLIF(rtrim(m.module, '.'), ''), t.type,
              'registry.terraform.io/hashicorp/' || split_part(t.type, '_', 1),
              a.action, CASE WHEN a.action = 'replace' THEN 'replace_because_cannot_update' END,
              CASE WHEN a.action = 'replace' THEN '["name"]' END,
              (${sqlArray(ATTRIBUTE_SETS)})[1 + (h.v >> 4 & 2147483647) % ${ATTRIBUTE_SETS.length}],
              CASE WHEN a.action = 'move' THEN 'aws_old.r' || c END,
              CASE WHEN a.action = 'import' THEN 'id-' || c END,
              rp.report_type = 'test' AND c = 1
                AND (?::int % 10 = 1 OR (?::int = ${RUNS - 1} AND hashtext(rp.folder_id::text) % 3 = 0)),
              rp.created_at, rp.build_name, rp.report_type, rp.metadata->>'branch',
              CASE WHEN rp.metadata->>'branch' <> 'main' THEN ?::int END,
              rp.metadata->>'actor', rp.metadata->>'commitSha'
       FROM (SELECT * FROM reports WHERE build_name = ? ORDER BY created_at, id) rp
       CROSS JOIN generate_series(1, ?::int) c
       CROSS JOIN LATERAL (SELECT hashtext(rp.folder_id::text || c) AS v) h
       CROSS JOIN LATERAL (SELECT (${sqlArray(RESOURCE_TYPES)})[1 + (h.v & 2147483647) % ${RESOURCE_TYPES.length}] AS type) t
       CROSS JOIN LATERAL (SELECT (${sqlArray(MODULES)})[1 + (h.v >> 8 & 2147483647) % ${MODULES.length}] AS module) m
       CROSS JOIN LATERAL (SELECT (${sqlArray(ACTIONS)})[1 + (hashtext(rp.id::text || c) & 2147483647) % ${ACTIONS.length}] AS action) a`,
      [n, n, n, n, `run-${n}`, CHANGES],
    );
    if (n % 10 === 0) log(`  resource changes: runs 1-${n} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  for (const { indexname, indexdef } of indexes) {
    await step(`index ${indexname}`, indexdef);
  }
  // Open when the folder's latest plan still shows it, else closed by the
  // next plan; chronic until its third latest showing + 30 days (as the
  // indexer keeps it).
  await step(
    'drift ledger',
    `INSERT INTO drift_ledger (folder_id, repository_id, address, resource_type, state, first_seen_at, last_seen_at,
                               closed_at, occurrences, attributes, chronic_until)
     SELECT d.folder_id, d.repository_id, d.address, d.resource_type,
            CASE WHEN nxt.at IS NULL THEN 'open' ELSE 'closed' END, d.first_at, d.last_at, nxt.at, d.n, d.attributes,
            CASE WHEN d.n >= 3 THEN (SELECT rc.created_at FROM resource_changes rc
                                     WHERE rc.folder_id = d.folder_id AND rc.address = d.address AND rc.drift
                                     ORDER BY rc.created_at DESC OFFSET 2 LIMIT 1) + interval '30 days' END
     FROM (SELECT folder_id, min(repository_id::text)::uuid AS repository_id, address, min(resource_type) AS resource_type,
                  min(created_at) AS first_at, max(created_at) AS last_at, count(*) AS n, min(attributes) AS attributes
           FROM resource_changes WHERE drift GROUP BY folder_id, address) d
     LEFT JOIN LATERAL (SELECT min(created_at) AS at FROM reports p
                        WHERE p.folder_id = d.folder_id AND p.report_type = 'test' AND p.created_at > d.last_at) nxt ON true`,
  );
  await step(
    'entity mappings',
    `INSERT INTO entity_mappings (entity_ref, repository_slug, folder_patterns, synced_at)
     SELECT 'component:default/infra-' || substr(slug, 5, 4), slug, NULL, now() FROM repositories`,
  );
  await step(
    'entity owners',
    `INSERT INTO entity_owners (entity_ref, owner_ref)
     SELECT entity_ref, 'group:default/team-' || lpad(((substr(repository_slug, 5, 4)::int - 1) % ${TEAMS} + 1)::text, 3, '0')
     FROM entity_mappings`,
  );
  await step(
    'folder entities',
    `INSERT INTO folder_entities (folder_id, entity_ref)
     SELECT f.id, em.entity_ref FROM folders f JOIN repositories r ON r.id = f.repository_id
     JOIN entity_mappings em ON em.repository_slug = r.slug`,
  );

  // Two 10,000-resource plans of one folder, for the compare: the second
  // adds 500, removes 500, changes the action of 1,000 and the attributes
  // of another 1,000.
  const [folder] = (
    await knex.raw(
      `SELECT f.id, f.repository_id FROM folders f JOIN repositories r ON r.id = f.repository_id
       WHERE r.slug = 'org-0001/infra' AND f.name = 'env_01'`,
    )
  ).rows;
  const compared = [];
  for (const [i, build] of ['big-plan-1', 'big-plan-2'].entries()) {
    const [{ id }] = (
      await knex.raw(
        `INSERT INTO reports (id, repository_id, folder_id, report_type, build_name, statuses, overall_status, metadata,
                              created_at, received_at, updated_at)
         VALUES (gen_random_uuid(), ?, ?, 'test', ?, '{}'::jsonb, 'passing', '{"branch":"main"}'::jsonb,
                 now() - interval '10 days' + ? * interval '1 hour', now(), now())
         RETURNING id`,
        [folder.repository_id, folder.id, build, i],
      )
    ).rows;
    compared.push(id);
    await step(
      `resource changes of ${build}`,
      `INSERT INTO resource_changes (report_id, repository_id, folder_id, address, resource_type, action, attributes,
                                     drift, created_at, build_name, report_type, branch)
       SELECT ?, ?, ?, 'module.fleet.aws_instance.node[' || k || ']', 'aws_instance',
              CASE WHEN ?::int = 1 AND k % 10 = 3 THEN 'replace' ELSE 'update' END,
              CASE WHEN ?::int = 1 AND k % 10 = 7 THEN '["tags.Team"]' ELSE '["instance_type"]' END,
              false, now() - interval '10 days' + ?::int * interval '1 hour', ?, 'test', 'main'
       FROM generate_series(1 + ?::int * 500, ${COMPARED} + ?::int * 500) k`,
      [id, folder.repository_id, folder.id, i, i, i, build, i, i],
    );
  }
  await knex.raw('CREATE TABLE bench_seeded (ids jsonb NOT NULL)');
  const ids = { compareBase: compared[0], compareHead: compared[1] };
  await knex('bench_seeded').insert({ ids: JSON.stringify(ids) });
  // The triggers updated each folder-day row once per report: 1,000,000
  // row versions in one go, which autovacuum trims over time on a live
  // fleet; compacted here so the run measures the steady state.
  await step('compact the rollups', 'VACUUM FULL report_rollups');
  // As autovacuum keeps a live table: its pages marked all-visible, so that
  // the search's and the insights' index-only scans need not read the rows
  // (VACUUM FULL leaves the rollups' visibility map empty).
  await step('vacuum the rollups', 'VACUUM report_rollups');
  await step('vacuum the change rows', 'VACUUM resource_changes');
  await step('analyze', 'ANALYZE');
  const [{ n }] = (await knex.raw('SELECT count(*)::int AS n FROM resource_changes')).rows;
  await knex.destroy();
  log(`Seeded ${n} change rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(JSON.stringify(ids));
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
