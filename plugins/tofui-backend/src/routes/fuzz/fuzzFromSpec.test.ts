import fs from 'node:fs';
import { createTofuiTestDatabases } from '../../testUtils';
import { spec } from '../../schema/openapi.generated';
import { operations } from './__testUtils__/requestCases';
import { runFuzz } from './__testUtils__/runFuzz';

/** `TOFUI_FUZZ_RUNS` and `TOFUI_FUZZ_SEED` for longer runs (scripts/bench/fuzz/run). */
const RUNS = Number(process.env.TOFUI_FUZZ_RUNS ?? 2000);
const SEED = Number(process.env.TOFUI_FUZZ_SEED ?? 18);

jest.setTimeout(Math.max(120_000, RUNS * 100));

describe('the API fuzzed from its spec', () => {
  const databases = createTofuiTestDatabases();
  it(`answers ${RUNS} generated requests within the spec, never 5xx, writing nothing on 4xx`, async () => {
    const figures = await runFuzz({
      runs: RUNS,
      seed: SEED,
      knex: await databases.init('SQLITE_3'),
    });
    if (process.env.TOFUI_FUZZ_FIGURES) {
      fs.writeFileSync(
        process.env.TOFUI_FUZZ_FIGURES,
        JSON.stringify(figures, null, 2),
      );
    }
    expect(figures.failures.slice(0, 20)).toEqual([]);
    expect(figures.cases).toBe(RUNS);
    // every operation of the spec was exercised
    expect(Object.keys(figures.byOperation).length).toBe(
      operations(spec as any).length,
    );
  });
});
