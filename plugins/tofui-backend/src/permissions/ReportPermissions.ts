import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { ConditionTransformer } from '@backstage/plugin-permission-node';
import { tofuiReportReadPermission } from '@tofui/backstage-plugin-tofui-common';
import type { ReportAccess, ReportAccessQuery } from '../database/TofuiStore';
import type { CiPublishers } from './ciPublishers';

/**
 * What a caller may do with reports: the `tofui.report.read` decision as an
 * SQL-ready access filter, and the repository limits of CI identities.
 */
export class ReportPermissions {
  constructor(
    private readonly permissions: PermissionsService,
    private readonly toAccess: ConditionTransformer<ReportAccessQuery>,
    private readonly publishers: CiPublishers,
  ) {}

  /**
   * The reports the caller may read (undefined: all), or 403 when none.
   * Conditions from the policy become store filters, applied before
   * pagination.
   */
  async readAccess(
    credentials: BackstageCredentials,
  ): Promise<ReportAccess | undefined> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission: tofuiReportReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.DENY) {
      throw new NotAllowedError(
        `Not allowed: ${tofuiReportReadPermission.name}`,
      );
    }
    const conditional =
      decision.result === AuthorizeResult.CONDITIONAL
        ? this.toAccess(decision.conditions)
        : undefined;
    const repositories = this.publishers.repositoriesOf(credentials);
    const limited: ReportAccess | undefined = repositories && {
      repositories,
    };
    if (conditional && limited) {
      return { allOf: [conditional, limited] };
    }
    return conditional ?? limited;
  }

  /** 403 unless the caller may publish to or change reports of `repository`. */
  assertMayWrite(credentials: BackstageCredentials, repository: string) {
    if (!this.publishers.mayWrite(credentials, repository)) {
      throw new NotAllowedError(
        `This CI identity may not publish to ${repository}`,
      );
    }
  }
}
