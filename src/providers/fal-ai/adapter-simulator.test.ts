import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFullSimulator } from '../../../test/simulator/full-simulator.js';
import { type SimulatorServer } from '../../simulator/server.js';
import type { ProviderAdapter } from '../spec/index.js';
import { readPng } from '../../../test/support/providers/read-png.js';
import { callOptions, rejection } from '../../../test/support/providers/provider-replay.js';
import { createFalAdapter } from './adapter.js';

const API_KEY = 'fal-simulator-key:0000';
let simulator: SimulatorServer;
const adapters: ProviderAdapter[] = [];
function simulatorAdapter(headers?: Record<string, string>, apiKey = API_KEY): ProviderAdapter {
  const adapter = createFalAdapter({ apiKey, baseUrl: new URL(simulator.url).origin, pollIntervalMs: 1, maxPolls: 5, ...(headers ? { headers } : {}) });
  adapters.push(adapter);
  return adapter;
}
const request = { model: 'fal-ai/flux/schnell', prompt: 'a red fox', width: 16, height: 12, seed: 3 };

beforeAll(async () => {
  simulator = await createFullSimulator({ apiKey: API_KEY });
});
afterAll(async () => {
  await Promise.all(adapters.map((adapter) => adapter.close?.()));
  await simulator.close();
});

describe('fal adapter against the simulator', () => {
  it('queues, polls through IN_QUEUE and IN_PROGRESS, and downloads a real PNG', async () => {
    const before = simulator.requests;
    const result = await simulatorAdapter({ 'x-simulator-pending-polls': '2' }).generateImage!(request, callOptions());
    expect(readPng(result.images[0]!.data)).toMatchObject({ width: 16, height: 12 });
    expect(result.usage).toMatchObject({ images: 1, raw: { seed: 3 } });
    // Submit, three status polls, the result, the download.
    expect(simulator.requests - before).toBe(6);
  });

  it('times out a request that stays queued past maxPolls', async () => {
    expect(await rejection(simulatorAdapter({ 'x-simulator-pending-polls': '50' }).generateImage!(request, callOptions()))).toMatchObject({ kind: 'timeout' });
  });

  it('reports a wrong key, invalid input and malformed JSON as fal does', async () => {
    expect(await rejection(simulatorAdapter(undefined, 'wrong:key').generateImage!(request, callOptions()))).toMatchObject({
      status: 401,
      upstreamMessage: 'No user found for Key ID and Secret',
    });
    expect(await rejection(simulatorAdapter().generateImage!({ ...request, count: 9 }, callOptions()))).toMatchObject({ status: 422, isRetryable: false });
    expect(await rejection(simulatorAdapter({ 'x-simulator-fail': 'malformed-json' }).generateImage!(request, callOptions()))).toMatchObject({
      kind: 'protocol',
    });
  });
});
