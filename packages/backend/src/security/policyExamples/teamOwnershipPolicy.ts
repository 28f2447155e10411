/*
 * docs/install.md, "Permissions", option 3: a team's own permission policy
 * that decides tofUI's permissions with the conditions tofUI exports. Teams
 * read the reports of the catalog entities they own; nobody deletes reports;
 * everything else is allowed. teamOwnershipPolicy.test.ts runs it with
 * tofUI's backend. Adopters copy it from the docs: keep the two in step.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  isResourcePermission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  TOFUI_REPORT_RESOURCE_TYPE,
  tofuiReportDeletePermission,
} from '@tofui/backstage-plugin-tofui-common';
import {
  createTofuiReportConditionalDecision,
  tofuiReportConditions,
} from '@tofui/backstage-plugin-tofui-node';

export class TeamOwnershipPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (isResourcePermission(request.permission, TOFUI_REPORT_RESOURCE_TYPE)) {
      // teams read the reports of the entities they own
      return createTofuiReportConditionalDecision(
        request.permission,
        tofuiReportConditions.isEntityOwner({
          claims: user?.info.ownershipEntityRefs ?? [],
        }),
      );
    }
    if (isPermission(request.permission, tofuiReportDeletePermission)) {
      return { result: AuthorizeResult.DENY };
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'team-ownership-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new TeamOwnershipPolicy());
      },
    });
  },
});
