import { mockServices } from '@backstage/backend-test-utils';
import { TofuiEvents } from '../events/TofuiEvents';
import type { ClaimedJob } from '../queue/jobTypes';
import { createJobHandlers } from './jobHandlers';

describe('createJobHandlers', () => {
  const job = {
    type: 'index-changes',
    payload: { reportId: 'r1' },
  } as ClaimedJob<'index-changes'>;

  function handlersWith(handle: () => Promise<void>) {
    const events = new TofuiEvents(mockServices.logger.mock());
    const seen: string[] = [];
    events.on('changesIndexed', () => {
      seen.push('changesIndexed');
    });
    const handlers = createJobHandlers({
      store: {} as any,
      renderer: {} as any,
      indexer: {
        handle: async () => {
          await handle();
          seen.push('indexed');
        },
      } as any,
      events,
      metrics: {} as any,
    });
    return { handlers, seen };
  }

  it('tells open pages once a report is indexed, not before', async () => {
    const { handlers, seen } = handlersWith(async () => {});
    await handlers['index-changes'](job);
    expect(seen).toEqual(['indexed', 'changesIndexed']);
  });

  it('tells nothing when indexing fails (the job is retried)', async () => {
    const { handlers, seen } = handlersWith(async () => {
      throw new Error('database down');
    });
    await expect(handlers['index-changes'](job)).rejects.toThrow(
      'database down',
    );
    expect(seen).toEqual([]);
  });
});
