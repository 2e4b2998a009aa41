import { readFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './support/test-gateway.js';

const run = promisify(execFile);
const repository = fileURLToPath(new URL('..', import.meta.url));

/**
 * schemathesis (PyPI, pinned in test/schemathesis/requirements.txt) fuzzes a listening gateway —
 * simulator upstream, PGlite — against openapi/openapi.json with every check and an admin key:
 * no 5xx, no response outside the document, no hang (a per-request timeout). The exceptions and
 * the example count are in test/schemathesis/schemathesis.toml; SCHEMATHESIS_MAX_EXAMPLES and
 * SCHEMATHESIS_SEED override them for a longer or a reproduced run.
 */
const schemathesis = await prepareSchemathesis();

describe.skipIf(schemathesis === null)('schemathesis against openapi/openapi.json', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway('pglite');
  });
  afterAll(() => gateway?.close());

  const revoke = ['--include-path', '/admin/keys/{id}/revoke'];

  it('finds no failure on any operation but revocation, with the admin key', async () => {
    const summary = await fuzz(['--exclude-path', '/admin/keys/{id}/revoke'], gateway.adminKey);
    // Every operation of the document but the revocation, which the next test fuzzes on its own.
    const document = JSON.parse(readFileSync('openapi/openapi.json', 'utf8')) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.values(document.paths).reduce(
      (sum, item) => sum + Object.keys(item).filter((key) => ['get', 'post', 'put', 'delete', 'patch'].includes(key)).length,
      0,
    );
    expect(summary.operations).toBe(documented - 1);
    expect(summary.generated).toBeGreaterThan(1000);
  }, 420_000);

  it('finds no failure on key revocation, fuzzed with a key of its own', async () => {
    const summary = await fuzz(revoke, await gateway.createKey('schemathesis-revoker', ['admin']));
    expect(summary.operations).toBe(1);
  }, 120_000);

  /** Runs schemathesis with every check; fails with its whole report (each failure's curl) on any failure. */
  async function fuzz(selection: string[], key: string) {
    const args = [
      '--no-color',
      '--config-file',
      'test/schemathesis/schemathesis.toml',
      'run',
      'openapi/openapi.json',
      '--url',
      gateway.url,
      '--checks',
      'all',
      '--seed',
      process.env.SCHEMATHESIS_SEED ?? '20261201',
      ...(process.env.SCHEMATHESIS_MAX_EXAMPLES ? ['--max-examples', process.env.SCHEMATHESIS_MAX_EXAMPLES] : []),
      ...selection,
    ];
    const started = Date.now();
    const { code, output } = await run(schemathesis!, args, {
      cwd: repository,
      timeout: 400_000,
      maxBuffer: 64 << 20,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LANG: 'C.UTF-8', GATEWAYZ_KEY: key },
    }).then(
      ({ stdout, stderr }) => ({ code: 0 as number | string, output: stdout + stderr }),
      (error: { code?: number | string; stdout?: string; stderr?: string; killed?: boolean }) => ({
        code: error.killed ? 'timeout' : (error.code ?? 'unknown'),
        output: `${error.stdout ?? ''}${error.stderr ?? ''}`,
      }),
    );
    const summary = summarize(output);
    const seconds = Math.round((Date.now() - started) / 1000);
    console.log(`schemathesis: ${summary.operations} operations, ${summary.generated} test cases, ${summary.failures} failures in ${seconds} s`);
    if (code !== 0 || summary.failures !== 0) expect.fail(`schemathesis exited ${code}:\n${output}`);
    return summary;
  }
});

/** The counts in schemathesis's closing summary. */
function summarize(output: string): { operations: number; generated: number; failures: number } {
  const number = (pattern: RegExp) => Number(pattern.exec(output)?.[1] ?? Number.NaN);
  return {
    operations: number(/^\s*Tested: (\d+)/m),
    generated: number(/^\s*(\d+) generated/m),
    // The closing line names failures ("=== 3 failures, 1 warning in 9s ===") only when there are some.
    failures: /^=+ .* in [\d.]+s =+$/m.test(output) ? Number(/^=+ (\d+) (?:failures?|errors?)\b/m.exec(output)?.[1] ?? 0) : Number.NaN,
  };
}

/**
 * The schemathesis executable of .venv-schemathesis, built by scripts/schemathesis-env.sh (a no-op
 * when ready). Outside CI a machine without Python skips with a warning; with CI=true the failure
 * is thrown, so the suite fails rather than skips.
 */
async function prepareSchemathesis(): Promise<string | null> {
  try {
    const { stdout } = await run('bash', ['scripts/schemathesis-env.sh'], { cwd: repository, timeout: 600_000, maxBuffer: 16 << 20 });
    return stdout.trim().split('\n').at(-1)!;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (process.env.CI === 'true') throw new Error(`CI must run schemathesis, but scripts/schemathesis-env.sh failed: ${reason}`, { cause: error });
    console.warn(`Skipping schemathesis: scripts/schemathesis-env.sh failed: ${reason}`);
    return null;
  }
}
