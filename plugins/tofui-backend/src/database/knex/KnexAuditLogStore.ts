import type { AuditEvent } from '@tofui/backstage-plugin-tofui-common';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import type {
  AuditFilter,
  AuditLogStore,
  NewAuditEvent,
  Page,
} from '../TofuiStore';
import { newestFirst } from './newestFirst';
import { type AuditRow, toAuditEvent } from './rows';

export class KnexAuditLogStore implements AuditLogStore {
  constructor(private readonly db: Knex) {}

  async record(event: NewAuditEvent, now: Date): Promise<void> {
    await this.db('audit_logs').insert({
      id: randomUUID(),
      entity_type: event.entityType,
      entity_id: event.entityId,
      action: event.action,
      actor: event.actor,
      changes: JSON.stringify({ before: event.before, after: event.after }),
      created_at: now,
    });
  }

  async list(filter: AuditFilter): Promise<Page<AuditEvent>> {
    const query = newestFirst.order(
      this.db('audit_logs').select('*'),
      'audit_logs',
      filter.limit,
    );
    if (filter.entityType) query.where('entity_type', filter.entityType);
    if (filter.entityId) query.where('entity_id', filter.entityId);
    if (filter.actor) query.where('actor', filter.actor);
    newestFirst.after(query, 'audit_logs', filter.cursor);
    const rows: AuditRow[] = await query;
    return newestFirst.page(rows, filter.limit, toAuditEvent);
  }
}
