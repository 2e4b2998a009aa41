import type { ChunkForwardingResult } from './check-chunk-forwarding.js';
import type { TargetResult } from './measure-targets.js';
import { PLATEAU_TOLERANCE_PERCENT, type SoakResult } from './soak.js';

/** One target of issue 13, with what this run measured; `met` is undefined when it was not measured. */
export interface TargetCheck {
  target: string;
  mode: string;
  measured: string;
  met: boolean | undefined;
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
  for (const [id, limit] of Object.entries(thresholds)) {
    const result = results.find((candidate) => candidate.id === id);
    if (!result || !direct) {
      checks.push({ target: 'every figure', mode: id, measured: id === 'gatewayz-postgres' ? 'not run (set DATABASE_URL)' : 'not run', met: undefined });
      continue;
    }
    const { throughput, latency, streamThroughput, streamFirstByte, memory } = result;
    checks.push(
      {
        target: `c=64 throughput / direct ≥ ${limit.throughput * 100} %`,
        mode: id,
        measured: `${percent(throughput.ratio)} (${Math.round(throughput.requestsPerSecond)} / ${Math.round(direct.throughput.requestsPerSecond)} req/s)`,
        met: throughput.ratio >= limit.throughput,
      },
      { target: `c=1 added p50 ≤ ${limit.p50} ms`, mode: id, measured: milliseconds(latency.added.p50), met: latency.added.p50 <= limit.p50 },
      {
        target: 'c=1 p99 ≤ direct p99 + 2 ms',
        mode: id,
        measured: `${latency.p99.toFixed(3)} ms vs ${direct.latency.p99.toFixed(3)} ms (${milliseconds(latency.added.p99)})`,
        met: latency.added.p99 <= 2,
      },
      {
        target: 'SSE c=16 throughput / direct ≥ 12 %',
        mode: id,
        measured: `${percent(streamThroughput.ratio)} (${Math.round(streamThroughput.streamsPerSecond)} / ${Math.round(direct.streamThroughput.streamsPerSecond)} streams/s)`,
        met: streamThroughput.ratio >= 0.12,
      },
      {
        target: 'stream added time to first byte (c=1, p50) ≤ 0.5 ms',
        mode: id,
        measured: milliseconds(streamFirstByte.addedP50),
        met: streamFirstByte.addedP50 <= 0.5,
      },
      { target: `peak RSS under load ≤ ${limit.rss} MiB`, mode: id, measured: `${memory.peakMebibytes} MiB`, met: memory.peakMebibytes <= limit.rss },
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
