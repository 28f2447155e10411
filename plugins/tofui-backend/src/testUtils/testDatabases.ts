import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';

const POSTGRES_IDS: TestDatabaseId[] = [
  'POSTGRES_18',
  'POSTGRES_17',
  'POSTGRES_16',
  'POSTGRES_15',
  'POSTGRES_14',
  'POSTGRES_13',
];

/**
 * Test databases for tofUI's tests: SQLite always; Postgres when `make test`
 * (or the caller) passed its connection string in
 * BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING. With CI=true a
 * missing Postgres fails the suite instead of skipping it.
 *
 * @public
 */
export function createTofuiTestDatabases(): TestDatabases {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', ...POSTGRES_IDS],
    disableDocker: true,
  });
  if (process.env.CI && !POSTGRES_IDS.some(id => databases.supports(id))) {
    throw new Error(
      'CI=true but no Postgres test database is configured; run the tests through `make test`',
    );
  }
  return databases;
}

