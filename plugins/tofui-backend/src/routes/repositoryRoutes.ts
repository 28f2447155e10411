import { tofuiRepositoryManagePermission } from '@internal/plugin-tofui-common';
import { audited } from '../service/audited';
import { sendJson } from './sendJson';
import type { RepositoryService } from '../service/RepositoryService';
import type { ReportService } from '../service/ReportService';
import {
  requireActor,
  requireCredentials,
  type RouteContext,
  type TofuiApiRouter,
} from './types';

export function addRepositoryRoutes(
  router: TofuiApiRouter,
  context: RouteContext,
  repositories: RepositoryService,
  reports: ReportService,
) {
  const { httpAuth, auditor } = context;
  router.get('/v1/repositories', async (req, res) => {
    await requireCredentials(httpAuth, req);
    sendJson(res, await repositories.list(req.query));
  });

  router.post('/v1/repositories', async (req, res) => {
    const actor = await requireActor(
      context,
      req,
      tofuiRepositoryManagePermission,
    );
    const { repository, created } = await audited(
      auditor,
      {
        eventId: 'repository-register',
        request: req,
        meta: { repository: req.body.repository },
        resultMeta: r => ({
          repositoryId: r.repository.id,
          created: r.created,
        }),
      },
      () => repositories.register(req.body, actor),
    );
    res.status(created ? 201 : 200).json(repository);
  });

  router.get('/v1/repositories/:id', async (req, res) => {
    await requireCredentials(httpAuth, req);
    res.json(await repositories.get(req.params.id));
  });

  router.get('/v1/folders', async (req, res) => {
    await requireCredentials(httpAuth, req);
    sendJson(res, await repositories.listFolders(req.query));
  });

  router.get('/v1/summary', async (req, res) => {
    const credentials = await requireCredentials(httpAuth, req);
    sendJson(res, await reports.summary(req.query, credentials));
  });

  router.get('/v1/insights', async (req, res) => {
    const credentials = await requireCredentials(httpAuth, req);
    sendJson(res, await reports.insights(req.query, credentials));
  });
}
