import type { TofuiStore } from '../database/TofuiStore';
import type { TofuiEvents } from '../events/TofuiEvents';
import type { JobHandlers } from '../queue/jobTypes';
import type { TofuiMetrics } from '../service/metrics';
import type { ChangeIndexer } from './indexChanges';
import { recomputeVerdicts } from './recomputeVerdicts';
import type { ReportRenderer } from './renderReport';

/** What the job runner does with each type of queued job. */
export function createJobHandlers(options: {
  store: TofuiStore;
  renderer: ReportRenderer;
  indexer: ChangeIndexer;
  events: TofuiEvents;
  metrics: TofuiMetrics;
}): JobHandlers {
  const { store, renderer, indexer, events, metrics } = options;
  return {
    'render-report': job => metrics.timeRender(() => renderer.handle(job)),
    'recompute-verdicts': async job => {
      await recomputeVerdicts(store, job.payload);
      await events.emit('reportsChanged', {});
    },
    'index-changes': async job => {
      await indexer.handle(job);
      await events.emit('changesIndexed', {});
    },
  };
}
