import { readFileSync } from 'node:fs';

/** Resident set size of a process in KiB, from /proc/<pid>/status (Linux only); undefined elsewhere. */
export function readResidentKibibytes(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = status.match(/^VmRSS:\s+(\d+)\s+kB/m);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * RSS of a process plus all its descendants (a peer may run workers as child processes), in KiB.
 * Shared pages count once per process, so this is an upper bound for multi-process servers.
 */
export function readTreeResidentKibibytes(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  const own = readResidentKibibytes(pid);
  if (own === undefined) return undefined;
  let total = own;
  for (const child of childPids(pid)) total += readTreeResidentKibibytes(child) ?? 0;
  return total;
}

function childPids(pid: number): number[] {
  try {
    const tasks = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    return tasks === '' ? [] : tasks.split(/\s+/).map(Number);
  } catch {
    return [];
  }
}
