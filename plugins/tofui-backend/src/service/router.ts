import type { HttpAuthService } from '@backstage/backend-plugin-api';
import type { Request } from 'express';
import Router from 'express-promise-router';
import { createOpenApiRouter } from '../schema/openapi.generated';
import type { HealthService } from './HealthService';
import type { ReportService } from './ReportService';
import { parseJsonBody, rejectUnknownFields } from './requestBody';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  reports: ReportService;
  health: HealthService;
}

/**
 * The REST API. Requests are validated against the OpenAPI spec before any
 * handler runs (a violation answers 400 naming the field); handlers are typed
 * from the same spec.
 */
export async function createRouter(options: RouterOptions) {
  const { httpAuth, reports, health } = options;
  // Its own JSON parser is a no-op: the outer router parsed the body.
  const router = await createOpenApiRouter();

  // Every route but health needs a user (browser) or a service/CI principal.
  const requireCredentials = (req: Request<any, any, any, any>) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/v1/health', async (_req, res) => {
    const result = await health.check();
    res.status(result.status === 'ok' ? 200 : 503).json(result);
  });

  router.post('/v1/reports', async (req, res) => {
    await requireCredentials(req);
    const { report, created } = await reports.publish(req.body);
    res.status(created ? 201 : 200).json(report);
  });

  router.get('/v1/reports', async (req, res) => {
    await requireCredentials(req);
    res.json({ items: await reports.list(req.query) });
  });

  router.get('/v1/summary', async (req, res) => {
    await requireCredentials(req);
    res.json({ items: await reports.summary(req.query) });
  });

  router.get('/v1/status-types', async (req, res) => {
    await requireCredentials(req);
    res.json({ items: await reports.statusTypes() });
  });

  const outer = Router();
  outer.use(parseJsonBody());
  outer.post('/v1/reports', rejectUnknownFields('PublishReportRequest'));
  outer.use(router);
  return outer;
}
