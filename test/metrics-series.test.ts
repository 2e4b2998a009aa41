import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- the package ships no types; its output is described by `Family` below.
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { readEvents, startTestGateway, type TestGateway } from './support/test-gateway.js';

interface Family {
  name: string;
  type: string;
  metrics: { labels?: Record<string, string>; value?: string; count?: string; sum?: string }[];
}

describe('/metrics after real traffic, read with a Prometheus text-format parser', () => {
  let gateway: TestGateway;
  let families: Map<string, Family>;
  let text: string;
  let timing: string | null;
  let streamTiming: string | null;
  beforeAll(async () => {
    gateway = await startTestGateway('pglite');
    const plain = await gateway.request('/hf/tasks/text-generation', { body: { inputs: 'Hi', parameters: { model: 'gpt-4o-mini', max_tokens: 3 } } });
    timing = plain.headers.get('server-timing');
    const streamed = await gateway.request('/hf/tasks/text-generation', {
      body: { inputs: 'Hi', stream: true, parameters: { model: 'gpt-4o-mini', max_tokens: 4 } },
    });
    streamTiming = streamed.headers.get('server-timing');
    await readEvents(streamed);
    await gateway.request('/hf/tasks/text-generation', { key: 'gw_wrong', body: { inputs: 'Hi' } });
    text = await (await gateway.request('/metrics', { key: null })).text();
    families = new Map((parsePrometheusTextFormat(text) as Family[]).map((family) => [family.name, family]));
  });
  afterAll(() => gateway.close());

  // parse-prometheus-text-format 1.1.1 drops a histogram's labels, sum and count (it keeps its buckets):
  // histograms are checked for their family and type through it, and for their labels on the _count line.
  const histogramCount = (name: string, labels: Record<string, string>) => {
    const line = text
      .split('\n')
      .find((each) => each.startsWith(`${name}_count{`) && Object.entries(labels).every(([key, value]) => each.includes(`${key}="${value}"`)));
    expect(families.get(name)?.type).toBe('HISTOGRAM');
    return line?.split(' ').at(-1);
  };
  const series = (name: string, labels: Record<string, string>) =>
    families.get(name)?.metrics.filter((metric) => Object.entries(labels).every(([key, value]) => metric.labels?.[key] === value)) ?? [];

  it('counts calls by task, provider and status, and cost by catalog model and provider', () => {
    expect(series('gatewayz_inference_calls_total', { task: 'text-generation', provider: 'simulator', status: '200' })[0]?.value).toBe('2');
    expect(Number(series('gatewayz_cost_nano_usd_total', { model: 'gpt-4o-mini', provider: 'simulator' })[0]?.value)).toBeGreaterThan(0);
    expect(series('gatewayz_errors_total', { status: '401' })[0]?.value).toBe('1');
    expect(families.get('gatewayz_rate_limit_rejections_total')?.type).toBe('COUNTER');
  });

  it('has the latency, upstream and overhead histograms, and the GenAI conventions by their names', () => {
    expect(histogramCount('gatewayz_upstream_duration_seconds', { provider: 'simulator' })).toBe('2');
    expect(histogramCount('gatewayz_gateway_overhead_seconds', { task: 'text-generation' })).toBe('2');
    const tokens = { gen_ai_request_model: 'gpt-4o-mini', gen_ai_provider_name: 'simulator', gen_ai_operation_name: 'chat' };
    expect(histogramCount('gen_ai_client_token_usage', { ...tokens, gen_ai_token_type: 'input' })).toBe('2');
    expect(histogramCount('gen_ai_client_token_usage', { ...tokens, gen_ai_token_type: 'output' })).toBe('2');
    expect(histogramCount('gen_ai_client_operation_duration_seconds', tokens)).toBe('2');
    expect(histogramCount('gen_ai_server_time_to_first_token_seconds', { gen_ai_request_model: 'gpt-4o-mini' })).toBe('1');
    expect(families.get('gen_ai_client_token_usage')?.type).toBe('HISTOGRAM');
  });

  it('keeps keys and users out of every label', () => {
    for (const family of families.values()) {
      for (const metric of family.metrics) expect(Object.keys(metric.labels ?? {})).not.toContain('user');
    }
    expect(JSON.stringify([...families.values()])).not.toContain(gateway.userKey);
  });

  it('sends Server-Timing with the gateway and the upstream time, on streams at stream start', () => {
    for (const header of [timing, streamTiming]) expect(header).toMatch(/^gateway;dur=\d+\.\d, upstream;dur=\d+\.\d$/);
    expect(Number(/upstream;dur=([\d.]+)/.exec(timing!)![1])).toBeGreaterThan(0);
  });
});
