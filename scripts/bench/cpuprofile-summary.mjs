#!/usr/bin/env node
// Where a V8 CPU profile (.cpuprofile: `node --cpu-prof`, or a browser's,
// see ui/profile.mjs) spent its time: self time per package (node_modules
// name, or the workspace file) and per function, optionally only between two
// points in time, with minified frames mapped to their source through
// source maps found next to the scripts (MAPS_DIR: a directory of `*.map`
// files, e.g. packages/app/dist/static for the frontend).
//
// Usage: cpuprofile-summary.mjs <profile> [fromSeconds toSeconds]
//        (TOP: rows per table, default 20)
import fs from 'node:fs';
import path from 'node:path';
import { SourceMap } from 'node:module';

const [file, from = -Infinity, to = Infinity] = process.argv.slice(2);
if (!file) throw new Error('usage: cpuprofile-summary.mjs <profile> [from to]');
const top = Number(process.env.TOP ?? 20);
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map(n => [n.id, n]));
const maps = new Map();

function sourceOf({ url, lineNumber, columnNumber, functionName }) {
  const dir = process.env.MAPS_DIR;
  const name = url.split('/').pop();
  if (dir && name && fs.existsSync(path.join(dir, `${name}.map`))) {
    if (!maps.has(name)) {
      maps.set(
        name,
        new SourceMap(
          JSON.parse(fs.readFileSync(path.join(dir, `${name}.map`))),
        ),
      );
    }
    const entry = maps.get(name).findEntry(lineNumber, columnNumber);
    if (entry?.originalSource) {
      const source = entry.originalSource.replace(/.*node_modules\//, '');
      return `${entry.name ?? functionName ?? ''} ${source}:${
        entry.originalLine + 1
      }`;
    }
  }
  return `${functionName || '(anonymous)'} ${url.replace(
    /.*node_modules\//,
    '',
  )}:${lineNumber + 1}`;
}

const packageOf = url => {
  const match = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (match) return match[1];
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  return url ? url.split('/').slice(-2).join('/') : '(native)';
};

const selfByPackage = new Map();
const selfByFunction = new Map();
let busy = 0;
let at = 0;
profile.samples.forEach((id, i) => {
  const delta = profile.timeDeltas[i] ?? 0;
  at += delta;
  const seconds = at / 1e6;
  if (seconds < Number(from) || seconds > Number(to)) return;
  const frame = nodes.get(id).callFrame;
  if (frame.functionName === '(idle)') return;
  const ms = delta / 1000;
  busy += ms;
  const pkg = frame.url ? packageOf(frame.url) : frame.functionName;
  selfByPackage.set(pkg, (selfByPackage.get(pkg) ?? 0) + ms);
  const fn = frame.url ? sourceOf(frame) : frame.functionName || '(native)';
  selfByFunction.set(fn, (selfByFunction.get(fn) ?? 0) + ms);
});

const table = rows =>
  [...rows]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, v]) => `${Math.round(v).toString().padStart(7)} ms  ${k}`)
    .join('\n');
console.log(`busy (not idle): ${Math.round(busy)} ms`);
console.log(`\nself time by package\n${table(selfByPackage)}`);
console.log(`\nself time by function\n${table(selfByFunction)}`);
