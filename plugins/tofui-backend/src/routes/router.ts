import Router from 'express-promise-router';
import type { TofuiStore } from '../database/TofuiStore';
import { createOpenApiRouter } from '../schema/openapi.generated';
import type { HealthService } from '../service/HealthService';
import type { ChangeService } from '../service/ChangeService';
import type { ReportService } from '../service/ReportService';
import type { RepositoryService } from '../service/RepositoryService';
import type { StatusTypeService } from '../service/StatusTypeService';
import type { ApiLimits } from '../config/api';
import { addAuditRoutes } from './auditRoutes';
import { addChangeRoutes } from './changeRoutes';
import { databaseUnavailable } from './databaseErrors';
import { addPublishRoute } from './publish/publishRoute';
import { addReportRoutes } from './reportRoutes';
import { addRepositoryRoutes } from './repositoryRoutes';
import { parseJsonBody, rejectUnknownFields } from './requestBody';
import { addStatusTypeRoutes } from './statusTypeRoutes';
import type { RouteContext } from './types';

export interface RouterOptions extends RouteContext {
  store: TofuiStore;
  reports: ReportService;
  changes: ChangeService;
  repositories: RepositoryService;
  statusTypes: StatusTypeService;
  health: HealthService;
  limits: ApiLimits;
}

/**
 * The REST API under /v1. Requests are validated against the OpenAPI spec
 * before any handler runs (a violation answers 400 naming the field), and
 * handlers are typed from the same spec.
 */
export async function createRouter(options: RouterOptions) {
  // Its own JSON parser is a no-op: the outer router parses the body, and
  // multipart bodies never reach it (they are streamed, not buffered).
  const api = await createOpenApiRouter({
    validatorOptions: { fileUploader: false },
  });

  api.get('/v1/health', async (_req, res) => {
    const result = await options.health.check();
    // degraded (no cache) still serves: only down takes it out of rotation
    res.status(result.status === 'down' ? 503 : 200).json(result);
  });
  api.get('/v1/health/live', async (_req, res) => {
    res.json({ status: 'ok' });
  });
  addReportRoutes(api, options, options.reports);
  addRepositoryRoutes(api, options, options.repositories, options.reports);
  addStatusTypeRoutes(api, options, options.statusTypes);
  addAuditRoutes(api, options, options.store);
  addChangeRoutes(api, options, options.changes);

  const router = Router();
  addPublishRoute(router, api, options, options.reports);
  router.use(parseJsonBody(options.limits.maxBodySize));
  router.post('/v1/reports', rejectUnknownFields('PublishReportRequest'));
  router.put('/v1/reports/:id', rejectUnknownFields('UpdateReportRequest'));
  router.use(api);
  router.use(databaseUnavailable);
  return router;
}
