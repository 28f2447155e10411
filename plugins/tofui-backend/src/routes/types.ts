import type {
  AuditorService,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import type { ApiRouter } from '@backstage/backend-openapi-utils';
import type { Request } from 'express';
import type { spec } from '../schema/openapi.generated';
import { actorOf } from '../service/actor';

/** The router typed from the OpenAPI spec. */
export type TofuiApiRouter = ApiRouter<typeof spec>;

export interface RouteContext {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
}

/** Credentials of a user (browser) or a service (CI), or 401. */
export async function requireCredentials(
  httpAuth: HttpAuthService,
  req: Request<any, any, any, any>,
) {
  return httpAuth.credentials(req, { allow: ['user', 'service'] });
}

/** The audit actor of a request that must carry credentials. */
export async function requireActor(
  httpAuth: HttpAuthService,
  req: Request<any, any, any, any>,
): Promise<string> {
  return actorOf(await requireCredentials(httpAuth, req));
}
