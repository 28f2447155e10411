import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  type SignalPayload,
  signalsServiceRef,
} from '@backstage/plugin-signals-node';
import {
  ORIGINAL_REPORT,
  startTofuiBackend,
} from '../__testUtils__/testBackend';
import {
  createTestDatabases,
  installedPlugin,
} from '../__testUtils__/testServices';
import { TOFUI_REPORTS_CHANNEL } from '@tofui/backstage-plugin-tofui-common';

jest.setTimeout(30_000);

const databases = createTestDatabases();

describe('live updates', () => {
  it('signals open pages after writes, one signal per burst, naming nothing', async () => {
    const published: SignalPayload[] = [];
    const signals = createServiceFactory({
      service: signalsServiceRef,
      deps: {},
      factory: () => ({
        publish: async (signal: SignalPayload) => {
          published.push(signal);
        },
      }),
    });
    const api = await startTofuiBackend(await databases.init('SQLITE_3'), {}, [
      signals,
      installedPlugin('signals'),
    ]);
    try {
      const settle = () => new Promise(r => setTimeout(r, 1300));
      await settle();
      published.length = 0; // start-up writes (status types) signalled too

      // a burst of five publishes: the first is signalled at once, the rest
      // in one trailing signal
      for (let i = 0; i < 5; i++) {
        const res = await api
          .asService(api.http().post('/api/tofui/v1/reports'))
          .send({ ...ORIGINAL_REPORT, build_name: `burst-${i}` });
        expect(res.status).toBe(201);
      }
      await settle();
      expect(published.length).toBeGreaterThanOrEqual(1);
      expect(published.length).toBeLessThanOrEqual(2);
      for (const signal of published) {
        expect(signal).toEqual({
          recipients: { type: 'broadcast' },
          channel: TOFUI_REPORTS_CHANNEL,
          message: { changed: 'reports', at: expect.any(String) },
        });
        expect(JSON.stringify(signal)).not.toContain('acme');
      }

      // a later write is signalled again; so is a delete
      const before = published.length;
      const { body } = await api
        .asService(api.http().post('/api/tofui/v1/reports'))
        .send({ ...ORIGINAL_REPORT, build_name: 'later' });
      await settle();
      expect(published.length).toBe(before + 1);
      await api.asUser(api.http().delete(`/api/tofui/v1/reports/${body.id}`));
      await settle();
      expect(published.length).toBe(before + 2);
    } finally {
      await api.stop();
    }
  });
});
