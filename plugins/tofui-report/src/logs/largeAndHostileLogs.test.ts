import { parseTerraformLog } from './parseTerraformLog';

describe('parseTerraformLog: size', () => {
  it('reads a 100k-line apply log', () => {
    const lines: string[] = [];
    const count = 20_000;
    for (let i = 0; i < count; i++) {
      const address = `module.m["k ${i % 7}"].aws_instance.n[${i}]`;
      lines.push(`${address}: Refreshing state... [id=i-${i}]`);
      if (i % 4 === 3) {
        lines.push(`${address}: Destroying... [id=i-${i}]`);
        lines.push(`${address}: Still destroying... [id=i-${i}, 10s elapsed]`);
        lines.push(`${address}: Destruction complete after 1m${i % 60}s`);
      } else {
        lines.push(`${address}: Creating...`);
        lines.push(`${address}: Still creating... [10s elapsed]`);
        lines.push(
          i === count - 2
            ? `${address}: Still creating... [20s elapsed]`
            : `${address}: Creation complete after ${i % 60}s [id=new-${i}]`,
        );
      }
    }
    lines.push('', 'Plan: 15000 to add, 0 to change, 5000 to destroy.');
    expect(lines.length).toBeGreaterThanOrEqual(80_002);
    while (lines.length < 100_000) {
      lines.push('      + tags = {}');
    }

    const report = parseTerraformLog(lines.join('\n'));
    expect(report.resources).toHaveLength(count);
    expect(report.refreshed).toHaveLength(count);
    const byAction = { create: 0, delete: 0 } as Record<string, number>;
    for (const r of report.resources) {
      byAction[r.action] = (byAction[r.action] ?? 0) + 1;
    }
    expect(byAction).toEqual({ create: 15_000, delete: 5_000 });
    expect(report.resources.filter(r => r.status === 'complete')).toHaveLength(
      count - 1,
    );
    // The last create never completed.
    expect(report.resources[count - 2]).toMatchObject({
      status: 'in-progress',
      elapsedSeconds: 20,
    });
    expect(report.resources[4]).toEqual({
      address: 'module.m["k 4"].aws_instance.n[4]',
      action: 'create',
      actions: ['create'],
      status: 'complete',
      id: 'new-4',
      durationSeconds: 4,
    });
    expect(report.resources[7]).toMatchObject({
      action: 'delete',
      id: 'i-7',
      durationSeconds: 67,
    });
    expect(report.plan).toMatchObject({ add: 15_000, destroy: 5_000 });
  });
});

/** A small deterministic generator, so a failure can be replayed. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const FRAGMENTS = [
  'aws_x.y',
  ': ',
  'Creating...',
  'Still creating... [',
  ' elapsed]',
  'Creation complete after ',
  '1m2s',
  ' [id=',
  ']',
  '(deposed object ',
  ')',
  '│ Error: ',
  '│ Warning: ',
  '╷',
  '╵',
  '│   with ',
  ',',
  '  on main.tf line ',
  '12',
  'Error: ',
  'Plan: ',
  ' to add',
  'Apply complete! Resources: ',
  ' added',
  'No changes.',
  'Changes to Outputs:',
  '  + ',
  ' = ',
  '  # ',
  ' will be created',
  '["',
  '"]',
  '\\',
  '\u001b[',
  '31m',
  '\r',
  '\n',
  '\u0000',
  '\ud800',
  ' ',
];

describe('parseTerraformLog: hostile input', () => {
  it('never throws on random mixes of log fragments', () => {
    const random = prng(20240601);
    for (let round = 0; round < 500; round++) {
      let text = '';
      const pieces = Math.floor(random() * 200);
      for (let i = 0; i < pieces; i++) {
        text += FRAGMENTS[Math.floor(random() * FRAGMENTS.length)];
      }
      const report = parseTerraformLog(text);
      expect(Array.isArray(report.resources)).toBe(true);
      expect(['succeeded', 'failed', 'no-changes', 'unknown']).toContain(
        report.outcome,
      );
    }
  });

  it('gives an empty report for empty, binary and non-string input', () => {
    for (const input of [
      '',
      '\n\n\n',
      '\u0000\u0001\u0002\uffff',
      'just some words: nothing more',
      undefined as unknown as string,
      42 as unknown as string,
    ]) {
      expect(parseTerraformLog(input)).toEqual({
        kind: 'unknown',
        outcome: 'unknown',
        resources: [],
        refreshed: [],
        planned: [],
        noChanges: false,
        outputChanges: [],
        errors: [],
        warnings: [],
      });
    }
  });

  it('reads one very long line without trouble', () => {
    const key = 'k'.repeat(200_000);
    const report = parseTerraformLog(
      `aws_x.y["${key}"]: Creation complete after 1s [id=${'i'.repeat(
        100_000,
      )}]\n${'a.'.repeat(100_000)}: nope`,
    );
    expect(report.resources).toHaveLength(1);
    expect(report.resources[0].durationSeconds).toBe(1);
    expect(report.resources[0].id).toHaveLength(100_000);
  });

  it('closes an unterminated box at the end of the log', () => {
    const report = parseTerraformLog('╷\n│ Error: Cut off\n│ \n│ half a');
    expect(report.errors).toEqual([
      { severity: 'error', summary: 'Cut off', detail: 'half a' },
    ]);
    expect(report.outcome).toBe('failed');
  });
});
