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
