import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { LedgerWriter } from '../billing/ledger-writer.js';

/**
 * Operational metrics for Prometheus. They are not billing (counters reset on restart; the
 * ledger is the record), and labels are bounded: route templates, providers, outcomes — never
 * users, keys or free-form model names.
 */
export interface GatewayMetrics {
  registry: Registry;
  requests: Counter<'route' | 'method' | 'status'>;
  requestSeconds: Histogram<'route'>;
  upstreamAttempts: Counter<'provider' | 'outcome'>;
}

const circuitValue = { closed: 0, 'half-open': 1, open: 2 } as const;

export function createMetrics(sources: {
  ledger: LedgerWriter;
  /** A configured provider's circuit state (routing's breakers). */
  circuitState: (provider: string) => keyof typeof circuitValue;
  providers: readonly string[];
}): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'gatewayz_' });
  const metrics: GatewayMetrics = {
    registry,
    requests: new Counter({
      name: 'gatewayz_requests_total',
      help: 'HTTP requests by route template and status.',
      labelNames: ['route', 'method', 'status'],
      registers: [registry],
    }),
    requestSeconds: new Histogram({
      name: 'gatewayz_request_duration_seconds',
      help: 'Time to the end of the response (streams: to the last event).',
      labelNames: ['route'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
    upstreamAttempts: new Counter({
      name: 'gatewayz_upstream_attempts_total',
      help: 'Upstream attempts by provider and outcome (success, retryable, error).',
      labelNames: ['provider', 'outcome'],
      registers: [registry],
    }),
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
  return metrics;
}
