#!/usr/bin/env node
/*
 * Backstage packages must all come from one release (backstage.json): mixing
 * a newer plugin with older core packages breaks at start-up. This repo
 * builds and tests on that release: yarn.lock resolves each @backstage
 * package to exactly the root `resolutions` pin, and the host app, backend
 * and every devDependency name that exact version.
 *
 * The publishable @tofui/* packages install into other teams' apps, whose
 * release may be newer: there, dependencies and peerDependencies on
 * @backstage packages are caret ranges of the pinned version (`^1.10.1`), so
 * the adopter's copy is used instead of a second one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = p => JSON.parse(fs.readFileSync(path.join(root, p), 'utf8'));
const problems = [];

const rootPkg = read('package.json');
const workspaces = ['package.json'];
for (const dir of ['packages', 'plugins']) {
  for (const name of fs.readdirSync(path.join(root, dir))) {
    if (fs.existsSync(path.join(root, dir, name, 'package.json'))) {
      workspaces.push(`${dir}/${name}/package.json`);
    }
  }
}
for (const file of workspaces) {
  const pkg = read(file);
  const published = pkg.private !== true;
  for (const section of ['dependencies', 'devDependencies', 'peerDependencies']) {
    const caret = published && section !== 'devDependencies';
    for (const [name, spec] of Object.entries(pkg[section] ?? {})) {
      if (!name.startsWith('@backstage/')) continue;
      const pinned = rootPkg.resolutions?.[name];
      const want = caret ? `^${pinned}` : pinned;
      if (!pinned) {
        problems.push(`${file}: ${section}.${name} has no resolutions pin`);
      } else if (spec !== want) {
        problems.push(
          `${file}: ${section}.${name} is '${spec}', want '${want}' (${
            caret ? 'a caret range of the pin: a published package' : 'the exact pin'
          })`,
        );
      }
    }
  }
}

const lock = fs.readFileSync(path.join(root, 'yarn.lock'), 'utf8');
const versions = new Map();
for (const m of lock.matchAll(/^"?(@backstage\/[^@"]+)@[^\n]*\n {2}version: ([^\n]+)/gm)) {
  if (!versions.has(m[1])) versions.set(m[1], new Set());
  versions.get(m[1]).add(m[2]);
}
for (const [name, set] of versions) {
  if (set.size > 1) {
    problems.push(`yarn.lock: ${name} resolves to ${[...set].join(', ')}`);
  }
  const pinned = rootPkg.resolutions?.[name];
  if (!pinned) {
    problems.push(`package.json: ${name} (in yarn.lock) has no resolutions pin`);
  } else if (!set.has(pinned)) {
    problems.push(`yarn.lock: ${name} is ${[...set].join(', ')}, pinned ${pinned}`);
  }
}

const release = read('backstage.json').version;
if (problems.length > 0) {
  console.error(`Backstage ${release}: ${problems.length} version problem(s):`);
  problems.forEach(p => console.error(`  - ${p}`));
  process.exit(1);
}
console.log(`Backstage ${release}: ${versions.size} @backstage packages, one version each, all pinned`);
