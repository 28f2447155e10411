import { tofuiRepositoryManagePermission } from '@tofui/backstage-plugin-tofui-common';
import { audited } from '../service/audited';
import { sendJson } from './sendJson';
import type { RepositoryService } from '../service/RepositoryService';
import type { ReportService } from '../service/ReportService';
import {
  requireActor,
  requireReadAccess,
  type RouteContext,
  type TofuiApiRouter,
} from './types';

export function addRepositoryRoutes(
  router: TofuiApiRouter,
  context: RouteContext,
  repositories: RepositoryService,
  reports: ReportService,
) {
  const { auditor } = context;
  router.get('/v1/repositories', async (req, res) => {
    const { access } = await requireReadAccess(context, req);
    sendJson(req, res, await repositories.list(req.query, access));
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
    const { access } = await requireReadAccess(context, req);
    res.json(await repositories.get(req.params.id, access));
  });

  router.get('/v1/folders', async (req, res) => {
    const { access } = await requireReadAccess(context, req);
    sendJson(req, res, await repositories.listFolders(req.query, access));
  });

  router.get('/v1/summary', async (req, res) => {
    const { credentials, access } = await requireReadAccess(context, req);
    sendJson(req, res, await reports.summary(req.query, credentials, access));
  });

  router.get('/v1/insights', async (req, res) => {
    const { credentials, access } = await requireReadAccess(context, req);
    sendJson(req, res, await reports.insights(req.query, credentials, access));
  });
}
