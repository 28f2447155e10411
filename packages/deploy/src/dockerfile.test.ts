import fs from 'node:fs';
import path from 'node:path';
import { readRepoFile, repoRoot } from './manifests';

// Loading the schema models and rendering with kubectl take seconds on a
// busy CI machine running the other suites at the same time.
jest.setTimeout(60_000);

interface Instruction {
  keyword: string;
  args: string;
}

/** The Dockerfile's instructions, continuation lines joined, comments dropped. */
function instructions(text: string): Instruction[] {
  const joined = text
    .split('\n')
    .filter(line => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ');
  return joined
    .split('\n')
    .map(line => line.trim())
    .filter(Boolean)
    .map(line => {
      const [keyword, ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

const dockerfile = readRepoFile('packages/backend/Dockerfile');
const all = instructions(dockerfile);
const args = Object.fromEntries(
  all
    .filter(i => i.keyword === 'ARG' && i.args.includes('='))
    .map(i => i.args.split('=') as [string, string]),
);
const resolve = (s: string) =>
  s.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a, b) => args[a ?? b] ?? '');

/** Instructions per stage. */
const stages: { image: string; name?: string; body: Instruction[] }[] = [];
for (const i of all) {
  if (i.keyword === 'FROM') {
    const [image, as, name] = i.args.split(/\s+/);
    stages.push({
      image: resolve(image),
      name: as?.toUpperCase() === 'AS' ? name : undefined,
      body: [],
    });
  } else if (stages.length) {
    stages[stages.length - 1].body.push(i);
  }
}
const final = stages[stages.length - 1];

describe('packages/backend/Dockerfile', () => {
  it('is a multi-stage build', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const names = stages.map(s => s.name).filter(Boolean);
    const froms = final.body
      .filter(i => i.keyword === 'COPY')
      .map(copy => copy.args.match(/--from=(\S+)/)?.[1])
      .filter(Boolean);
    expect(froms.length).toBeGreaterThan(0);
    expect(froms.filter(from => !names.includes(from))).toEqual([]);
  });

  it('pins every base image to a version, never latest', () => {
    for (const { image } of stages) {
      if (stages.some(s => s.name === image)) continue; // an earlier stage
      const tag = image.split('/').pop()!.split('@')[0].split(':')[1];
      expect({ image, tagged: !!tag || image.includes('@sha256:') }).toEqual({
        image,
        tagged: true,
      });
      expect(tag).not.toBe('latest');
      // a release (node:24.11.1-…), not a floating major
      expect(tag).toMatch(/^\d+\.\d+\.\d+/);
    }
  });

  it('runs as a non-root user in the final stage', () => {
    const users = final.body.filter(i => i.keyword === 'USER');
    expect(users.length).toBeGreaterThan(0);
    const user = users[users.length - 1].args.split(':')[0];
    expect(['root', '0']).not.toContain(user);
    expect(user).toMatch(/^(node|1000)$/); // the uid k8s runs it as
    // nothing in the final stage runs as root after USER
    const afterUser = final.body.slice(final.body.indexOf(users[0]));
    expect(
      afterUser.filter(i => i.keyword === 'USER').map(i => i.args),
    ).toEqual([users[0].args]);
  });

  it('builds the backend bundle (with the frontend) and copies it', () => {
    const build = stages.find(s =>
      final.body.some(
        i =>
          i.args.includes(`--from=${s.name} `) &&
          i.args.includes('dist/bundle'),
      ),
    );
    expect(build).toBeDefined();
    const runs = build!.body.filter(i => i.keyword === 'RUN').map(i => i.args);
    expect(runs.join('\n')).toMatch(/yarn install --immutable/);
    expect(runs.join('\n')).toMatch(/yarn tsc/);
    expect(runs.join('\n')).toMatch(/packages\/backend build/);
    const copies = final.body
      .filter(i => i.keyword === 'COPY')
      .map(i => i.args);
    expect(copies.join('\n')).toMatch(/packages\/backend\/dist\/skeleton/);
    expect(copies.join('\n')).toMatch(/packages\/backend\/dist\/bundle/);
    expect(copies.join('\n')).toMatch(/app-config\.production\.yaml/);
    expect(copies.join('\n')).toMatch(/instrumentation\.js/);
    expect(
      final.body.some(
        i =>
          i.keyword === 'RUN' &&
          /yarn workspaces focus --all --production/.test(i.args),
      ),
    ).toBe(true);
  });

  it('starts the backend with the instrumentation first', () => {
    const cmd = final.body.filter(i => i.keyword === 'CMD').pop()!;
    const argv: string[] = JSON.parse(cmd.args);
    expect(argv.slice(0, 4)).toEqual([
      'node',
      '--require',
      './instrumentation.js',
      'packages/backend',
    ]);
    expect(argv).toEqual(
      expect.arrayContaining(['app-config.yaml', 'app-config.production.yaml']),
    );
    const exposed = final.body
      .filter(i => i.keyword === 'EXPOSE')
      .flatMap(i => i.args.split(/\s+/));
    expect(exposed).toEqual(expect.arrayContaining(['7007', '9464']));
  });

  it('copies only files that exist and that .dockerignore lets in', () => {
    const ignore = readRepoFile('.dockerignore')
      .split('\n')
      .map(l => l.trim())
      .filter(l => l && !l.startsWith('#'));
    // sources are built inside the image: they must be in the context
    for (const needed of [
      'packages/*/src',
      'plugins',
      'packages',
      '.yarn/releases',
    ]) {
      expect(ignore).not.toContain(needed);
    }
    for (const stage of stages) {
      for (const copy of stage.body.filter(i => i.keyword === 'COPY')) {
        if (/--from=/.test(copy.args)) continue;
        const parts = copy.args.split(/\s+/).filter(p => !p.startsWith('--'));
        for (const source of parts.slice(0, -1)) {
          if (source === '.') continue;
          expect({
            source,
            exists: fs.existsSync(path.join(repoRoot, source)),
          }).toEqual({
            source,
            exists: true,
          });
        }
      }
    }
    expect(
      fs.existsSync(
        path.join(repoRoot, 'packages/backend/src/instrumentation.js'),
      ),
    ).toBe(true);
  });
});
