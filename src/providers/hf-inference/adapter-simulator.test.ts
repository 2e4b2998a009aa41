import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFullSimulator } from '../../../test/simulator/full-simulator.js';
import { type SimulatorServer } from '../../simulator/server.js';
import type { ProviderAdapter } from '../spec/index.js';
import { readPng } from '../../../test/support/providers/read-png.js';
import { callOptions, chatRequest, collect, rejection, streamedText } from '../../../test/support/providers/provider-replay.js';
import { createHfInferenceAdapter } from './adapter.js';

const API_KEY = 'hf_simulatorAdapterKey0000';
let simulator: SimulatorServer;
const adapters: ProviderAdapter[] = [];
function simulatorAdapter(headers?: Record<string, string>, apiKey = API_KEY): ProviderAdapter {
  const adapter = createHfInferenceAdapter({ apiKey, baseUrl: new URL(simulator.url).origin, ...(headers ? { headers } : {}) });
  adapters.push(adapter);
  return adapter;
}

beforeAll(async () => {
  simulator = await createFullSimulator({ apiKey: API_KEY });
});
afterAll(async () => {
  await Promise.all(adapters.map((adapter) => adapter.close?.()));
  await simulator.close();
});

describe('hf-inference adapter against the simulator', () => {
  it('streams the same text the non-streaming TGI chat returns, with usage', async () => {
    const adapter = simulatorAdapter();
    const request = chatRequest('meta-llama/Llama-3.1-8B-Instruct');
    const result = await adapter.chat(request, callOptions());
    const events = await collect(adapter.streamChat(request, callOptions()));
    expect(streamedText(events)).toBe(result.text);
    expect(events.at(-1)).toEqual({ type: 'finish', finishReason: 'length' });
    expect(events.some((event) => event.type === 'usage')).toBe(true);
  });

  it('embeds one unit vector per input and draws a real PNG of the asked size', async () => {
    const adapter = simulatorAdapter();
    const embedded = await adapter.embed!({ model: 'BAAI/bge-base-en-v1.5', inputs: ['a cat', 'a dog'], dimensions: 32 }, callOptions());
    expect(embedded.embeddings.map((vector) => vector.length)).toEqual([32, 32]);
    const drawn = await adapter.generateImage!({ model: 'black-forest-labs/FLUX.1-schnell', prompt: 'a lighthouse', width: 24, height: 16 }, callOptions());
    expect(readPng(drawn.images[0]!.data)).toMatchObject({ width: 24, height: 16 });
  });

  it('reports a wrong key as 401, an injected 503 as retryable, and malformed JSON as a protocol error', async () => {
    expect(await rejection(simulatorAdapter(undefined, 'hf_wrong').chat(chatRequest('m/x'), callOptions()))).toMatchObject({ status: 401, isRetryable: false });
    expect(await rejection(simulatorAdapter({ 'x-simulator-status': '503' }).embed!({ model: 'm/x', inputs: ['x'] }, callOptions()))).toMatchObject({
      status: 503,
      isRetryable: true,
    });
    expect(await rejection(simulatorAdapter({ 'x-simulator-fail': 'malformed-json' }).embed!({ model: 'm/x', inputs: ['x'] }, callOptions()))).toMatchObject({
      kind: 'protocol',
    });
  });
});
