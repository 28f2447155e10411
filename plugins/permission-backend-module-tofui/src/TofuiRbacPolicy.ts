import type { Config } from '@backstage/config';
import {
  AuthorizeResult,
  isPermission,
  isResourcePermission,
  type Permission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  createTofuiReportConditionalDecision,
  tofuiReportConditions,
} from '@tofui/backstage-plugin-tofui-node';
import {
  TOFUI_REPORT_RESOURCE_TYPE,
  tofuiAuditReadPermission,
  tofuiReportCreatePermission,
  tofuiReportDeletePermission,
  tofuiReportReadPermission,
  tofuiReportUpdatePermission,
  tofuiRepositoryManagePermission,
  tofuiStatusTypesManagePermission,
} from '@tofui/backstage-plugin-tofui-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';

/**
 * tofUI roles, weakest first.
 *
 * @public
 */
export const TOFUI_ROLES = ['viewer', 'developer', 'admin'] as const;
/** @public */
export type TofuiRole = (typeof TOFUI_ROLES)[number];

/**
 * Which reports viewers and developers read; admins read all.
 *
 * @public
 */
export const READ_SCOPES = ['catalog', 'owned', 'all'] as const;
/** @public */
export type ReadScope = (typeof READ_SCOPES)[number];

const viewer = [tofuiReportReadPermission];
const developer = [
  ...viewer,
  tofuiReportCreatePermission,
  tofuiReportUpdatePermission,
];
const admin = [
  ...developer,
  tofuiReportDeletePermission,
  tofuiRepositoryManagePermission,
  tofuiStatusTypesManagePermission,
  tofuiAuditReadPermission,
];

/**
 * What each role may do, as the permissions tofui-common declares.
 *
 * @public
 */
export const TOFUI_ROLE_GRANTS: Record<TofuiRole, readonly Permission[]> = {
  viewer,
  developer,
  admin,
};

const granted = (role: TofuiRole, permission: Permission) =>
  TOFUI_ROLE_GRANTS[role].some(grant => isPermission(permission, grant));

const normalize = (ref: string) => ref.trim().toLocaleLowerCase('en-US');

/**
 * The tofUI role policy: `tofui.rbac.roles` maps users and groups (entity
 * refs) to admin, developer or viewer; a user gets the strongest role of
 * themselves and the groups they belong to, else `tofui.rbac.defaultRole`
 * (viewer unless configured; `none` for no access). Viewers and developers
 * read reports as `tofui.rbac.readScope` says (default: those of folders a
 * catalog entity maps). Permissions of other
 * plugins are allowed, as the allow-all policy this replaces did.
 * Service-to-service calls (CI tokens) never reach a policy: Backstage's
 * permission client allows them.
 *
 * @public
 */
export class TofuiRbacPolicy implements PermissionPolicy {
  /** Reads `tofui.rbac`; throws on an unknown role or read scope. */
  static fromConfig(config: Config): TofuiRbacPolicy {
    const rbac = config.getOptionalConfig('tofui.rbac');
    const members = new Map<string, TofuiRole>();
    for (const role of TOFUI_ROLES) {
      for (const ref of rbac?.getOptionalStringArray(`roles.${role}`) ?? []) {
        members.set(
          normalize(ref),
          strongest(members.get(normalize(ref)), role) ?? role,
        );
      }
    }
    const fallback = rbac?.getOptionalString('defaultRole') ?? 'viewer';
    if (fallback !== 'none' && !TOFUI_ROLES.includes(fallback as TofuiRole)) {
      throw new Error(
        `tofui.rbac.defaultRole must be one of ${TOFUI_ROLES.join(
          ', ',
        )} or none, not '${fallback}'`,
      );
    }
    const readScope = rbac?.getOptionalString('readScope') ?? 'catalog';
    if (!READ_SCOPES.includes(readScope as ReadScope)) {
      throw new Error(
        `tofui.rbac.readScope must be one of ${READ_SCOPES.join(
          ', ',
        )}, not '${readScope}'`,
      );
    }
    return new TofuiRbacPolicy(
      members,
      fallback === 'none' ? undefined : (fallback as TofuiRole),
      readScope as ReadScope,
    );
  }

  constructor(
    private readonly members: ReadonlyMap<string, TofuiRole>,
    private readonly defaultRole: TofuiRole | undefined,
    private readonly readScope: ReadScope = 'catalog',
  ) {}

  /** The role of a signed-in user, or undefined for none. */
  roleOf(user: PolicyQueryUser | undefined): TofuiRole | undefined {
    const refs = [
      user?.info.userEntityRef,
      ...(user?.info.ownershipEntityRefs ?? []),
    ].filter((r): r is string => !!r);
    let role: TofuiRole | undefined;
    for (const ref of refs) {
      role = strongest(role, this.members.get(normalize(ref)));
    }
    return role ?? (user ? this.defaultRole : undefined);
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const permission = request.permission;
    if (!permission.name.startsWith('tofui.')) {
      return { result: AuthorizeResult.ALLOW };
    }
    const role = this.roleOf(user);
    if (!role || !granted(role, permission)) {
      return { result: AuthorizeResult.DENY };
    }
    if (
      role !== 'admin' &&
      this.readScope !== 'all' &&
      isResourcePermission(permission, TOFUI_REPORT_RESOURCE_TYPE)
    ) {
      // Filters the reports, in SQL, to those the catalog maps (or the
      // user's teams own); reports of unmapped repositories are admins'.
      return createTofuiReportConditionalDecision(
        permission,
        this.readScope === 'owned'
          ? tofuiReportConditions.isEntityOwner({
              claims: [
                ...new Set([
                  user!.info.userEntityRef,
                  ...user!.info.ownershipEntityRefs,
                ]),
              ],
            })
          : tofuiReportConditions.isMapped(),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

function strongest(
  a: TofuiRole | undefined,
  b: TofuiRole | undefined,
): TofuiRole | undefined {
  if (!a) return b;
  if (!b) return a;
  return TOFUI_ROLES.indexOf(a) >= TOFUI_ROLES.indexOf(b) ? a : b;
}
