import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { TestCaches } from '@backstage/backend-test-utils';

export { createTofuiTestDatabases as createTestDatabases } from '../testUtils';

/** Memory always; Redis when BACKSTAGE_TEST_CACHE_REDIS7_CONNECTION_STRING is set (required with CI=true). */
export function createTestCaches(): TestCaches {
  const caches = TestCaches.create({
    ids: ['MEMORY', 'REDIS_7'],
    disableDocker: true,
  });
  if (process.env.CI && !caches.supports('REDIS_7')) {
    throw new Error(
      'CI=true but no Redis test cache is configured; run the tests through `make test`',
    );
  }
  return caches;
}

/** Tables in delete order (children first). */
const TABLES = [
  'folder_entities',
  'entity_owners',
  'entity_mappings',
  'audit_logs',
  'jobs',
  'drift_ledger',
  'resource_changes',
  'reports',
  'folders',
  'repositories',
  'status_types',
];

/**
 * Empties the tofUI tables, keeping the schema. `keepStatusTypes` leaves the
 * status types a running plugin seeded at start-up.
 */
export async function clearTables(
  knex: import('knex').Knex,
  { keepStatusTypes = false } = {},
) {
  for (const table of TABLES) {
    if (!(keepStatusTypes && table === 'status_types')) {
      await knex(table).delete();
    }
  }
}

/** Row counts of every tofUI table, to assert that a refused request wrote nothing. */
export async function countRows(
  knex: import('knex').Knex,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    counts[table] = Number((await knex(table).count({ n: '*' }))[0].n);
  }
  return counts;
}

/**
 * A plugin of this id in the test backend, doing nothing: for tofUI, the
 * backend then has it (tofUI turns off what needs signals, notifications or
 * events when those plugins are not installed).
 */
export const installedPlugin = (pluginId: string) =>
  createBackendPlugin({
    pluginId,
    register(env) {
      env.registerInit({ deps: {}, async init() {} });
    },
  });
