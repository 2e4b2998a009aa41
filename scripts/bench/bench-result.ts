import type { BenchOptions } from './bench-options.js';
import type { ChunkForwardingResult } from './check-chunk-forwarding.js';
import type { MachineDescription } from './describe-machine.js';
import type { TargetCheck } from './evaluate-targets.js';
import type { TargetResult } from './measure-targets.js';
import type { SoakResult } from './soak.js';

/** The machine-readable result file, bench/out/result-<timestamp>.json. Times in ms, memory in MiB. */
export interface BenchResult {
  /** Bumped when a field changes meaning, so old files are not compared with new ones blindly. */
  schemaVersion: 2;
  resultFile: string;
  startedAt: string;
  finishedAt: string;
  /** Wall time of the whole run, build and installs included. */
  durationSeconds: number;
  options: Pick<BenchOptions, 'quick' | 'soak' | 'peers' | 'measureSeconds' | 'warmupSeconds' | 'soakWarmupSeconds' | 'soakSampleSeconds'>;
  machine: MachineDescription;
  /** `direct` first, then each Gatewayz configuration, then the peers (with their pinned versions in the label). */
  targets: TargetResult[];
  chunkForwarding: ChunkForwardingResult | undefined;
  soak: SoakResult | undefined;
  checks: TargetCheck[];
}
