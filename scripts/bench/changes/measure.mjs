#!/usr/bin/env node
/*
 * Latency of the change intelligence endpoints through the HTTP API, one
 * request at a time (no queueing in the figures), each scenario's
 * parameters drawn at random per request from the seeded fleet (see
 * seed.mjs). Nothing here is answered from tofUI's response cache: the
 * change endpoints have none, and insights are asked with a `top` not asked
 * before (the run script empties the bench's Redis database first).
 *
 * Usage: measure.mjs <base-url> <token> <ids-json> [samples]
 * Prints one JSON line per scenario: name, target p95, samples, p50/p95/max.
 */
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';

const [base, token, idsJson, samplesArg = '100'] = process.argv.slice(2);
const SAMPLES = Number(samplesArg);
const ids = JSON.parse(idsJson);
const pool = new Pool(base, { connections: 4, keepAliveTimeout: 30_000 });
const headers = { authorization: `Bearer ${token}` };

const pick = list => list[Math.floor(Math.random() * list.length)];
const num = (n, width) => String(1 + Math.floor(Math.random() * n)).padStart(width, '0');
const repo = () => `org-${num(1000, 4)}/infra`;
const folder = () => `env_${num(20, 2)}`;
const team = () => `group:default/team-${num(100, 3)}`;
/** A seeded repository's Component (catalog.mjs), covering all its folders. */
const component = () => `component:default/infra-${num(1000, 4)}`;
const TYPES = ['aws_iam_role', 'aws_s3_bucket', 'aws_instance', 'aws_security_group', 'aws_kms_key', 'helm_release'];
const MODULES = ['module.net', 'module.app', 'module.iam', 'module.data'];
const ATTRIBUTES = ['tags.Team', 'policy', 'ingress', 'versioning[0].enabled'];
const RARE_ACTIONS = ['delete', 'replace', 'import', 'move'];
const q = params => new URLSearchParams(params).toString();
const changes = (...params) => `/api/tofui/v1/changes?${params.map(q).join('&')}`;

async function get(path) {
  const { statusCode, body } = await pool.request({ method: 'GET', path, headers });
  const text = await body.text();
  if (statusCode !== 200) throw new Error(`${path}: ${statusCode} ${text.slice(0, 200)}`);
  return JSON.parse(text);
}

// Addresses that exist, for the resource history: read before timing.
const resources = [];
for (let i = 0; i < 50; i += 1) {
  const [repository, f] = [repo(), folder()];
  const { items } = await get(changes({ repository, folder: f, limit: 5 }));
  for (const item of items) resources.push({ repository, folder: f, address: item.address });
}
let top = 0;

const SCENARIOS = [
  ['changes: newest, no filter', 150, () => changes({ limit: 50 })],
  ['changes: address glob module.x.type.*', 150, () => changes({ address: `${pick(MODULES)}.${pick(TYPES)}.*` })],
  ['changes: address glob **.type.*', 150, () => changes({ address: `**.${pick(TYPES)}.*` })],
  ['changes: address glob type.r1_*', 150, () => changes({ address: `${pick(TYPES)}.r1_*` })],
  ['changes: action (one rare)', 150, () => changes({ action: pick(RARE_ACTIONS) })],
  ['changes: action delete + replace', 150, () => changes({ action: 'delete' }, { action: 'replace' })],
  ['changes: attribute', 150, () => changes({ attribute: pick(ATTRIBUTES) })],
  ['changes: owner', 150, () => changes({ owner: team() })],
  ['changes: owner + action delete', 150, () => changes({ owner: team(), action: 'delete' })],
  ['changes: owner + attribute tags.Team', 150, () => changes({ owner: team(), attribute: 'tags.Team' })],
  ['changes: owner + address glob', 150, () => changes({ owner: team(), address: `**.${pick(TYPES)}.*` })],
  ['changes: address glob + action delete', 150, () => changes({ address: `**.${pick(TYPES)}.*`, action: 'delete' })],
  ['changes: address glob + attribute', 150, () => changes({ address: `**.${pick(TYPES)}.*`, attribute: pick(ATTRIBUTES) })],
  ['changes: glob + action + attribute + owner', 150, () =>
    changes({ address: `**.${pick(TYPES)}.*`, action: 'update', attribute: 'tags.Team', owner: team() })],
  ['changes: repository + action delete', 150, () => changes({ repository: repo(), action: 'delete' })],
  ['changes: entity', 150, () => changes({ entity: component() })],
  ['resources/history', 50, () => {
    const r = pick(resources);
    return `/api/tofui/v1/resources/history?${q(r)}`;
  }],
  ['drift: open', 100, () => `/api/tofui/v1/drift?state=open`],
  ['drift: all, by owner', 100, () => `/api/tofui/v1/drift?${q({ owner: team() })}`],
  ['drift: open, by repository', 100, () => `/api/tofui/v1/drift?${q({ state: 'open', repository: repo() })}`],
  ['drift: open, chronic first', 100, () => `/api/tofui/v1/drift?state=open&order=chronic`],
  ['drift: open, by entity, chronic first', 100, () =>
    `/api/tofui/v1/drift?${q({ state: 'open', entity: component(), order: 'chronic' })}`],
  ['compare: two 10,000-resource plans', 500, () =>
    `/api/tofui/v1/reports/${ids.compareHead}/compare?base=${ids.compareBase}`],
  ...[30, 90, 365].map(days => [
    `insights: ${days} days`,
    100,
    () => `/api/tofui/v1/insights?days=${days}&top=${(top++ % 100) + 1}`,
  ]),
];

const only = process.env.SCENARIOS ? new RegExp(process.env.SCENARIOS) : undefined;
for (const [name, target, path] of SCENARIOS) {
  if (only && !only.test(name)) continue;
  // insights: tops 1-3 warm up, 4-100 are measured (each a new cache key)
  const samples = name.startsWith('compare') ? Math.min(SAMPLES, 30) : name.startsWith('insights') ? 97 : SAMPLES;
  top = 0;
  for (let i = 0; i < 3; i += 1) await get(path()); // warm-up, not counted
  const ms = [];
  let items = 0;
  for (let i = 0; i < samples; i += 1) {
    const url = path();
    const t = performance.now();
    const body = await get(url);
    ms.push(performance.now() - t);
    items += body.items?.length ?? body.days?.length ?? 1;
  }
  ms.sort((a, b) => a - b);
  const pct = p => ms[Math.min(ms.length - 1, Math.floor((p / 100) * ms.length))];
  console.log(
    JSON.stringify({ name, target, samples, meanItems: items / samples, p50: pct(50), p95: pct(95), max: ms[ms.length - 1] }),
  );
}
await pool.close();
