#!/usr/bin/env node
/*
 * The load, the timeline and the checks of scripts/dr-drill. Publishes
 * uniquely named builds (each with an HTML artifact) at a constant rate to
 * whatever the "DNS name" points at (a file the drill rewrites when it flips
 * DNS), each retried until acknowledged, as the CLI does (republishing a
 * build is idempotent). At a random moment (seeded) it asks the drill to kill
 * the primary region, then to fail over; optionally it then asks for the
 * failback (rebuild, reverse replication, planned switchover, re-protection).
 * It compares what was acknowledged with what the surviving database and
 * storage hold, and prints one JSON result.
 *
 * The drill (bash) does the process work; this script asks for it through a
 * control file: it writes a command, the drill answers `<command>:done <json>`.
 *
 * Environment: DRILL_WORK, DRILL_TOKEN, DRILL_RUN, MODE (sync|async), SEED,
 * RATE, KILL_MIN, KILL_MAX, AFTER, FAILBACK (1), PRIMARY_BASE, DR_BASE,
 * PRIMARY_DB_URL, DR_DB_URL, PRIMARY_STORE, DR_STORE, PRIMARY_METRICS,
 * DR_METRICS.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const { Client } = require(require.resolve('pg', {
  paths: [path.join(root, 'packages/backend')],
}));

const env = process.env;
const work = env.DRILL_WORK;
const token = env.DRILL_TOKEN;
const seed = Number(env.SEED);
const rate = Number(env.RATE ?? 20);
const killMin = Number(env.KILL_MIN ?? 10);
const killMax = Number(env.KILL_MAX ?? 30);
const after = Number(env.AFTER ?? 10);
const failback = env.FAILBACK === '1';
const regions = {
  primary: {
    base: env.PRIMARY_BASE,
    db: env.PRIMARY_DB_URL,
    store: env.PRIMARY_STORE,
    metrics: env.PRIMARY_METRICS,
  },
  dr: {
    base: env.DR_BASE,
    db: env.DR_DB_URL,
    store: env.DR_STORE,
    metrics: env.DR_METRICS,
  },
};
const run = `${env.DRILL_RUN ?? 'drill'}-${Date.now().toString(36)}`;
const control = path.join(work, 'control');
const dnsFile = path.join(work, 'dns');

/** mulberry32: the drill's random moments, reproducible from SEED. */
function rng(a) {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(seed);
const sleep = ms => new Promise(r => setTimeout(r, ms));
const secs = ms => Number((ms / 1000).toFixed(2));
const log = message =>
  process.stderr.write(`\x1b[1;35m[drill]\x1b[0m ${message}\n`);

// ---- DNS: the base URL publishers use, re-read at most every 50 ms --------
let dnsCache = { at: 0, base: '' };
function currentBase() {
  if (Date.now() - dnsCache.at > 50) {
    dnsCache = {
      at: Date.now(),
      base: fs.readFileSync(dnsFile, 'utf8').trim(),
    };
  }
  return dnsCache.base;
}

// ---- publishers -------------------------------------------------------------
/** build name -> { t: ack time (epoch ms), base: who acknowledged, ms: latency } */
const acked = new Map();
const attempts = { total: 0, byStatus: {} };
/** Every answer (time, status, who answered), for the answers after recovery. */
const answers = [];
/** What `base` answered from `from` to `to` (after a recovery: must be 2xx only). */
function answersBetween(base, from, to) {
  const counts = {};
  for (const a of answers) {
    if (a.base === base && a.t >= from && a.t <= to) {
      counts[a.status] = (counts[a.status] ?? 0) + 1;
    }
  }
  return counts;
}
const not2xx = counts =>
  Object.entries(counts)
    .filter(([status]) => !/^2/.test(status))
    .reduce((n, [, count]) => n + count, 0);

function body(n) {
  return JSON.stringify({
    source_repo: 'acme/dr-drill',
    folder: `f${n % 20}`,
    build_name: `${run}-${n}`,
    report_type: 'build',
    statuses: { terraform_plan: 2, terraform_apply: 2 },
    artifacts: {
      html: {
        content: `<html><body><h1>${run}-${n}</h1>${'x'.repeat(
          2000,
        )}</body></html>`,
      },
    },
  });
}

async function publishOnce(n) {
  attempts.total += 1;
  const base = currentBase();
  const started = Date.now();
  let status;
  try {
    const res = await fetch(`${base}/api/tofui/v1/reports`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
      body: body(n),
      signal: AbortSignal.timeout(10_000),
    });
    await res.arrayBuffer();
    status = res.status;
  } catch (error) {
    status = error.name === 'TimeoutError' ? 'timeout' : 'network';
  }
  attempts.byStatus[status] = (attempts.byStatus[status] ?? 0) + 1;
  answers.push({ t: Date.now(), status, base });
  return { status, base, started };
}

/** One build: sent until 2xx, backing off up to 2 s, for at most 5 minutes. */
async function publish(n) {
  const giveUp = Date.now() + 300_000;
  for (
    let delay = 200;
    Date.now() < giveUp;
    delay = Math.min(delay * 2, 2000)
  ) {
    const { status, base, started } = await publishOnce(n);
    if (typeof status === 'number' && status >= 200 && status < 300) {
      const t = Date.now();
      acked.set(`${run}-${n}`, { t, base, ms: t - started });
      return;
    }
    await sleep(delay);
  }
}

let producing = true;
let sent = 0;
const inFlight = new Set();
const producer = (async () => {
  const interval = 1000 / rate;
  let next = performance.now();
  while (producing) {
    const p = publish(++sent).finally(() => inFlight.delete(p));
    inFlight.add(p);
    next += interval;
    await sleep(Math.max(0, next - performance.now()));
  }
})();

// ---- the replication verifier's metrics, scraped once a second ---------------
const verifier = { primary: undefined, dr: undefined };
let scraping = true;
function sample(text, name) {
  const line = text
    .split('\n')
    .find(l => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.split(' ').pop()) : undefined;
}
const scraper = (async () => {
  while (scraping) {
    for (const region of ['primary', 'dr']) {
      try {
        const res = await fetch(regions[region].metrics, {
          signal: AbortSignal.timeout(1000),
        });
        const text = await res.text();
        const missing = sample(text, 'tofui_replication_missing_artifacts');
        if (missing !== undefined) {
          verifier[region] = {
            at: Date.now(),
            missing,
            oldestMissingAgeSeconds: sample(
              text,
              'tofui_replication_oldest_missing_age_seconds',
            ),
          };
        }
      } catch {
        // region down or not started
      }
    }
    await sleep(1000);
  }
})();

// ---- talking to the drill ---------------------------------------------------
async function command(name) {
  log(`→ ${name}`);
  fs.writeFileSync(control, name);
  for (;;) {
    const text = fs.readFileSync(control, 'utf8').trim();
    if (text.startsWith(`${name}:done`)) {
      return JSON.parse(text.slice(`${name}:done`.length).trim() || '{}');
    }
    if (text.startsWith(`${name}:failed`)) {
      throw new Error(`drill step ${name} failed: ${text}`);
    }
    await sleep(20);
  }
}

async function firstAckAfter(t, base, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    let first;
    for (const ack of acked.values()) {
      if (ack.base === base && ack.t >= t && (!first || ack.t < first)) {
        first = ack.t;
      }
    }
    if (first) return first;
    await sleep(20);
  }
  return undefined;
}

/** Acknowledged builds whose acknowledgement came from `base`. */
function ackedBy(base) {
  return new Map([...acked].filter(([, ack]) => ack.base === base));
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
    : null;
}

/**
 * What `region` (its database and storage, through its API) holds of the
 * builds in `expected`: the acknowledged builds missing (RPO), duplicated,
 * and whose artifact is missing from its storage.
 */
async function check(region, expected, failureAt) {
  const { db: dbUrl, store, base } = regions[region];
  const db = new Client({ connectionString: dbUrl });
  await db.connect();
  const { rows } = await db.query(
    `select build_name, min(id::text) as id, count(*)::int as n, min(artifacts::text) as artifacts
       from reports where build_name like $1 group by build_name`,
    [`${run}-%`],
  );
  await db.end();
  const present = new Map(rows.map(r => [r.build_name, r]));
  const missing = [...expected.keys()].filter(b => !present.has(b));
  const windowMs = missing.length
    ? Math.max(...missing.map(b => failureAt - expected.get(b).t))
    : 0;
  const withoutArtifact = [];
  for (const build of expected.keys()) {
    const row = present.get(build);
    if (!row) continue;
    const key = JSON.parse(row.artifacts ?? '{}')?.html?.key;
    if (!key || !fs.existsSync(path.join(store, key))) {
      withoutArtifact.push(row);
    }
  }
  // What the API answers for them (must be 404, never 500), and for a sample
  // of reports with their artifact (200).
  const apiStatuses = { withoutArtifact: {}, withArtifact: {}, metadata: {} };
  const get = async (url, bucket) => {
    let status;
    try {
      const res = await fetch(url, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      status = res.status;
    } catch {
      status = 'network';
    }
    bucket[status] = (bucket[status] ?? 0) + 1;
  };
  for (const row of withoutArtifact.slice(0, 50)) {
    await get(
      `${base}/api/tofui/v1/reports/${row.id}/html`,
      apiStatuses.withoutArtifact,
    );
    await get(`${base}/api/tofui/v1/reports/${row.id}`, apiStatuses.metadata);
  }
  const withArtifact = [...expected.keys()]
    .map(b => present.get(b))
    .filter(row => row && !withoutArtifact.includes(row));
  for (let i = 0; i < Math.min(10, withArtifact.length); i++) {
    const row = withArtifact[Math.floor(random() * withArtifact.length)];
    await get(
      `${base}/api/tofui/v1/reports/${row.id}/html`,
      apiStatuses.withArtifact,
    );
  }
  return {
    acknowledged: expected.size,
    lostReports: missing.length,
    lostBuilds: missing.slice(0, 10),
    lossWindowSeconds: secs(windowMs),
    duplicates: rows.filter(r => r.n > 1).length,
    artifactsMissing: withoutArtifact.length,
    apiStatuses,
  };
}

// ---- the timeline -----------------------------------------------------------
const started = Date.now();
const killAfter = killMin + random() * (killMax - killMin);
log(
  `run ${run}: publishing ${rate}/s, primary region killed after ${killAfter.toFixed(
    2,
  )} s (seed ${seed})`,
);
await sleep(killAfter * 1000);

const verifierBeforeKill = verifier.primary;
const latencies = [...acked.values()].map(a => a.ms);
const kill = await command('kill');
const tKill = kill.t;
const failover = await command('failover');
const firstDr = await firstAckAfter(tKill, regions.dr.base);
log(
  `first publish acknowledged by the DR region ${
    firstDr ? secs(firstDr - tKill) : '—'
  } s after the failure`,
);
await sleep(after * 1000);
const afterFailover = answersBetween(
  regions.dr.base,
  firstDr ?? Infinity,
  Date.now(),
);
const failoverCheck = await check('dr', ackedBy(regions.primary.base), tKill);

const result = {
  run,
  mode: env.MODE,
  seed,
  rate,
  killAfterSeconds: Number(killAfter.toFixed(2)),
  publishLatencyBeforeKillMs: {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  },
  standbyAtKill: kill.standby,
  replicationVerifierBeforeKill: verifierBeforeKill && {
    missing: verifierBeforeKill.missing,
    oldestMissingAgeSeconds: verifierBeforeKill.oldestMissingAgeSeconds,
  },
  failover: {
    rtoSeconds: firstDr ? secs(firstDr - tKill) : null,
    steps: {
      detectedSeconds: secs(failover.detected - tKill),
      promotedSeconds: secs(failover.promoted - tKill),
      backendStartedSeconds: secs(failover.started - tKill),
      healthySeconds: secs(failover.healthy - tKill),
      dnsFlippedSeconds: secs(failover.flipped - tKill),
      firstPublishSeconds: firstDr ? secs(firstDr - tKill) : null,
    },
    backendStartSeconds: secs(failover.healthy - failover.started),
    answersAfterRecovery: afterFailover,
    ...failoverCheck,
  },
};

if (failback) {
  const prepare = await command('failback-prepare');
  result.failback = {
    rebuild: prepare,
  };
  await sleep((2 + random() * 6) * 1000);
  const switchover = await command('switchover');
  const tSwitch = switchover.t;
  const firstBack = await firstAckAfter(tSwitch, regions.primary.base);
  log(
    `first publish acknowledged by the primary region ${
      firstBack ? secs(firstBack - tSwitch) : '—'
    } s after the switchover began`,
  );
  await sleep(after * 1000);
  const afterFailback = answersBetween(
    regions.primary.base,
    firstBack ?? Infinity,
    Date.now(),
  );
  const reprotect = await command('reprotect');
  // every build the DR region acknowledged must be in the primary region now
  const back = await check('primary', ackedBy(regions.dr.base), tSwitch);
  result.failback = {
    ...result.failback,
    rtoSeconds: firstBack ? secs(firstBack - tSwitch) : null,
    steps: {
      drStoppedSeconds: secs(switchover.drStopped - tSwitch),
      caughtUpSeconds: secs(switchover.caughtUp - tSwitch),
      promotedSeconds: secs(switchover.promoted - tSwitch),
      healthySeconds: secs(switchover.healthy - tSwitch),
      dnsFlippedSeconds: secs(switchover.flipped - tSwitch),
      firstPublishSeconds: firstBack ? secs(firstBack - tSwitch) : null,
    },
    answersAfterRecovery: afterFailback,
    finalArtifactSync: switchover.finalSync,
    reprotect,
    ...back,
  };
}

producing = false;
await producer;
await Promise.all([...inFlight]);
// Load stopped: replication catches up; the verifier should find nothing
// missing (it checks every 5 s).
const finalRegion = failback ? 'primary' : 'dr';
const quiet = Date.now();
// (After a failover alone nothing replicates back to the dead region.)
while (failback && Date.now() - quiet < 30_000) {
  const v = verifier[finalRegion];
  if (v && v.at > quiet + 6000 && v.missing === 0) break;
  await sleep(500);
}
scraping = false;
await scraper;

// Every acknowledged build is in the surviving region at the end.
const final = await check(finalRegion, acked, Date.now());
result.final = {
  region: finalRegion,
  builds: sent,
  acknowledged: acked.size,
  neverAcknowledged: sent - acked.size,
  lostReports: final.lostReports,
  duplicates: final.duplicates,
  attempts: attempts.total,
  statuses: attempts.byStatus,
};
if (failback) result.verifierAtEnd = verifier.primary;
result.elapsedSeconds = secs(Date.now() - started);

const failures = [];
const api500 = section =>
  Object.keys(section.apiStatuses.withoutArtifact).some(s =>
    s.startsWith('5'),
  ) || Object.keys(section.apiStatuses.metadata).some(s => s.startsWith('5'));
if (result.failover.rtoSeconds === null)
  failures.push('no publish acknowledged by the DR region');
if (env.MODE === 'sync' && result.failover.lostReports > 0) {
  failures.push(
    `${result.failover.lostReports} acknowledged reports lost with synchronous commit`,
  );
}
if (api500(result.failover))
  failures.push('the DR API answered 5xx for a report without its artifact');
if (not2xx(result.failover.answersAfterRecovery)) {
  failures.push(
    `the DR region failed ${not2xx(
      result.failover.answersAfterRecovery,
    )} publishes after its first success`,
  );
}
if (result.final.duplicates)
  failures.push(`${result.final.duplicates} builds duplicated`);
if (failback) {
  if (result.failback.rtoSeconds === null)
    failures.push('no publish acknowledged after failback');
  if (result.failback.lostReports > 0)
    failures.push(
      `${result.failback.lostReports} reports lost in the failback`,
    );
  if (result.failback.artifactsMissing > 0)
    failures.push(
      `${result.failback.artifactsMissing} artifacts missing after the failback`,
    );
  if (not2xx(result.failback.answersAfterRecovery)) {
    failures.push(
      `the primary region failed ${not2xx(
        result.failback.answersAfterRecovery,
      )} publishes after its first success`,
    );
  }
}
result.ok = failures.length === 0;
result.failures = failures;
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
