/*
 * What the image's build stage builds and its final stage copies: the
 * backend bundle (with the frontend the backend serves) and the skeleton of
 * package.json files for the production install. Builds it the same way
 * (`yarn workspace backend build`): about 20 s here, including the frontend.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { readRepoFile, repoRoot } from './manifests';

const dist = path.join(repoRoot, 'packages/backend/dist');

function listTar(file: string): string[] {
  const out = spawnSync('tar', ['tzf', file], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (out.status !== 0) throw new Error(`tar tzf ${file}: ${out.stderr}`);
  return out.stdout.split('\n').filter(Boolean);
}

describe('the backend bundle the Dockerfile copies', () => {
  beforeAll(() => {
    const yarnPath = parseYaml(readRepoFile('.yarnrc.yml')).yarnPath;
    const built = spawnSync(
      process.execPath,
      [path.join(repoRoot, yarnPath), 'workspace', 'backend', 'build'],
      {
        cwd: repoRoot,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        // Jest's NODE_ENV=test selects a browserslist environment rspack
        // cannot build for; the image builds with the default.
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
    if (built.status !== 0) {
      throw new Error(
        `yarn workspace backend build failed:\n${built.stdout}\n${built.stderr}`,
      );
    }
  }, 600_000);

  it('has the bundle and the skeleton', () => {
    expect(fs.statSync(path.join(dist, 'bundle.tar.gz')).size).toBeGreaterThan(
      0,
    );
    expect(
      fs.statSync(path.join(dist, 'skeleton.tar.gz')).size,
    ).toBeGreaterThan(0);
  });

  it('bundles the backend, the tofUI plugins and the frontend', () => {
    const files = new Set(listTar(path.join(dist, 'bundle.tar.gz')));
    for (const file of [
      'package.json',
      'yarn.lock',
      'packages/backend/package.json',
      'packages/backend/dist/index.cjs.js',
      'packages/app/dist/index.html',
      'plugins/tofui-backend/package.json',
    ]) {
      expect({ file, bundled: files.has(file) }).toEqual({
        file,
        bundled: true,
      });
    }
    expect(
      [...files].some(f => f.startsWith('plugins/tofui-backend/dist/')),
    ).toBe(true);
    expect(
      [...files].some(f => f.startsWith('packages/app/dist/static/')),
    ).toBe(true);
  });

  it('has a skeleton of package.json files only', () => {
    const files = listTar(path.join(dist, 'skeleton.tar.gz')).filter(
      f => !f.endsWith('/'),
    );
    expect(files).toContain('packages/backend/package.json');
    expect(files.every(f => f.endsWith('package.json'))).toBe(true);
  });
});
