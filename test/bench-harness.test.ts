import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { BenchResult } from '../scripts/bench/bench-result.js';

const root = resolve(import.meta.dirname, '..');
const outputDirectory = mkdtempSync(join(tmpdir(), 'gatewayz-bench-test-'));
afterAll(() => rmSync(outputDirectory, { recursive: true, force: true }));

// Only that the harness runs end to end and writes its figures: a timed assertion would flake, so
// whether the targets are met is for `npm run bench` to report, not for this test to decide.
describe('npm run bench -- --quick', () => {
  it('builds, starts the simulator, the Node floor and the gateway, measures every side and writes a result file', async () => {
    // BENCH_SKIP_INSTALL stays as the caller set it: unset, the harness installs wrk when missing.
    const { stdout } = await promisify(execFile)(join(root, 'node_modules/.bin/tsx'), ['scripts/bench.ts', '--quick', '--out', outputDirectory], {
      cwd: root,
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(stdout).toContain('## Targets (issue 13)');

    const files = readdirSync(outputDirectory);
    const resultFile = files.find((name) => /^result-.+\.json$/.test(name));
    expect(resultFile).toBeDefined();
    expect(files).toContain(resultFile!.replace(/\.json$/, '.md'));
    const result = JSON.parse(readFileSync(join(outputDirectory, resultFile!), 'utf8')) as BenchResult;

    expect(result.options.quick).toBe(true);
    expect(result.targets.map((target) => target.id)).toEqual(['direct', 'floor', 'gatewayz-pglite']);
    const positive = (value: number) => expect(value, String(value)).toBeGreaterThan(0);
    for (const target of result.targets) {
      positive(target.latency.p50);
      expect(target.latency.p99).toBeGreaterThanOrEqual(target.latency.p90);
      expect(target.latency.p90).toBeGreaterThanOrEqual(target.latency.p50);
      expect(target.latency.runs).toHaveLength(2);
      expect(Number.isFinite(target.latency.added.p50)).toBe(true);
      expect(Number.isFinite(target.latency.added.p99)).toBe(true);
      positive(target.throughput.requestsPerSecond);
      positive(target.throughput.ratio);
      expect(target.throughput.runs).toHaveLength(2);
      positive(target.streamThroughput.streamsPerSecond);
      positive(target.streamThroughput.ratio);
      expect(target.streamThroughput.runs).toHaveLength(2);
      positive(target.streamFirstByte.p50);
      expect(target.streamFirstByte.p99).toBeGreaterThanOrEqual(target.streamFirstByte.p50);
      expect(Number.isFinite(target.streamFirstByte.addedP50)).toBe(true);
      expect(target.streamFirstByte.runs).toHaveLength(2);
    }
    const [direct, floor, gateway] = result.targets;
    expect(direct!.throughput.ratio).toBe(1);
    expect(direct!.latency.added.p50).toBe(0);
    // The gateway's RSS is sampled through the whole run; direct has no process of its own to sample.
    positive(gateway!.memory.startMebibytes);
    expect(gateway!.memory.peakMebibytes).toBeGreaterThanOrEqual(gateway!.memory.startMebibytes);
    positive(gateway!.memory.endMebibytes);
    positive(floor!.memory.peakMebibytes);

    // Paced at 20 ms an event, a stream relayed as it arrives reaches the client in many pieces.
    expect(result.chunkForwarding!.gateway.chunksPerResponse.min).toBeGreaterThan(1);
    // Six figures for PGlite, six (not measured) rows or one for Postgres, the soak and chunk forwarding.
    expect(result.checks.filter((check) => check.mode === 'gatewayz-pglite' && check.met !== undefined).length).toBeGreaterThanOrEqual(7);
    for (const check of result.checks) expect([true, false, undefined]).toContain(check.met);
    // Each of the six per-mode figures is set beside the Node floor's.
    expect(result.checks.filter((check) => check.mode === 'gatewayz-pglite' && check.floor !== undefined)).toHaveLength(6);
    expect(result.machine.cpus).toBeGreaterThan(0);
    expect(result.machine.loadAverages).toHaveLength(3);
    expect(result.machine.loadAverageDuring!.max).toBeGreaterThanOrEqual(result.machine.loadAverageDuring!.min);
    positive(result.durationSeconds);
    expect(readFileSync(join(outputDirectory, resultFile!.replace(/\.json$/, '.md')), 'utf8')).toContain('## Side by side');
  }, 180_000);
});
