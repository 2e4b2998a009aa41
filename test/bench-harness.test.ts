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
  it('builds, starts the simulator and the gateway, measures both sides and writes a result file', async () => {
    // BENCH_SKIP_INSTALL stays as the caller set it: unset, the harness installs wrk when missing.
    const { stdout } = await promisify(execFile)(join(root, 'node_modules/.bin/tsx'), ['scripts/bench.ts', '--quick', '--out', outputDirectory], {
      cwd: root,
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(stdout).toContain('## Targets (issue 3)');

    const files = readdirSync(outputDirectory);
    const resultFile = files.find((name) => /^result-.+\.json$/.test(name));
    expect(resultFile).toBeDefined();
    expect(files).toContain(resultFile!.replace(/\.json$/, '.md'));
    const result = JSON.parse(readFileSync(join(outputDirectory, resultFile!), 'utf8')) as BenchResult;

    expect(result.options.quick).toBe(true);
    expect(result.modes.map((mode) => mode.mode.id)).toEqual(['pglite-durable']);
    const [mode] = result.modes;
    const positive = (value: number) => expect(value, String(value)).toBeGreaterThan(0);
    for (const side of ['direct', 'gateway'] as const) {
      positive(mode!.latency[side].p50);
      expect(mode!.latency[side].p99).toBeGreaterThanOrEqual(mode!.latency[side].p90);
      expect(mode!.latency[side].p90).toBeGreaterThanOrEqual(mode!.latency[side].p50);
      expect(mode!.latency.runs[side]).toHaveLength(2);
      positive(mode!.throughput[side]);
      positive(mode!.streaming[side].firstByte.p50);
      expect(mode!.streaming[side].lastByte.p50).toBeGreaterThanOrEqual(mode!.streaming[side].firstByte.p50);
      expect(mode!.streaming.runs[side]).toHaveLength(2);
    }
    expect(Number.isFinite(mode!.latency.added.p50)).toBe(true);
    expect(Number.isFinite(mode!.streaming.added.firstByte.p50)).toBe(true);
    positive(mode!.throughput.ratio);
    positive(mode!.memory.startMebibytes);
    positive(mode!.memory.afterWarmupMebibytes);
    positive(mode!.memory.afterRunMebibytes);

    // Paced at 20 ms an event, a stream relayed as it arrives reaches the client in many pieces.
    expect(result.chunkForwarding!.gateway.chunksPerResponse.min).toBeGreaterThan(1);
    expect(result.targets.length).toBeGreaterThanOrEqual(6);
    for (const check of result.targets) expect([true, false, undefined]).toContain(check.met);
    expect(result.machine.cpus).toBeGreaterThan(0);
  }, 180_000);
});
