import type { StatusType } from '@tofui/backstage-plugin-tofui-common';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import type { StatusTypeSource, StatusTypeStore } from '../TofuiStore';
import { inTransaction } from './ensure';
import { parseJson } from './rows';

interface StatusTypeRow {
  type_key: string;
  display_name: string;
  config: string | { mappings: StatusType['mappings'] };
  source: StatusTypeSource;
}

function toStatusType(row: StatusTypeRow): StatusType {
  return {
    key: row.type_key,
    name: row.display_name,
    mappings: parseJson<{ mappings: StatusType['mappings'] }>(row.config)
      .mappings,
    source: row.source,
  };
}

export class KnexStatusTypeStore implements StatusTypeStore {
  constructor(private readonly db: Knex) {}

  async list(): Promise<StatusType[]> {
    const rows: StatusTypeRow[] = await this.db('status_types')
      .select('type_key', 'display_name', 'config', 'source')
      .orderBy('created_at')
      .orderBy('type_key');
    return rows.map(toStatusType);
  }

  async get(key: string): Promise<StatusType | undefined> {
    const row: StatusTypeRow | undefined = await this.db('status_types')
      .where({ type_key: key })
      .first('type_key', 'display_name', 'config', 'source');
    return row && toStatusType(row);
  }

  async put(
    type: Omit<StatusType, 'source'>,
    source: StatusTypeSource,
    now: Date,
  ) {
    return inTransaction(this.db, async tx => {
      const beforeRow: StatusTypeRow | undefined = await tx('status_types')
        .where({ type_key: type.key })
        .first('type_key', 'display_name', 'config', 'source');
      const fields = {
        display_name: type.name,
        config: JSON.stringify({ mappings: type.mappings }),
        source,
        updated_at: now,
      };
      await tx('status_types')
        .insert({
          id: randomUUID(),
          type_key: type.key,
          created_at: now,
          ...fields,
        })
        .onConflict('type_key')
        .merge(Object.keys(fields));
      const row: StatusTypeRow = await tx('status_types')
        .where({ type_key: type.key })
        .first('type_key', 'display_name', 'config', 'source');
      return {
        statusType: toStatusType(row),
        before: beforeRow && toStatusType(beforeRow),
      };
    });
  }
}
