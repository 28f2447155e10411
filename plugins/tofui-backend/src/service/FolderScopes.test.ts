import { startTofuiBackend } from '../__testUtils__/testBackend';
import { createTestDatabases } from '../__testUtils__/testServices';

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe('filtering by owner without a software catalog', () => {
  let api: Awaited<ReturnType<typeof startTofuiBackend>>;

  beforeAll(async () => {
    // the test backend has no catalog plugin: asking it who owns what fails
    api = await startTofuiBackend(await databases.init('SQLITE_3'));
  });
  afterAll(() => api.stop());

  it.each(['summary', 'insights', 'changes', 'drift', 'pending'])(
    'answers /v1/%s?owner= with 503 naming the catalog, not the catalog’s own 404',
    async route => {
      const res = await api.asUser(
        api.http().get(`/api/tofui/v1/${route}`).query({ owner: 'network' }),
      );
      expect(res.status).toBe(503);
      expect(res.body.error.name).toBe('ServiceUnavailableError');
      expect(res.body.error.message).toMatch(
        /^Filtering by owner needs the software catalog, which did not answer: /,
      );
      // without the filter, the same route answers
      const unfiltered = await api.asUser(
        api.http().get(`/api/tofui/v1/${route}`),
      );
      expect(unfiltered.status).toBe(200);
    },
  );
});
