import { join } from 'node:path';
import { freePort, startProcess, waitForOutput } from './child-processes.js';
import type { PeerProcess } from './start-peers.js';

/** The Node floor (floor-proxy.ts) as its own process, one Node process (tsx as a loader, not a wrapper), against the simulator. */
export async function startFloor(root: string, simulatorUrl: string): Promise<PeerProcess> {
  const port = await freePort();
  const child = startProcess('floor', 'node', ['--import', 'tsx', join(root, 'scripts/bench/floor-proxy.ts'), simulatorUrl, String(port)], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const [url] = await waitForOutput(child, /http:\/\/\S+\/v1/, 15_000);
  return { url, headers: {}, pid: child.pid, version: 'fastify + undici', process: child };
}
