import {
  type DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { IdCache } from './knex/ensure';
import { KnexChangeIndexStore } from './knex/KnexChangeIndexStore';
import { KnexAuditLogStore } from './knex/KnexAuditLogStore';
import { KnexEntityMappingStore } from './knex/KnexEntityMappingStore';
import { KnexJobStore } from './knex/KnexJobStore';
import { KnexReportStore } from './knex/KnexReportStore';
import { KnexRepositoryStore } from './knex/KnexRepositoryStore';
import { KnexStatusTypeStore } from './knex/KnexStatusTypeStore';
import type { TofuiStore } from './TofuiStore';

const migrationsDir = resolvePackagePath(
  '@tofui/backstage-plugin-tofui-backend',
  'migrations',
);

/** {@link TofuiStore} on knex: SQLite (embedded) and Postgres (production). */
export class KnexTofuiStore implements TofuiStore {
  /** Connects and brings the schema up to date (unless migrations are skipped). */
  static async create(database: DatabaseService): Promise<KnexTofuiStore> {
    const client = await database.getClient();
    if (!database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new KnexTofuiStore(client);
  }

  readonly reports: KnexReportStore;
  readonly repositories: KnexRepositoryStore;
  readonly mappings: KnexEntityMappingStore;
  readonly statusTypes: KnexStatusTypeStore;
  readonly auditLog: KnexAuditLogStore;
  readonly jobs: KnexJobStore;
  readonly changes: KnexChangeIndexStore;

  constructor(private readonly db: Knex, private readonly ids = new IdCache()) {
    this.reports = new KnexReportStore(db, ids);
    this.repositories = new KnexRepositoryStore(db);
    this.mappings = new KnexEntityMappingStore(db);
    this.statusTypes = new KnexStatusTypeStore(db);
    this.auditLog = new KnexAuditLogStore(db);
    this.jobs = new KnexJobStore(db);
    this.changes = new KnexChangeIndexStore(db);
  }

  async transaction<T>(fn: (store: TofuiStore) => Promise<T>): Promise<T> {
    return this.db.transaction(tx => fn(new KnexTofuiStore(tx, this.ids)));
  }

  async ping(): Promise<void> {
    await this.db.raw('select 1');
  }
}

export { migrationsDir };
