import type { BenchOptions } from './bench-options.js';

/** What every measurement step needs to know about this run. */
export interface BenchContext {
  root: string;
  options: BenchOptions;
  /** Where the wrk Lua scripts are written: a temporary directory removed at the end. */
  scriptDirectory: string;
}

export const mebibytes = (kibibytes: number | undefined) => (kibibytes === undefined ? Number.NaN : Math.round((kibibytes / 1024) * 10) / 10);
