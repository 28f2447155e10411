#!/usr/bin/env node
/*
 * A standalone `tofui` executable (Node's single executable application
 * support) for CI images without Node: the bundle (scripts/bundle.mjs) is
 * injected into a copy of the Node binary running this script, so the
 * executable is for this machine's platform and architecture (linux-x64
 * here; run it on an arm64 machine for linux-arm64).
 *
 *   node scripts/build-sea.mjs [--out dist/tofui-linux-x64]   (= yarn build:sea)
 *
 * Needs Node >= 20 (22 recommended) and postject, run with `npm exec` (the
 * version is pinned below; it comes from the npm registry on first use).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const POSTJECT = 'postject@1.0.0-alpha.6';
// Node's documented fuse: tells the binary a blob was injected.
const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const flag = process.argv.indexOf('--out');
const out =
  flag > 0
    ? path.resolve(process.argv[flag + 1])
    : path.join(root, `dist/tofui-${process.platform}-${process.arch}`);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-sea-'));
const run = (cmd, args) =>
  execFileSync(cmd, args, { stdio: 'inherit', cwd: work });

try {
  // The bundle exports run(); a SEA's main script must call it, and may only
  // require built-in modules, so the entry is bundled once more around it.
  const bundle = path.join(root, 'dist/tofui.cjs');
  run(process.execPath, [
    path.join(root, 'scripts/bundle.mjs'),
    '--outfile',
    bundle,
  ]);
  const main = path.join(work, 'main.cjs');
  fs.writeFileSync(
    main,
    `${fs.readFileSync(bundle, 'utf8')}\nmodule.exports.run(process.argv);\n`,
  );
  fs.writeFileSync(
    path.join(work, 'sea-config.json'),
    JSON.stringify({
      main,
      output: path.join(work, 'sea-prep.blob'),
      disableExperimentalSEAWarning: true,
      useCodeCache: false,
    }),
  );
  run(process.execPath, ['--experimental-sea-config', 'sea-config.json']);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.copyFileSync(process.execPath, out);
  fs.chmodSync(out, 0o755);
  run('npm', [
    'exec',
    '--yes',
    '--',
    POSTJECT,
    out,
    'NODE_SEA_BLOB',
    path.join(work, 'sea-prep.blob'),
    '--sentinel-fuse',
    FUSE,
  ]);
  const version = execFileSync(out, ['--version'], { encoding: 'utf8' }).trim();
  const size = fs.statSync(out).size / 1024 / 1024;
  console.log(
    `${path.relative(process.cwd(), out)}: tofui ${version}, ${size.toFixed(
      0,
    )} MiB`,
  );
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
