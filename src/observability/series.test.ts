import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { CounterFamily, HistogramFamily } from './series.js';

// The families replace prom-client's Counter and Histogram on the request path: for the same
// updates they must write the same exposition, line for line.
describe('counter and histogram families', () => {
  const updates = [
    { labels: { provider: 'openai', status: '200' }, value: 0.004 },
    { labels: { provider: 'openai', status: '200' }, value: 0.02 },
    { labels: { provider: 'to"gether\\ai\n', status: '502' }, value: 3 },
    { labels: { provider: 'openai', status: '200' }, value: 0.001 },
    { labels: { provider: 'groq', status: '200' }, value: 100 },
  ];
  const config = { name: 'demo', help: 'A help text with a \\ and a\nnew line.', labelNames: ['provider', 'status'] as const };
  const buckets = [0.001, 0.01, 0.1, 1];

  it('write what prom-client writes for the same counter increments', async () => {
    const registry = new Registry();
    const reference = new Counter({ ...config, labelNames: [...config.labelNames], registers: [registry] });
    const family = new CounterFamily(config);
    for (const { labels, value } of updates) {
      reference.inc(labels, value);
      family.inc(labels, value);
    }
    expect(family.render()).toBe((await registry.metrics()).trimEnd());
  });

  it('write what prom-client writes for the same histogram observations, bounds inclusive', async () => {
    const registry = new Registry();
    const reference = new Histogram({ ...config, labelNames: [...config.labelNames], buckets, registers: [registry] });
    const family = new HistogramFamily({ ...config, buckets });
    for (const { labels, value } of updates) {
      reference.observe(labels, value);
      family.observe(labels, value);
    }
    expect(family.render()).toBe((await registry.metrics()).trimEnd());
    expect(family.render()).toContain('demo_bucket{le="0.001",provider="openai",status="200"} 1\n');
  });

  it('write HELP and TYPE alone before any update, and series without labels bare', () => {
    expect(new CounterFamily(config).render()).toBe('# HELP demo A help text with a \\\\ and a\\nnew line.\n# TYPE demo counter');
    const bare = new HistogramFamily({ name: 'rows', help: 'Rows.', buckets: [1, 2] });
    bare.observe({}, 2);
    expect(bare.render().split('\n').slice(2)).toEqual([
      'rows_bucket{le="1"} 0',
      'rows_bucket{le="2"} 1',
      'rows_bucket{le="+Inf"} 1',
      'rows_sum 2',
      'rows_count 1',
    ]);
  });
});
