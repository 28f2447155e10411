import type { LoggerService } from '@backstage/backend-plugin-api';
import type { PublishReportRequest } from '@tofui/backstage-plugin-tofui-common';
import fs from 'node:fs/promises';
import path from 'node:path';
import { decodeInlineArtifacts } from '../routes/publish/inlineArtifacts';
import type { ReportService } from '../service/ReportService';

const NEWEST_DEMO_AGE_MS = 5 * 60 * 1000;
const DEMO_ACTOR = 'service:tofui-demo-data';

/**
 * Loads demo reports (original tofUI format) so a fresh installation shows a
 * populated dashboard. Publishing is idempotent, so loading at every start
 * adds nothing twice; timestamps are moved forward so the newest demo run is
 * five minutes old and relative times look alive. Inline artifacts (plans)
 * are decoded as the JSON publish route decodes them, so the demo's plans
 * are stored, rendered and indexed (changes, drift, pending) as CI's are.
 */
export class DemoDataLoader {
  constructor(
    private readonly reports: ReportService,
    private readonly logger: LoggerService,
  ) {}

  async load(file: string, now = new Date()): Promise<number> {
    const resolved = path.resolve(file);
    const entries = JSON.parse(
      await fs.readFile(resolved, 'utf8'),
    ) as PublishReportRequest[];
    if (!Array.isArray(entries)) {
      throw new Error(`Demo data ${resolved} must be a JSON array of reports`);
    }
    const times = entries.map(e => Date.parse(e.timestamp ?? '') || 0);
    const shift = now.getTime() - NEWEST_DEMO_AGE_MS - Math.max(...times);
    for (const [i, entry] of entries.entries()) {
      await this.reports.publish(
        { ...entry, timestamp: new Date(times[i] + shift).toISOString() },
        decodeInlineArtifacts(entry),
        DEMO_ACTOR,
        now,
      );
    }
    this.logger.info(
      `Loaded ${entries.length} tofUI demo reports from ${resolved}`,
    );
    return entries.length;
  }
}
