import { call, callJson, query, usagePath } from './api.js';
import { byId, fillTable, integer, showingErrors } from './dom.js';
import { histogramQuantile, histogramsBy, parsePrometheus } from './metrics.js';

const circuitNames = { 0: 'closed', 1: 'half-open', 2: 'open' };

export function setUpHealth() {
  byId('health-refresh').addEventListener('click', () => void refreshHealth());
}

/** /health (provider status), /metrics (latency, upstream errors, breakers), and the ledger's error records of the last day. */
export async function refreshHealth() {
  await showingErrors('health-error', async () => {
    const [health, metricsText] = await Promise.all([callJson('/health'), (await call('/metrics')).text()]);
    byId('health-status').textContent = health.status;
    byId('health-uptime').textContent = `${integer(health.uptime)} s`;
    byId('health-rate-limits').textContent = health.rate_limits;
    const samples = parsePrometheus(metricsText);
    const attempts = new Map();
    const circuits = new Map();
    for (const sample of samples) {
      if (sample.name === 'gatewayz_upstream_attempts_total') {
        const counts = attempts.get(sample.labels.provider) ?? { total: 0, failed: 0 };
        counts.total += sample.value;
        if (sample.labels.outcome !== 'success') counts.failed += sample.value;
        attempts.set(sample.labels.provider, counts);
      }
      if (sample.name === 'gatewayz_provider_circuit_state') circuits.set(sample.labels.provider, circuitNames[sample.value] ?? String(sample.value));
    }
    const since = new Date(Date.now() - 86_400_000).toISOString();
    // Unconfigured providers (most of the registry) serve nothing: listed by name only, below the table.
    const providers = Object.keys(health.provider_status)
      .filter((provider) => health.provider_status[provider] !== 'unconfigured')
      .sort();
    const ledger = await Promise.all(
      providers.map(async (provider) => {
        const [all, errors] = await Promise.all(['', 'error'].map((status) => callJson(usagePath + query({ from: since, provider, status, limit: 1 }))));
        return { records: all.total_records, errors: errors.total_records };
      }),
    );
    const rate = (part, whole) => (whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : '–');
    fillTable(
      byId('providers'),
      ['provider', 'status', 'circuit', 'upstream attempts', 'failed attempts', 'attempt error rate', 'ledger records (24 h)', 'ledger error rate (24 h)'],
      providers.map((provider, index) => {
        const counts = attempts.get(provider) ?? { total: 0, failed: 0 };
        return [
          provider,
          health.provider_status[provider],
          circuits.get(provider),
          integer(counts.total),
          integer(counts.failed),
          rate(counts.failed, counts.total),
          integer(ledger[index].records),
          rate(ledger[index].errors, ledger[index].records),
        ];
      }),
    );
    const unconfigured = Object.keys(health.provider_status).filter((provider) => health.provider_status[provider] === 'unconfigured');
    byId('providers-unconfigured').textContent = unconfigured.length ? `Not configured: ${unconfigured.join(', ')}.` : '';
    const milliseconds = (seconds) => (seconds === undefined ? '–' : `${(seconds * 1000).toFixed(1)} ms`);
    quantileTable(byId('latency'), 'route', histogramsBy(samples, 'gatewayz_request_duration_seconds', 'route'), milliseconds);
    quantileTable(byId('upstream-latency'), 'provider', histogramsBy(samples, 'gatewayz_upstream_duration_seconds', 'provider'), milliseconds);
    quantileTable(byId('overhead'), 'task', histogramsBy(samples, 'gatewayz_gateway_overhead_seconds', 'task'), milliseconds);
    byId('health').dataset.state = 'ready';
  });
}

/** One row per label value: its count and p50/p95/p99, busiest first. */
function quantileTable(table, label, histograms, format) {
  const rows = [...histograms.entries()].sort((a, b) => (b[1].at(-1)?.count ?? 0) - (a[1].at(-1)?.count ?? 0));
  fillTable(
    table,
    [label, 'count', 'p50', 'p95', 'p99'],
    rows.map(([value, buckets]) => [value, integer(buckets.at(-1)?.count ?? 0), ...[0.5, 0.95, 0.99].map((q) => format(histogramQuantile(q, buckets)))]),
  );
}
