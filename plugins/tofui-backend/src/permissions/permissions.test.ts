import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { Knex } from 'knex';
import {
  ORIGINAL_REPORT,
  startTofuiBackend,
} from '../__testUtils__/testBackend';
import { countRows, createTestDatabases } from '../__testUtils__/testServices';

jest.setTimeout(60_000);

const databases = createTestDatabases();

/**
 * Every route but health and status types goes through the permission
 * framework: with a policy that denies, each answers 403 naming the
 * permission, and writes change nothing.
 */
describe('tofUI permissions (a policy that denies)', () => {
  let knex: Knex;
  let api: Awaited<ReturnType<typeof startTofuiBackend>>;
  let reportId: string;

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    // Seeded through an allowing backend, then served by a denying one.
    const seeding = await startTofuiBackend(knex);
    reportId = (
      await seeding
        .asService(seeding.http().post('/api/tofui/v1/reports'))
        .send(ORIGINAL_REPORT)
    ).body.id;
    await seeding.stop();
    api = await startTofuiBackend(knex, {}, [
      mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
    ]);
  });
  afterAll(() => api.stop());

  it.each([
    ['post', '/api/tofui/v1/reports', ORIGINAL_REPORT, 'tofui.report.create'],
    [
      'put',
      '/api/tofui/v1/reports/:id',
      { statuses: { tfsec: 1 } },
      'tofui.report.update',
    ],
    ['delete', '/api/tofui/v1/reports/:id', undefined, 'tofui.report.delete'],
    [
      'post',
      '/api/tofui/v1/repositories',
      { repository: 'acme/x' },
      'tofui.repository.manage',
    ],
    [
      'put',
      '/api/tofui/v1/status-types/checkov',
      { name: 'Checkov', mappings: {} },
      'tofui.statusTypes.manage',
    ],
  ] as const)(
    '%s %s answers 403 (%s) and writes nothing',
    async (method, url, body, name) => {
      const before = await countRows(knex);
      const res = await api
        .asUser(api.http()[method](url.replace(':id', reportId)))
        .send(body as object);
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({
        name: 'NotAllowedError',
        message: `Not allowed: ${name}`,
      });
      expect(await countRows(knex)).toEqual(before);
    },
  );

  it('refuses a multipart publish too', async () => {
    const res = await api
      .asService(api.http().post('/api/tofui/v1/reports'))
      .field('report', JSON.stringify(ORIGINAL_REPORT));
    expect(res.status).toBe(403);
  });

  it('refuses the audit log', async () => {
    const res = await api.asUser(api.http().get('/api/tofui/v1/audit'));
    expect(res.status).toBe(403);
  });

  it.each([
    '/api/tofui/v1/summary',
    '/api/tofui/v1/insights',
    '/api/tofui/v1/reports',
    '/api/tofui/v1/reports/:id',
    '/api/tofui/v1/reports/:id/plan',
    '/api/tofui/v1/repositories',
    '/api/tofui/v1/folders',
  ])('refuses the read %s (tofui.report.read)', async url => {
    const res = await api.asUser(api.http().get(url.replace(':id', reportId)));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('Not allowed: tofui.report.read');
  });

  it('still serves status types and health', async () => {
    expect(
      (await api.asUser(api.http().get('/api/tofui/v1/status-types'))).status,
    ).toBe(200);
    expect((await api.http().get('/api/tofui/v1/health')).status).toBe(200);
  });
});
