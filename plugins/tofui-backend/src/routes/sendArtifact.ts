import {
  REPORT_ARTIFACT_FILES,
  type ReportArtifactKind,
} from '@tofui/backstage-plugin-tofui-common';
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import type { ReportAccess } from '../database/TofuiStore';
import type { ReportService } from '../service/ReportService';

/**
 * Uploaded HTML must never run in the Backstage origin: a sandbox without
 * allow-same-origin gives it an opaque origin (no cookies, no storage, no
 * same-origin requests), and it may load nothing from anywhere.
 */
export const HTML_CSP =
  "sandbox allow-scripts; default-src 'none'; script-src 'unsafe-inline'; " +
  "style-src 'unsafe-inline'; img-src data:; connect-src 'none'";

/** Streams a report's artifact from storage, with headers that keep it inert. */
export async function sendArtifact(
  req: Request<any, any, any, any>,
  res: Response,
  reports: ReportService,
  kind: ReportArtifactKind,
  access: ReportAccess | undefined,
) {
  const id = req.params.id as string;
  const { stored, stream } = await reports.openArtifact(id, kind, access);
  const etag = `"${stored.sha256}"`;
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', 'private, no-cache');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  if (kind === 'html') {
    res.setHeader('Content-Security-Policy', HTML_CSP);
  }
  if (req.headers['if-none-match'] === etag) {
    stream.destroy();
    res.status(304).end();
    return;
  }
  res.setHeader('Content-Type', stored.contentType);
  res.setHeader('Content-Length', String(stored.size));
  res.setHeader(
    'Content-Disposition',
    `${
      req.query.download === true || req.query.download === 'true'
        ? 'attachment'
        : 'inline'
    }; filename="report-${id}.${REPORT_ARTIFACT_FILES[kind].extension}"`,
  );
  await pipeline(stream, res);
}
