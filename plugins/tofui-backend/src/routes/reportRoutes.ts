import {
  tofuiReportCreatePermission,
  tofuiReportDeletePermission,
  tofuiReportUpdatePermission,
} from '@internal/plugin-tofui-common';
import { audited } from '../service/audited';
import { sendArtifact } from './sendArtifact';
import { sendJson } from './sendJson';
import type { ReportService } from '../service/ReportService';
import {
  requireActor,
  requireCredentials,
  type RouteContext,
  type TofuiApiRouter,
} from './types';

export function addReportRoutes(
  router: TofuiApiRouter,
  context: RouteContext,
  reports: ReportService,
) {
  const { httpAuth, auditor } = context;
  router.post('/v1/reports', async (req, res) => {
    const actor = await requireActor(context, req, tofuiReportCreatePermission);
    const { report, created } = await audited(
      auditor,
      {
        eventId: 'report-publish',
        request: req,
        meta: {
          repository: req.body.source_repo,
          folder: req.body.folder,
          buildName: req.body.build_name,
        },
        resultMeta: r => ({ reportId: r.report.id, created: r.created }),
      },
      () => reports.publish(req.body, actor),
    );
    res.status(created ? 201 : 200).json(report);
  });

  router.get('/v1/reports', async (req, res) => {
    await requireCredentials(httpAuth, req);
    sendJson(res, await reports.list(req.query));
  });

  router.get('/v1/reports/:id', async (req, res) => {
    await requireCredentials(httpAuth, req);
    res.json(await reports.get(req.params.id));
  });

  for (const kind of ['html', 'plan', 'log'] as const) {
    router.get(`/v1/reports/:id/${kind}`, async (req, res) => {
      // The HTML report is loaded by a sandboxed frame, which can only send
      // the user's cookie (see the auth policy in plugin.ts).
      await httpAuth.credentials(req, {
        allow: ['user', 'service'],
        allowLimitedAccess: kind === 'html',
      });
      await sendArtifact(req, res, reports, kind);
    });
  }

  router.put('/v1/reports/:id', async (req, res) => {
    const actor = await requireActor(context, req, tofuiReportUpdatePermission);
    const report = await audited(
      auditor,
      {
        eventId: 'report-update',
        request: req,
        meta: { reportId: req.params.id },
      },
      () => reports.update(req.params.id, req.body, actor),
    );
    res.json(report);
  });

  router.delete('/v1/reports/:id', async (req, res) => {
    const actor = await requireActor(context, req, tofuiReportDeletePermission);
    await audited(
      auditor,
      {
        eventId: 'report-delete',
        request: req,
        meta: { reportId: req.params.id },
      },
      () => reports.delete(req.params.id, actor),
    );
    res.status(204).end();
  });
}
