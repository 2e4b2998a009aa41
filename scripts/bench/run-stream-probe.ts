import { join } from 'node:path';
import { startProcess } from './child-processes.js';
import type { ProbeConfig, ProbeResult } from './stream-probe.js';

/** Runs the built stream probe as its own process: the bench's own event loop stays out of the timings. */
export async function runStreamProbe(root: string, config: ProbeConfig): Promise<ProbeResult> {
  const child = startProcess('stream probe', 'node', [join(root, 'dist/scripts/bench/stream-probe.js')], {
    env: { ...process.env, BENCH_PROBE: JSON.stringify(config) },
  });
  const exitCode = await child.exited;
  const line = child.output().match(/^PROBE_RESULT (\{.*\})$/m)?.[1];
  if (exitCode !== 0 || line === undefined) throw new Error(`the stream probe failed (exit ${exitCode}):\n${child.output().slice(-2_000)}`);
  const result = JSON.parse(line) as ProbeResult;
  if (result.errors > 0) throw new Error(`${result.errors} streams from ${config.url} failed; the first: ${result.firstError}`);
  return result;
}
