/*
 * OpenTelemetry for the backend, the way Backstage documents it: this file is
 * loaded before anything else (`node --require ./instrumentation.js`, or
 * `backstage-cli package start --require ./src/instrumentation.js`), so the
 * HTTP instrumentation patches Node's http module before the backend loads it.
 *
 * Metrics — Backstage's, tofUI's (tofui_*) and HTTP server durations — are
 * served for Prometheus at http://<host>:9464/metrics (OTEL_EXPORTER_PROMETHEUS_PORT,
 * OTEL_EXPORTER_PROMETHEUS_HOST). Traces and logs stay off unless
 * OTEL_TRACES_EXPORTER / OTEL_LOGS_EXPORTER ask for them; OTEL_SDK_DISABLED=true
 * turns everything off. See docs/operations.md.
 *
 * Plain CommonJS: it runs before any TypeScript support is loaded.
 */
const { isMainThread } = require('node:worker_threads');

// Worker threads load it again; one SDK per process.
if (isMainThread) {
  const { NodeSDK } = require('@opentelemetry/sdk-node');
  const { PrometheusExporter } = require('@opentelemetry/exporter-prometheus');
  const {
    HttpInstrumentation,
  } = require('@opentelemetry/instrumentation-http');

  const metricsPort =
    Number(process.env.OTEL_EXPORTER_PROMETHEUS_PORT) ||
    PrometheusExporter.DEFAULT_OPTIONS.port;

  const sdk = new NodeSDK({
    serviceName: process.env.OTEL_SERVICE_NAME || 'tofui-backend',
    // A port in use is logged (OTEL_LOG_LEVEL) and leaves the backend running.
    metricReaders: [new PrometheusExporter({ port: metricsPort })],
    instrumentations: [
      new HttpInstrumentation({
        // Prometheus scraping the exporter is not traffic of the backend.
        ignoreIncomingRequestHook: req => req.socket.localPort === metricsPort,
      }),
    ],
    // Without these the SDK would send traces and logs to an OTLP collector
    // on localhost; they are opt-in through the standard variables.
    ...(process.env.OTEL_TRACES_EXPORTER ? {} : { spanProcessors: [] }),
    ...(process.env.OTEL_LOGS_EXPORTER ? {} : { logRecordProcessors: [] }),
  });
  sdk.start();
}
