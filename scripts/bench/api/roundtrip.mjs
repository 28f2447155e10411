#!/usr/bin/env node
/*
 * What one database round trip costs the backend on this machine: 3,000
 * sequential `select 1` through knex (as the plugin does) and through the
 * bare pg driver, wall time and CPU time per query.
 *
 * Usage: roundtrip.mjs [postgres-url]
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const resolve = (name, from) => require(require.resolve(name, { paths: [path.join(root, from)] }));
const knexFactory = resolve('knex', 'plugins/tofui-backend');
const { Client } = resolve('pg', 'packages/backend');
const url = process.argv[2] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const N = 3000;

async function measure(label, query) {
  await query();
  const wall = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  for (let i = 0; i < N; i++) await query();
  const wallMs = Number(process.hrtime.bigint() - wall) / 1e6 / N;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000 / N;
  console.log(`${label.padEnd(8)} ${wallMs.toFixed(3)} ms wall, ${cpuMs.toFixed(3)} ms CPU per round trip`);
}

const knex = knexFactory({ client: 'pg', connection: url, pool: { min: 1, max: 1 } });
await measure('knex', () => knex.raw('select 1'));
await knex.destroy();
const pg = new Client({ connectionString: url });
await pg.connect();
await measure('pg', () => pg.query('select 1'));
await pg.end();
