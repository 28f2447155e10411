import type {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type BasicPermission,
} from '@backstage/plugin-permission-common';
import type { ApiRouter } from '@backstage/backend-openapi-utils';
import type { Request } from 'express';
import type { spec } from '../schema/openapi.generated';
import type { ReportPermissions } from '../permissions/ReportPermissions';
import type { ReportAccess } from '../database/TofuiStore';
import { actorOf } from '../service/actor';

/** The router typed from the OpenAPI spec. */
export type TofuiApiRouter = ApiRouter<typeof spec>;

export interface RouteContext {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  permissions: PermissionsService;
  reportPermissions: ReportPermissions;
}

/** Credentials of a user (browser) or a service (CI), or 401. */
export async function requireCredentials(
  httpAuth: HttpAuthService,
  req: Request<any, any, any, any>,
) {
  return httpAuth.credentials(req, { allow: ['user', 'service'] });
}

/**
 * Credentials allowed `permission` by the permission policy, or 401 (no
 * credentials) / 403 (not allowed). `allow` narrows who may ask at all.
 */
export async function requirePermission(
  { httpAuth, permissions }: RouteContext,
  req: Request<any, any, any, any>,
  permission: BasicPermission,
  allow: Array<'user' | 'service'> = ['user', 'service'],
): Promise<BackstageCredentials> {
  const credentials = await httpAuth.credentials(req, { allow });
  const [decision] = await permissions.authorize([{ permission }], {
    credentials,
  });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(`Not allowed: ${permission.name}`);
  }
  return credentials;
}

/**
 * The caller's credentials and the reports they may read (undefined: all),
 * or 401 / 403. `allowLimitedAccess` admits the user cookie (HTML frames).
 */
export async function requireReadAccess(
  { httpAuth, reportPermissions }: RouteContext,
  req: Request<any, any, any, any>,
  allowLimitedAccess = false,
): Promise<{
  credentials: BackstageCredentials;
  access: ReportAccess | undefined;
}> {
  const credentials = await httpAuth.credentials(req, {
    allow: ['user', 'service'],
    allowLimitedAccess,
  });
  return {
    credentials,
    access: await reportPermissions.readAccess(credentials),
  };
}

/** The audit actor of a write, once `permission` is allowed. */
export async function requireActor(
  context: RouteContext,
  req: Request<any, any, any, any>,
  permission: BasicPermission,
): Promise<string> {
  return actorOf(await requirePermission(context, req, permission));
}
