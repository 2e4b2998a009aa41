import type { BenchResult } from './bench-result.js';

// Measured before the bench starts its own processes; above this, someone else is using the cores.
const BUSY_LOAD_AVERAGE = 1;
const yesNo = (met: boolean | undefined) => (met === undefined ? 'not measured' : met ? '**met**' : '**not met**');
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const fixed = (value: number, digits = 3) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const signed = (value: number) => `${value >= 0 ? '+' : ''}${fixed(value)}`;

/** The Markdown of bench/RESULTS.md: the machine, each target met or not, then every figure. */
export function renderReport(result: BenchResult): string {
  const { machine } = result;
  const lines = [
    '# Gatewayz benchmark results',
    '',
    `Written by \`npm run bench${result.options.soak ? ' -- --soak' : ''}\` on ${machine.date}` +
      `${result.options.quick ? ' (--quick: a smoke test of the harness, not a benchmark)' : ''}. ` +
      'Loopback only; the upstream is the built simulator with zero delay (a ~600-byte completion with usage, ' +
      'a 20-chunk stream); billing and the usage ledger are on. Every measurement ran twice, interleaved ' +
      `direct, gateway, direct, gateway, ${result.options.measureSeconds} s each; figures are the mean of the two.`,
    '',
    '## Machine',
    '',
    row(['CPUs (nproc)', 'CPU model', 'memory', 'kernel', 'Node', 'load generator', 'load average at start / end', 'pinning']),
    row(Array(8).fill('---')),
    row([
      machine.cpus,
      machine.cpuModel,
      `${machine.memoryGibibytes} GiB`,
      machine.kernel,
      machine.node,
      machine.wrk,
      `${machine.loadAverage} / ${machine.loadAverageAtEnd ?? 'n/a'}`,
      machine.pinned ? 'gateway on CPU 0; simulator, wrk and stream probe on CPU 1 (taskset)' : 'none',
    ]),
    '',
    ...(machine.loadAverage > BUSY_LOAD_AVERAGE
      ? [
          `> **The machine was busy** when this run started (load average ${machine.loadAverage} on ${machine.cpus} CPUs before the bench ` +
            'put any load on it): other processes shared the cores, so the p90/p99 figures and the throughput ratios are ' +
            'pessimistic and vary from run to run; the p50s are the most trustworthy figures here.',
          '',
        ]
      : []),
    '## Targets (issue 3)',
    '',
    row(['target', 'mode', 'measured', 'result']),
    row(['---', '---', '---', '---']),
    ...result.targets.map((check) => row([check.target, check.mode, check.measured, yesNo(check.met)])),
    '',
    '## Concurrency 1, non-streaming: latency (ms)',
    '',
    row(['mode', 'direct p50 / p90 / p99', 'gateway p50 / p90 / p99', 'added p50 / p90 / p99']),
    row(['---', '---', '---', '---']),
    ...result.modes.map(({ mode, latency }) =>
      row([
        mode.id,
        `${fixed(latency.direct.p50)} / ${fixed(latency.direct.p90)} / ${fixed(latency.direct.p99)}`,
        `${fixed(latency.gateway.p50)} / ${fixed(latency.gateway.p90)} / ${fixed(latency.gateway.p99)}`,
        `${signed(latency.added.p50)} / ${signed(latency.added.p90)} / ${signed(latency.added.p99)}`,
      ]),
    ),
    '',
    '## Concurrency 64, non-streaming: throughput',
    '',
    row(['mode', 'direct req/s', 'gateway req/s', 'gateway / direct']),
    row(['---', '---', '---', '---']),
    ...result.modes.map(({ mode, throughput }) =>
      row([mode.id, Math.round(throughput.direct), Math.round(throughput.gateway), `${fixed(throughput.ratio * 100, 1)} %`]),
    ),
    '',
    '## Concurrency 16, streaming: time to first and last byte (ms)',
    '',
    row([
      'mode',
      'direct first p50 / p99',
      'gateway first p50 / p99',
      'added first p50 / p99',
      'direct last p50 / p99',
      'gateway last p50 / p99',
      'added last p50 / p99',
    ]),
    row(Array(7).fill('---')),
    ...result.modes.map(({ mode, streaming: { direct, gateway, added } }) =>
      row([
        mode.id,
        `${fixed(direct.firstByte.p50)} / ${fixed(direct.firstByte.p99)}`,
        `${fixed(gateway.firstByte.p50)} / ${fixed(gateway.firstByte.p99)}`,
        `${signed(added.firstByte.p50)} / ${signed(added.firstByte.p99)}`,
        `${fixed(direct.lastByte.p50)} / ${fixed(direct.lastByte.p99)}`,
        `${fixed(gateway.lastByte.p50)} / ${fixed(gateway.lastByte.p99)}`,
        `${signed(added.lastByte.p50)} / ${signed(added.lastByte.p99)}`,
      ]),
    ),
    '',
    '## Gateway RSS (MiB)',
    '',
    row(['mode', 'at start', 'after warm-up', 'after the run']),
    row(['---', '---', '---', '---']),
    ...result.modes.map(({ mode, memory }) => row([mode.id, memory.startMebibytes, memory.afterWarmupMebibytes, memory.afterRunMebibytes])),
  ];
  if (result.chunkForwarding) {
    const { chunkDelayMs, direct, gateway } = result.chunkForwarding;
    lines.push(
      '',
      `## Chunk forwarding (simulator events ${chunkDelayMs} ms apart, one stream at a time)`,
      '',
      row(['side', 'body chunks received (min)', 'first byte p50 (ms)', 'last byte p50 (ms)']),
      row(['---', '---', '---', '---']),
      row(['direct', direct.chunksPerResponse.min, fixed(direct.firstByte.p50, 1), fixed(direct.lastByte.p50, 1)]),
      row(['gateway', gateway.chunksPerResponse.min, fixed(gateway.firstByte.p50, 1), fixed(gateway.lastByte.p50, 1)]),
    );
  }
  if (result.soak) {
    const { soak } = result;
    lines.push(
      '',
      `## Sustained run (${soak.seconds} s at concurrency ${soak.connections}, durable PGlite, ${Math.round(soak.requestsPerSecond)} req/s)`,
      '',
      `RSS in MiB every ${result.options.soakSampleSeconds} s: ${soak.samples.map((sample) => `${sample.seconds} s: ${sample.mebibytes}`).join(', ')}.`,
      '',
      `Peak of minute 2: ${soak.minuteTwoPeakMebibytes} MiB; of minute 3: ${soak.minuteThreePeakMebibytes} MiB (${soak.growthPercent} %). ` +
        `Means: ${soak.minuteTwoMeanMebibytes} and ${soak.minuteThreeMeanMebibytes} MiB. Minutes are counted after a ${result.options.soakWarmupSeconds} s warm-up.`,
    );
  }
  lines.push('', `Machine-readable figures: \`${result.resultFile}\` (bench/out is not committed).`, '');
  return lines.join('\n');
}
