import type { Knex } from 'knex';
import {
  ORIGINAL_REPORT,
  startTofuiBackend,
} from '../__testUtils__/testBackend';
import { countRows, createTestDatabases } from '../__testUtils__/testServices';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const A_ID = '4b1d7a7c-6a57-4a32-9d52-21a0b8d4b1f1';
const report = (overrides: Record<string, unknown>) => ({
  ...ORIGINAL_REPORT,
  ...overrides,
});
const without = (field: string) => {
  const copy: Record<string, unknown> = { ...ORIGINAL_REPORT };
  delete copy[field];
  return copy;
};

type Case = {
  name: string;
  method: 'get' | 'post' | 'put';
  url: string;
  /** An object is sent as JSON; a string is sent as raw JSON text. */
  body?: unknown;
  status?: number;
  message: RegExp;
};

/** Every one must answer 4xx, name the field and the reason, and write nothing. */
const CASES: Case[] = [
  // publishing: the body as a whole
  {
    name: 'invalid JSON',
    method: 'post',
    url: '/v1/reports',
    body: '{"source_repo": ',
    message: /not valid JSON/,
  },
  {
    name: 'a JSON array',
    method: 'post',
    url: '/v1/reports',
    body: [ORIGINAL_REPORT],
    message: /body must be object/,
  },
  {
    name: 'a JSON string',
    method: 'post',
    url: '/v1/reports',
    body: '"report"',
    message: /not valid JSON/,
  },
  {
    name: 'an unknown field',
    method: 'post',
    url: '/v1/reports',
    body: report({ stauses: {} }),
    message: /Unknown field 'stauses'/,
  },
  // repository
  {
    name: 'no source_repo',
    method: 'post',
    url: '/v1/reports',
    body: without('source_repo'),
    message: /required property 'source_repo'/,
  },
  {
    name: 'source_repo without owner',
    method: 'post',
    url: '/v1/reports',
    body: report({ source_repo: 'infrastructure' }),
    message: /source_repo must match pattern/,
  },
  {
    name: 'source_repo with 3 parts',
    method: 'post',
    url: '/v1/reports',
    body: report({ source_repo: 'a/b/c' }),
    message: /source_repo must match pattern/,
  },
  {
    name: 'source_repo ..',
    method: 'post',
    url: '/v1/reports',
    body: report({ source_repo: '../etc' }),
    message: /source_repo must match pattern/,
  },
  {
    name: 'source_repo a number',
    method: 'post',
    url: '/v1/reports',
    body: report({ source_repo: 42 }),
    message: /source_repo must be string/,
  },
  // folder
  {
    name: 'no folder',
    method: 'post',
    url: '/v1/reports',
    body: without('folder'),
    message: /required property 'folder'/,
  },
  {
    name: 'folder with /',
    method: 'post',
    url: '/v1/reports',
    body: report({ folder: 'aws/us' }),
    message: /folder must match pattern/,
  },
  {
    name: 'folder with \\',
    method: 'post',
    url: '/v1/reports',
    body: report({ folder: 'aws\\us' }),
    message: /folder must match pattern/,
  },
  {
    name: 'folder ..',
    method: 'post',
    url: '/v1/reports',
    body: report({ folder: '..' }),
    message: /folder must match pattern/,
  },
  {
    name: 'folder containing ..',
    method: 'post',
    url: '/v1/reports',
    body: report({ folder: 'a..b' }),
    message: /folder must match pattern/,
  },
  {
    name: 'folder with a control character',
    method: 'post',
    url: '/v1/reports',
    body: report({ folder: 'aws\u0007' }),
    message: /folder must match pattern/,
  },
  {
    name: 'folder with NUL',
    method: 'post',
    url: '/v1/reports',
    body: report({ folder: 'aws\u0000x' }),
    message: /folder must match pattern/,
  },
  {
    name: 'folder over 255 characters',
    method: 'post',
    url: '/v1/reports',
    body: report({ folder: 'f'.repeat(256) }),
    message: /folder must NOT have more than 255 characters/,
  },
  {
    name: 'empty folder',
    method: 'post',
    url: '/v1/reports',
    body: report({ folder: '' }),
    message: /folder must NOT have fewer than 1 characters/,
  },
  // type and build
  {
    name: 'unknown report_type',
    method: 'post',
    url: '/v1/reports',
    body: report({ report_type: 'deploy' }),
    message: /report_type must be equal to one of the allowed values/,
  },
  {
    name: 'no build_name',
    method: 'post',
    url: '/v1/reports',
    body: without('build_name'),
    message: /required property 'build_name'/,
  },
  {
    name: 'empty build_name',
    method: 'post',
    url: '/v1/reports',
    body: report({ build_name: '' }),
    message: /build_name must NOT have fewer than 1 characters/,
  },
  {
    name: 'display_name over 255 characters',
    method: 'post',
    url: '/v1/reports',
    body: report({ display_name: 'd'.repeat(256) }),
    message: /display_name must NOT have more than 255 characters/,
  },
  // statuses
  {
    name: 'no statuses',
    method: 'post',
    url: '/v1/reports',
    body: without('statuses'),
    message: /required property 'statuses'/,
  },
  {
    name: 'statuses an array',
    method: 'post',
    url: '/v1/reports',
    body: report({ statuses: [0] }),
    message: /statuses must be object/,
  },
  {
    name: 'a negative code',
    method: 'post',
    url: '/v1/reports',
    body: report({ statuses: { tfsec: -1 } }),
    message: /statuses\/tfsec must be >= 0/,
  },
  {
    name: 'a fractional code',
    method: 'post',
    url: '/v1/reports',
    body: report({ statuses: { tfsec: 1.5 } }),
    message: /statuses\/tfsec must be integer/,
  },
  {
    name: 'a code as a string',
    method: 'post',
    url: '/v1/reports',
    body: report({ statuses: { tfsec: '1' } }),
    message: /statuses\/tfsec must be integer/,
  },
  {
    name: 'a malformed status type',
    method: 'post',
    url: '/v1/reports',
    body: report({ statuses: { 'bad key!': 1 } }),
    message:
      /statuses.*property name must be valid|statuses must match pattern/,
  },
  // time, links and richer fields
  {
    name: 'a timestamp that is not a date',
    method: 'post',
    url: '/v1/reports',
    body: report({ timestamp: 'yesterday' }),
    message: /timestamp must match format "date-time"/,
  },
  {
    name: 'a timestamp without a zone',
    method: 'post',
    url: '/v1/reports',
    body: report({ timestamp: '2024-01-15T10:30:00' }),
    message: /timestamp must match format "date-time"/,
  },
  {
    name: 'a javascript: html_url',
    method: 'post',
    url: '/v1/reports',
    // eslint-disable-next-line no-script-url -- a hostile link is the test input
    body: report({ html_url: 'javascript:alert(1)' }),
    message: /html_url must match pattern/,
  },
  {
    name: 'pull_request 0',
    method: 'post',
    url: '/v1/reports',
    body: report({ pull_request: 0 }),
    message: /pull_request must be >= 1/,
  },
  {
    name: 'a malformed commit_sha',
    method: 'post',
    url: '/v1/reports',
    body: report({ commit_sha: 'not-a-sha' }),
    message: /commit_sha must match pattern/,
  },
  {
    name: 'a negative summary count',
    method: 'post',
    url: '/v1/reports',
    body: report({ summary: { add: -1 } }),
    message: /summary\/add must be >= 0/,
  },
  {
    name: 'an unknown summary count',
    method: 'post',
    url: '/v1/reports',
    body: report({ summary: { added: 1 } }),
    message: /summary must NOT have additional properties/,
  },
  // listing
  {
    name: 'limit 0',
    method: 'get',
    url: '/v1/reports?limit=0',
    message: /limit must be >= 1/,
  },
  {
    name: 'limit over the cap',
    method: 'get',
    url: '/v1/reports?limit=501',
    message: /limit must be <= 500/,
  },
  {
    name: 'limit not a number',
    method: 'get',
    url: '/v1/reports?limit=ten',
    message: /limit must be integer/,
  },
  {
    name: 'unknown report type filter',
    method: 'get',
    url: '/v1/reports?type=deploy',
    message: /type must be equal to one of the allowed values/,
  },
  {
    name: 'a tampered cursor',
    method: 'get',
    url: '/v1/reports?cursor=bm9wZQ',
    message: /cursor is invalid/,
  },
  {
    name: 'from not a date',
    method: 'get',
    url: '/v1/reports?from=monday',
    message: /from must match format "date-time"/,
  },
  {
    name: 'statusCode without a code',
    method: 'get',
    url: '/v1/reports?statusCode=tfsec',
    message: /statusCode must match pattern/,
  },
  {
    name: 'an unknown query parameter',
    method: 'get',
    url: '/v1/reports?colour=red',
    message: /Unknown query parameter 'colour'/,
  },
  {
    name: 'a report id that is not a uuid',
    method: 'get',
    url: '/v1/reports/42',
    message: /id must match format "uuid"/,
  },
  {
    name: 'an unknown summary verdict',
    method: 'get',
    url: '/v1/summary?status=green',
    message: /status must be equal to one of the allowed values/,
  },
  {
    name: 'a malformed entity',
    method: 'get',
    url: '/v1/summary?entity=a%20b',
    message: /entity must match pattern/,
  },
  {
    name: 'an unknown audit entity type',
    method: 'get',
    url: '/v1/audit?entityType=user',
    message: /entityType must be equal to one of the allowed values/,
  },
  // updating a report
  {
    name: 'PUT without statuses',
    method: 'put',
    url: `/v1/reports/${A_ID}`,
    body: { display_name: 'x' },
    message: /required property 'statuses'/,
  },
  {
    name: 'PUT changing the repository',
    method: 'put',
    url: `/v1/reports/${A_ID}`,
    body: { statuses: {}, source_repo: 'a/b' },
    message: /Unknown field 'source_repo'/,
  },
  // repositories
  {
    name: 'a malformed repository',
    method: 'post',
    url: '/v1/repositories',
    body: { repository: 'nope' },
    message: /repository must match pattern/,
  },
  {
    name: 'a folder with / in a repository',
    method: 'post',
    url: '/v1/repositories',
    body: { repository: 'a/b', folders: ['x/y'] },
    message: /folders\/0 must match pattern/,
  },
  {
    name: 'a malformed entity_ref',
    method: 'post',
    url: '/v1/repositories',
    body: { repository: 'a/b', entity_ref: 'not an entity' },
    message: /entity_ref must match pattern/,
  },
  // status types
  {
    name: 'a malformed status type key',
    method: 'put',
    url: '/v1/status-types/bad%20key',
    body: { name: 'x', mappings: {} },
    message: /key must match pattern/,
  },
  {
    name: 'a non-numeric code',
    method: 'put',
    url: '/v1/status-types/checkov',
    body: {
      name: 'x',
      mappings: {
        one: { label: 'a', emoji: '', color: '#000000', status: 'passing' },
      },
    },
    message:
      /mappings.*property name must be valid|mappings must match pattern/,
  },
  {
    name: 'a colour that is not #rrggbb',
    method: 'put',
    url: '/v1/status-types/checkov',
    body: {
      name: 'x',
      mappings: {
        '1': { label: 'a', emoji: '', color: 'red', status: 'failing' },
      },
    },
    message: /color must match pattern/,
  },
  {
    name: 'a status that is neither passing nor failing',
    method: 'put',
    url: '/v1/status-types/checkov',
    body: {
      name: 'x',
      mappings: {
        '1': { label: 'a', emoji: '', color: '#cf222e', status: 'meh' },
      },
    },
    message: /status must be equal to one of the allowed values/,
  },
];

describe.each(databases.eachSupportedId())('bad input on %s', id => {
  let knex: Knex;
  let api: Awaited<ReturnType<typeof startTofuiBackend>>;

  beforeAll(async () => {
    knex = await databases.init(id);
    api = await startTofuiBackend(knex);
    // something to (not) change
    await api
      .asService(api.http().post('/api/tofui/v1/reports'))
      .send(ORIGINAL_REPORT)
      .expect(201);
  });
  afterAll(() => api.stop());

  it('has at least 30 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(CASES.map(c => [c.name, c] as const))('%s', async (_name, c) => {
    const before = await countRows(knex);
    let req = api.asUser(api.http()[c.method](`/api/tofui${c.url}`));
    if (typeof c.body === 'string') {
      req = req.set('Content-Type', 'application/json').send(c.body);
    } else if (c.body !== undefined) {
      req = req.send(c.body as object);
    }
    const res = await req;
    expect(res.status).toBe(c.status ?? 400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toMatch(c.message);
    expect(await countRows(knex)).toEqual(before);
  });
});

describe.each(databases.eachSupportedId())('body size limit on %s', id => {
  it('answers 413 over tofui.api.maxBodySize and writes nothing', async () => {
    const knex = await databases.init(id);
    const api = await startTofuiBackend(knex, { api: { maxBodySize: '2kb' } });
    const before = await countRows(knex);
    const res = await api
      .asService(api.http().post('/api/tofui/v1/reports'))
      .send(
        report({
          display_name: 'x'.repeat(200),
          build_url: `https://ci/${'y'.repeat(3000)}`,
        }),
      );
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({
      name: 'PayloadTooLargeError',
      message: 'Request body is larger than the limit of 2kb',
    });
    expect(await countRows(knex)).toEqual(before);
    // a report under the limit still goes through
    await api
      .asService(api.http().post('/api/tofui/v1/reports'))
      .send(ORIGINAL_REPORT)
      .expect(201);
    await api.stop();
  });
});
