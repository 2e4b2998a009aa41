import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFullSimulator } from '../../../test/simulator/full-simulator.js';
import { type SimulatorServer } from '../../simulator/server.js';
import type { ProviderAdapter } from '../spec/index.js';
import { readPng } from '../../../test/support/providers/read-png.js';
import { callOptions, rejection } from '../../../test/support/providers/provider-replay.js';
import { createReplicateAdapter } from './adapter.js';

const API_KEY = 'r8_simulatorAdapterKey0000';
let simulator: SimulatorServer;
const adapters: ProviderAdapter[] = [];
function simulatorAdapter(headers?: Record<string, string>, apiKey = API_KEY): ProviderAdapter {
  const adapter = createReplicateAdapter({ apiKey, baseUrl: new URL(simulator.url).origin, pollIntervalMs: 1, maxPolls: 5, ...(headers ? { headers } : {}) });
  adapters.push(adapter);
  return adapter;
}
const request = { model: 'black-forest-labs/flux-schnell', prompt: 'a red fox', width: 16, height: 12, count: 2, seed: 3 };

beforeAll(async () => {
  simulator = await createFullSimulator({ apiKey: API_KEY });
});
afterAll(async () => {
  await Promise.all(adapters.map((adapter) => adapter.close?.()));
  await simulator.close();
});

describe('Replicate adapter against the simulator', () => {
  it('gets finished predictions with Prefer: wait, and the same images after polling a slow one', async () => {
    const waited = await simulatorAdapter().generateImage!(request, callOptions());
    expect(waited.images.map((image) => readPng(image.data)).map(({ width, height }) => [width, height])).toEqual([
      [16, 12],
      [16, 12],
    ]);
    const before = simulator.requests;
    const polled = await simulatorAdapter({ 'x-simulator-pending-polls': '3' }).generateImage!(request, callOptions());
    expect(polled.images.map((image) => image.data)).toEqual(waited.images.map((image) => image.data));
    // Create, three polls, two downloads.
    expect(simulator.requests - before).toBe(6);
  });

  it('times out a prediction that stays unfinished past maxPolls', async () => {
    const error = await rejection(simulatorAdapter({ 'x-simulator-pending-polls': '50' }).generateImage!(request, callOptions()));
    expect(error).toMatchObject({ kind: 'timeout', isRetryable: true });
  });

  it('reports a wrong key, invalid input and an injected 429 as Replicate does', async () => {
    expect(await rejection(simulatorAdapter(undefined, 'r8_wrong').generateImage!(request, callOptions()))).toMatchObject({ status: 401, isRetryable: false });
    expect(await rejection(simulatorAdapter().generateImage!({ ...request, count: 9 }, callOptions()))).toMatchObject({
      status: 422,
      upstreamMessage: expect.stringContaining('num_outputs'),
    });
    const limited = simulatorAdapter({ 'x-simulator-status': '429', 'x-simulator-retry-after': '2' });
    expect(await rejection(limited.generateImage!(request, callOptions()))).toMatchObject({ status: 429, isRetryable: true, retryAfterMs: 2_000 });
  });
});
