import { join } from 'node:path';
import { freePort, startProcess, waitForOutput, type RunningProcess } from './child-processes.js';

/** The Node floor (floor-proxy.ts) as its own process against the simulator: one Node process (tsx as a loader, not a wrapper), so its pid is the one whose RSS is read. */
export async function startFloor(root: string, simulatorUrl: string): Promise<{ url: string; pid: number; process: RunningProcess }> {
  const port = await freePort();
  const child = startProcess('floor', 'node', ['--import', 'tsx', join(root, 'scripts/bench/floor-proxy.ts'), simulatorUrl, String(port)], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const [url] = await waitForOutput(child, /http:\/\/\S+\/v1/, 15_000);
  return { url, pid: child.pid, process: child };
}
