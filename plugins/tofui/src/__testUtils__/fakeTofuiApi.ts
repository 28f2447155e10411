import {
  DEFAULT_STATUS_TYPES,
  matchesSummaryQuery,
  type Change,
  type Drift,
  type Page,
  type Pending,
  type ReportCompare,
  type FolderSummary,
  type Insights,
  type Report,
  type StatusType,
} from '@tofui/backstage-plugin-tofui-common';
import { NotFoundError } from '@backstage/errors';
import type { TofuiApi } from '../api';

export function report(overrides: Partial<Report>): Report {
  return {
    id: 'r-1',
    repository: 'acme/infrastructure',
    folder: 'aws_us_east_1',
    reportType: 'build',
    buildName: 'deploy-1',
    statuses: { terraform_plan: 2 },
    overallStatus: 'passing',
    metadata: {},
    createdAt: new Date(Date.now() - 3_600_000).toISOString(),
    receivedAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
    ...overrides,
  };
}

export const SUMMARY: FolderSummary[] = [
  {
    repository: 'acme/infrastructure',
    folder: 'aws_us_east_2',
    overallStatus: 'failing',
    latestBuild: report({
      id: 'b2',
      folder: 'aws_us_east_2',
      buildName: 'deploy-57',
      displayName: 'Deploy #57',
      htmlUrl: 'https://ci.example.com/57.html',
      statuses: { terraform_plan: 2, terraform_apply: 1 },
      overallStatus: 'failing',
    }),
  },
  {
    repository: 'acme/infrastructure',
    folder: 'gcp_europe_west1',
    overallStatus: 'passing',
    latestTest: report({
      id: 't1',
      folder: 'gcp_europe_west1',
      reportType: 'test',
      buildName: 'pr-7',
      // eslint-disable-next-line no-script-url -- a hostile link the UI must not render
      htmlUrl: 'javascript:alert(1)',
      statuses: { terraform_plan: 0, checkov: 4 },
    }),
  },
  {
    repository: 'acme/networking',
    repositoryDisplayName: '🌐 Networking',
    folder: '_root',
    overallStatus: 'passing',
    latestBuild: report({
      id: 'n1',
      repository: 'acme/networking',
      folder: '_root',
    }),
  },
];

export const INSIGHTS: Insights = {
  from: '2026-11-20T00:00:00.000Z',
  to: '2026-11-23T00:00:00.000Z',
  days: [
    {
      day: '2026-11-20',
      build: 3,
      test: 5,
      passing: 6,
      failing: 2,
      unknown: 0,
    },
    {
      day: '2026-11-21',
      build: 0,
      test: 0,
      passing: 0,
      failing: 0,
      unknown: 0,
    },
    {
      day: '2026-11-22',
      build: 2,
      test: 1,
      passing: 3,
      failing: 0,
      unknown: 0,
    },
  ],
  totals: {
    reports: 11,
    activeRepositories: 2,
    activeFolders: 4,
    passRate: 0.8181,
    failingFolders: 1,
    folders: 3,
  },
  repositories: [
    { repository: 'acme/infrastructure', reports: 9, failing: 2 },
    { repository: 'acme/networking', reports: 2, failing: 0 },
  ],
  folders: [
    {
      repository: 'acme/infrastructure',
      folder: 'aws_us_east_2',
      failing: 2,
      reports: 5,
      overallStatus: 'failing',
    },
  ],
};

export function change(overrides: Partial<Change>): Change {
  return {
    reportId: 't1',
    repository: 'acme/infrastructure',
    folder: 'gcp_europe_west1',
    address: 'google_storage_bucket.logs',
    type: 'google_storage_bucket',
    provider: 'registry.opentofu.org/hashicorp/google',
    action: 'update',
    attributes: ['labels.team'],
    forcing: [],
    drift: false,
    createdAt: new Date(Date.now() - 3_600_000).toISOString(),
    buildName: 'pr-7',
    reportType: 'test',
    branch: 'feature/labels',
    actor: 'alice',
    ...overrides,
  };
}

/** Changes, newest first, as the change index answers them. */
export const CHANGES: Change[] = [
  change({}),
  change({
    address: 'module.iam.aws_iam_role.ci',
    type: 'aws_iam_role',
    provider: 'registry.opentofu.org/hashicorp/aws',
    action: 'delete',
    attributes: [],
    reportId: 'b2',
    folder: 'aws_us_east_2',
    buildName: 'deploy-57',
    reportType: 'build',
    branch: 'main',
    actor: 'bob',
    createdAt: new Date(Date.now() - 7_200_000).toISOString(),
  }),
  change({
    address: 'aws_security_group.web',
    type: 'aws_security_group',
    provider: 'registry.opentofu.org/hashicorp/aws',
    action: 'update',
    attributes: ['ingress'],
    drift: true,
    reportId: 'b2',
    folder: 'aws_us_east_2',
    buildName: 'deploy-57',
    reportType: 'build',
    createdAt: new Date(Date.now() - 7_200_000).toISOString(),
  }),
];

export const DRIFT: Drift[] = [
  {
    repository: 'acme/infrastructure',
    folder: 'aws_us_east_2',
    address: 'aws_instance.old',
    type: 'aws_instance',
    state: 'open',
    firstSeenAt: new Date(Date.now() - 10 * 86_400_000).toISOString(),
    lastSeenAt: new Date(Date.now() - 86_400_000).toISOString(),
    occurrences: 2,
    attributes: ['tags.Owner'],
    chronic: false,
    owners: ['group:default/platform-team'],
  },
  {
    repository: 'acme/infrastructure',
    folder: 'aws_us_east_2',
    address: 'aws_security_group.web',
    type: 'aws_security_group',
    state: 'open',
    firstSeenAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
    lastSeenAt: new Date(Date.now() - 7_200_000).toISOString(),
    occurrences: 4,
    attributes: ['ingress'],
    chronic: true,
    owners: ['group:default/platform-team'],
  },
];

export const PENDING: Pending[] = [
  {
    repository: 'acme/infrastructure',
    folder: 'gcp_europe_west1',
    reportId: 't1',
    buildName: 'pr-7',
    plannedAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
    ageSeconds: 2 * 86_400 + 3_600,
    counts: { create: 2, update: 1, delete: 1 },
    owners: ['group:default/platform-team'],
  },
  {
    repository: 'acme/networking',
    folder: '_root',
    reportId: 'n1',
    buildName: 'pr-88',
    plannedAt: new Date(Date.now() - 3_600_000).toISOString(),
    ageSeconds: 3_600,
    counts: { replace: 1 },
    owners: [],
  },
];

export const COMPARE: ReportCompare = {
  base: 'b2',
  head: 't1',
  added: [change({ address: 'google_storage_bucket.new', action: 'create' })],
  removed: [
    change({
      reportId: 'b2',
      address: 'google_compute_instance.old',
      action: 'delete',
      attributes: [],
    }),
  ],
  actionChanged: [
    { address: 'google_sql_database.main', base: 'update', head: 'replace' },
  ],
  attributesChanged: [
    {
      address: 'google_storage_bucket.logs',
      action: 'update',
      added: ['labels.team'],
      removed: ['versioning'],
    },
  ],
  unchangedCount: 7,
};

/** A page of `items` from `cursor` (an index, as text), `limit` at most. */
function pageOf<T>(items: T[], cursor?: string, limit = 50): Page<T> {
  const from = Number(cursor ?? 0);
  const to = from + limit;
  return {
    items: items.slice(from, to),
    ...(to < items.length && { nextCursor: String(to) }),
  };
}

/** An in-memory TofuiApi serving fixed data, recording its calls. */
export function fakeTofuiApi(
  items: FolderSummary[] = SUMMARY,
  extraReports: Report[] = [],
  /** Artifact texts by `reportId/kind`. */
  artifacts: Record<string, string> = {},
  changeData: {
    changes?: Change[];
    drift?: Drift[];
    pending?: Pending[];
    compare?: ReportCompare;
    /** What each entity covers, as the server's catalog sync found it. */
    entities?: Record<string, { repository: string; folders: RegExp }>;
  } = {},
) {
  const {
    changes = CHANGES,
    drift = DRIFT,
    pending = PENDING,
    compare = COMPARE,
    entities = {},
  } = changeData;
  /** In the `entity` filter's scope (every row when there is none). */
  const covered =
    (entity?: string) => (row: { repository: string; folder: string }) => {
      if (!entity) return true;
      const scope = entities[entity];
      return (
        !!scope &&
        row.repository === scope.repository &&
        scope.folders.test(row.folder)
      );
    };
  const calls: Array<Record<string, unknown>> = [];
  /** Change intelligence calls, apart: most views make some besides their own. */
  const changeCalls: Array<Record<string, unknown>> = [];
  const statusTypes: StatusType[] = DEFAULT_STATUS_TYPES.map(t => ({ ...t }));
  const api: TofuiApi = {
    async getSummary(query = {}) {
      calls.push(query);
      // the server's rules (held to the shared case table)
      const matching = items.filter(i => matchesSummaryQuery(i, query));
      const count = (s: string) =>
        matching.filter(i => i.overallStatus === s).length;
      return {
        items: matching,
        counts: {
          failing: count('failing'),
          unknown: count('unknown'),
          passing: count('passing'),
          total: matching.length,
        },
      };
    },
    async listReports(query = {}) {
      return {
        items: extraReports.filter(
          r =>
            (!query.repository || r.repository === query.repository) &&
            (!query.folder || r.folder === query.folder),
        ),
      };
    },
    async listStatusTypes() {
      return [...statusTypes];
    },
    async putStatusType(key, body) {
      calls.push({ putStatusType: key, body });
      const index = statusTypes.findIndex(t => t.key === key);
      const value = { key, ...body, source: 'api' as const };
      if (index >= 0) statusTypes[index] = value;
      else statusTypes.push(value);
      return { value, created: index < 0 };
    },
    async listRepositories(query = {}) {
      const names = [...new Set(items.map(i => i.repository))].filter(
        n => !query.q || n.includes(query.q),
      );
      return {
        items: names.map(repository => ({
          id: repository,
          repository,
          entityRef: items.find(i => i.repository === repository)?.entityRef,
          createdAt: new Date().toISOString(),
          updatedAt: new Date().toISOString(),
        })) as any,
      };
    },
    async getInsights(query = {}) {
      calls.push({ insights: query });
      return INSIGHTS;
    },
    async getReport(id) {
      const found = [
        ...items.flatMap(i => [i.latestBuild, i.latestTest]),
        ...extraReports,
      ].find(r => r?.id === id);
      if (!found) {
        throw new NotFoundError(`No report ${id}`);
      }
      return found;
    },
    async deleteReport(id) {
      calls.push({ deleteReport: id });
    },
    async listChanges(query = {}) {
      changeCalls.push({ changes: query });
      const actions = query.action ? [query.action].flat() : undefined;
      return pageOf(
        changes.filter(
          c =>
            (!query.repository || c.repository === query.repository) &&
            (!query.folder || c.folder === query.folder) &&
            covered(query.entity)(c) &&
            (!query.type || c.type === query.type) &&
            (!actions || actions.includes(c.action)),
        ),
        query.cursor,
        query.limit,
      );
    },
    async getResourceHistory(query) {
      changeCalls.push({ history: query });
      return pageOf(
        changes.filter(
          c =>
            c.repository === query.repository &&
            c.folder === query.folder &&
            c.address === query.address,
        ),
        query.cursor,
        query.limit,
      );
    },
    async compareReports(id, base) {
      changeCalls.push({ compare: id, base });
      return { ...compare, head: id, ...(base && { base }) };
    },
    async listDrift(query = {}) {
      changeCalls.push({ drift: query });
      return pageOf(
        drift
          .filter(
            d =>
              (!query.state || d.state === query.state) &&
              (!query.repository || d.repository === query.repository) &&
              (!query.folder || d.folder === query.folder) &&
              covered(query.entity)(d),
          )
          // the server's order: chronic first when asked (stable otherwise)
          .sort((a, b) =>
            query.order === 'chronic'
              ? Number(b.chronic) - Number(a.chronic)
              : 0,
          ),
        query.cursor,
        query.limit,
      );
    },
    async listPending(query = {}) {
      changeCalls.push({ pending: query });
      return pageOf(
        pending.filter(
          p =>
            (!query.repository || p.repository === query.repository) &&
            covered(query.entity)(p),
        ),
        query.cursor,
        query.limit,
      );
    },
    async getReportArtifact(id, kind) {
      const text = artifacts[`${id}/${kind}`];
      if (text === undefined) {
        throw new NotFoundError(`Report ${id} has no ${kind}`);
      }
      return text;
    },
  };
  return { api, calls, changeCalls };
}
