import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The repository's root. */
const REPO = path.resolve(__dirname, '../../../..');

/** The project's own fixtures, written for it in the shape of real output. */
export const OWN_FIXTURES = path.join(REPO, 'fixtures');

/**
 * `../shared/fixtures` next to the checkout: reference material (real
 * OpenTofu test-suite output, the original tofUI's files) that a clone does
 * not have. Tests run over it too when it is there.
 */
const SHARED = path.resolve(REPO, '../shared');

/**
 * The directories a test runs over: the project's own `fixtures/<sub>`
 * always, and `../shared/fixtures/<sub>` when present; its absence is said
 * (by name), as what is skipped is only that extra source.
 */
export function fixtureSources(
  sub: string,
): Array<[source: 'own' | 'shared', dir: string]> {
  const own = path.join(OWN_FIXTURES, sub);
  const shared = path.join(SHARED, 'fixtures', sub);
  if (fs.existsSync(shared)) {
    return [
      ['own', own],
      ['shared', shared],
    ];
  }
  // eslint-disable-next-line no-console
  console.info(
    `fixtures/${sub} only: the optional extra source ../shared/fixtures/${sub} is not here`,
  );
  return [['own', own]];
}

/**
 * Plan JSON from the project's generator (`scripts/make-plan`), and from the
 * reference generator in ../shared/tools when present.
 */
export function generatedPlan(
  generator: 'own' | 'shared',
  args: { resources: number; seed: number; secret: string },
): string {
  const tool =
    generator === 'own'
      ? path.join(REPO, 'scripts/make-plan')
      : path.join(SHARED, 'tools/make-plan.mjs');
  return execFileSync(
    process.execPath,
    [
      tool,
      '--resources',
      String(args.resources),
      '--seed',
      String(args.seed),
      '--secret',
      args.secret,
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
}

/** The plan generators present: the project's own, and the reference one. */
export function planGenerators(): Array<'own' | 'shared'> {
  if (fs.existsSync(path.join(SHARED, 'tools/make-plan.mjs'))) {
    return ['own', 'shared'];
  }
  // eslint-disable-next-line no-console
  console.info(
    'scripts/make-plan only: the optional reference generator ../shared/tools/make-plan.mjs is not here',
  );
  return ['own'];
}
