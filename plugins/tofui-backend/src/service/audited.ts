import type { AuditorService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import type { Request } from 'express';

/**
 * Runs a write as a Backstage auditor event: recorded as started, then as
 * succeeded (with what it produced) or failed (with the error).
 */
export async function audited<T>(
  auditor: AuditorService,
  options: {
    eventId: string;
    request: Request<any, any, any, any>;
    meta?: JsonObject;
    resultMeta?: (result: T) => JsonObject;
  },
  fn: () => Promise<T>,
): Promise<T> {
  const event = await auditor.createEvent({
    eventId: options.eventId,
    severityLevel: 'medium',
    request: options.request,
    meta: options.meta,
  });
  try {
    const result = await fn();
    await event.success({ meta: options.resultMeta?.(result) });
    return result;
  } catch (error) {
    await event.fail({ error: error as Error });
    throw error;
  }
}
