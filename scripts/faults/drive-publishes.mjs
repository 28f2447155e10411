#!/usr/bin/env node
/*
 * The load and the checks of scripts/faults/postgres-restart: publishes at a
 * constant rate, each build retried until acknowledged (as the CLI does),
 * polls health, asks the script for the outage through a control file, then
 * compares what was acknowledged with what the database holds.
 *
 * Usage: drive-publishes.mjs <base> <token> <rate> <outage-after-s> <outage-s> <after-s> <db-url> <control-file>
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { Client } = require(require.resolve('pg', { paths: [path.join(root, 'packages/backend')] }));

const [base, token, rate, outageAfter, outage, after, dbUrl, control] = process.argv.slice(2);
const run = `fault-${Date.now().toString(36)}`;
const sleep = ms => new Promise(r => setTimeout(r, ms));
const now = () => performance.now() / 1000;
const start = now();

const acked = new Set();
const attempts = { total: 0, byStatus: {} };
const outageStatuses = {};
let phase = 'before';
let tDown;
let tUp;
const health = [];

async function publishOnce(build) {
  attempts.total += 1;
  let status;
  try {
    const res = await fetch(`${base}/api/tofui/v1/reports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        source_repo: 'acme/faults',
        folder: `f${build % 20}`,
        build_name: `${run}-${build}`,
        report_type: 'build',
        statuses: { terraform_plan: 2, terraform_apply: 2 },
      }),
      signal: AbortSignal.timeout(10_000),
    });
    await res.arrayBuffer();
    status = res.status;
  } catch (error) {
    status = error.name === 'TimeoutError' ? 'timeout' : 'network';
  }
  attempts.byStatus[status] = (attempts.byStatus[status] ?? 0) + 1;
  if (phase === 'outage') outageStatuses[status] = (outageStatuses[status] ?? 0) + 1;
  return status;
}

/** One build: sent until 2xx, backing off, for at most 90 s. */
async function publish(build) {
  const giveUp = now() + 90;
  for (let delay = 200; now() < giveUp; delay = Math.min(delay * 2, 2000)) {
    const status = await publishOnce(build);
    if (typeof status === 'number' && status >= 200 && status < 300) {
      acked.add(`${run}-${build}`);
      return;
    }
    await sleep(delay);
  }
}

async function control_(command, done) {
  fs.writeFileSync(control, command);
  while (fs.readFileSync(control, 'utf8').trim() !== done) await sleep(20);
}

let producing = true;
const inFlight = new Set();
let sent = 0;
const producer = (async () => {
  const interval = 1000 / Number(rate);
  let next = performance.now();
  while (producing) {
    const p = publish(++sent).finally(() => inFlight.delete(p));
    inFlight.add(p);
    next += interval;
    await sleep(Math.max(0, next - performance.now()));
  }
})();
let polling = true;
const poller = (async () => {
  while (polling) {
    let status;
    try {
      const res = await fetch(`${base}/api/tofui/v1/health`, { signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      status = res.status;
    } catch {
      status = 'network';
    }
    health.push({ t: now(), status });
    await sleep(200);
  }
})();

await sleep(Number(outageAfter) * 1000);
await control_('stop', 'stopped');
tDown = now();
phase = 'outage';
await sleep(Number(outage) * 1000);
await control_('start', 'started');
tUp = now();
phase = 'after';
await sleep(Number(after) * 1000);
producing = false;
await producer;
await Promise.all([...inFlight]);
polling = false;
await poller;

const db = new Client({ connectionString: dbUrl });
await db.connect();
const { rows } = await db.query(
  `select build_name, count(*)::int as n from reports where build_name like $1 group by build_name`,
  [`${run}-%`],
);
await db.end();
const present = new Map(rows.map(r => [r.build_name, r.n]));
const missing = [...acked].filter(b => !present.has(b));
const duplicates = rows.filter(r => r.n > 1).map(r => r.build_name);
const healthDuring = health.filter(h => h.t > tDown + 0.5 && h.t < tUp).map(h => h.status);
const firstOk = health.find(h => h.t >= tUp && h.status === 200);
const result = {
  builds: sent,
  acknowledged: acked.size,
  inDatabase: rows.length,
  missing: missing.length,
  duplicates: duplicates.length,
  attempts: attempts.total,
  statusesDuringOutage: outageStatuses,
  healthDuringOutage: [...new Set(healthDuring)],
  recoverySeconds: firstOk ? Number((firstOk.t - tUp).toFixed(2)) : null,
  outageSeconds: Number((tUp - tDown).toFixed(2)),
  elapsedSeconds: Number((now() - start).toFixed(1)),
};
const failures = [];
if (missing.length) failures.push(`${missing.length} acknowledged publishes missing`);
if (duplicates.length) failures.push(`${duplicates.length} duplicated`);
if (outageStatuses[500]) failures.push(`${outageStatuses[500]} answers 500 during the outage`);
if (!healthDuring.includes(503)) failures.push('health did not answer 503 during the outage');
if (!firstOk || firstOk.t - tUp > 5) failures.push('not healthy within 5 s of the restart');
if (acked.size !== sent) failures.push(`${sent - acked.size} publishes never acknowledged`);
result.ok = failures.length === 0;
result.failures = failures;
console.log(JSON.stringify(result, null, 2));
process.exit(result.ok ? 0 : 1);
