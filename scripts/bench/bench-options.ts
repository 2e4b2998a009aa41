import { resolve } from 'node:path';

/** What one `npm run bench` invocation measures and where it writes. */
export interface BenchOptions {
  /** Short durations and one ledger mode: checks the harness, proves nothing about speed. */
  quick: boolean;
  /** Adds the sustained run that checks whether the gateway's RSS plateaus. */
  soak: boolean;
  /** Adds Portkey and LiteLLM (installed into `peersDirectory` at pinned versions) to the side-by-side run. */
  peers: boolean;
  peersDirectory: string;
  /** Length of each measured run; every run happens twice, interleaved with its direct twin. */
  measureSeconds: number;
  warmupSeconds: number;
  /** The sustained run: a warm-up, then three measured minutes compared minute 2 against minute 3. */
  soakWarmupSeconds: number;
  soakMeasuredSeconds: number;
  soakSampleSeconds: number;
  /** When wrk is missing, fail instead of installing it from Debian's packages. */
  skipInstall: boolean;
  outputDirectory: string;
  /** Where the Markdown table goes: the committed bench/RESULTS.md only for full runs. */
  markdownPath: string | undefined;
  databaseUrl: string | undefined;
}

const usage = `usage: npm run bench [-- --quick] [-- --peers] [-- --soak] [-- --out <directory>]
  --quick   1-second runs, durable PGlite only (a smoke test of the harness, not a benchmark)
  --peers   also measure Portkey and LiteLLM, installed at pinned versions into bench/.peers
  --soak    add the ~3.5-minute sustained run that checks the gateway's RSS plateaus
  --out     directory for result-<timestamp>.json (default bench/out)`;

export function parseBenchOptions(argv: string[], environment: NodeJS.ProcessEnv, root: string): BenchOptions {
  let quick = false;
  let soak = false;
  let peers = false;
  let outputDirectory = resolve(root, 'bench/out');
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === '--quick') quick = true;
    else if (argument === '--soak') soak = true;
    else if (argument === '--peers') peers = true;
    else if (argument === '--out' && argv[index + 1] !== undefined) outputDirectory = resolve(argv[(index += 1)] as string);
    else if (argument === '--help' || argument === '-h') {
      console.log(usage);
      process.exit(0);
    } else throw new Error(`unknown argument ${argument}\n${usage}`);
  }
  const skipInstall = environment.BENCH_SKIP_INSTALL === '1' || environment.BENCH_SKIP_INSTALL === 'true';
  return {
    quick,
    soak,
    peers,
    peersDirectory: resolve(root, 'bench/.peers'),
    measureSeconds: quick ? 1 : 5,
    warmupSeconds: quick ? 1 : 3,
    soakWarmupSeconds: quick ? 2 : 30,
    soakMeasuredSeconds: quick ? 6 : 180,
    soakSampleSeconds: quick ? 1 : 10,
    skipInstall,
    outputDirectory,
    // A quick run must not overwrite the committed figures of a real one.
    markdownPath: quick ? undefined : resolve(root, 'bench/RESULTS.md'),
    databaseUrl: quick ? undefined : environment.DATABASE_URL || undefined,
  };
}
