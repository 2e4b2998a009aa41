import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

/**
 * The published @huggingface/inference, fetched from npm at test time and given the Gatewayz
 * helper by integrations/huggingface.js/apply.mjs (dist mode). Its two dependencies come from our
 * own install, so resolution matches what a user gets.
 */
export function installPatchedInference(version: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'gatewayz-hfjs-'));
  const modules = join(dir, 'node_modules', '@huggingface');
  mkdirSync(modules, { recursive: true });
  execFileSync('npm', ['pack', `@huggingface/inference@${version}`, '--pack-destination', dir, '--silent'], { stdio: 'pipe', timeout: 120_000 });
  const tarball = readdirSync(dir).find((name) => name.endsWith('.tgz'))!;
  mkdirSync(join(modules, 'inference'));
  execFileSync('tar', ['-xzf', join(dir, tarball), '-C', join(modules, 'inference'), '--strip-components=1']);
  for (const dependency of ['tasks', 'jinja']) symlinkSync(join(root, 'node_modules', '@huggingface', dependency), join(modules, dependency));
  execFileSync('node', [join(root, 'integrations/huggingface.js/apply.mjs'), 'dist', join(modules, 'inference')], { stdio: 'pipe' });
  return join(modules, 'inference', 'dist', 'esm', 'index.js');
}

/**
 * The published huggingface_hub wheel, downloaded from PyPI at test time and unpacked, with the
 * Gatewayz helper added by integrations/huggingface_hub/apply.py. Returns the PYTHONPATH to use.
 */
export function installPatchedHub(python: string, version: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'gatewayz-hfhub-'));
  execFileSync(python, ['-m', 'pip', 'download', `huggingface_hub==${version}`, '--no-deps', '--only-binary', ':all:', '-d', dir, '-q'], { stdio: 'pipe', timeout: 120_000 });
  const wheel = readdirSync(dir).find((name) => name.endsWith('.whl'))!;
  const site = join(dir, 'site');
  execFileSync(python, ['-m', 'zipfile', '-e', join(dir, wheel), site]);
  execFileSync(python, [join(root, 'integrations/huggingface_hub/apply.py'), 'package', join(site, 'huggingface_hub')], { stdio: 'pipe' });
  return site;
}
