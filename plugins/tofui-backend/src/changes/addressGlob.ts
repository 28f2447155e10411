import { InputError } from '@backstage/errors';

/**
 * An address glob as the changes API takes it: `*` matches within one
 * address segment (no `.`), `**` across segments (`**.` also none), everything else
 * literally. Returned as a regular expression source anchored at both ends
 * (Postgres `~` and JavaScript read it alike) and a LIKE pattern matching
 * at least the same addresses (to narrow rows where the regex runs in code).
 */
export function addressGlob(glob: string): {
  regex: string;
  like: string;
  /**
   * The resource type every matching address has, when the glob names it:
   * a resource address ends in `type.name`, so a literal next-to-last
   * segment before a last one within one segment is the type. Lets the
   * search read one type's rows instead of every row.
   */
  type?: string;
} {
  if (/\*{3,}/.test(glob)) {
    throw new InputError('address: use * within a segment or ** across them');
  }
  // `**.` matches any number of leading segments, none included: a root
  // module's `aws_iam_role.x` matches `**.aws_iam_role.*` as a nested one does
  const parts = glob.split(/(\*\*\.|\*\*|\*)/).filter(part => part !== '');
  const regex = parts
    .map(part => {
      if (part === '**.') return '(?:.*\\.)?';
      if (part === '**') return '.*';
      if (part === '*') return '[^.]*';
      return part.replace(/[.*+?^${}()|[\]\\]/g, c => `\\${c}`);
    })
    .join('');
  const like = parts
    .map(part =>
      part.startsWith('*') ? '%' : part.replace(/[\\%_]/g, c => `\\${c}`),
    )
    .join('');
  const segments = glob.split('.');
  const [typeStep, nameStep] = segments.slice(-2);
  const type =
    segments.length >= 2 &&
    /^[A-Za-z][A-Za-z0-9_-]*$/.test(typeStep) &&
    !['module', 'data'].includes(typeStep) &&
    !nameStep.includes('**')
      ? typeStep
      : undefined;
  return { regex: `^${regex}$`, like, ...(type && { type }) };
}
