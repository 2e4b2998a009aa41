import type { BenchResult } from './bench-result.js';
import { PORTKEY_HONO_NODE_SERVER_OVERRIDE } from './start-peers.js';

// Measured before the bench starts its own processes; above this, someone else is using the cores.
const BUSY_LOAD_AVERAGE = 1;
const yesNo = (met: boolean | undefined) => (met === undefined ? 'not measured' : met ? '**met**' : '**not met**');
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const fixed = (value: number, digits = 3) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const signed = (value: number, digits = 3) => (Number.isFinite(value) ? `${value >= 0 ? '+' : ''}${value.toFixed(digits)}` : 'n/a');
const range = (values: number[], digits: number, suffix = '') => {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low.toFixed(digits) === high.toFixed(digits) ? `${low.toFixed(digits)}${suffix}` : `${low.toFixed(digits)}–${high.toFixed(digits)}${suffix}`;
};

/** The Markdown of bench/RESULTS.md: the machine and its load, each target met or not, the side-by-side table. */
export function renderReport(result: BenchResult): string {
  const { machine, targets } = result;
  const [direct] = targets;
  const flags = [result.options.peers ? '--peers' : '', result.options.soak ? '--soak' : ''].filter(Boolean).join(' ');
  const during = machine.loadAverageDuring;
  // Each cell: the range over the two interleaved rounds, so the spread is visible.
  const perRound = (pick: (index: number) => number, digits: number, suffix = '') => range([0, 1].map(pick), digits, suffix);
  const cells = targets.map((target) => {
    const isDirect = target.id === 'direct';
    const latency = target.latency.runs.map((run) => run.latency);
    const directLatency = direct!.latency.runs.map((run) => run.latency);
    const rps = target.throughput.runs.map((run) => run.requestsPerSecond);
    const directRps = direct!.throughput.runs.map((run) => run.requestsPerSecond);
    const streams = target.streamThroughput.runs.map((run) => run.requests);
    const directStreams = direct!.streamThroughput.runs.map((run) => run.requests);
    const firstByte = target.streamFirstByte.runs.map((run) => run.firstByte.p50);
    const directFirstByte = direct!.streamFirstByte.runs.map((run) => run.firstByte.p50);
    return {
      label: target.label,
      addedP50: isDirect ? perRound((i) => latency[i]!.p50, 3, ' ms') : perRound((i) => latency[i]!.p50 - directLatency[i]!.p50, 3, ' ms').replace(/^/, '+'),
      p99: perRound((i) => latency[i]!.p99, 2, ' ms'),
      throughput: isDirect ? perRound((i) => rps[i]! / 1000, 1, 'k req/s') : perRound((i) => (rps[i]! / directRps[i]!) * 100, 1, ' %'),
      streams: isDirect
        ? perRound((i) => directStreams[i]! / result.options.measureSeconds / 1000, 2, 'k streams/s')
        : perRound((i) => (streams[i]! / directStreams[i]!) * 100, 1, ' %'),
      firstByte: isDirect ? perRound((i) => firstByte[i]!, 3, ' ms') : `+${perRound((i) => firstByte[i]! - directFirstByte[i]!, 3, ' ms')}`,
      rss: isDirect ? '—' : `${fixed(target.memory.peakMebibytes, 0)} MiB`,
    };
  });
  const lines = [
    '# Gatewayz benchmark results',
    '',
    `Written by \`npm run bench${flags ? ` -- ${flags}` : ''}\` on ${machine.date} in ${Math.round(result.durationSeconds / 60)} min` +
      `${result.options.quick ? ' (--quick: a smoke test of the harness, not a benchmark)' : ''}. ` +
      "Loopback only; every gateway runs with its **defaults** (Gatewayz: `npm start`'s settings, LOG_LEVEL=info, durable ledger, " +
      'no CPU pinning) in front of the same built simulator with zero delay (a ~600-byte chat completion with usage, a 20-chunk stream). ' +
      `Every measurement ran for every target in turn, then again (interleaved, twice), ${result.options.measureSeconds} s each; ` +
      'each cell shows the range over the two rounds.',
    '',
    '## Machine and load',
    '',
    row([
      'CPUs (nproc)',
      'CPU model',
      'memory',
      'kernel',
      'Node',
      'load generator',
      'load average 1/5/15 min at start',
      '1-min load during the run (min–max)',
      'at end',
    ]),
    row(Array(9).fill('---')),
    row([
      machine.cpus,
      machine.cpuModel,
      `${machine.memoryGibibytes} GiB`,
      machine.kernel,
      machine.node,
      machine.wrk,
      machine.loadAverages.join(' / '),
      during ? `${during.min}–${during.max} (mean ${during.mean})` : 'n/a',
      machine.loadAverageAtEnd ?? 'n/a',
    ]),
    '',
    ...(machine.loadAverage > BUSY_LOAD_AVERAGE
      ? [
          `> **The machine was busy**: load average ${machine.loadAverage} on ${machine.cpus} CPUs before the bench put any load on it. ` +
            'Whatever else ran may have shared the cores during the run, so the p99s and throughput ratios can be pessimistic and vary ' +
            'from run to run; the p50s are the most trustworthy figures here.',
          '',
        ]
      : []),
    '## Side by side',
    '',
    '**Node floor** is not a gateway: `scripts/bench/floor-proxy.ts`, the same Fastify and undici as Gatewayz, parses the body, ' +
      'forwards it, and sends back the parsed JSON or the unread event stream, with no key, validation, routing, limit, ledger, log ' +
      'or metric. No gateway on this stack gets below its figures on this machine.',
    '',
    row(['figure', ...cells.map((cell) => cell.label)]),
    row(Array(cells.length + 1).fill('---')),
    row(['c=1 added p50 (direct: its p50)', ...cells.map((cell) => cell.addedP50)]),
    row(['c=1 p99', ...cells.map((cell) => cell.p99)]),
    row(['c=64 throughput / direct', ...cells.map((cell) => cell.throughput)]),
    row(['SSE c=16 throughput / direct', ...cells.map((cell) => cell.streams)]),
    row(['stream time to first byte, c=1 (added)', ...cells.map((cell) => cell.firstByte)]),
    row(['peak RSS (sampled every 250 ms)', ...cells.map((cell) => cell.rss)]),
    '',
    ...(result.options.peers
      ? [
          `Portkey runs from npm with \`@hono/node-server\` overridden to ${PORTKEY_HONO_NODE_SERVER_OVERRIDE} (npm \`overrides\` in the scratch install): ` +
            'its stock install answers 500 to every stream. LiteLLM runs `litellm --config` (one model, one worker, no database) with ' +
            '`LITELLM_MASTER_KEY` set and `LITELLM_LOCAL_MODEL_COST_MAP=True` (offline). Both are installed into `bench/.peers/` (not committed).',
          '',
        ]
      : []),
    '## Targets (issue 13)',
    '',
    'The last column is the same figure for the Node floor: how close to the target a gateway on this stack can come on this machine.',
    '',
    row(['target', 'mode', 'measured', 'result', 'Node floor']),
    row(Array(5).fill('---')),
    ...result.checks.map((check) => row([check.target, check.mode, check.measured, yesNo(check.met), check.floor ?? '—'])),
    '',
    '## Every figure (means of the two rounds)',
    '',
    row([
      'target',
      'c=1 p50 / p90 / p99 (ms)',
      'added p50 / p99',
      'c=64 req/s',
      'SSE c=16 streams/s',
      'SSE c=1 first byte p50 / p99 (ms)',
      'RSS start / peak / end (MiB)',
    ]),
    row(Array(7).fill('---')),
    ...targets.map((target) =>
      row([
        target.label,
        `${fixed(target.latency.p50)} / ${fixed(target.latency.p90)} / ${fixed(target.latency.p99)}`,
        `${signed(target.latency.added.p50)} / ${signed(target.latency.added.p99)}`,
        Math.round(target.throughput.requestsPerSecond),
        fixed(target.streamThroughput.streamsPerSecond, 0),
        `${fixed(target.streamFirstByte.p50)} / ${fixed(target.streamFirstByte.p99)}`,
        `${fixed(target.memory.startMebibytes, 1)} / ${fixed(target.memory.peakMebibytes, 1)} / ${fixed(target.memory.endMebibytes, 1)}`,
      ]),
    ),
  ];
  if (result.chunkForwarding) {
    const { chunkDelayMs, direct: directChunks, gateway } = result.chunkForwarding;
    lines.push(
      '',
      `## Chunk forwarding (simulator events ${chunkDelayMs} ms apart, one stream at a time)`,
      '',
      row(['side', 'body chunks received (min)', 'first byte p50 (ms)', 'last byte p50 (ms)']),
      row(['---', '---', '---', '---']),
      row(['direct', directChunks.chunksPerResponse.min, fixed(directChunks.firstByte.p50, 1), fixed(directChunks.lastByte.p50, 1)]),
      row(['gateway', gateway.chunksPerResponse.min, fixed(gateway.firstByte.p50, 1), fixed(gateway.lastByte.p50, 1)]),
    );
  }
  if (result.soak) {
    const { soak } = result;
    lines.push(
      '',
      `## Sustained run (${soak.seconds} s at concurrency 64, durable PGlite, defaults, ${Math.round(soak.requestsPerSecond)} req/s)`,
      '',
      `RSS in MiB every ${result.options.soakSampleSeconds} s: ${soak.samples.map((sample) => `${sample.seconds} s: ${sample.mebibytes}`).join(', ')}.`,
      '',
      `Peak of the whole run: ${soak.peakMebibytes} MiB. Peak of minute 2: ${soak.minuteTwoPeakMebibytes} MiB; of minute 3: ${soak.minuteThreePeakMebibytes} MiB (${soak.growthPercent} %). ` +
        `Means: ${soak.minuteTwoMeanMebibytes} and ${soak.minuteThreeMeanMebibytes} MiB. Minutes are counted after a ${result.options.soakWarmupSeconds} s warm-up.`,
    );
  }
  lines.push('', `Machine-readable figures: \`${result.resultFile}\` (bench/out is not committed).`, '');
  return lines.join('\n');
}
