import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { LedgerWriter } from '../billing/ledger-writer.js';
import { CounterFamily, HistogramFamily } from './series.js';

/**
 * Operational metrics for Prometheus. They are not billing (counters reset on restart; the
 * ledger is the record), and labels are bounded: route templates, providers, outcomes — never
 * users, keys or free-form model names.
 */
export interface GatewayMetrics {
  /** The Prometheus text format of every metric, and its content type. */
  text(): Promise<string>;
  contentType: string;
  requests: CounterFamily<'route' | 'method' | 'status'>;
  requestSeconds: HistogramFamily<'route'>;
  upstreamAttempts: CounterFamily<'provider' | 'outcome'>;
  calls: CounterFamily<'task' | 'provider' | 'status'>;
  upstreamSeconds: HistogramFamily<'provider'>;
  overheadSeconds: HistogramFamily<'task'>;
  costNanoUsd: CounterFamily<'model' | 'provider'>;
  tokenUsage: HistogramFamily<'gen_ai_token_type' | 'gen_ai_request_model' | 'gen_ai_provider_name' | 'gen_ai_operation_name'>;
  operationSeconds: HistogramFamily<'gen_ai_request_model' | 'gen_ai_provider_name' | 'gen_ai_operation_name' | 'error_type'>;
  timeToFirstTokenSeconds: HistogramFamily<'gen_ai_request_model' | 'gen_ai_provider_name'>;
  timePerOutputTokenSeconds: HistogramFamily<'gen_ai_request_model' | 'gen_ai_provider_name'>;
  errors: CounterFamily<'status'>;
  rateLimitRejections: CounterFamily<'level'>;
}

/** What the rate-limit hook calls when it refuses a call (one increment per 429). */
export function recordRateLimitRejection(metrics: GatewayMetrics, level: 'key' | 'user' | 'global'): void {
  metrics.rateLimitRejections.inc({ level });
}

const latencyBuckets = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60];

const circuitValue = { closed: 0, 'half-open': 1, open: 2 } as const;

export function createMetrics(sources: {
  ledger: LedgerWriter;
  /** A configured provider's circuit state (routing's breakers). */
  circuitState: (provider: string) => keyof typeof circuitValue;
  providers: readonly string[];
}): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'gatewayz_' });
  const genAiModel = ['gen_ai_request_model', 'gen_ai_provider_name'] as const;
  const updated = {
    calls: new CounterFamily({
      name: 'gatewayz_inference_calls_total',
      help: 'Settled inference calls by task, provider (none: nothing was sent) and HTTP status.',
      labelNames: ['task', 'provider', 'status'],
    }),
    upstreamSeconds: new HistogramFamily({
      name: 'gatewayz_upstream_duration_seconds',
      help: 'Time waiting on upstreams per call, summed over attempts (streams: to the first event).',
      labelNames: ['provider'],
      buckets: latencyBuckets,
    }),
    overheadSeconds: new HistogramFamily({
      name: 'gatewayz_gateway_overhead_seconds',
      help: "The gateway's own time per call: total minus upstream time (streams: to settlement, minus time to first event).",
      labelNames: ['task'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    }),
    costNanoUsd: new CounterFamily({
      name: 'gatewayz_cost_nano_usd_total',
      help: 'Billed cost in nano-USD by catalog model and provider (the ledger is the record; this resets on restart).',
      labelNames: ['model', 'provider'],
    }),
    // The next four follow OpenTelemetry's GenAI semantic conventions (v1.41.0,
    // docs/gen-ai/gen-ai-metrics.md): gen_ai.client.token.usage, gen_ai.client.operation.duration,
    // gen_ai.server.time_to_first_token, gen_ai.server.time_per_output_token, in Prometheus form
    // (dots to underscores, unit suffix), with their bucket boundaries and attributes.
    tokenUsage: new HistogramFamily({
      name: 'gen_ai_client_token_usage',
      help: 'Input and output tokens per call (OTel gen_ai.client.token.usage).',
      labelNames: ['gen_ai_token_type', ...genAiModel, 'gen_ai_operation_name'],
      buckets: [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864],
    }),
    operationSeconds: new HistogramFamily({
      name: 'gen_ai_client_operation_duration_seconds',
      help: 'Whole call duration (OTel gen_ai.client.operation.duration); error_type set on failures.',
      labelNames: [...genAiModel, 'gen_ai_operation_name', 'error_type'],
      buckets: [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92],
    }),
    timeToFirstTokenSeconds: new HistogramFamily({
      name: 'gen_ai_server_time_to_first_token_seconds',
      help: 'Streams: time from arrival to the first upstream event (OTel gen_ai.server.time_to_first_token).',
      labelNames: [...genAiModel],
      buckets: [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0],
    }),
    timePerOutputTokenSeconds: new HistogramFamily({
      name: 'gen_ai_server_time_per_output_token_seconds',
      help: 'Streams: time per output token after the first (OTel gen_ai.server.time_per_output_token).',
      labelNames: [...genAiModel],
      buckets: [0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5],
    }),
    errors: new CounterFamily({
      name: 'gatewayz_errors_total',
      help: 'Error responses (4xx and 5xx) by status; the status names the error type one-to-one (src/errors.ts).',
      labelNames: ['status'],
    }),
    rateLimitRejections: new CounterFamily({
      name: 'gatewayz_rate_limit_rejections_total',
      help: 'Calls refused with 429 by the rate limits, by level (key, user, global).',
      labelNames: ['level'],
    }),
    requests: new CounterFamily({
      name: 'gatewayz_requests_total',
      help: 'HTTP requests by route template and status.',
      labelNames: ['route', 'method', 'status'],
    }),
    requestSeconds: new HistogramFamily({
      name: 'gatewayz_request_duration_seconds',
      help: 'Time to the end of the response (streams: to the last event).',
      labelNames: ['route'],
      buckets: latencyBuckets,
    }),
    upstreamAttempts: new CounterFamily({
      name: 'gatewayz_upstream_attempts_total',
      help: 'Upstream attempts by provider and outcome (success, retryable, error).',
      labelNames: ['provider', 'outcome'],
    }),
  };
  const ledgerFlushSeconds = new HistogramFamily({
    name: 'gatewayz_ledger_flush_duration_seconds',
    help: "Each committed ledger flush's duration: a durable response waits for one.",
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1],
  });
  const ledgerFlushRows = new HistogramFamily({
    name: 'gatewayz_ledger_flush_rows',
    help: 'Usage rows per committed ledger flush (the group commit batches by itself under load).',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048],
  });
  sources.ledger.onCommit = (seconds, rows) => {
    ledgerFlushSeconds.observe({}, seconds);
    ledgerFlushRows.observe({}, rows);
  };
  new Gauge({
    name: 'gatewayz_ledger_pending_rows',
    help: 'Usage rows waiting for their group commit.',
    registers: [registry],
    collect() {
      this.set(sources.ledger.pendingRows);
    },
  });
  new Gauge({
    name: 'gatewayz_ledger_committed_rows',
    help: 'Usage rows committed since start.',
    registers: [registry],
    collect() {
      this.set(sources.ledger.committedRows);
    },
  });
  new Gauge({
    name: 'gatewayz_provider_circuit_state',
    help: 'Circuit breaker per configured provider: 0 closed, 1 half-open, 2 open.',
    labelNames: ['provider'],
    registers: [registry],
    collect() {
      for (const provider of sources.providers) this.set({ provider }, circuitValue[sources.circuitState(provider)]);
    },
  });
  const families = [...Object.values(updated), ledgerFlushSeconds, ledgerFlushRows];
  return {
    ...updated,
    contentType: registry.contentType,
    text: async () => `${await registry.metrics()}\n${families.map((family) => family.render()).join('\n\n')}\n`,
  };
}
