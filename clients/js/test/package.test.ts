import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../test/support/databases.js';
import { startTestGateway, type TestGateway } from '../../../test/support/test-gateway.js';
import { routes } from '../src/index.js';

const run = promisify(execFile);
const packageDirectory = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
const tsc = fileURLToPath(new URL('../../../node_modules/.bin/tsc', import.meta.url));

/**
 * `npm pack` builds the package; a fresh project installs the tarball like a user would, and runs
 * examples/quickstart.ts (the Gatewayz document's TypeScript example) against a live gateway.
 */
describe('the gatewayz-js-hf package', () => {
  let project: string;
  let gateway: TestGateway;
  beforeAll(async () => {
    project = mkdtempSync(join(tmpdir(), 'gatewayz-js-hf-'));
    const [packed] = await Promise.all([
      // Built from the committed sources (not `npm run build`, which would refresh src/generated/
      // and hide a stale copy from the drift test), then packed as `npm pack` does.
      run(tsc, ['-p', 'tsconfig.json'], { cwd: packageDirectory })
        .then(() => run('node', ['scripts/copy-generated.mjs', 'dist'], { cwd: packageDirectory }))
        .then(() => run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', project], { cwd: packageDirectory })),
      startTestGateway(databaseKinds()[0]!).then((started) => (gateway = started)),
    ]);
    const [{ filename }] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as [{ filename: string }];
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    await run('npm', ['install', '--no-audit', '--no-fund', '--offline', join(project, filename)], { cwd: project });
  }, 180_000);
  afterAll(async () => {
    await gateway?.close();
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('ships ESM with type declarations and the generated types, no sources and no dependencies', () => {
    const installed = join(project, 'node_modules', 'gatewayz-js-hf');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest['dependencies']).toBeUndefined();
    for (const file of ['dist/index.js', 'dist/index.d.ts', 'dist/generated/openapi.d.ts', 'README.md'])
      expect(() => readFileSync(join(installed, file))).not.toThrow();
    expect(() => readFileSync(join(installed, 'src/index.ts'))).toThrow();
  });

  it('type-checks the documented TypeScript example against the installed declarations', async () => {
    copyFileSync(join(packageDirectory, 'examples/quickstart.ts'), join(project, 'quickstart.ts'));
    const options = ['--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--skipLibCheck'];
    const types = ['--typeRoots', fileURLToPath(new URL('../../../node_modules/@types', import.meta.url)), '--types', 'node'];
    await run(tsc, [...options, ...types, 'quickstart.ts'], { cwd: project });
  }, 60_000);

  it('runs the documented TypeScript example against a live gateway', async () => {
    const { stdout } = await run(tsx, ['quickstart.ts'], {
      cwd: project,
      env: { ...process.env, GATEWAYZ_API_KEY: gateway.userKey, GATEWAYZ_BASE_URL: gateway.url },
    });
    const printed = JSON.parse(stdout) as { text: string; cost: number; records: number };
    expect(printed.text).toMatch(/\S/);
    expect(printed.cost).toBe(35000); // gpt-3.5-turbo: 10 × 500 + 20 × 1500 nano-USD
    expect(printed.records).toBeGreaterThanOrEqual(1);
  });

  it('its README shows every method', () => {
    const readme = readFileSync(join(packageDirectory, 'README.md'), 'utf8');
    for (const name of Object.values(routes).flatMap((route) => route.clientMethods)) expect(readme, name).toContain(`client.${name}(`);
  });
});
