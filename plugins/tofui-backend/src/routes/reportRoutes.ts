import {
  REPORT_ARTIFACT_KINDS,
  tofuiReportDeletePermission,
  tofuiReportUpdatePermission,
} from '@tofui/backstage-plugin-tofui-common';
import { actorOf } from '../service/actor';
import type { BasicPermission } from '@backstage/plugin-permission-common';
import type { Request } from 'express';
import { audited } from '../service/audited';
import { sendArtifact } from './sendArtifact';
import { sendJson } from './sendJson';
import type { ReportService } from '../service/ReportService';
import {
  requirePermission,
  requireReadAccess,
  type RouteContext,
  type TofuiApiRouter,
} from './types';

export function addReportRoutes(
  router: TofuiApiRouter,
  context: RouteContext,
  reports: ReportService,
) {
  /**
   * The actor changing report `:id`: allowed `permission`, able to read the
   * report (else 404, as if it did not exist) and, for CI, to write to its
   * repository.
   */
  const requireWriteTo = async (
    req: Request<{ id: string }, any, any, any>,
    permission: BasicPermission,
  ) => {
    const credentials = await requirePermission(context, req, permission);
    const access = await context.reportPermissions.readAccess(credentials);
    const report = await reports.get(req.params.id, access);
    context.reportPermissions.assertMayWrite(credentials, report.repository);
    return actorOf(credentials);
  };

  const { auditor } = context;
  router.get('/v1/reports', async (req, res) => {
    const { access } = await requireReadAccess(context, req);
    sendJson(req, res, await reports.list(req.query, access));
  });

  router.get('/v1/reports/:id', async (req, res) => {
    const { access } = await requireReadAccess(context, req);
    res.json(await reports.get(req.params.id, access));
  });

  for (const kind of REPORT_ARTIFACT_KINDS) {
    router.get(`/v1/reports/:id/${kind}`, async (req, res) => {
      // The HTML report is loaded by a sandboxed frame, which can only send
      // the user's cookie (see the auth policy in plugin.ts).
      const { access } = await requireReadAccess(context, req, kind === 'html');
      await sendArtifact(req, res, reports, kind, access);
    });
  }

  router.put('/v1/reports/:id', async (req, res) => {
    const actor = await requireWriteTo(req, tofuiReportUpdatePermission);
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
    const actor = await requireWriteTo(req, tofuiReportDeletePermission);
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
