import { createSimulatorServer } from './server.js';

// Standalone simulator for benchmarks: `tsx src/simulator/main.ts`.
const port = Number(process.env.SIMULATOR_PORT ?? 8081);
const host = process.env.SIMULATOR_HOST ?? '127.0.0.1';
const latencyMs = Number(process.env.SIMULATOR_LATENCY_MS ?? 0);
const chunkDelayMs = Number(process.env.SIMULATOR_CHUNK_DELAY_MS ?? 0);
const simulator = await createSimulatorServer({ port, host, latencyMs, chunkDelayMs });
console.log(simulator.url);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void simulator.close().then(() => process.exit(0));
  });
}
