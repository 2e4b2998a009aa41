import type { BenchContext } from './bench-context.js';
import { mebibytes } from './bench-context.js';
import { chatRequests } from './bench-requests.js';
import { readTreeResidentKibibytes } from './read-rss.js';
import { round, runWrk, writeWrkScript } from './run-wrk.js';
import { startGateway } from './start-gateway.js';

export interface SoakResult {
  seconds: number;
  connections: number;
  requestsPerSecond: number;
  /** RSS every `soakSampleSeconds`, seconds counted from the start of the load. */
  samples: { seconds: number; mebibytes: number }[];
  /**
   * Peak RSS of the second and the third minute after the warm-up. The peak, not the mean: a
   * collection that happens to land on a sample pulls a mean down by tens of MiB, while a leak
   * raises the high-water mark whatever the collector does.
   */
  minuteTwoPeakMebibytes: number;
  minuteThreePeakMebibytes: number;
  growthPercent: number;
  /** The highest sample of the whole run, warm-up included: the "peak RSS under load" figure. */
  peakMebibytes: number;
  /** Means of the same minutes, for reference. */
  minuteTwoMeanMebibytes: number;
  minuteThreeMeanMebibytes: number;
  /** Growth within the tolerance: what is left after a warm gateway's garbage collector evens out. */
  plateaued: boolean;
}

/** Minute 3's peak may exceed minute 2's by this much before the RSS counts as growing: GC timing alone moves it. */
export const PLATEAU_TOLERANCE_PERCENT = 2;

/**
 * A sustained run at concurrency 64 on a fresh durable PGlite gateway: after a warm-up, the peak
 * RSS of the third minute is compared with the second. A leak of a few hundred bytes a request
 * grows it by megabytes a minute at these rates.
 */
export async function soak(context: BenchContext, simulatorUrl: string): Promise<SoakResult> {
  const { options } = context;
  const gateway = await startGateway(context.root, { mode: { id: 'soak', database: 'pglite', ledgerMode: 'durable' }, simulatorUrl });
  try {
    const request = chatRequests(`${gateway.url}/v1`, { Authorization: `Bearer ${gateway.key}` }).plain;
    const script = writeWrkScript(context.scriptDirectory, 'soak', request);
    const loadSeconds = options.soakWarmupSeconds + options.soakMeasuredSeconds;
    const samples: SoakResult['samples'] = [];
    const started = Date.now();
    const sampler = setInterval(() => {
      samples.push({ seconds: Math.round((Date.now() - started) / 1000), mebibytes: mebibytes(readTreeResidentKibibytes(gateway.pid)) });
    }, options.soakSampleSeconds * 1000);
    // A little longer than sampled, so the last sample is taken under load.
    const run = await runWrk({
      url: request.url,
      script,
      connections: 64,
      seconds: loadSeconds + 2,
    }).finally(() => clearInterval(sampler));
    const minute = options.soakMeasuredSeconds / 3;
    const window = (from: number, to: number) => {
      const inside = samples.filter((sample) => sample.seconds > from && sample.seconds <= to).map((sample) => sample.mebibytes);
      return { peak: Math.max(...inside), mean: round(inside.reduce((sum, value) => sum + value, 0) / inside.length, 1) };
    };
    const minuteTwo = window(options.soakWarmupSeconds + minute, options.soakWarmupSeconds + 2 * minute);
    const minuteThree = window(options.soakWarmupSeconds + 2 * minute, loadSeconds);
    const growthPercent = round(((minuteThree.peak - minuteTwo.peak) / minuteTwo.peak) * 100, 2);
    return {
      seconds: loadSeconds,
      connections: 64,
      requestsPerSecond: run.requestsPerSecond,
      samples,
      minuteTwoPeakMebibytes: minuteTwo.peak,
      minuteThreePeakMebibytes: minuteThree.peak,
      growthPercent,
      peakMebibytes: Math.max(...samples.map((sample) => sample.mebibytes)),
      minuteTwoMeanMebibytes: minuteTwo.mean,
      minuteThreeMeanMebibytes: minuteThree.mean,
      plateaued: growthPercent <= PLATEAU_TOLERANCE_PERCENT,
    };
  } finally {
    await gateway.stop();
  }
}
