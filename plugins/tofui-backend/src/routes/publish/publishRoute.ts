import { tofuiReportCreatePermission } from '@tofui/backstage-plugin-tofui-common';
import type { Router } from 'express';
import { actorOf } from '../../service/actor';
import { audited } from '../../service/audited';
import type { ReportService } from '../../service/ReportService';
import {
  requirePermission,
  type RouteContext,
  type TofuiApiRouter,
} from '../types';
import { decodeInlineArtifacts } from './inlineArtifacts';
import { publishMultipart } from './multipartBody';

/**
 * `POST /v1/reports`, the publish path, by content type:
 * - `multipart/form-data` (the CLI with artifact files): handled on `outer`
 *   before any body parser, as the files are streamed to storage part by
 *   part (multipartBody.ts);
 * - JSON (plain HTTP, artifacts inline): parsed, checked against the
 *   OpenAPI spec and for unknown fields by `outer`, then handled on `api`,
 *   its inline artifacts decoded here (inlineArtifacts.ts).
 * Both end in the same ReportService publish (PublishDraft: artifacts
 * stored first, the report written last, in one transaction), audited as
 * `report-publish`. Call before `outer` parses JSON bodies.
 */
export function addPublishRoute(
  outer: Router,
  api: TofuiApiRouter,
  context: RouteContext,
  reports: ReportService,
) {
  outer.post('/v1/reports', async (req, res, next) => {
    if (!req.is('multipart/form-data')) {
      next(); // JSON: below, once parsed and validated
      return;
    }
    try {
      const credentials = await requirePermission(
        context,
        req,
        tofuiReportCreatePermission,
      );
      const { report, created } = await audited(
        context.auditor,
        {
          eventId: 'report-publish',
          request: req,
          resultMeta: r => ({ reportId: r.report.id, created: r.created }),
        },
        () => publishMultipart(req, { ...context, reports }, credentials),
      );
      res.status(created ? 201 : 200).json(report);
    } catch (error) {
      next(error);
    }
  });

  api.post('/v1/reports', async (req, res) => {
    const credentials = await requirePermission(
      context,
      req,
      tofuiReportCreatePermission,
    );
    context.reportPermissions.assertMayWrite(credentials, req.body.source_repo);
    const { report, created } = await audited(
      context.auditor,
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
      () =>
        reports.publish(
          req.body,
          decodeInlineArtifacts(req.body),
          actorOf(credentials),
        ),
    );
    res.status(created ? 201 : 200).json(report);
  });
}
