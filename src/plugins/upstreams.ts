import type { FastifyInstance } from 'fastify';
import { simulatorEnabled, type Config } from '../config.js';
import { createConfiguredAdapters } from '../providers/provider-environment.js';
import type { ProviderAdapter } from '../providers/spec/index.js';
import { createSimulatorAdapter } from '../simulator/adapter.js';
import { createSimulatorServer } from '../simulator/server.js';

/**
 * The upstream adapters: the ones given (tests pass fault-injecting ones), or one per configured
 * provider, plus the built-in simulator when it is to answer (no provider key outside
 * production, or SIMULATOR=on). The app owns them: their pools (and the simulator) close with it.
 */
export async function registerUpstreams(
  app: FastifyInstance,
  config: Config,
  given: readonly ProviderAdapter[] | undefined,
): Promise<ReadonlyMap<string, ProviderAdapter>> {
  const adapters = new Map<string, ProviderAdapter>();
  app.addHook('onClose', async () => {
    await Promise.all([...adapters.values()].map((adapter) => adapter.close?.()));
  });
  if (given) {
    for (const adapter of given) adapters.set(adapter.id, adapter);
    return adapters;
  }
  for (const adapter of createConfiguredAdapters(config).values()) adapters.set(adapter.id, adapter);
  if (simulatorEnabled(config)) {
    const simulator = await createSimulatorServer({ latencyMs: config.SIMULATOR_LATENCY_MS });
    app.addHook('onClose', () => simulator.close()); // after the adapter's pool (hooks run last-added first)
    adapters.set('simulator', createSimulatorAdapter({ baseUrl: simulator.url }));
  }
  return adapters;
}
