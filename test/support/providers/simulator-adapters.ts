import { afterAll, beforeAll } from 'vitest';
import { createFullSimulator } from '../../simulator/full-simulator.js';
import { type SimulatorServer } from '../../../src/simulator/server.js';
import type { ProviderAdapter, StreamEvent, UpstreamError } from '../../../src/providers/spec/index.js';

export interface NativeAdapterOptions {
  apiKey: string;
  baseUrl: string;
  headers?: Record<string, string>;
}

/**
 * For a native adapter's tests against the simulator: starts one simulator requiring `apiKey`
 * for the test file, and returns a factory of adapters pointed at it (with optional fault
 * headers or another key), all closed with the simulator afterwards.
 */
export function useSimulatorAdapters(
  apiKey: string,
  create: (options: NativeAdapterOptions) => ProviderAdapter,
): (headers?: Record<string, string>, key?: string) => ProviderAdapter {
  let simulator: SimulatorServer;
  const adapters: ProviderAdapter[] = [];
  beforeAll(async () => {
    simulator = await createFullSimulator({ apiKey });
  });
  afterAll(async () => {
    await Promise.all(adapters.map((adapter) => adapter.close?.()));
    await simulator.close();
  });
  return (headers, key = apiKey) => {
    const adapter = create({ apiKey: key, baseUrl: new URL(simulator.url).origin, ...(headers ? { headers } : {}) });
    adapters.push(adapter);
    return adapter;
  };
}

export function lastError(events: StreamEvent[]): UpstreamError | undefined {
  const last = events.at(-1);
  return last?.type === 'error' ? last.error : undefined;
}
