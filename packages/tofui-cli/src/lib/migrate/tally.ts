/** What a migration counts, in the order its table shows them. */
export const CATEGORIES = [
  'status types',
  'repositories',
  'folders',
  'reports',
  'artifacts',
] as const;
export type Category = (typeof CATEGORIES)[number];
export type Outcome = 'imported' | 'skipped' | 'failed';

export interface Failure {
  category: Category;
  /** What failed: a status type key, a repository, a report file, … */
  item: string;
  reason: string;
}

/** Counts per category and outcome, and every failure with its reason. */
export class Tally {
  private readonly counts = new Map<Category, Record<Outcome, number>>(
    CATEGORIES.map(c => [c, { imported: 0, skipped: 0, failed: 0 }]),
  );
  readonly failures: Failure[] = [];

  add(category: Category, outcome: Outcome, n = 1) {
    this.counts.get(category)![outcome] += n;
  }

  fail(category: Category, item: string, reason: string, n = 1) {
    this.add(category, 'failed', n);
    this.failures.push({ category, item, reason });
  }

  get(category: Category): Record<Outcome, number> {
    return { ...this.counts.get(category)! };
  }

  /** The final table, then each failure with its reason. */
  render(dryRun: boolean): string[] {
    const columns = dryRun
      ? ['would import', 'would skip', 'would fail']
      : ['imported', 'skipped', 'failed'];
    const outcomes: Outcome[] = ['imported', 'skipped', 'failed'];
    const first = Math.max(...CATEGORIES.map(c => c.length));
    const row = (label: string, cells: string[]) =>
      [
        label.padEnd(first),
        ...cells.map((cell, i) => cell.padStart(columns[i].length)),
      ].join('  ');
    const lines = [
      row('', columns),
      ...CATEGORIES.map(category =>
        row(
          category,
          outcomes.map(o => String(this.counts.get(category)![o])),
        ),
      ),
    ];
    if (this.failures.length > 0) {
      lines.push('', dryRun ? 'Would fail:' : 'Failures:');
      for (const failure of this.failures) {
        lines.push(`  ${failure.category} ${failure.item}: ${failure.reason}`);
      }
    }
    return lines;
  }
}
