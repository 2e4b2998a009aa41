import type { BenchContext } from './bench-context.js';
import { mebibytes } from './bench-context.js';
import { benchRequests, checkRequests, type RequestPair } from './bench-requests.js';
import { readResidentKibibytes } from './read-rss.js';
import { runStreamProbe } from './run-stream-probe.js';
import { round, runWrk, writeWrkScript, type WrkRun } from './run-wrk.js';
import type { GatewayMode, GatewayProcess } from './start-gateway.js';
import type { ProbeResult } from './stream-probe.js';

export interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
}

interface Compared<Summary, Run> {
  direct: Summary;
  gateway: Summary;
  runs: { direct: Run[]; gateway: Run[] };
}

export interface ModeResult {
  mode: GatewayMode;
  /** Concurrency 1, non-streaming, milliseconds. */
  latency: Compared<Percentiles, WrkRun> & { added: Percentiles };
  /** Concurrency 64, non-streaming, requests per second. */
  throughput: Compared<number, WrkRun> & { ratio: number };
  /** Concurrency 16, streaming, milliseconds. */
  streaming: Compared<StreamTimes, ProbeResult> & { added: StreamTimes };
  memory: { startMebibytes: number; afterWarmupMebibytes: number; afterRunMebibytes: number };
}

interface StreamTimes {
  firstByte: { p50: number; p99: number };
  lastByte: { p50: number; p99: number };
}

const ROUNDS = 2;
const mean = (values: number[]) => round(values.reduce((sum, value) => sum + value, 0) / values.length);

/**
 * Measures one gateway configuration against the simulator it forwards to. Every measurement runs
 * direct, gateway, direct, gateway, so a machine that slows down over the run (another tenant, a
 * thermal limit) shifts both sides alike instead of one.
 */
export async function measureMode(context: BenchContext, gateway: GatewayProcess, simulatorUrl: string, mode: GatewayMode): Promise<ModeResult> {
  const { options, cpus } = context;
  const load = cpus.load === undefined ? {} : { cpu: cpus.load };
  const plain = benchRequests(simulatorUrl, gateway.url, gateway.key, false);
  const stream = benchRequests(simulatorUrl, gateway.url, gateway.key, true);
  await checkRequests(plain, stream);
  const scripts = {
    direct: writeWrkScript(context.scriptDirectory, `${mode.id}-direct`, plain.direct),
    gateway: writeWrkScript(context.scriptDirectory, `${mode.id}-gateway`, plain.gateway),
  };
  const wrk = (side: keyof RequestPair, connections: number, seconds: number) =>
    runWrk({ url: plain[side].url, script: scripts[side], connections, seconds, ...load });
  const probe = (side: keyof RequestPair, seconds: number) => runStreamProbe(context.root, { ...stream[side], concurrency: 16, seconds }, cpus.load);

  const startKibibytes = readResidentKibibytes(gateway.pid);
  // Warm-up: the JIT, the connection pools and the key cache, on both paths and both sides.
  await wrk('direct', 64, Math.max(1, Math.round(options.warmupSeconds / 2)));
  await wrk('gateway', 64, options.warmupSeconds);
  await probe('gateway', Math.max(1, Math.round(options.warmupSeconds / 2)));
  const afterWarmupKibibytes = readResidentKibibytes(gateway.pid);

  const seconds = options.measureSeconds;
  const latencyRuns = await interleave(
    () => wrk('direct', 1, seconds),
    () => wrk('gateway', 1, seconds),
  );
  const throughputRuns = await interleave(
    () => wrk('direct', 64, seconds),
    () => wrk('gateway', 64, seconds),
  );
  const streamRuns = await interleave(
    () => probe('direct', seconds),
    () => probe('gateway', seconds),
  );
  const afterRunKibibytes = readResidentKibibytes(gateway.pid);

  const latency = (runs: WrkRun[]): Percentiles => ({
    p50: mean(runs.map((run) => run.latency.p50)),
    p90: mean(runs.map((run) => run.latency.p90)),
    p99: mean(runs.map((run) => run.latency.p99)),
  });
  const directLatency = latency(latencyRuns.direct);
  const gatewayLatency = latency(latencyRuns.gateway);
  const directThroughput = mean(throughputRuns.direct.map((run) => run.requestsPerSecond));
  const gatewayThroughput = mean(throughputRuns.gateway.map((run) => run.requestsPerSecond));
  const streamTimes = (runs: ProbeResult[]): StreamTimes => ({
    firstByte: { p50: mean(runs.map((run) => run.firstByte.p50)), p99: mean(runs.map((run) => run.firstByte.p99)) },
    lastByte: { p50: mean(runs.map((run) => run.lastByte.p50)), p99: mean(runs.map((run) => run.lastByte.p99)) },
  });
  const directStream = streamTimes(streamRuns.direct);
  const gatewayStream = streamTimes(streamRuns.gateway);
  return {
    mode,
    latency: {
      direct: directLatency,
      gateway: gatewayLatency,
      added: {
        p50: round(gatewayLatency.p50 - directLatency.p50),
        p90: round(gatewayLatency.p90 - directLatency.p90),
        p99: round(gatewayLatency.p99 - directLatency.p99),
      },
      runs: latencyRuns,
    },
    throughput: { direct: directThroughput, gateway: gatewayThroughput, ratio: round(gatewayThroughput / directThroughput, 4), runs: throughputRuns },
    streaming: {
      direct: directStream,
      gateway: gatewayStream,
      added: {
        firstByte: {
          p50: round(gatewayStream.firstByte.p50 - directStream.firstByte.p50),
          p99: round(gatewayStream.firstByte.p99 - directStream.firstByte.p99),
        },
        lastByte: { p50: round(gatewayStream.lastByte.p50 - directStream.lastByte.p50), p99: round(gatewayStream.lastByte.p99 - directStream.lastByte.p99) },
      },
      runs: streamRuns,
    },
    memory: {
      startMebibytes: mebibytes(startKibibytes),
      afterWarmupMebibytes: mebibytes(afterWarmupKibibytes),
      afterRunMebibytes: mebibytes(afterRunKibibytes),
    },
  };
}

async function interleave<Run>(direct: () => Promise<Run>, gateway: () => Promise<Run>): Promise<{ direct: Run[]; gateway: Run[] }> {
  const runs: { direct: Run[]; gateway: Run[] } = { direct: [], gateway: [] };
  for (let round = 0; round < ROUNDS; round += 1) {
    runs.direct.push(await direct());
    runs.gateway.push(await gateway());
  }
  return runs;
}
