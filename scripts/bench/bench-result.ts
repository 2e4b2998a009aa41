import type { BenchOptions } from './bench-options.js';
import type { ChunkForwardingResult } from './check-chunk-forwarding.js';
import type { MachineDescription } from './describe-machine.js';
import type { TargetCheck } from './evaluate-targets.js';
import type { ModeResult } from './measure-mode.js';
import type { SoakResult } from './soak.js';

/** The machine-readable result file, bench/out/result-<timestamp>.json. Times in ms, memory in MiB. */
export interface BenchResult {
  /** Bumped when a field changes meaning, so old files are not compared with new ones blindly. */
  schemaVersion: 1;
  resultFile: string;
  startedAt: string;
  finishedAt: string;
  options: Pick<BenchOptions, 'quick' | 'soak' | 'measureSeconds' | 'warmupSeconds' | 'soakWarmupSeconds' | 'soakSampleSeconds'>;
  machine: MachineDescription;
  modes: ModeResult[];
  chunkForwarding: ChunkForwardingResult | undefined;
  soak: SoakResult | undefined;
  targets: TargetCheck[];
}
