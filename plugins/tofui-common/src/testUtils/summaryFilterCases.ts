import type {
  FolderSummary,
  OverallStatus,
  Report,
  SummaryQuery,
} from '@tofui/backstage-plugin-tofui-common'; // the main entry point's types, not copies in this one's API

/** One run in the world of the cases. */
export interface SummaryCaseRun {
  buildName: string;
  overallStatus: OverallStatus;
  createdAt: string;
}

/** One folder of the world: its repository, its latest build and test, its verdict. */
export interface SummaryCaseFolder {
  repository: string;
  repositoryDisplayName?: string;
  folder: string;
  /** The folder's verdict from its latest build and test, as stored. */
  overallStatus: OverallStatus;
  build?: SummaryCaseRun;
  test?: SummaryCaseRun;
}

/**
 * Folders to filter: every verdict, folders with a build only, a test
 * only, both; a display name that matches where the slug does not; a
 * folder name with a LIKE wildcard character in it.
 */
export const SUMMARY_CASE_FOLDERS: ReadonlyArray<SummaryCaseFolder> = [
  {
    repository: 'acme/infra',
    repositoryDisplayName: 'Platform Core',
    folder: 'us_east_1',
    overallStatus: 'failing',
    build: {
      buildName: 'b1',
      overallStatus: 'passing',
      createdAt: '2026-01-03T00:00:00.000Z',
    },
    test: {
      buildName: 't1',
      overallStatus: 'failing',
      createdAt: '2026-01-05T00:00:00.000Z',
    },
  },
  {
    repository: 'acme/infra',
    repositoryDisplayName: 'Platform Core',
    folder: 'usxeast',
    overallStatus: 'passing',
    build: {
      buildName: 'b2',
      overallStatus: 'passing',
      createdAt: '2026-01-01T00:00:00.000Z',
    },
  },
  {
    repository: 'acme/infra',
    repositoryDisplayName: 'Platform Core',
    folder: 'eu_west_1',
    overallStatus: 'unknown',
    build: {
      buildName: 'b3',
      overallStatus: 'unknown',
      createdAt: '2026-01-04T00:00:00.000Z',
    },
    test: {
      buildName: 't3',
      overallStatus: 'passing',
      createdAt: '2026-01-02T00:00:00.000Z',
    },
  },
  {
    repository: 'Acme/Networking',
    folder: '_root',
    overallStatus: 'passing',
    test: {
      buildName: 't4',
      overallStatus: 'passing',
      createdAt: '2026-01-06T00:00:00.000Z',
    },
  },
  {
    repository: 'Acme/Networking',
    folder: 'edge',
    overallStatus: 'failing',
    build: {
      buildName: 'b5',
      overallStatus: 'failing',
      createdAt: '2026-01-02T00:00:00.000Z',
    },
  },
];

/** A summary query and the folders (`owner/name:folder`) it keeps. */
export interface SummaryFilterCase {
  name: string;
  query: Pick<SummaryQuery, 'repository' | 'status' | 'type' | 'since' | 'q'>;
  folders: string[];
}

const ALL = SUMMARY_CASE_FOLDERS.map(f => `${f.repository}:${f.folder}`);

/**
 * The summary filters' rules, case by case. The SQL summary
 * (KnexReportStore), the frontend's local narrowing and the frontend's
 * test fake must all keep exactly these folders.
 */
export const SUMMARY_FILTER_CASES: ReadonlyArray<SummaryFilterCase> = [
  { name: 'no filter', query: {}, folders: ALL },
  {
    name: 'by folder verdict',
    query: { status: 'failing' },
    folders: ['acme/infra:us_east_1', 'Acme/Networking:edge'],
  },
  {
    name: 'by type: folders with such a report',
    query: { type: 'test' },
    folders: [
      'acme/infra:us_east_1',
      'acme/infra:eu_west_1',
      'Acme/Networking:_root',
    ],
  },
  {
    name: 'by type and verdict: judged by that report',
    query: { type: 'build', status: 'passing' },
    folders: ['acme/infra:us_east_1', 'acme/infra:usxeast'],
  },
  {
    name: 'by repository, whatever its case',
    query: { repository: 'ACME/networking' },
    folders: ['Acme/Networking:_root', 'Acme/Networking:edge'],
  },
  {
    name: 'by text in the repository, whatever its case',
    query: { q: 'NETWORK' },
    folders: ['Acme/Networking:_root', 'Acme/Networking:edge'],
  },
  {
    name: 'by text in the display name only',
    query: { q: 'core' },
    folders: [
      'acme/infra:us_east_1',
      'acme/infra:usxeast',
      'acme/infra:eu_west_1',
    ],
  },
  {
    name: 'by text with a LIKE wildcard, literally',
    query: { q: 'us_east' },
    folders: ['acme/infra:us_east_1'],
  },
  {
    name: 'by the latest run of either type',
    query: { since: '2026-01-04T00:00:00.000Z' },
    folders: [
      'acme/infra:us_east_1',
      'acme/infra:eu_west_1',
      'Acme/Networking:_root',
    ],
  },
  {
    name: 'by the latest run of one type',
    query: { type: 'build', since: '2026-01-03T00:00:00.000Z' },
    folders: ['acme/infra:us_east_1', 'acme/infra:eu_west_1'],
  },
  {
    name: 'all filters at once',
    query: {
      repository: 'acme/INFRA',
      type: 'test',
      status: 'failing',
      since: '2026-01-01T00:00:00.000Z',
      q: 'east',
    },
    folders: ['acme/infra:us_east_1'],
  },
];

/** The key a case lists a folder by. */
export function summaryCaseKey(item: {
  repository: string;
  folder: string;
}): string {
  return `${item.repository}:${item.folder}`;
}

function toReport(
  folder: SummaryCaseFolder,
  reportType: 'build' | 'test',
  run: SummaryCaseRun,
): Report {
  return {
    id: `${folder.repository}:${folder.folder}:${run.buildName}`,
    repository: folder.repository,
    folder: folder.folder,
    reportType,
    buildName: run.buildName,
    statuses: {},
    overallStatus: run.overallStatus,
    metadata: {},
    createdAt: run.createdAt,
    receivedAt: run.createdAt,
    updatedAt: run.createdAt,
  };
}

/** The world as the API's summary rows. */
export function summaryCaseRows(): FolderSummary[] {
  return SUMMARY_CASE_FOLDERS.map(f => ({
    repository: f.repository,
    ...(f.repositoryDisplayName && {
      repositoryDisplayName: f.repositoryDisplayName,
    }),
    folder: f.folder,
    overallStatus: f.overallStatus,
    ...(f.build && { latestBuild: toReport(f, 'build', f.build) }),
    ...(f.test && { latestTest: toReport(f, 'test', f.test) }),
  }));
}
