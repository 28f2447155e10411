// Waits for the backend, samples its process tree's RSS and the liveness
// route's latency every 50 ms while `tofui publish` sends the plan, then
// until the render ends. Prints JSON.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';

const [url, rootPid, planFile, tofui] = process.argv.slice(2);
const sleep = ms => new Promise(r => setTimeout(r, ms));

function treeRssMb() {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,rss='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map(l => l.trim().split(/\s+/).map(Number));
  const children = new Map();
  for (const [pid, ppid] of rows) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const rss = new Map(rows.map(([pid, , kb]) => [pid, kb]));
  let total = 0;
  const stack = [Number(rootPid)];
  while (stack.length) {
    const pid = stack.pop();
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total / 1024;
}

for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${url}/api/tofui/v1/health`)).ok) break;
  } catch {}
  if (i > 600) throw new Error('the backend did not start');
  await sleep(1000);
}
await sleep(5000); // settle
const baselineMb = treeRssMb();
const latencies = [];
let peakMb = baselineMb;
let running = true;
const watching = (async () => {
  while (running) {
    const t = performance.now();
    await (await fetch(`${url}/api/tofui/v1/health/live`)).arrayBuffer();
    latencies.push(performance.now() - t);
    peakMb = Math.max(peakMb, treeRssMb());
    await sleep(50);
  }
})();
const started = performance.now();
const publish = spawn(tofui, [
  'publish', '--server', url, '--repo', 'acme/bench', '--folder', 'memory',
  '--build-name', `b-${Date.now()}`, '--plan', planFile, '--no-ci-detect',
], { env: { ...process.env, TOFUI_CI_TOKEN: 'bench-token-memory' } });
let out = '';
publish.stdout.on('data', c => (out += c));
publish.stderr.on('data', c => (out += c));
const code = await new Promise(r => publish.on('close', r));
const publishSeconds = (performance.now() - started) / 1000;
// the render in the background
let renderStatus;
const id = /report ([0-9a-f-]{36})/.exec(out)?.[1];
for (let i = 0; id && i < 600; i++) {
  const res = await fetch(`${url}/api/tofui/v1/reports/${id}`, {
    headers: { authorization: 'Bearer bench-token-memory' },
  });
  if (res.ok) {
    renderStatus = (await res.json()).renderStatus;
    if (renderStatus !== 'pending') break;
  }
  await sleep(500);
}
running = false;
await watching;
const sorted = latencies.sort((a, b) => a - b);
console.log(JSON.stringify({
  planBytes: fs.statSync(planFile).size,
  publishExit: code,
  publishSeconds: +publishSeconds.toFixed(1),
  publishOutput: out.trim().split('\n').slice(-2).join(' | '),
  renderStatus,
  healthChecks: sorted.length,
  p50Ms: +sorted[Math.floor(sorted.length * 0.5)].toFixed(1),
  p99Ms: +sorted[Math.floor(sorted.length * 0.99)].toFixed(1),
  maxMs: +sorted[sorted.length - 1].toFixed(1),
  baselineRssMb: +baselineMb.toFixed(0),
  peakRssMb: +peakMb.toFixed(0),
}));
