import type { BenchContext } from './bench-context.js';
import { mebibytes } from './bench-context.js';
import { checkRequests, type TargetRequests } from './bench-requests.js';
import { readTreeResidentKibibytes } from './read-rss.js';
import { runStreamProbe } from './run-stream-probe.js';
import { round, runWrk, writeWrkScript, type WrkRun } from './run-wrk.js';
import type { ProbeResult } from './stream-probe.js';

/** One thing measured side by side: the simulator itself (`direct`), a Gatewayz configuration or a peer gateway. */
export interface BenchTarget {
  id: string;
  label: string;
  requests: TargetRequests;
  /** The process whose RSS (with its children's) is sampled; none for direct. */
  pid: number | undefined;
}

export interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
}

export interface TargetResult {
  id: string;
  label: string;
  /** Concurrency 1, non-streaming, milliseconds; `added` is this minus direct (0 for direct). */
  latency: Percentiles & { added: Percentiles; runs: WrkRun[] };
  /** Concurrency 64, non-streaming, requests per second; `ratio` to direct. */
  throughput: { requestsPerSecond: number; ratio: number; runs: WrkRun[] };
  /** Concurrency 16, streaming: whole streams per second; `ratio` to direct. */
  streamThroughput: { streamsPerSecond: number; ratio: number; runs: ProbeResult[] };
  /** Concurrency 1, streaming: time to the first body byte, milliseconds; `added` over direct. */
  streamFirstByte: { p50: number; p99: number; addedP50: number; addedP99: number; runs: ProbeResult[] };
  /** RSS of the process and its children, sampled every 250 ms for the whole run (MiB). */
  memory: { startMebibytes: number; peakMebibytes: number; endMebibytes: number };
}

const ROUNDS = 2;
const SAMPLE_MS = 250;
const mean = (values: number[]) => round(values.reduce((sum, value) => sum + value, 0) / values.length);

/**
 * Measures every target against the same simulator. Each measurement runs for every target in
 * turn (direct first), then again in the same order: a machine that slows down during the run
 * (another tenant, a thermal limit) shifts every target alike instead of the last one.
 */
export async function measureTargets(context: BenchContext, targets: BenchTarget[], log: (message: string) => void): Promise<TargetResult[]> {
  const { options } = context;
  for (const target of targets) await checkRequests(target.label, target.requests);
  const scripts = new Map(targets.map((target) => [target.id, writeWrkScript(context.scriptDirectory, target.id, target.requests.plain)]));
  const wrk = (target: BenchTarget, connections: number, seconds: number) =>
    runWrk({ url: target.requests.plain.url, script: scripts.get(target.id) as string, connections, seconds });
  const probe = (target: BenchTarget, concurrency: number, seconds: number) =>
    runStreamProbe(context.root, { ...target.requests.stream, concurrency, seconds });

  // The peak counts the first sample too: a full collection under load can take RSS below where it started.
  const memory = new Map(
    targets.map((target) => {
      const start = readTreeResidentKibibytes(target.pid);
      return [target.id, { start, peak: start ?? 0, end: 0 }];
    }),
  );
  const sampler = setInterval(() => {
    for (const target of targets) {
      const entry = memory.get(target.id)!;
      entry.peak = Math.max(entry.peak, readTreeResidentKibibytes(target.pid) ?? 0);
    }
  }, SAMPLE_MS);
  try {
    // Warm-up: the JIT, the connection pools and the key cache, on both paths.
    for (const target of targets) {
      log(`warming up ${target.label}`);
      await wrk(target, 64, options.warmupSeconds);
      await probe(target, 16, Math.max(1, Math.round(options.warmupSeconds / 2)));
    }
    const seconds = options.measureSeconds;
    const runs = new Map(
      targets.map((target) => [
        target.id,
        { latency: [] as WrkRun[], throughput: [] as WrkRun[], streams: [] as ProbeResult[], firstByte: [] as ProbeResult[] },
      ]),
    );
    for (let roundIndex = 0; roundIndex < ROUNDS; roundIndex += 1) {
      log(`round ${roundIndex + 1} of ${ROUNDS}: c=1, c=64, SSE c=16, SSE c=1 for ${targets.map((target) => target.id).join(', ')}`);
      for (const target of targets) runs.get(target.id)!.latency.push(await wrk(target, 1, seconds));
      for (const target of targets) runs.get(target.id)!.throughput.push(await wrk(target, 64, seconds));
      for (const target of targets) runs.get(target.id)!.streams.push(await probe(target, 16, seconds));
      for (const target of targets) runs.get(target.id)!.firstByte.push(await probe(target, 1, seconds));
    }
    for (const target of targets) memory.get(target.id)!.end = readTreeResidentKibibytes(target.pid) ?? Number.NaN;

    const summarise = (target: BenchTarget) => {
      const run = runs.get(target.id)!;
      const latency = {
        p50: mean(run.latency.map((entry) => entry.latency.p50)),
        p90: mean(run.latency.map((entry) => entry.latency.p90)),
        p99: mean(run.latency.map((entry) => entry.latency.p99)),
      };
      return {
        latency,
        requestsPerSecond: mean(run.throughput.map((entry) => entry.requestsPerSecond)),
        streamsPerSecond: mean(run.streams.map((entry) => entry.requests / seconds)),
        firstByte: { p50: mean(run.firstByte.map((entry) => entry.firstByte.p50)), p99: mean(run.firstByte.map((entry) => entry.firstByte.p99)) },
      };
    };
    const direct = summarise(targets[0]!);
    return targets.map((target) => {
      const own = summarise(target);
      const run = runs.get(target.id)!;
      const rss = memory.get(target.id)!;
      return {
        id: target.id,
        label: target.label,
        latency: {
          ...own.latency,
          added: {
            p50: round(own.latency.p50 - direct.latency.p50),
            p90: round(own.latency.p90 - direct.latency.p90),
            p99: round(own.latency.p99 - direct.latency.p99),
          },
          runs: run.latency,
        },
        throughput: { requestsPerSecond: own.requestsPerSecond, ratio: round(own.requestsPerSecond / direct.requestsPerSecond, 4), runs: run.throughput },
        streamThroughput: { streamsPerSecond: own.streamsPerSecond, ratio: round(own.streamsPerSecond / direct.streamsPerSecond, 4), runs: run.streams },
        streamFirstByte: {
          ...own.firstByte,
          addedP50: round(own.firstByte.p50 - direct.firstByte.p50),
          addedP99: round(own.firstByte.p99 - direct.firstByte.p99),
          runs: run.firstByte,
        },
        memory: {
          startMebibytes: target.pid === undefined ? Number.NaN : mebibytes(rss.start),
          peakMebibytes: target.pid === undefined ? Number.NaN : mebibytes(rss.peak),
          endMebibytes: target.pid === undefined ? Number.NaN : mebibytes(rss.end),
        },
      };
    });
  } finally {
    clearInterval(sampler);
  }
}
