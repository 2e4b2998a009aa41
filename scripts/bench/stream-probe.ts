import { Agent, request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import { percentile } from './percentile.js';

/**
 * Streaming measurement client: wrk cannot time the first byte of a body, so this one does.
 * `concurrency` loops send the same streaming POST back to back over kept-alive connections and
 * record, per response, the time to the first body chunk and to the end. Run by the bench with
 * plain node from dist/ (pinned beside the simulator), configured by the BENCH_PROBE variable;
 * prints one `PROBE_RESULT <json>` line.
 */
export interface ProbeConfig {
  url: string;
  body: string;
  headers: Record<string, string>;
  concurrency: number;
  seconds: number;
  /** Stop after this many responses in total, whatever the time. */
  maxRequests?: number;
}

export interface ProbeResult {
  requests: number;
  errors: number;
  /** Milliseconds from sending the request. */
  firstByte: { p50: number; p99: number };
  lastByte: { p50: number; p99: number };
  /** Body chunks (socket reads) per response: 1 means the whole stream arrived at once. */
  chunksPerResponse: { min: number; median: number };
  /** First error seen, so a failing target is diagnosed from the result file alone. */
  firstError?: string;
}

interface Sample {
  firstByte: number;
  lastByte: number;
  chunks: number;
}

function once(config: ProbeConfig, agent: Agent): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const outgoing = httpRequest(
      config.url,
      { method: 'POST', agent, headers: { ...config.headers, 'content-length': Buffer.byteLength(config.body) } },
      (response) => {
        let firstByte = Number.NaN;
        let chunks = 0;
        let tail = '';
        response.on('data', (chunk: Buffer) => {
          if (chunks === 0) firstByte = performance.now() - started;
          chunks += 1;
          tail = (tail + chunk.toString('utf8')).slice(-64);
        });
        response.on('end', () => {
          const lastByte = performance.now() - started;
          if (response.statusCode !== 200) return reject(new Error(`HTTP ${response.statusCode}`));
          if (!tail.trimEnd().endsWith('data: [DONE]')) return reject(new Error('stream did not end with data: [DONE]'));
          resolve({ firstByte, lastByte, chunks });
        });
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(config.body);
  });
}

export async function probe(config: ProbeConfig): Promise<ProbeResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: config.concurrency });
  const samples: Sample[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const deadline = performance.now() + config.seconds * 1000;
  const limit = config.maxRequests ?? Number.POSITIVE_INFINITY;
  const loop = async () => {
    while (performance.now() < deadline && samples.length + errors < limit) {
      try {
        samples.push(await once(config, agent));
      } catch (error) {
        errors += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: config.concurrency }, loop));
  agent.destroy();
  const sorted = (pick: (sample: Sample) => number) => samples.map(pick).sort((left, right) => left - right);
  const firstBytes = sorted((sample) => sample.firstByte);
  const lastBytes = sorted((sample) => sample.lastByte);
  const chunks = sorted((sample) => sample.chunks);
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return {
    requests: samples.length,
    errors,
    firstByte: { p50: round(percentile(firstBytes, 50)), p99: round(percentile(firstBytes, 99)) },
    lastByte: { p50: round(percentile(lastBytes, 50)), p99: round(percentile(lastBytes, 99)) },
    chunksPerResponse: { min: chunks[0] ?? 0, median: percentile(chunks, 50) },
    ...(firstError === undefined ? {} : { firstError }),
  };
}

// Run as a program (node dist/scripts/bench/stream-probe.js), not when imported.
if (process.argv[1]?.endsWith('stream-probe.js') && process.env.BENCH_PROBE) {
  const result = await probe(JSON.parse(process.env.BENCH_PROBE) as ProbeConfig);
  process.stdout.write(`PROBE_RESULT ${JSON.stringify(result)}\n`);
}
