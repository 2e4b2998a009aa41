import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from './bench/bench-context.js';
import { parseBenchOptions } from './bench/bench-options.js';
import type { BenchResult } from './bench/bench-result.js';
import { checkChunkForwarding } from './bench/check-chunk-forwarding.js';
import { killAllProcessesNow, pinningAvailable, stopAllProcesses } from './bench/child-processes.js';
import { currentLoadAverage, describeMachine } from './bench/describe-machine.js';
import { ensureWrk } from './bench/ensure-wrk.js';
import { evaluateTargets } from './bench/evaluate-targets.js';
import { measureMode, type ModeResult } from './bench/measure-mode.js';
import { renderReport } from './bench/render-report.js';
import { soak } from './bench/soak.js';
import { startGateway, stopAllGateways, type GatewayMode } from './bench/start-gateway.js';
import { startSimulator } from './bench/start-simulator.js';

/**
 * `npm run bench`: the gateway's own cost, measured on loopback against a zero-delay upstream,
 * with billing on. See bench/README.md for what is measured and how to read the results.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const options = parseBenchOptions(process.argv.slice(2), process.env, root);
const log = (message: string) => console.log(`bench: ${message}`);
// wrk's Lua scripts; removed on every way out, Ctrl-C included (see the `exit` handler below).
const scriptDirectory = mkdtempSync(join(tmpdir(), 'gatewayz-bench-wrk-'));

async function main(): Promise<void> {
  const startedAt = new Date();
  // Read before the build and before any load of our own: a busy machine shows here.
  const loadAverageAtStart = currentLoadAverage();
  const wrkVersion = ensureWrk({ skipInstall: options.skipInstall });
  log('building the gateway (npm run build)');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);

  const pinned = pinningAvailable(availableParallelism());
  const context: BenchContext = {
    root,
    options,
    scriptDirectory,
    cpus: pinned ? { gateway: 0, load: 1 } : {},
  };
  const machine = describeMachine(wrkVersion, pinned, loadAverageAtStart);
  const modes: GatewayMode[] = [
    { id: 'pglite-durable', database: 'pglite', ledgerMode: 'durable' },
    ...(options.quick ? [] : [{ id: 'pglite-async', database: 'pglite', ledgerMode: 'async' } as const]),
    ...(options.databaseUrl ? [{ id: 'postgres-durable', database: 'postgres', ledgerMode: 'durable' } as const] : []),
  ];
  const perMode = 12 * options.measureSeconds + 2 * options.warmupSeconds + 8;
  const soakSeconds = options.soak ? options.soakWarmupSeconds + options.soakMeasuredSeconds + 10 : 0;
  log(`${modes.map((mode) => mode.id).join(', ')}; about ${Math.ceil((modes.length * perMode + 15 + soakSeconds) / 60)} min`);

  try {
    const simulator = await startSimulator(root, context.cpus.load === undefined ? {} : { cpu: context.cpus.load });
    const results: ModeResult[] = [];
    for (const mode of modes) {
      log(`${mode.id}: starting the gateway`);
      const gateway = await startGateway(root, {
        mode,
        simulatorUrl: simulator.url,
        ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
        ...(context.cpus.gateway === undefined ? {} : { cpu: context.cpus.gateway }),
      });
      try {
        log(`${mode.id}: measuring (latency at c1, throughput at c64, streaming at c16; direct and gateway interleaved)`);
        results.push(await measureMode(context, gateway, simulator.url, mode));
      } finally {
        await gateway.stop();
      }
    }
    log('checking that streamed chunks are forwarded as they arrive');
    const chunkForwarding = await checkChunkForwarding(context);
    if (options.soak) log(`sustained run: ${options.soakWarmupSeconds + options.soakMeasuredSeconds} s at concurrency 64`);
    const soakResult = options.soak ? await soak(context, simulator.url) : undefined;
    await simulator.process.stop();

    const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
    mkdirSync(options.outputDirectory, { recursive: true });
    const resultPath = join(options.outputDirectory, `result-${stamp}.json`);
    const result: BenchResult = {
      schemaVersion: 1,
      resultFile: relative(root, resultPath),
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      options: {
        quick: options.quick,
        soak: options.soak,
        measureSeconds: options.measureSeconds,
        warmupSeconds: options.warmupSeconds,
        soakWarmupSeconds: options.soakWarmupSeconds,
        soakSampleSeconds: options.soakSampleSeconds,
      },
      machine: { ...machine, loadAverageAtEnd: currentLoadAverage() },
      modes: results,
      chunkForwarding,
      soak: soakResult,
      targets: evaluateTargets(results, chunkForwarding, soakResult),
    };
    writeFileSync(resultPath, `${JSON.stringify(result, null, 2)}\n`);
    const report = renderReport(result);
    const markdownPath = options.markdownPath ?? join(options.outputDirectory, `result-${stamp}.md`);
    writeFileSync(markdownPath, report);
    console.log(`\n${report}`);
    log(`wrote ${relative(root, resultPath)} and ${relative(root, markdownPath)}`);
  } finally {
    await stopAllGateways();
    await stopAllProcesses();
  }
}

// Ctrl-C must not leave a gateway holding its port and its data directory: stop every child first.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping the processes the bench started`);
    void stopAllGateways()
      .then(stopAllProcesses)
      .finally(() => process.exit(130));
  });
}
process.once('exit', () => {
  killAllProcessesNow();
  rmSync(scriptDirectory, { recursive: true, force: true });
});

main().catch(async (error: unknown) => {
  console.error(`bench: failed: ${error instanceof Error ? error.message : String(error)}`);
  await stopAllGateways().catch(() => undefined);
  await stopAllProcesses();
  process.exit(1);
});
