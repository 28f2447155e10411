import type {
  ReportType,
  TofuiApiSchemas,
} from '@tofui/backstage-plugin-tofui-common';
import type { ComparedChange } from '../changes/compareChanges';
import type { ChangeAction, PlannedChange } from '../changes/planChanges';
import type { FolderScope, Page, ReportAccess } from './TofuiStore';

/** One indexed resource change, as the API lists it. */
export type ChangeItem = TofuiApiSchemas['Change'];

export interface ChangeFilter {
  repository?: string;
  folder?: string;
  scope?: FolderScope;
  /** Glob: `*` within an address segment, `**` across segments. */
  address?: string;
  /** One address exactly (a resource's history). */
  exactAddress?: string;
  type?: string;
  provider?: string;
  actions?: ChangeAction[];
  /** A changed attribute path, or one under it. */
  attribute?: string;
  reportType?: ReportType;
  branch?: string;
  actor?: string;
  /** Drift rows only (true), planned changes only (false), or both. */
  drift?: boolean;
  since?: Date;
  until?: Date;
  access?: ReportAccess;
  cursor?: string;
  limit: number;
}

/** A drift ledger entry, as the API lists it. */
export type DriftItem = TofuiApiSchemas['Drift'];

export interface DriftFilter {
  state?: 'open' | 'closed';
  /** `oldest` (default) or `chronic`: chronic entries first. */
  order?: 'oldest' | 'chronic';
  repository?: string;
  folder?: string;
  scope?: FolderScope;
  /** Last seen at or after. */
  since?: Date;
  access?: ReportAccess;
  cursor?: string;
  limit: number;
  now: Date;
}

/** A folder with a pending plan, as the API lists it. */
export type PendingItem = TofuiApiSchemas['Pending'];

export interface PendingFilter {
  repository?: string;
  scope?: FolderScope;
  access?: ReportAccess;
  cursor?: string;
  limit: number;
  now: Date;
}

/** The resource changes of indexed plans, their drift, and pending plans. */
export interface ChangeIndexStore {
  /**
   * Replaces a report's rows with these and, for a plan, updates its
   * folder's drift ledger, if the report still has the artifact they came
   * from (`sourceSha256`: its plan, else its log; undefined: the report has
   * neither, its rows are removed). Returns whether it wrote.
   */
  replaceForReport(
    reportId: string,
    sourceSha256: string | undefined,
    changes: PlannedChange[],
  ): Promise<boolean>;
  /** Newest first, by (created_at, id). */
  search(filter: ChangeFilter): Promise<Page<ChangeItem>>;
  /**
   * A report's planned changes (no drift) as a compare reads them, by
   * address, each with its row's id (for changesById).
   */
  comparedChanges(
    reportId: string,
  ): Promise<Array<ComparedChange & { id: string }>>;
  /** Changes by row id, in the order of `ids`; unknown ids are left out. */
  changesById(ids: string[]): Promise<ChangeItem[]>;
  /**
   * The report a compare of `reportId` defaults to: the previous one of its
   * folder and type, on the same pull request or else branch when known.
   */
  previousReport(reportId: string): Promise<string | undefined>;
  /** Oldest first drift, by (first_seen_at, id). */
  drift(filter: DriftFilter): Promise<Page<DriftItem>>;
  /** Folders whose latest plan changes something not applied since, oldest first. */
  pending(filter: PendingFilter): Promise<Page<PendingItem>>;
}
