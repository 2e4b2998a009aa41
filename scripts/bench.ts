import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from './bench/bench-context.js';
import { parseBenchOptions } from './bench/bench-options.js';
import type { BenchResult } from './bench/bench-result.js';
import { checkChunkForwarding } from './bench/check-chunk-forwarding.js';
import { chatRequests } from './bench/bench-requests.js';
import { killAllProcessesNow, stopAllProcesses } from './bench/child-processes.js';
import { currentLoadAverage, describeMachine } from './bench/describe-machine.js';
import { ensureWrk } from './bench/ensure-wrk.js';
import { evaluateTargets } from './bench/evaluate-targets.js';
import { measureTargets, type BenchTarget, type TargetResult } from './bench/measure-targets.js';
import { renderReport } from './bench/render-report.js';
import { soak } from './bench/soak.js';
import { startGateway, stopAllGateways, type GatewayMode } from './bench/start-gateway.js';
import { installLitellm, installPortkey, startLitellm, startPortkey } from './bench/start-peers.js';
import { startFloor } from './bench/start-floor.js';
import { startSimulator } from './bench/start-simulator.js';

/**
 * `npm run bench`: the gateway's own cost with its defaults, measured on loopback against a
 * zero-delay upstream, with billing on; `--peers` adds Portkey and LiteLLM side by side. See bench/README.md for what is measured and how to read the results.
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
  const machine = describeMachine(ensureWrk({ skipInstall: options.skipInstall }), loadAverageAtStart);
  const loadSamples: number[] = [loadAverageAtStart];
  const loadSampler = setInterval(() => loadSamples.push(currentLoadAverage()), 10_000);
  log('building the gateway (npm run build)');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
  const peerDirectories = options.peers
    ? { portkey: installPortkey(options.peersDirectory, log), litellm: installLitellm(options.peersDirectory, log) }
    : undefined;

  const context: BenchContext = { root, options, scriptDirectory };
  const modes: GatewayMode[] = [
    { id: 'gatewayz-pglite', database: 'pglite', ledgerMode: 'durable' },
    ...(options.databaseUrl ? [{ id: 'gatewayz-postgres', database: 'postgres', ledgerMode: 'durable' } as const] : []),
  ];
  const targetCount = 2 + modes.length + (options.peers ? 2 : 0);
  const measureSeconds = targetCount * (8 * options.measureSeconds + 1.5 * options.warmupSeconds + 4);
  const soakSeconds = options.soak ? options.soakWarmupSeconds + options.soakMeasuredSeconds + 10 : 0;
  log(`${targetCount} targets; about ${Math.ceil((measureSeconds + 20 + soakSeconds) / 60)} min`);

  try {
    const simulator = await startSimulator(root);
    const targets: BenchTarget[] = [{ id: 'direct', label: 'direct', requests: chatRequests(simulator.url, {}), pid: undefined }];
    const stops: (() => Promise<void>)[] = [];
    let results: TargetResult[];
    try {
      log('starting the Node floor (Fastify + undici, no gateway logic)');
      const floor = await startFloor(root, simulator.url);
      stops.push(floor.process.stop);
      targets.push({ id: 'floor', label: 'Node floor', requests: chatRequests(floor.url, {}), pid: floor.pid });
      for (const mode of modes) {
        log(`${mode.id}: starting the gateway (defaults)`);
        const gateway = await startGateway(root, { mode, simulatorUrl: simulator.url, ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}) });
        stops.push(gateway.stop);
        const label = mode.database === 'pglite' ? 'Gatewayz PGlite' : 'Gatewayz Postgres';
        targets.push({ id: mode.id, label, requests: chatRequests(`${gateway.url}/v1`, { Authorization: `Bearer ${gateway.key}` }), pid: gateway.pid });
      }
      if (peerDirectories) {
        log('starting Portkey and LiteLLM (their defaults)');
        const portkey = await startPortkey(peerDirectories.portkey, simulator.url);
        stops.push(portkey.process.stop);
        targets.push({ id: 'portkey', label: `Portkey ${portkey.version}`, requests: chatRequests(portkey.url, portkey.headers), pid: portkey.pid });
        const litellm = await startLitellm(peerDirectories.litellm, simulator.url);
        stops.push(litellm.process.stop);
        targets.push({ id: 'litellm', label: `LiteLLM ${litellm.version}`, requests: chatRequests(litellm.url, litellm.headers), pid: litellm.pid });
      }
      results = await measureTargets(context, targets, log);
    } finally {
      for (const stop of stops) await stop();
    }
    log('checking that streamed chunks are forwarded as they arrive');
    const chunkForwarding = await checkChunkForwarding(context);
    if (options.soak) log(`sustained run: ${options.soakWarmupSeconds + options.soakMeasuredSeconds} s at concurrency 64`);
    const soakResult = options.soak ? await soak(context, simulator.url) : undefined;
    await simulator.process.stop();
    clearInterval(loadSampler);
    loadSamples.push(currentLoadAverage());

    const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
    mkdirSync(options.outputDirectory, { recursive: true });
    const resultPath = join(options.outputDirectory, `result-${stamp}.json`);
    const finishedAt = new Date();
    const result: BenchResult = {
      schemaVersion: 2,
      resultFile: relative(root, resultPath),
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationSeconds: Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000),
      options: {
        quick: options.quick,
        soak: options.soak,
        peers: options.peers,
        measureSeconds: options.measureSeconds,
        warmupSeconds: options.warmupSeconds,
        soakWarmupSeconds: options.soakWarmupSeconds,
        soakSampleSeconds: options.soakSampleSeconds,
      },
      machine: {
        ...machine,
        loadAverageAtEnd: currentLoadAverage(),
        loadAverageDuring: {
          min: Math.min(...loadSamples),
          max: Math.max(...loadSamples),
          mean: Math.round((loadSamples.reduce((sum, value) => sum + value, 0) / loadSamples.length) * 100) / 100,
        },
      },
      targets: results,
      chunkForwarding,
      soak: soakResult,
      checks: evaluateTargets(results, chunkForwarding, soakResult),
    };
    writeFileSync(resultPath, `${JSON.stringify(result, null, 2)}\n`);
    const report = renderReport(result);
    const markdownPath = options.markdownPath ?? join(options.outputDirectory, `result-${stamp}.md`);
    writeFileSync(markdownPath, report);
    console.log(`\n${report}`);
    log(`wrote ${relative(root, resultPath)} and ${relative(root, markdownPath)} in ${result.durationSeconds} s`);
  } finally {
    clearInterval(loadSampler);
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
