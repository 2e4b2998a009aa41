import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg, release, totalmem } from 'node:os';

export interface MachineDescription {
  cpus: number;
  cpuModel: string;
  memoryGibibytes: number;
  kernel: string;
  node: string;
  wrk: string;
  /** 1-minute load average when the bench started: other work on the machine skews every figure. */
  loadAverage: number;
  /** The same at the end: a number well above 0 here means something else ran during the bench. */
  loadAverageAtEnd?: number;
  /** 1-minute load average sampled every 10 s during the run (the bench's own load included). */
  loadAverageDuring?: { min: number; max: number; mean: number };
  /** The other processes' CPU share at the start: `uptime`-style 1, 5 and 15 minute averages. */
  loadAverages: [number, number, number];
  date: string;
}

export function describeMachine(wrkVersion: string, loadAverage: number): MachineDescription {
  let cpuModel = 'unknown';
  try {
    cpuModel =
      readFileSync('/proc/cpuinfo', 'utf8')
        .match(/^model name\s*:\s*(.+)$/m)?.[1]
        ?.trim() ?? cpuModel;
  } catch {
    // Not Linux: the model stays unknown, the rest still describes the machine.
  }
  return {
    cpus: availableParallelism(),
    cpuModel,
    memoryGibibytes: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    kernel: release(),
    node: process.version,
    wrk: wrkVersion,
    loadAverage,
    loadAverages: loadavg().map((value) => Math.round(value * 100) / 100) as [number, number, number],
    date: new Date().toISOString(),
  };
}

export function currentLoadAverage(): number {
  return Math.round((loadavg()[0] ?? 0) * 100) / 100;
}
