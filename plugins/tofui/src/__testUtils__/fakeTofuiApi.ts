import {
  DEFAULT_STATUS_TYPES,
  type FolderSummary,
  type Report,
} from '@internal/plugin-tofui-common';
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

/** An in-memory TofuiApi serving fixed data, recording its calls. */
export function fakeTofuiApi(
  items: FolderSummary[] = SUMMARY,
  extraReports: Report[] = [],
  /** Artifact texts by `reportId/kind`. */
  artifacts: Record<string, string> = {},
) {
  const calls: Array<Record<string, unknown>> = [];
  const api: TofuiApi = {
    async getSummary(query = {}) {
      calls.push(query);
      const matching = items.filter(
        i => !query.repository || i.repository === query.repository,
      );
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
    async listReports() {
      return { items: [] };
    },
    async listStatusTypes() {
      return [...DEFAULT_STATUS_TYPES];
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
    async getReportArtifact(id, kind) {
      const text = artifacts[`${id}/${kind}`];
      if (text === undefined) {
        throw new NotFoundError(`Report ${id} has no ${kind}`);
      }
      return text;
    },
  };
  return { api, calls };
}
