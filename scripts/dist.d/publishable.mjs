#!/usr/bin/env node
/*
 * The publishable workspaces (every package not marked private), one line
 * each: `<dir>\t<name>\t<version>\t<tarball file name>`, dependencies before
 * their dependents.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const packages = new Map();
for (const parent of ['packages', 'plugins']) {
  for (const name of fs.readdirSync(path.join(root, parent)).sort()) {
    const file = path.join(root, parent, name, 'package.json');
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (pkg.private) continue;
    packages.set(pkg.name, { dir: `${parent}/${name}`, pkg });
  }
}

const ordered = [];
const visit = (name, seen = new Set()) => {
  if (ordered.includes(name) || seen.has(name)) return;
  seen.add(name);
  const { pkg } = packages.get(name);
  for (const dep of Object.keys({
    ...pkg.dependencies,
    ...pkg.peerDependencies,
  })) {
    if (packages.has(dep)) visit(dep, seen);
  }
  ordered.push(name);
};
[...packages.keys()].forEach(name => visit(name));

/** npm's tarball name: `@scope/name` → `scope-name-<version>.tgz` */
const tarballName = pkg =>
  `${pkg.name.replace(/^@/, '').replace('/', '-')}-${pkg.version}.tgz`;

for (const name of ordered) {
  const { dir, pkg } = packages.get(name);
  console.log([dir, name, pkg.version, tarballName(pkg)].join('\t'));
}
