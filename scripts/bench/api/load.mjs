#!/usr/bin/env node
/*
 * Open-loop, constant-rate load for the API benchmark, from a separate
 * process. Requests are sent at evenly spaced times whatever the server does,
 * and each latency is measured from the time the request was due (not from
 * when it could be sent), so a slow server cannot hide its queueing
 * ("coordinated omission"). autocannon's fixed-rate mode sends in per-second
 * bursts instead, which measures the burst, not the server.
 *
 * Scenarios:
 *   summary       GET /v1/summary?repository=<random>       (entity page / repository view)
 *   summary-page  GET /v1/summary?limit=100                 (dashboard first page, whole fleet)
 *   reports       GET /v1/reports?repository&folder&type=build&limit=7 (random folder)
 *   publish       POST /v1/reports, a new build of a random folder each time
 *   mixed         the soak mix: 70 % summary, 10 % summary-page, 10 % reports, 10 % publish
 *   health        GET /.backstage/health/v1/liveness        (Backstage's own health route)
 *   tofui-health  GET /api/tofui/v1/health/live             (tofUI's, through the plugin's router)
 *
 * Usage: load.mjs <base-url> <token> <scenario> <rate/s> <seconds> [repos] [folders]
 * Env: LOAD_WARMUP_SECONDS (0): requests due in the first seconds are sent
 * and counted, but their latencies are reported apart (`warmupMs`), not in
 * `ms` (a soak measures the steady state; a cold cache queues requests at
 * the start).
 * LOAD_SERVER_PID: the backend's process id; its CPU time (user + system,
 * from /proc) over the run is reported as `cpuMsPerRequest` — what a request
 * costs the server, whatever else the machine is doing.
 * LOAD_METRICS_URL: the backend's Prometheus endpoint; the response cache's
 * misses during the run are reported as `cacheMisses` (a "cached" round with
 * misses measured database queries too).
 * Prints one JSON line with the figures.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';

const [base, token, scenario, rateArg, secondsArg, repos = '1000', folders = '20'] =
  process.argv.slice(2);
const rate = Number(rateArg);
const seconds = Number(secondsArg);
const REPOS = Number(repos);
const FOLDERS = Number(folders);

const pick = n => 1 + Math.floor(Math.random() * n);
const repo = () => `org-${String(pick(REPOS)).padStart(4, '0')}/infra`;
const folder = () => `env_${String(pick(FOLDERS)).padStart(2, '0')}`;
const runId = Date.now().toString(36);
let published = 0;

const auth = { authorization: `Bearer ${token}` };
// As browsers and Node's fetch (the CLI) ask; LOAD_ACCEPT_ENCODING='' asks
// for identity.
const acceptEncoding = process.env.LOAD_ACCEPT_ENCODING ?? 'gzip, deflate, br';
const common = { ...auth, ...(acceptEncoding && { 'accept-encoding': acceptEncoding }) };
const requests = {
  summary: () => ({ method: 'GET', path: `/api/tofui/v1/summary?repository=${repo()}` }),
  'summary-page': () => ({ method: 'GET', path: '/api/tofui/v1/summary?limit=100' }),
  reports: () => ({
    method: 'GET',
    path: `/api/tofui/v1/reports?repository=${repo()}&folder=${folder()}&type=build&limit=7`,
  }),
  publish: () => ({
    method: 'POST',
    path: '/api/tofui/v1/reports',
    headers: { ...common, 'content-type': 'application/json' },
    body: JSON.stringify({
      source_repo: repo(),
      folder: folder(),
      report_type: 'build',
      build_name: `bench-${runId}-${++published}`,
      statuses: { terraform_plan: 2, terraform_apply: 2, tfsec: 0 },
      commit_sha: 'abcdef1234567890',
      branch: 'main',
    }),
  }),
};
requests.health = () => ({ method: 'GET', path: '/.backstage/health/v1/liveness' });
requests['tofui-health'] = () => ({ method: 'GET', path: '/api/tofui/v1/health/live' });
const MIX = [
  [0.7, 'summary'],
  [0.8, 'summary-page'],
  [0.9, 'reports'],
  [1, 'publish'],
];
requests.mixed = () => {
  const r = Math.random();
  return requests[MIX.find(([upTo]) => r < upTo)[1]]();
};
if (!requests[scenario]) {
  console.error(`Unknown scenario ${scenario}; one of ${Object.keys(requests).join(', ')}`);
  process.exit(2);
}

const pool = new Pool(base, { connections: 128, keepAliveTimeout: 30_000 });
const latencies = [];
const warmupLatencies = [];
const warmupMs = Number(process.env.LOAD_WARMUP_SECONDS ?? 0) * 1000;
const statuses = {};
let errors = 0;
let inFlight = 0;

async function fire(due) {
  inFlight += 1;
  try {
    const { statusCode, body } = await pool.request({ headers: common, ...requests[scenario]() });
    await body.dump();
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  } catch {
    errors += 1;
  } finally {
    (due - start < warmupMs ? warmupLatencies : latencies).push(
      performance.now() - due,
    );
    inFlight -= 1;
  }
}

/** CPU time of a process so far, in ms (utime + stime of /proc/<pid>/stat). */
const serverPid = process.env.LOAD_SERVER_PID;
const ticksPerMs = 100 / 1000; // USER_HZ is 100 on Linux
const cpuMs = () => {
  if (!serverPid) return undefined;
  const fields = fs.readFileSync(`/proc/${serverPid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerMs;
};
const cpuBefore = cpuMs();

/** The response cache's misses so far, from the backend's metrics. */
const metricsUrl = process.env.LOAD_METRICS_URL;
const cacheMisses = async () => {
  if (!metricsUrl) return undefined;
  const text = await (await fetch(metricsUrl)).text();
  return Number(text.match(/^tofui_cache_misses_total\{[^}]*\} (\d+)/m)?.[1] ?? 0);
};
const missesBefore = await cacheMisses();

const interval = 1000 / rate;
const start = performance.now();
const end = start + seconds * 1000;
let next = start;
await new Promise(resolve => {
  const tick = () => {
    const now = performance.now();
    while (next <= now && next < end) {
      fire(next);
      next += interval;
    }
    if (next < end) {
      setTimeout(tick, Math.max(0, next - performance.now() - 0.5));
    } else {
      resolve();
    }
  };
  tick();
});
while (inFlight > 0) {
  await new Promise(r => setTimeout(r, 10));
}
const elapsed = (performance.now() - start) / 1000;
const cpuUsed = serverPid ? cpuMs() - cpuBefore : undefined;
const missesAfter = await cacheMisses();
await pool.close();

const percentiles = values => {
  values.sort((a, b) => a - b);
  const pct = p => values[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];
  return { p50: pct(50), p95: pct(95), p99: pct(99), max: values[values.length - 1] };
};
const ok = Object.entries(statuses)
  .filter(([s]) => s.startsWith('2'))
  .reduce((n, [, c]) => n + c, 0);
console.log(
  JSON.stringify({
    scenario,
    targetRate: rate,
    seconds,
    requests: latencies.length + warmupLatencies.length,
    achievedRate: Math.round(ok / elapsed),
    ok,
    statuses,
    errors,
    ms: percentiles(latencies),
    ...(cpuUsed !== undefined && {
      cpuMsPerRequest: Number((cpuUsed / (latencies.length + warmupLatencies.length)).toFixed(4)),
    }),
    ...(missesBefore !== undefined && { cacheMisses: missesAfter - missesBefore }),
    ...(warmupMs > 0 && { warmupSeconds: warmupMs / 1000, warmupMs: percentiles(warmupLatencies) }),
  }),
);
