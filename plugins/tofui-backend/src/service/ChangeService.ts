import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { TofuiApiSchemas } from '@tofui/backstage-plugin-tofui-common';
import { compareChanges } from '../changes/compareChanges';
import type { ChangeAction } from '../changes/planChanges';
import type { ReportAccess, TofuiStore } from '../database/TofuiStore';
import type { FolderScopes } from './FolderScopes';
import type { ReportService } from './ReportService';

const DEFAULT_LIMIT = 50;

type Query = Record<string, unknown>;

/** The change index as the API reads it: filters, owners, compares. */
export class ChangeService {
  constructor(
    private readonly store: TofuiStore,
    private readonly reports: ReportService,
    private readonly scopes: FolderScopes,
  ) {}

  async search(
    query: {
      repository?: string;
      folder?: string;
      owner?: string;
      entity?: string;
      address?: string;
      type?: string;
      provider?: string;
      action?: ChangeAction[] | ChangeAction;
      attribute?: string;
      reportType?: 'build' | 'test';
      branch?: string;
      actor?: string;
      drift?: boolean;
      since?: string;
      until?: string;
      cursor?: string;
      limit?: number;
    },
    credentials: BackstageCredentials,
    access: ReportAccess | undefined,
  ) {
    const { since, until } = window(query);
    return this.store.changes.search({
      repository: query.repository,
      folder: query.folder,
      scope: await this.scopes.of(query, credentials),
      address: query.address,
      type: query.type,
      provider: query.provider,
      // one `action=` arrives as a string
      actions: query.action === undefined ? undefined : [query.action].flat(),
      attribute: query.attribute,
      reportType: query.reportType,
      branch: query.branch,
      actor: query.actor,
      drift: query.drift,
      since,
      until,
      access,
      cursor: query.cursor,
      limit: query.limit ?? DEFAULT_LIMIT,
    });
  }

  async history(
    query: {
      repository: string;
      folder: string;
      address: string;
      cursor?: string;
      limit?: number;
    },
    access: ReportAccess | undefined,
  ) {
    return this.store.changes.search({
      repository: query.repository,
      folder: query.folder,
      exactAddress: query.address,
      access,
      cursor: query.cursor,
      limit: query.limit ?? DEFAULT_LIMIT,
    });
  }

  /** 404 when either report is missing or `access` excludes it. */
  async compare(
    headId: string,
    baseId: string | undefined,
    access: ReportAccess | undefined,
  ): Promise<TofuiApiSchemas['ReportCompare']> {
    const head = await this.reports.get(headId, access);
    const base = baseId ?? (await this.store.changes.previousReport(head.id));
    if (base) {
      await this.reports.get(base, access);
    }
    const [baseChanges, headChanges] = await Promise.all([
      base ? this.store.changes.comparedChanges(base) : [],
      this.store.changes.comparedChanges(head.id),
    ]);
    const { added, removed, ...changed } = compareChanges(
      baseChanges,
      headChanges,
    );
    // in full only the changes listed whole: in one plan only
    const [addedItems, removedItems] = await Promise.all([
      this.store.changes.changesById(added.map(c => c.id)),
      this.store.changes.changesById(removed.map(c => c.id)),
    ]);
    return {
      ...(base && { base }),
      head: head.id,
      added: addedItems,
      removed: removedItems,
      ...changed,
    };
  }

  async drift(
    query: {
      state?: 'open' | 'closed';
      order?: 'oldest' | 'chronic';
      owner?: string;
      entity?: string;
      repository?: string;
      folder?: string;
      since?: string;
      cursor?: string;
      limit?: number;
    },
    credentials: BackstageCredentials,
    access: ReportAccess | undefined,
    now = new Date(),
  ) {
    return this.store.changes.drift({
      state: query.state,
      order: query.order,
      repository: query.repository,
      folder: query.folder,
      scope: await this.scopes.of(query, credentials),
      since: query.since ? new Date(query.since) : undefined,
      access,
      cursor: query.cursor,
      limit: query.limit ?? DEFAULT_LIMIT,
      now,
    });
  }

  async pending(
    query: {
      repository?: string;
      owner?: string;
      entity?: string;
      cursor?: string;
      limit?: number;
    },
    credentials: BackstageCredentials,
    access: ReportAccess | undefined,
    now = new Date(),
  ) {
    return this.store.changes.pending({
      repository: query.repository,
      scope: await this.scopes.of(query, credentials),
      access,
      cursor: query.cursor,
      limit: query.limit ?? DEFAULT_LIMIT,
      now,
    });
  }
}

/** `since` and `until` as dates; an empty window is a 400. */
function window(query: Query) {
  const since = query.since ? new Date(String(query.since)) : undefined;
  const until = query.until ? new Date(String(query.until)) : undefined;
  if (since && until && since >= until) {
    throw new InputError('since must be before until');
  }
  return { since, until };
}
