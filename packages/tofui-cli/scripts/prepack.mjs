#!/usr/bin/env node
/*
 * Runs after `backstage-cli package prepack` (which saved package.json for
 * postpack to restore): the published manifest gets no runtime
 * dependencies. Everything in `dependencies` is bundled into dist/tofui.cjs
 * (scripts/bundle.mjs), so installers download nothing else; the list stays
 * in the repository for the sources, type checks and the linter.
 */
import fs from 'node:fs';

const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
if (!fs.existsSync('dist/tofui.cjs')) {
  console.error('dist/tofui.cjs is missing: run `yarn build` before packing');
  process.exit(1);
}
pkg.devDependencies = Object.fromEntries(
  Object.entries({ ...pkg.devDependencies, ...pkg.dependencies }).sort(),
);
delete pkg.dependencies;
fs.writeFileSync('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
