import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { change, plan } from '../__testUtils__/plans';
import { TASKS } from './tasks';

const ROLE = change(
  'module.net.aws_iam_role.ci',
  ['delete'],
  { name: 'ci', tags: { Team: 'net' } },
  null,
);
const DB = change(
  'aws_db_instance.main',
  ['delete', 'create'],
  { engine: 'postgres', password: 'hunter2-secret', size: 10 },
  { engine: 'postgres', password: 'hunter2-secret', size: 20 },
  {
    change: {
      replace_paths: [['size']],
      before_sensitive: { password: true },
      after_sensitive: { password: true },
    },
  },
);
const DRIFT = change('aws_sg.web', ['update'], { port: 22 }, { port: 23 });

describe('processPlan', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tofui-tasks-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function processed(p: unknown, indexChangesUpTo?: number) {
    const input = path.join(dir, 'plan.json');
    const output = path.join(dir, 'redacted.json');
    await fs.writeFile(input, JSON.stringify(p));
    const result = await TASKS.processPlan({ input, output, indexChangesUpTo });
    return { result, output };
  }

  it('returns the index rows of the plan as stored, the same as indexPlan reads back', async () => {
    const { result, output } = await processed(plan([ROLE, DB], [DRIFT]), 3);
    expect(result.changes).toEqual(await TASKS.indexPlan({ input: output }));
    expect(result.changes?.map(c => `${c.address}:${c.action}`)).toEqual([
      'module.net.aws_iam_role.ci:delete',
      'aws_db_instance.main:replace',
      'aws_sg.web:update',
    ]);
    expect(JSON.stringify(result.changes)).not.toContain('hunter2');
  });

  it('returns none for a plan over the limit, or when not asked', async () => {
    expect(
      (await processed(plan([ROLE, DB], [DRIFT]), 2)).result.changes,
    ).toBeUndefined();
    expect(
      (await processed(plan([ROLE, DB], [DRIFT]))).result.changes,
    ).toBeUndefined();
  });
});
