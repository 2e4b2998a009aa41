import { describe, expect, it } from 'vitest';
// @ts-expect-error the console's browser modules are plain JavaScript without declarations
import { histogramQuantile, parsePrometheus } from '../console/metrics.js';
// @ts-expect-error the console's browser modules are plain JavaScript without declarations
import { formatUsd, parseUsd } from '../console/money.js';

// The console's pure helpers (money and Prometheus parsing), run in Node: no DOM needed.
describe("the console's money", () => {
  it('formats nano-USD exactly, bigint or number, negative too', () => {
    expect(formatUsd(57_900)).toBe('$0.0000579');
    expect(formatUsd(2_250_000_000n)).toBe('$2.25');
    expect(formatUsd(9_007_199_254_740_991n)).toBe('$9,007,199.254740991');
    expect(formatUsd(-1n)).toBe('-$0.000000001');
    expect(formatUsd(0)).toBe('$0.00');
  });

  it('parses USD text to exact nano-USD and refuses what is not an amount', () => {
    expect(parseUsd('2.25')).toBe(2_250_000_000n);
    expect(parseUsd('-0.000000001')).toBe(-1n);
    expect(parseUsd('.5')).toBe(500_000_000n);
    expect(parseUsd('')).toBeUndefined();
    for (const text of ['1.0000000001', 'abc', '1e3', '-', '.']) expect(() => parseUsd(text)).toThrow();
  });
});

describe("the console's /metrics reading", () => {
  const text = [
    '# HELP gatewayz_request_duration_seconds x',
    'gatewayz_request_duration_seconds_bucket{le="0.01",route="/a"} 50',
    'gatewayz_request_duration_seconds_bucket{le="0.1",route="/a"} 90',
    'gatewayz_request_duration_seconds_bucket{le="+Inf",route="/a"} 100',
    'gatewayz_upstream_attempts_total{provider="sim",outcome="success"} 7',
  ].join('\n');

  it('parses samples with labels and interpolates quantiles inside a bucket like histogram_quantile', () => {
    const samples = parsePrometheus(text) as { name: string; labels: Record<string, string>; value: number }[];
    expect(samples).toHaveLength(4);
    expect(samples[3]).toEqual({ name: 'gatewayz_upstream_attempts_total', labels: { provider: 'sim', outcome: 'success' }, value: 7 });
    const buckets = [
      { le: 0.01, count: 50 },
      { le: 0.1, count: 90 },
      { le: Infinity, count: 100 },
    ];
    expect(histogramQuantile(0.5, buckets)).toBeCloseTo(0.01);
    expect(histogramQuantile(0.7, buckets)).toBeCloseTo(0.055);
    expect(histogramQuantile(0.99, buckets)).toBe(0.1); // in +Inf: the highest finite bound
    expect(histogramQuantile(0.5, [{ le: Infinity, count: 0 }])).toBeUndefined();
  });
});
