import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of this process (each instance is scraped on its own). Counters only count: no labels
 * ever carry reporter data or client addresses.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'qinglang_process_' });
  return {
    registry,
    reportsReceived: new Counter({
      name: 'qinglang_reports_received_total',
      help: 'Reports acknowledged, by channel',
      labelNames: ['channel'] as const,
      registers: [registry],
    }),
    receiptFailures: new Counter({
      name: 'qinglang_receipt_code_failures_total',
      help: 'Receipt codes that matched no report (guessing attempts or typos)',
      registers: [registry],
    }),
    textAnalysisFailures: new Counter({
      name: 'qinglang_text_analysis_failures_total',
      help: 'Times the text analysis worker failed (its reports and later ones were analysed on the event loop)',
      registers: [registry],
    }),
    rateLimited: new Counter({
      name: 'qinglang_rate_limited_total',
      help: 'Requests refused with 429, by rule',
      labelNames: ['rule'] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'qinglang_http_request_duration_seconds',
      help: 'HTTP request duration by route and status class',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
