/*
 * The own-policy example of docs/install.md with the real pieces: tofUI's
 * backend plugin, the permission backend with TeamOwnershipPolicy set
 * through its policy extension point, the permissions service, a catalog of
 * annotated entities and a database (SQLite, and Postgres when configured).
 * Only identities are mocked: tokens name the user, user info adds groups.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The plugin's rule for test databases: SQLite, and Postgres of whichever
// major make test found (required with CI=true).
import { createTofuiTestDatabases as createTestDatabases } from '@tofui/backstage-plugin-tofui-backend/testUtils';
import type { Knex } from 'knex';
import {
  ENTITIES,
  type FolderKey,
  publishToEveryFolder,
  type SecurityBackend,
  startSecurityBackend,
  waitForMapping,
} from '../__testUtils__/securityFixtures';
import { describeTeamVisibility } from '../__testUtils__/teamVisibility';
import teamOwnershipPolicyModule from './teamOwnershipPolicy';

jest.setTimeout(120_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  "a team's own policy with tofUI's conditions, on %s",
  databaseId => {
    let knex: Knex;
    let api: SecurityBackend;
    let ids: Record<FolderKey, string>;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      api = await startSecurityBackend({
        features: [
          teamOwnershipPolicyModule,
          catalogServiceMock.factory({ entities: ENTITIES }),
          mockServices.database.factory({ knex }),
        ],
      });
      await waitForMapping(knex);
      // CI publishes to every folder; the policy decides who reads what.
      ids = await publishToEveryFolder(api, 'ci');
    });
    afterAll(() => api?.stop());

    describeTeamVisibility(() => ({ api, knex, ids }), 'nothing');
  },
);
