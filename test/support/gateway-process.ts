import { spawn, type ChildProcess } from 'node:child_process';

export interface GatewayProcess {
  process: ChildProcess;
  url: string;
  output: () => string;
}

/** `src/server.ts` as its own process (as a user runs it), resolved once it listens; its output is kept. */
export async function startGatewayProcess(env: NodeJS.ProcessEnv, started: ChildProcess[]): Promise<GatewayProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start:\n${output}`)), 60_000);
    const check = () => {
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    child.once('exit', () => reject(new Error(`gateway exited:\n${output}`)));
  });
  return { process: child, url, output: () => output };
}

/** Resolves when the process has exited, even if it already had. */
export function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}
