import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  type MetricsService,
  metricsServiceRef,
} from '@backstage/backend-plugin-api/alpha';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { freePort } from './freePort';

/**
 * Backstage's metrics service on an OpenTelemetry meter provider of the
 * test's own, exported by a Prometheus exporter on a free port: `scrape()`
 * reads `/metrics` as Prometheus would.
 */
export async function startTestMetrics() {
  const port = await freePort();
  const exporter = new PrometheusExporter({ port, host: '127.0.0.1' });
  await exporter.startServer();
  const provider = new MeterProvider({ readers: [exporter] });
  const meter = provider.getMeter('backstage-plugin-tofui');

  async function scrape(): Promise<string> {
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    return res.text();
  }

  return {
    /** Replaces the metrics service of the test backend. */
    factory: createServiceFactory({
      service: metricsServiceRef,
      deps: {},
      factory: (): MetricsService => meter,
    }),
    /** The meter behind the service, for unit tests. */
    meter: meter as MetricsService,
    scrape,
    /**
     * The sum of the samples of `name` whose labels include `labels` (0 when
     * there is none), from a fresh scrape.
     */
    async value(name: string, labels: Record<string, string> = {}) {
      return sumSamples(await scrape(), name, labels);
    },
    stop: () => provider.shutdown(),
  };
}

export function sumSamples(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)/.exec(line);
    if (!match || match[1] !== name) continue;
    const sample = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(m => [
        m[1],
        m[2],
      ]),
    );
    if (Object.entries(labels).every(([k, v]) => sample[k] === v)) {
      sum += Number(match[3]);
    }
  }
  return sum;
}
