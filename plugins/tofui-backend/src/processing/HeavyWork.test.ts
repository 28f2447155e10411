import { mockServices } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HeavyWork, type HeavyWorkMetrics } from './HeavyWork';

jest.setTimeout(60_000);

const PLAN = JSON.stringify({
  format_version: '1.2',
  resource_changes: Array.from({ length: 300 }, (_, i) => ({
    address: `aws_instance.r${i}`,
    type: 'aws_instance',
    change: {
      actions: ['create'],
      before: null,
      after: { ami: 'ami-0123456789abcdef0', password: `pw-${i}-secret` },
      after_sensitive: { password: true },
    },
  })),
});

function recordingMetrics() {
  const events: string[] = [];
  let depth: () => number = () => 0;
  const metrics: HeavyWorkMetrics = {
    heavyTaskDone: (task, outcome) => events.push(`done ${task} ${outcome}`),
    heavyTaskRefused: (task, reason) =>
      events.push(`refused ${task} ${reason}`),
    observeQueueDepth: read => {
      depth = read;
    },
  };
  return { metrics, events, depth: () => depth() };
}

describe('HeavyWork', () => {
  let dir: string;
  let input: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-heavy-'));
    input = path.join(dir, 'plan.json');
    fs.writeFileSync(input, PLAN);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const settings = {
    memoryBudgetMb: 256,
    concurrency: 1,
    maxQueued: 0,
    inlineMaxBytes: 1024,
  };
  const run = (heavy: HeavyWork, n: number, background = false) =>
    heavy.run(
      'processPlan',
      { input, output: path.join(dir, `out-${n}.json`) },
      { inputBytes: PLAN.length, background },
    );

  it('processes a plan in a child process: redacted file, summary, sensitive values', async () => {
    const { metrics, events } = recordingMetrics();
    const heavy = new HeavyWork(settings, metrics, mockServices.logger.mock());
    const result = await run(heavy, 1);
    expect(result.summary).toMatchObject({ add: 300 });
    expect(result.sensitiveValues).toContain('pw-7-secret');
    const written = fs.readFileSync(path.join(dir, 'out-1.json'), 'utf8');
    expect(written).not.toContain('pw-7-secret');
    expect(events).toEqual(['done processPlan success']);
  });

  it('refuses a publish when the queue is full (503), lets a background task wait, and counts both', async () => {
    const { metrics, events, depth } = recordingMetrics();
    const heavy = new HeavyWork(settings, metrics, mockServices.logger.mock());
    const first = run(heavy, 2);
    await expect(run(heavy, 3)).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
    });
    const waiting = run(heavy, 4, true);
    expect(depth()).toBe(1);
    await Promise.all([first, waiting]);
    expect(depth()).toBe(0);
    expect(events).toEqual([
      'refused processPlan queue_full',
      'done processPlan success',
      'done processPlan success',
    ]);
  });

  it('refuses input the budget cannot hold before starting a process (413)', async () => {
    const { metrics, events } = recordingMetrics();
    const heavy = new HeavyWork(
      { ...settings, memoryBudgetMb: 64 },
      metrics,
      mockServices.logger.mock(),
    );
    await expect(run(heavy, 5)).rejects.toMatchObject({
      name: 'MemoryBudgetExceededError',
      statusCode: 413,
    });
    expect(events).toEqual(['refused processPlan over_budget']);
  });

  it('ends only the task process when a plan needs more heap than estimated (413), and runs the next task', async () => {
    // 6 MB of empty objects: the estimate (4× the input) lets it through,
    // parsing needs ~20× — V8 aborts the task's process at its heap limit
    const dense = path.join(dir, 'dense.json');
    const text = `{"format_version":"1.2","x":[${'{},'.repeat(2_000_000)}{}]}`;
    fs.writeFileSync(dense, text);
    const { metrics, events } = recordingMetrics();
    const heavy = new HeavyWork(
      // leaves the task ~48 MB of heap: above 4× 6 MB, far below what it needs
      { ...settings, memoryBudgetMb: 212, inlineMaxBytes: 0 },
      metrics,
      mockServices.logger.mock(),
    );
    const outcome = await heavy
      .run(
        'processPlan',
        { input: dense, output: path.join(dir, 'dense-out.json') },
        { inputBytes: text.length },
      )
      .catch(error => error);
    expect(outcome).toMatchObject({
      name: 'MemoryBudgetExceededError',
      statusCode: 413,
    });
    // this process lives on, and so does the queue
    await expect(run(heavy, 6)).resolves.toMatchObject({
      summary: expect.objectContaining({ add: 300 }),
    });
    expect(events).toEqual([
      'done processPlan over_budget',
      'done processPlan success',
    ]);
  });

  it('passes an unreadable plan on as an InputError (400)', async () => {
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, `{"format_version": "1.2", ${' '.repeat(2048)}`);
    const heavy = new HeavyWork(
      settings,
      recordingMetrics().metrics,
      mockServices.logger.mock(),
    );
    await expect(
      heavy.run(
        'processPlan',
        { input: bad, output: path.join(dir, 'bad-out.json') },
        { inputBytes: 2100 },
      ),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(
        'The plan artifact is not a readable plan',
      ),
    });
  });
});
