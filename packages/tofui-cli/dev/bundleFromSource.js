/* eslint-disable no-restricted-syntax */
// In the repository the CLI runs from its TypeScript sources, bundled with
// esbuild into one CommonJS file (rebuilt when a source is newer). Loading
// Backstage's per-file TypeScript transform instead costs ~70 MB of RSS
// before any work, half of what `tofui render` of a 10,000-resource plan
// may take in all (docs/benchmarks.md). Only the workspace's own packages
// (@tofui/*, TypeScript sources) are bundled; other packages are required
// from node_modules as they are.
const fs = require('node:fs');
const path = require('node:path');

const cli = path.resolve(__dirname, '..');
const root = path.resolve(cli, '../..');
const SOURCES = [
  'packages/tofui-cli/src',
  'plugins/tofui-report/src',
  'plugins/tofui-common/src',
].map(dir => path.join(root, dir));
const out = path.join(cli, 'node_modules/.cache/tofui-cli/tofui.cjs');

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    newest = Math.max(
      newest,
      entry.isDirectory() ? newestSource(file) : fs.statSync(file).mtimeMs,
    );
  }
  return newest;
}

function isFresh() {
  try {
    const built = fs.statSync(out).mtimeMs;
    return SOURCES.every(dir => newestSource(dir) < built);
  } catch {
    return false;
  }
}

/** The path of a bundle of the CLI built from the current sources. */
exports.bundleFromSource = function bundleFromSource() {
  if (isFresh()) return out;
  const { buildSync } = require(require.resolve('esbuild', { paths: [cli] }));
  const temp = `${out}.${process.pid}.tmp`;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  buildSync({
    entryPoints: [path.join(cli, 'src/index.ts')],
    outfile: temp,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
    // node_modules stay outside, the workspace's TypeScript comes in
    packages: 'external',
    alias: {
      '@tofui/report': path.join(root, 'plugins/tofui-report/src'),
      '@tofui/backstage-plugin-tofui-common': path.join(
        root,
        'plugins/tofui-common/src',
      ),
    },
  });
  fs.renameSync(temp, out); // atomic: a concurrent run reads a whole file
  return out;
};
