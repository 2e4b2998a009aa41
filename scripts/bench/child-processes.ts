import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * Every process the bench starts, so that all of them die with it: at the end, on an error and on
 * Ctrl-C. A gateway left running would hold its port and its PGlite data directory lock.
 */
export interface RunningProcess {
  readonly name: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far, for parsing and for error messages. */
  output(): string;
  /** Resolves with the exit code (or signal name) once the process has exited. */
  readonly exited: Promise<number | string>;
  stop(): Promise<void>;
}

const running = new Set<RunningProcess>();
const tasksetAvailable = spawnSync('taskset', ['-V']).status === 0;

export function pinningAvailable(cpuCount: number): boolean {
  return tasksetAvailable && cpuCount >= 2;
}

export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cpu?: number; cwd?: string } = {},
): RunningProcess {
  // taskset execs the command, so the pid stays the pid of the process under test (for /proc reads).
  const pinned = options.cpu !== undefined && tasksetAvailable;
  const child = spawn(pinned ? 'taskset' : command, pinned ? ['-c', String(options.cpu), command, ...args] : args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`could not start ${name} (${command})`);
  // Bounded, and cheap per write: a gateway logging at info writes tens of MB a minute, and the
  // bench shares the cores with it, so chunks are kept as they come and joined only when read.
  const pieces: Buffer[] = [];
  let bytes = 0;
  const append = (piece: Buffer) => {
    pieces.push(piece);
    bytes += piece.length;
    while (bytes - (pieces[0]?.length ?? 0) > 200_000) bytes -= pieces.shift()!.length;
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const runningProcess: RunningProcess = {
    name,
    pid: child.pid,
    child,
    output: () => Buffer.concat(pieces).toString('utf8'),
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(killer);
      }
      running.delete(runningProcess);
    },
  };
  running.add(runningProcess);
  void exited.then(() => running.delete(runningProcess));
  return runningProcess;
}

export async function stopAllProcesses(): Promise<void> {
  await Promise.all([...running].map((child) => child.stop()));
}

/** Last resort from an `exit` handler, where nothing asynchronous runs any more. */
export function killAllProcessesNow(): void {
  for (const child of running) child.child.kill('SIGKILL');
  running.clear();
}

/** Resolves when `pattern` appears in the process's output; rejects if it exits or time runs out first. */
export async function waitForOutput(child: RunningProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  let exitedWith: number | string | undefined;
  void child.exited.then((code) => (exitedWith = code));
  while (Date.now() < deadline) {
    const match = child.output().match(pattern);
    if (match) return match;
    if (exitedWith !== undefined) break;
    await sleep(50);
  }
  const reason = exitedWith === undefined ? `nothing matching ${pattern} within ${timeoutMs} ms` : `it exited (${exitedWith})`;
  throw new Error(`${child.name} did not start: ${reason}. Its output:\n${child.output().slice(-4_000)}`);
}

/** A port free right now on loopback; the bench never uses fixed ports, so it runs beside other servers. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
