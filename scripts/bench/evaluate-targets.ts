import type { ChunkForwardingResult } from './check-chunk-forwarding.js';
import type { TargetResult } from './measure-targets.js';
import { PLATEAU_TOLERANCE_PERCENT, type SoakResult } from './soak.js';

/** One target of issue 13, with what this run measured; `met` is undefined when it was not measured. */
export interface TargetCheck {
  target: string;
  mode: string;
  measured: string;
  met: boolean | undefined;
  /** The same figure for the Node floor (Fastify + undici, no gateway logic): how low any gateway on this stack gets here. */
  floor?: string;
}

const milliseconds = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(3)} ms`;
const percent = (ratio: number) => `${(ratio * 100).toFixed(1)} %`;

/** Issue 13's targets, per Gatewayz database: defaults, no pinning, durable ledger. */
const thresholds = {
  'gatewayz-pglite': { throughput: 0.25, p50: 0.7, rss: 200 },
  'gatewayz-postgres': { throughput: 0.3, p50: 0.5, rss: 150 },
} as const;

export function evaluateTargets(
  results: TargetResult[],
  chunkForwarding: ChunkForwardingResult | undefined,
  soakResult: SoakResult | undefined,
): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const direct = results.find((result) => result.id === 'direct');
  const floor = results.find((result) => result.id === 'floor');
  for (const [id, limit] of Object.entries(thresholds)) {
    const result = results.find((candidate) => candidate.id === id);
    if (!result || !direct) {
      checks.push({ target: 'every figure', mode: id, measured: id === 'gatewayz-postgres' ? 'not run (set DATABASE_URL)' : 'not run', met: undefined });
      continue;
    }
    const figures = (of: TargetResult) => ({
      throughput: `${percent(of.throughput.ratio)} (${Math.round(of.throughput.requestsPerSecond)} / ${Math.round(direct.throughput.requestsPerSecond)} req/s)`,
      p50: milliseconds(of.latency.added.p50),
      p99: `${of.latency.p99.toFixed(3)} ms vs ${direct.latency.p99.toFixed(3)} ms (${milliseconds(of.latency.added.p99)})`,
      streams: `${percent(of.streamThroughput.ratio)} (${Math.round(of.streamThroughput.streamsPerSecond)} / ${Math.round(direct.streamThroughput.streamsPerSecond)} streams/s)`,
      firstByte: milliseconds(of.streamFirstByte.addedP50),
      rss: `${of.memory.peakMebibytes} MiB`,
    });
    const measured = figures(result);
    const atFloor = floor ? figures(floor) : undefined;
    const { throughput, latency, streamThroughput, streamFirstByte, memory } = result;
    const check = (target: string, figure: keyof typeof measured, met: boolean): TargetCheck => ({
      target,
      mode: id,
      measured: measured[figure],
      met,
      ...(atFloor ? { floor: atFloor[figure] } : {}),
    });
    checks.push(
      check(`c=64 throughput / direct ≥ ${limit.throughput * 100} %`, 'throughput', throughput.ratio >= limit.throughput),
      check(`c=1 added p50 ≤ ${limit.p50} ms`, 'p50', latency.added.p50 <= limit.p50),
      check('c=1 p99 ≤ direct p99 + 2 ms', 'p99', latency.added.p99 <= 2),
      check('SSE c=16 throughput / direct ≥ 12 %', 'streams', streamThroughput.ratio >= 0.12),
      check('stream added time to first byte (c=1, p50) ≤ 0.5 ms', 'firstByte', streamFirstByte.addedP50 <= 0.5),
      check(`peak RSS under load ≤ ${limit.rss} MiB`, 'rss', memory.peakMebibytes <= limit.rss),
    );
  }
  if (soakResult) {
    checks.push(
      {
        target: 'peak RSS under load ≤ 200 MiB (sustained run)',
        mode: 'gatewayz-pglite',
        measured: `${soakResult.peakMebibytes} MiB over ${soakResult.seconds} s`,
        met: soakResult.peakMebibytes <= 200,
      },
      {
        target: `RSS plateaus: minute 3's peak ≤ minute 2's + ${PLATEAU_TOLERANCE_PERCENT} %`,
        mode: 'gatewayz-pglite',
        measured: `${soakResult.minuteTwoPeakMebibytes} → ${soakResult.minuteThreePeakMebibytes} MiB (${soakResult.growthPercent >= 0 ? '+' : ''}${soakResult.growthPercent} %)`,
        met: soakResult.plateaued,
      },
    );
  } else checks.push({ target: 'RSS plateaus in a sustained run', mode: 'gatewayz-pglite', measured: 'not run (npm run bench -- --soak)', met: undefined });

  if (chunkForwarding) {
    const { gateway, chunkDelayMs } = chunkForwarding;
    checks.push({
      target: 'streaming: chunks forwarded as they arrive (never buffered to the end)',
      mode: 'gatewayz-pglite',
      measured: `${gateway.chunksPerResponse.min} chunks; first byte ${gateway.firstByte.p50.toFixed(1)} ms, last ${gateway.lastByte.p50.toFixed(1)} ms (events ${chunkDelayMs} ms apart)`,
      met: chunkForwarding.forwardedAsTheyArrive,
    });
  } else checks.push({ target: 'streaming: chunks forwarded as they arrive', mode: 'gatewayz-pglite', measured: 'not run', met: undefined });
  return checks;
}
