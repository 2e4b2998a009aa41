import { freePort, startProcess, waitForOutput, type RunningProcess } from './child-processes.js';

export interface SimulatorProcess {
  /** Base URL ending in /v1, as the simulator prints it. */
  url: string;
  process: RunningProcess;
}

/**
 * The built upstream simulator as its own process, so the gateway under test shares its CPU with
 * nothing but the kernel. Zero latency unless `chunkDelayMs` paces its stream events.
 */
export async function startSimulator(root: string, options: { cpu?: number; chunkDelayMs?: number } = {}): Promise<SimulatorProcess> {
  const port = await freePort();
  const child = startProcess('simulator', 'node', ['dist/src/simulator/main.js'], {
    cwd: root,
    ...(options.cpu === undefined ? {} : { cpu: options.cpu }),
    env: {
      ...process.env,
      NODE_ENV: 'production',
      SIMULATOR_HOST: '127.0.0.1',
      SIMULATOR_PORT: String(port),
      SIMULATOR_LATENCY_MS: '0',
      SIMULATOR_CHUNK_DELAY_MS: String(options.chunkDelayMs ?? 0),
    },
  });
  const [url] = await waitForOutput(child, /http:\/\/\S+\/v1/, 15_000);
  return { url, process: child };
}
