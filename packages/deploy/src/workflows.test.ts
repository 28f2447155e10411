import { parse as parseYaml } from 'yaml';
import { readRepoFile } from './manifests';

// Loading the schema models and rendering with kubectl take seconds on a
// busy CI machine running the other suites at the same time.
jest.setTimeout(60_000);

const ci = parseYaml(readRepoFile('.github/workflows/ci.yml'));
const image = parseYaml(readRepoFile('.github/workflows/image.yml'));

const runs = (job: any): string[] =>
  job.steps.map((s: any) => s.run ?? s.uses ?? '');

describe('.github/workflows', () => {
  it('runs make test on pull requests, with Postgres and Redis', () => {
    expect(Object.keys(ci.on)).toContain('pull_request');
    const job = ci.jobs.test;
    expect(Object.keys(job.services).sort()).toEqual(['postgres', 'redis']);
    expect(job.services.postgres.image).toMatch(/^postgres:\d+/);
    expect(job.services.redis.image).toMatch(/^redis:\d+/);
    expect(job.env.CI).toBe('true');
    expect(job.env.TOFUI_TEST_POSTGRES_URL).toMatch(/@postgres:5432/);
    expect(job.env.TOFUI_TEST_REDIS_URL).toMatch(/redis:6379/);
    expect(runs(job)).toContain('make test');
    // the manifest tests need kubectl with CI=true
    expect(runs(job).join('\n')).toMatch(/kubectl version --client/);
  });

  it('installs the packed packages into a new Backstage app (scripts/verify-adoption)', () => {
    const job = ci.jobs.adoption;
    expect(job.env.CI).toBe('true');
    expect(runs(job)).toContain('scripts/verify-adoption');
    expect(runs(job).join('\n')).toMatch(/install .*chromium/);
  });

  it('builds and pushes the image from main, tagged with the commit SHA', () => {
    expect(image.on.push.branches).toEqual(['main']);
    expect(image.permissions.packages).toBe('write');
    const steps: string[] = runs(image.jobs.image);
    const order = [
      'yarn install --immutable',
      'yarn tsc',
      'yarn build:backend',
      'docker/build-push-action',
    ].map(needle => steps.findIndex(s => s.includes(needle)));
    expect(order.every(i => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const build = image.jobs.image.steps.find((s: any) =>
      String(s.uses).startsWith('docker/build-push-action'),
    );
    expect(build.with.file).toBe('packages/backend/Dockerfile');
    expect(build.with.push).toBe(true);
    expect(build.with.tags).toMatch(
      /^\$\{\{ steps\.name\.outputs\.image \}\}:\$\{\{ github\.sha \}\}$/,
    );
    expect(build.with.tags).not.toMatch(/latest/);
  });
});
