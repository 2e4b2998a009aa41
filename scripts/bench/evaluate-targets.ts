import type { ChunkForwardingResult } from './check-chunk-forwarding.js';
import type { ModeResult } from './measure-mode.js';
import { PLATEAU_TOLERANCE_PERCENT, type SoakResult } from './soak.js';

/** One target of issue 3, with what this run measured; `met` is undefined when it was not measured. */
export interface TargetCheck {
  target: string;
  mode: string;
  measured: string;
  met: boolean | undefined;
}

const milliseconds = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(3)} ms`;

export function evaluateTargets(modes: ModeResult[], chunkForwarding: ChunkForwardingResult | undefined, soakResult: SoakResult | undefined): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const notMeasured = (target: string, mode: string, why: string) => checks.push({ target, mode, measured: why, met: undefined });
  const find = (id: string) => modes.find((mode) => mode.mode.id === id);

  const latencyTargets = [
    { id: 'pglite-async', label: 'asynchronous ledger', p50: 0.2, p99: 1 },
    { id: 'pglite-durable', label: 'durable ledger', p50: 1, p99: 3 },
  ];
  for (const { id, label, p50, p99 } of latencyTargets) {
    const mode = find(id);
    if (!mode) {
      notMeasured(`added latency at concurrency 1, ${label}: p50 ≤ ${p50} ms, p99 ≤ ${p99} ms`, id, 'not run (--quick runs durable only)');
      continue;
    }
    const { added } = mode.latency;
    checks.push({ target: `added latency at concurrency 1, ${label}: p50 ≤ ${p50} ms`, mode: id, measured: milliseconds(added.p50), met: added.p50 <= p50 });
    checks.push({ target: `added latency at concurrency 1, ${label}: p99 ≤ ${p99} ms`, mode: id, measured: milliseconds(added.p99), met: added.p99 <= p99 });
  }

  // The durable targets hold on every database the run covered, Postgres included.
  for (const mode of modes.filter((candidate) => candidate.mode.ledgerMode === 'durable')) {
    const ratio = mode.throughput.ratio;
    checks.push({
      target: 'throughput at concurrency 64, durable ledger: ≥ 20 % of direct',
      mode: mode.mode.id,
      measured: `${(ratio * 100).toFixed(1)} % (${Math.round(mode.throughput.gateway)} / ${Math.round(mode.throughput.direct)} req/s)`,
      met: ratio >= 0.2,
    });
  }
  for (const mode of modes) {
    const addedFirstByte = mode.streaming.added.firstByte.p50;
    checks.push({
      target: 'streaming at concurrency 16: added time to first byte (p50) ≤ 1 ms',
      mode: mode.mode.id,
      measured: milliseconds(addedFirstByte),
      met: addedFirstByte <= 1,
    });
  }

  if (chunkForwarding) {
    const { gateway, chunkDelayMs } = chunkForwarding;
    checks.push({
      target: 'streaming: chunks forwarded as they arrive (never buffered to the end)',
      mode: 'pglite-durable',
      measured: `${gateway.chunksPerResponse.min} chunks; first byte ${gateway.firstByte.p50.toFixed(1)} ms, last ${gateway.lastByte.p50.toFixed(1)} ms (events ${chunkDelayMs} ms apart)`,
      met: chunkForwarding.forwardedAsTheyArrive,
    });
  } else notMeasured('streaming: chunks forwarded as they arrive', 'pglite-durable', 'not run');

  if (soakResult) {
    checks.push({
      target: `RSS plateaus: no growth of the peak from minute 2 to minute 3 of a sustained run (tolerance ${PLATEAU_TOLERANCE_PERCENT} %)`,
      mode: 'pglite-durable',
      measured: `${soakResult.minuteTwoPeakMebibytes} → ${soakResult.minuteThreePeakMebibytes} MiB (${soakResult.growthPercent >= 0 ? '+' : ''}${soakResult.growthPercent} %)`,
      met: soakResult.plateaued,
    });
  } else notMeasured('RSS plateaus between minute 2 and minute 3 of a sustained run', 'pglite-durable', 'not run (npm run bench -- --soak)');
  return checks;
}
