import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { tofuiReportReadPermission } from '@tofui/backstage-plugin-tofui-common';
import { TofuiRbacPolicy } from './TofuiRbacPolicy';

const policy = (rbac: object) =>
  TofuiRbacPolicy.fromConfig(new ConfigReader({ tofui: { rbac } }));

const user = (userEntityRef: string, groups: string[] = []) =>
  ({
    info: { userEntityRef, ownershipEntityRefs: [userEntityRef, ...groups] },
    credentials: {} as any,
  } as PolicyQueryUser);

const decide = (p: TofuiRbacPolicy, name: string, who?: PolicyQueryUser) =>
  p
    .handle({ permission: { name, type: 'basic', attributes: {} } }, who)
    .then(d => d.result);

const ALL = [
  'tofui.report.read',
  'tofui.report.create',
  'tofui.report.update',
  'tofui.report.delete',
  'tofui.repository.manage',
  'tofui.statusTypes.manage',
  'tofui.audit.read',
];

describe('TofuiRbacPolicy', () => {
  const rbac = policy({
    roles: {
      admin: ['group:default/platform'],
      developer: ['group:default/infra-devs', 'user:default/dana'],
    },
  });

  it.each([
    [
      'an admin by group',
      user('user:default/ada', ['group:default/platform']),
      ALL,
    ],
    [
      'a developer by user',
      user('user:default/dana'),
      ['tofui.report.read', 'tofui.report.create', 'tofui.report.update'],
    ],
    [
      'anyone else (default viewer)',
      user('user:default/vic'),
      ['tofui.report.read'],
    ],
  ])('grants %s exactly its permissions', async (_who, who, allowed) => {
    for (const name of ALL) {
      expect([name, await decide(rbac, name, who)]).toEqual([
        name,
        allowed.includes(name) ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      ]);
    }
  });

  it('gives the strongest of a user’s roles, refs compared case-insensitively', async () => {
    const both = user('user:default/Dana', ['group:default/PLATFORM']);
    expect(await decide(rbac, 'tofui.audit.read', both)).toBe(
      AuthorizeResult.ALLOW,
    );
  });

  it('denies everything tofUI without a user or with defaultRole none', async () => {
    expect(await decide(rbac, 'tofui.report.read', undefined)).toBe(
      AuthorizeResult.DENY,
    );
    const closed = policy({ defaultRole: 'none' });
    expect(
      await decide(closed, 'tofui.report.read', user('user:default/vic')),
    ).toBe(AuthorizeResult.DENY);
  });

  it('leaves other plugins’ permissions allowed', async () => {
    expect(
      await decide(
        closedPolicy(),
        'catalog.entity.read',
        user('user:default/x'),
      ),
    ).toBe(AuthorizeResult.ALLOW);
  });

  describe('reading reports (a resource permission)', () => {
    const read = (p: TofuiRbacPolicy, who?: PolicyQueryUser) =>
      p.handle({ permission: tofuiReportReadPermission }, who);
    const team = user('user:default/vic', ['group:default/team-a']);

    it('lets admins read every report', async () => {
      const admin = user('user:default/ada', ['group:default/platform']);
      expect(await read(rbac, admin)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    });

    it('limits others to reports a catalog entity maps (default scope)', async () => {
      expect(await read(rbac, team)).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'tofui',
        resourceType: 'tofui-report',
        conditions: {
          rule: 'IS_MAPPED',
          resourceType: 'tofui-report',
        },
      });
    });

    it('limits others to their teams’ entities with readScope owned', async () => {
      const owned = policy({ readScope: 'owned' });
      expect(await read(owned, team)).toMatchObject({
        result: AuthorizeResult.CONDITIONAL,
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          params: {
            claims: ['user:default/vic', 'group:default/team-a'],
          },
        },
      });
    });

    it('allows every report with readScope all, and nothing with no role', async () => {
      expect(await read(policy({ readScope: 'all' }), team)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
      expect(await read(closedPolicy(), team)).toEqual({
        result: AuthorizeResult.DENY,
      });
    });

    it('refuses an unknown read scope at start-up', () => {
      expect(() => policy({ readScope: 'mine' })).toThrow(
        "tofui.rbac.readScope must be one of catalog, owned, all, not 'mine'",
      );
    });
  });

  it('refuses an unknown default role at start-up', () => {
    expect(() => policy({ defaultRole: 'owner' })).toThrow(
      "tofui.rbac.defaultRole must be one of viewer, developer, admin or none, not 'owner'",
    );
  });
});

function closedPolicy() {
  return policy({ defaultRole: 'none' });
}
