#!/usr/bin/env node
/*
 * Bundles the CLI, with everything it imports (commander, @backstage/errors,
 * the report engine, the common types), into ONE CommonJS file for Node 18+:
 * the published package then has no runtime dependencies, so `npm i -g
 * @tofui/cli` or `npx @tofui/cli` downloads one small tarball and nothing
 * else.
 *
 *   node scripts/bundle.mjs [--outfile dist/tofui.cjs]   (= yarn build)
 */
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const flag = process.argv.indexOf('--outfile');
const outfile =
  flag > 0
    ? path.resolve(process.argv[flag + 1])
    : path.join(root, 'dist/tofui.cjs');
const { version } = JSON.parse(
  fs.readFileSync(path.join(root, 'package.json'), 'utf8'),
);

const result = await build({
  entryPoints: [path.join(root, 'src/index.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  // what CI images ship; esbuild fails on syntax Node 18 cannot run
  target: 'node18',
  format: 'cjs',
  minify: true,
  legalComments: 'none',
  // src/lib/version.ts reads package.json when run from the sources
  define: { __TOFUI_CLI_VERSION__: JSON.stringify(version) },
  logLevel: 'warning',
  metafile: true,
});
const bytes = Object.values(result.metafile.outputs)[0].bytes;
console.log(
  `${path.relative(process.cwd(), outfile)}: ${(bytes / 1024).toFixed(
    0,
  )} KiB, ${Object.keys(result.metafile.inputs).length} modules bundled`,
);
