import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFakeCodeHost } from '../__testUtils__/fakeCodeHost';
import { cli } from '../__testUtils__/tofuiBackend';
import { COMMENT_LIMIT, commentMarker } from '../lib/prComment/summary';

const SECRET = 's3cr3t-Value-that-must-never-show';

/** A plan with `n` deletes, `n` replacements and a sensitive attribute. */
function planFile(dir: string, n: number, drift = 0): string {
  const rc = (address: string, actions: string[], extra = {}) => ({
    address,
    mode: 'managed',
    type: 'aws_instance',
    name: 'x',
    change: {
      actions,
      before: { ami: 'ami-1', password: SECRET },
      after: actions.includes('create')
        ? { ami: 'ami-2', password: SECRET }
        : null,
      before_sensitive: { password: true },
      after_sensitive: { password: true },
      ...extra,
    },
  });
  const plan = {
    format_version: '1.2',
    resource_changes: [
      ...Array.from({ length: n }, (_, i) =>
        rc(`aws_instance.old[${i}]`, ['delete']),
      ),
      ...Array.from({ length: n }, (_, i) =>
        rc(`aws_instance.web[${i}]`, ['delete', 'create'], {
          replace_paths: [['ami']],
        }),
      ),
      rc('aws_instance.new', ['create']),
    ],
    resource_drift: Array.from({ length: drift }, (_, i) =>
      rc(`aws_instance.drifted[${i}]`, ['update']),
    ),
  };
  const file = path.join(dir, `plan-${n}.json`);
  fs.writeFileSync(file, JSON.stringify(plan));
  return file;
}

describe('tofui comment', () => {
  let host: Awaited<ReturnType<typeof startFakeCodeHost>>;
  let dir: string;

  beforeAll(async () => {
    host = await startFakeCodeHost({
      githubToken: 'ghs_test',
      gitlabToken: 'job-token-1',
      gitlabProject: '42',
    });
  });
  afterAll(() => host.stop());
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-comment-'));
  });

  const githubEnv = () => ({
    GITHUB_ACTIONS: 'true',
    GITHUB_TOKEN: 'ghs_test',
    GITHUB_REPOSITORY: 'acme/infra',
    GITHUB_REF: 'refs/pull/17/merge',
    GITHUB_API_URL: host.url,
    GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md'),
  });

  it('creates one comment per folder on the pull request, then updates it', async () => {
    // someone else's comments, more than a page of them
    host.github.set(
      'acme/infra#17',
      Array.from({ length: 150 }, (_, i) => ({
        id: i + 1,
        body: `review ${i}`,
        author: 'alice',
      })),
    );
    const plan = planFile(dir, 3, 2);
    const first = await cli(
      githubEnv(),
      'comment',
      '--folder',
      'network',
      '--plan',
      plan,
      '--report-url',
      'https://backstage.example/tofui/reports/r1',
    );
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toMatch(/created the pull request comment \d+/);

    const second = await cli(
      githubEnv(),
      'comment',
      '--folder',
      'network',
      '--plan',
      plan,
    );
    expect(second.out).toMatch(/updated the pull request comment \d+/);
    await cli(githubEnv(), 'comment', '--folder', 'database', '--plan', plan);

    const ours = host.github
      .get('acme/infra#17')!
      .filter(c => c.author !== 'alice');
    expect(ours).toHaveLength(2);
    const network = ours.find(c => c.body.includes(commentMarker('network')))!;
    expect(network.body).toContain('⚠️ Changes');
    expect(network.body).toContain('**1** to add');
    expect(network.body).toContain('🗑️ delete `aws_instance.old[0]`');
    expect(network.body).toContain(
      '♻️ replace `aws_instance.web[0]` (forced by `ami`)',
    );
    expect(network.body).toContain('2 resources changed outside Terraform');
    // deletes come before replacements
    expect(network.body.indexOf('delete `')).toBeLessThan(
      network.body.indexOf('replace `'),
    );
    expect(network.body).not.toContain(SECRET);
    expect(fs.readFileSync(path.join(dir, 'summary.md'), 'utf8')).toContain(
      '[Full report in Backstage](https://backstage.example/tofui/reports/r1)',
    );
  });

  it('stays under 65,536 characters for a plan of 10,000 risky changes', async () => {
    host.github.delete('acme/infra#17');
    const result = await cli(
      githubEnv(),
      'comment',
      '--folder',
      'big',
      '--plan',
      planFile(dir, 5000),
    );
    expect(result.code).toBe(0);
    const [only] = host.github.get('acme/infra#17')!;
    expect(only.body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(only.body).toContain('… and 9950 more');
    expect(only.body).not.toContain(SECRET);
  });

  it('refuses with exit code 3 when the token is wrong', async () => {
    const result = await cli(
      { ...githubEnv(), GITHUB_TOKEN: 'wrong' },
      'comment',
      '--folder',
      'f',
      '--plan',
      planFile(dir, 1),
    );
    expect(result.code).toBe(3);
    expect(result.err).toContain('401');
    expect(result.err).not.toContain('wrong');
  });

  it('writes and updates one merge request note on GitLab with the job token', async () => {
    const env = {
      GITLAB_CI: 'true',
      CI_JOB_TOKEN: 'job-token-1',
      CI_PROJECT_ID: '42',
      CI_PROJECT_PATH: 'acme/infra',
      CI_MERGE_REQUEST_IID: '9',
      CI_API_V4_URL: `${host.url}/api/v4`,
    };
    const plan = planFile(dir, 1);
    expect(
      (await cli(env, 'comment', '--folder', '_root', '--plan', plan)).out,
    ).toMatch(/created the merge request note/);
    expect(
      (await cli(env, 'comment', '--folder', '_root', '--plan', plan)).out,
    ).toMatch(/updated the merge request note/);
    const notes = host.gitlab.get('42!9')!;
    expect(notes).toHaveLength(1);
    expect(notes[0].body).toContain('🗑️ delete `aws_instance.old[0]`');
  });

  it('summarizes a failed log when there is no plan, without its secrets', async () => {
    const log = path.join(dir, 'apply.log');
    fs.writeFileSync(
      log,
      [
        'aws_instance.web: Creating...',
        '╷',
        '│ Error: creating EC2 Instance: UnauthorizedOperation',
        '│ ',
        '│   with aws_instance.web,',
        '│   on main.tf line 12, in resource "aws_instance" "web":',
        '│   12: resource "aws_instance" "web" {',
        '│ ',
        `│ password=${SECRET}`,
        '╵',
      ].join('\n'),
    );
    host.github.delete('acme/infra#17');
    const result = await cli(
      githubEnv(),
      'comment',
      '--folder',
      'f',
      '--log',
      log,
    );
    expect(result.code).toBe(0);
    const [only] = host.github.get('acme/infra#17')!;
    expect(only.body).toContain('1 error');
    expect(only.body).toContain('main.tf:12');
    expect(only.body).not.toContain(SECRET);
  });
});
