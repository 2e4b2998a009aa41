import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
let outDir = '';
let files: string[] = [];

// The production build (`npm run build`) into a temporary folder, as `npm start` would get it.
beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'gatewayz-build-'));
  await promisify(execFile)(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', outDir], { cwd: root });
  files = (await readdir(outDir, { recursive: true })).filter((file) => file.endsWith('.js')).map((file) => relative(outDir, join(outDir, file)));
}, 120_000);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('the production build', () => {
  it('holds the gateway and the OpenAI-compatible simulator', () => {
    expect(files).toEqual(expect.arrayContaining(['src/server.js', 'src/simulator/server.js', 'src/simulator/main.js', 'src/providers/registry.js']));
  });

  it('ships no test code: no tests, no test support, nothing importing vitest', async () => {
    expect(files.filter((file) => file.startsWith('test/') || file.includes('.test.') || file.includes('/testing/'))).toEqual([]);
    const importingVitest = [];
    for (const file of files) if ((await readFile(join(outDir, file), 'utf8')).includes('vitest')) importingVitest.push(file);
    expect(importingVitest).toEqual([]);
  });

  it("ships the simulator's OpenAI routes only, none of the test-only protocol emulations", () => {
    const simulatorFiles = files.filter((file) => file.startsWith('src/simulator/'));
    expect(simulatorFiles.filter((file) => /anthropic|gemini|google|cohere|replicate|fal|hf-inference/.test(file))).toEqual([]);
  });
});
