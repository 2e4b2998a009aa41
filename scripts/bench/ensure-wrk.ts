import { spawnSync } from 'node:child_process';

/**
 * wrk from Debian's packages: a C load generator leaves the two cores to the system under test,
 * where a Node one would take a core's worth of JavaScript for itself. Returns wrk's version line.
 */
export function ensureWrk(options: { skipInstall: boolean }): string {
  const found = wrkVersion();
  if (found !== undefined) return found;
  if (options.skipInstall) throw new Error(missingMessage('BENCH_SKIP_INSTALL is set'));
  if (process.getuid?.() !== 0) throw new Error(missingMessage('installing it needs root'));
  console.log('bench: wrk is missing; installing it from Debian packages (apt-get install wrk)');
  const environment = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'wrk'], { stdio: 'inherit', env: environment });
  // A fresh machine has no package lists yet: update once, then try again.
  if (install().status !== 0) {
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env: environment });
    install();
  }
  const installed = wrkVersion();
  if (installed === undefined) throw new Error(missingMessage('apt-get install wrk failed'));
  return installed;
}

function wrkVersion(): string | undefined {
  // `wrk -v` prints its version, then its usage, and exits 1: only "not found" means missing.
  const result = spawnSync('wrk', ['-v'], { encoding: 'utf8' });
  if (result.error) return undefined;
  const firstLine = `${result.stdout}${result.stderr}`.split('\n')[0] ?? '';
  return firstLine.replace(/\s*Copyright.*$/, '').trim() || 'wrk (unknown version)';
}

function missingMessage(reason: string): string {
  return (
    `wrk is not installed and ${reason}. Install it with \`apt-get install wrk\` and run again. ` +
    'autocannon, the fallback load generator, is not a dependency of this project either, so the bench stops here.'
  );
}
