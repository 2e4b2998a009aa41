import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../test/support/databases.js';
import { startTestGateway, type TestGateway } from '../../../test/support/test-gateway.js';

/**
 * gatewayz-py-hf, driven from vitest: this test starts a live gateway (PGlite, the simulator
 * upstream, slow chunks so a stream can be left mid-answer) and runs the package's pytest suite
 * against it (GATEWAYZ_BASE_URL / GATEWAYZ_API_KEY / GATEWAYZ_ADMIN_KEY), the documented async
 * example, `mypy --strict`, and `python -m build`. The venv is scripts/client-python-env.sh's.
 */
const run = promisify(execFile);
const packageDirectory = fileURLToPath(new URL('..', import.meta.url));
const python = join(packageDirectory, '.venv', 'bin', 'python');
const ready = existsSync(python);
if (!ready && process.env['CI'] === 'true') throw new Error(`${python} is missing: run scripts/client-python-env.sh (.ci/run does)`);

describe.skipIf(!ready)('gatewayz-py-hf', () => {
  let gateway: TestGateway;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    gateway = await startTestGateway(databaseKinds()[0]!, { simulator: { chunkDelayMs: 25 } });
    env = { ...process.env, CI: 'true', GATEWAYZ_BASE_URL: gateway.url, GATEWAYZ_API_KEY: gateway.userKey, GATEWAYZ_ADMIN_KEY: gateway.adminKey };
  });
  afterAll(() => gateway?.close());

  it('passes its pytest suite (unit, spec coverage, documented 402/429, live gateway) with nothing skipped', async () => {
    const { stdout } = await run(python, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', '-rs', 'tests'], { cwd: packageDirectory, env }).catch(
      (error: { stdout: string; stderr: string }) => {
        throw new Error(`pytest failed:\n${error.stdout}\n${error.stderr}`);
      },
    );
    const summary = stdout.trim().split('\n').at(-1)!;
    expect(summary).toMatch(/^\d+ passed in /);
    expect(Number(/^(\d+) passed/.exec(summary)![1])).toBeGreaterThan(50);
  }, 240_000);

  it('runs the documented async example against the live gateway', async () => {
    const { stdout } = await run(python, ['examples/quickstart.py'], { cwd: packageDirectory, env });
    const printed = JSON.parse(stdout) as { text: string; cost: number; records: number };
    expect(printed.text).toMatch(/\S/);
    expect(printed.cost).toBe(35000); // gpt-3.5-turbo: 10 × 500 + 20 × 1500 nano-USD
    expect(printed.records).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('is clean under mypy --strict (sources, tests, examples)', async () => {
    const { stdout } = await run(python, ['-m', 'mypy', '--strict', '--cache-dir', join(tmpdir(), 'gatewayz-py-hf-mypy')], { cwd: packageDirectory });
    expect(stdout).toMatch(/^Success: no issues found/);
  }, 240_000);

  it('builds a wheel and an sdist with python -m build, the wheel holding py.typed', async () => {
    const out = mkdtempSync(join(tmpdir(), 'gatewayz-py-hf-dist-'));
    try {
      await run(python, ['-m', 'build', '--no-isolation', '--outdir', out], { cwd: packageDirectory });
      const files = readdirSync(out);
      const wheel = files.find((file) => file.endsWith('-py3-none-any.whl'));
      expect(wheel).toMatch(/^gatewayz_py_hf-0\.1\.0-/);
      expect(files.some((file) => file.endsWith('.tar.gz'))).toBe(true);
      const { stdout } = await run(python, ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', join(out, wheel!)]);
      expect(stdout).toContain('gatewayz_py_hf/py.typed');
      expect(stdout).toContain('gatewayz_py_hf/_async_client.py');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 240_000);
});
