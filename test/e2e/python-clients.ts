import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repository = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The venv python with test/e2e/requirements.txt installed, built by scripts/python-env.sh (or the
 * given script, e.g. scripts/clients-env.sh for test/clients/requirements.txt; a no-op
 * when ready; the first build downloads wheels and takes a minute or two). Outside CI a machine
 * without Python gets `null` and the suite skips with a warning; with CI=true the failure is thrown
 * so the suite fails, as the Postgres suites do (test/support/databases.ts).
 */
export async function preparePython({ script = 'scripts/python-env.sh', what = 'the real Python client suites' } = {}): Promise<string | null> {
  try {
    const { stdout } = await run('bash', [script], { cwd: repository, timeout: 600_000, maxBuffer: 16 << 20 });
    return stdout.trim().split('\n').at(-1)!;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (process.env.CI === 'true') throw new Error(`CI must run ${what}, but ${script} failed: ${reason}`, { cause: error });
    console.warn(`Skipping ${what}: ${script} failed: ${reason}`);
    return null;
  }
}

/** A call's entry in a script's report: its parsed result, or `{error, where}` when the client raised. */
export type Report = Record<string, any>;

/** Runs one test/e2e/*.py script against a gateway and parses its single-line JSON report. */
export async function runClientScript(python: string, script: string, gateway: { url: string; key: string }): Promise<Report> {
  const { stdout } = await run(python, [fileURLToPath(new URL(script, import.meta.url)), '--url', gateway.url, '--api-key', gateway.key], {
    cwd: repository,
    timeout: 240_000,
    maxBuffer: 64 << 20,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LANG: 'C.UTF-8' },
  });
  return JSON.parse(stdout) as Report;
}

/**
 * The result of one call, failing the test with the client's own exception text when it raised,
 * so a red test says what the gateway did wrong rather than "expected undefined".
 */
export function resultOf(report: Report, call: string): any {
  const entry = report[call];
  if (entry === undefined) throw new Error(`the report has no entry for ${call}`);
  if (entry && typeof entry === 'object' && 'error' in entry) {
    throw new Error(`${call} raised in the client: ${entry.error}\n${(entry.where ?? []).join('\n')}`);
  }
  return entry;
}
