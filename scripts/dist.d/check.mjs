#!/usr/bin/env node
/*
 * Checks the tarballs `make dist` packed, as an installer will read them: no
 * `workspace:` range left, not private, and every entry point (main, module,
 * types, exports, bin, configSchema) naming a file inside the tarball.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
const problems = [];
for (const file of fs
  .readdirSync(dir)
  .filter(f => f.endsWith('.tgz'))
  .sort()) {
  const tarball = path.join(dir, file);
  const entries = new Set(
    execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(entry => entry.replace(/^package\//, '')),
  );
  const pkg = JSON.parse(
    execFileSync('tar', ['xzOf', tarball, 'package/package.json'], {
      encoding: 'utf8',
    }),
  );
  const say = message => problems.push(`${file}: ${message}`);
  if (pkg.private) say('is private');
  for (const section of [
    'dependencies',
    'peerDependencies',
    'optionalDependencies',
  ]) {
    for (const [dep, range] of Object.entries(pkg[section] ?? {})) {
      if (/^(workspace|link|file|portal):/.test(range)) {
        say(`${section}.${dep} is '${range}'`);
      }
    }
  }
  const targets = [];
  const collect = (where, value) => {
    if (typeof value === 'string') targets.push([where, value]);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        // `backstage` names the feature type an entry point exports, not a file
        if (key !== 'backstage') collect(`${where}.${key}`, inner);
      }
    }
  };
  collect('main', pkg.main);
  collect('module', pkg.module);
  collect('types', pkg.types);
  collect('exports', pkg.exports);
  collect('bin', pkg.bin);
  collect('configSchema', pkg.configSchema);
  for (const [where, target] of targets) {
    const normalized = path.posix.normalize(target).replace(/^\.\//, '');
    if (!entries.has(normalized))
      say(`${where} → ${target} is not in the tarball`);
    if (/^(\.\/)?src\//.test(target))
      say(`${where} → ${target} points at sources`);
  }
  if (!pkg.types && !pkg.bin) say('declares no types');
  console.log(
    `${file}: ${entries.size} files, ${(
      fs.statSync(tarball).size / 1024
    ).toFixed(0)} KiB`,
  );
}
if (problems.length > 0) {
  console.error(`${problems.length} problem(s) in the packed packages:`);
  problems.forEach(p => console.error(`  - ${p}`));
  process.exit(1);
}
