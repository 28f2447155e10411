// A shared suite: both policy examples make the same promise, so both test
// files run these tests; exporting them is the point.
/* eslint-disable jest/no-export */
import type { Knex } from 'knex';
import {
  FOLDERS,
  type FolderKey,
  type SecurityBackend,
  snapshot,
} from './securityFixtures';

const DEV = 'user:default/dev'; // in team-net, which owns acme/infra/aws_prod
const VIC = 'user:default/vic'; // in team-platform, which owns acme/platform/_root
const OLLY = 'user:default/olly'; // in no team

/** A started backend, its tofUI database and the ids of the published reports. */
export interface TeamVisibilitySetup {
  api: SecurityBackend;
  knex: Knex;
  ids: Record<FolderKey, string>;
}

/**
 * What both policy examples of docs/install.md promise, as tests: a team
 * reads the reports of the entities it owns — through the lists, the
 * summary, by id and their artifacts — and no other team's; nobody deletes.
 * `teamless` is what a user in no team gets: nothing to read (the own
 * policy gives everyone the ownership condition) or 403 (the RBAC plugin
 * denies users without a role).
 */
export function describeTeamVisibility(
  setup: () => TeamVisibilitySetup,
  teamless: 'nothing' | 'forbidden',
) {
  const folderKey = (r: { repository: string; folder: string }) =>
    `${r.repository}/${r.folder}`;

  describe.each([
    ['a user of team-net', DEV, ['acme/infra/aws_prod']],
    ['a user of team-platform', VIC, ['acme/platform/_root']],
  ] as Array<[string, string, FolderKey[]]>)('%s', (_who, user, owned) => {
    it("lists only its team's reports, in the list and the summary", async () => {
      const { api } = setup();
      for (const url of ['/v1/reports', '/v1/summary']) {
        const res = await api.as(user, api.http().get(`/api/tofui${url}`));
        expect([url, res.status]).toEqual([url, 200]);
        expect(res.body.items.map(folderKey).sort()).toEqual(owned);
      }
    });

    it.each(FOLDERS)(
      'reads %s and its artifacts only if its team owns it',
      async key => {
        const { api, ids } = setup();
        for (const suffix of ['', '/html', '/plan', '/log']) {
          const res = await api.as(
            user,
            api.http().get(`/api/tofui/v1/reports/${ids[key]}${suffix}`),
          );
          // tofUI answers 404 for a report the caller may not read.
          expect([suffix, res.status]).toEqual([
            suffix,
            owned.includes(key) ? 200 : 404,
          ]);
        }
      },
    );

    it("may not delete its team's report: 403, and nothing is written", async () => {
      const { api, knex, ids } = setup();
      const before = await snapshot(knex);
      const res = await api.as(
        user,
        api.http().delete(`/api/tofui/v1/reports/${ids[owned[0]]}`),
      );
      expect(res.status).toBe(403);
      expect(await snapshot(knex)).toEqual(before);
    });
  });

  if (teamless === 'nothing') {
    it('a user of no team lists nothing and reads no report', async () => {
      const { api, ids } = setup();
      for (const url of ['/v1/reports', '/v1/summary']) {
        const res = await api.as(OLLY, api.http().get(`/api/tofui${url}`));
        expect([url, res.status, res.body.items]).toEqual([url, 200, []]);
      }
      for (const key of FOLDERS) {
        const res = await api.as(
          OLLY,
          api.http().get(`/api/tofui/v1/reports/${ids[key]}`),
        );
        expect([key, res.status]).toEqual([key, 404]);
      }
    });
  } else {
    it('a user of no team is refused reading: 403', async () => {
      const { api, ids } = setup();
      for (const url of [
        '/v1/reports',
        '/v1/summary',
        ...FOLDERS.map(key => `/v1/reports/${ids[key]}`),
      ]) {
        const res = await api.as(OLLY, api.http().get(`/api/tofui${url}`));
        expect([url, res.status]).toEqual([url, 403]);
      }
    });
  }
}
