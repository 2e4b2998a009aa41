import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, sleep, startProcess, type RunningProcess } from './child-processes.js';

/**
 * The peers the bench compares Gatewayz with, installed at pinned versions into a scratch folder
 * (bench/.peers, not committed) and started with their defaults against the same simulator.
 */
export const PORTKEY_VERSION = '1.15.2';
/** The stock install of Portkey 1.15.2 answers 500 to every stream; @hono/node-server 1.14.1 does not. */
export const PORTKEY_HONO_NODE_SERVER_OVERRIDE = '1.14.1';
/**
 * 1.108.0: past the compromised 1.107.0 release, and the newest 1.108 whose `proxy` extra resolves
 * (1.108.12 and later pin litellm-enterprise / litellm-proxy-extras post-releases the registry lacks).
 */
export const LITELLM_VERSION = '1.108.0';
const LITELLM_MASTER_KEY = 'sk-gatewayz-bench';

export interface PeerProcess {
  url: string;
  headers: Record<string, string>;
  pid: number;
  version: string;
  process: RunningProcess;
}

const run = (command: string, args: string[], cwd: string, what: string) => {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${what} failed:\n${(result.stdout + result.stderr).slice(-3_000)}`);
};

/** npm install into <peers>/portkey, with the override; skipped when that exact version is there. */
export function installPortkey(peersDirectory: string, log: (message: string) => void): string {
  const directory = join(peersDirectory, 'portkey');
  const installed = join(directory, 'node_modules/@portkey-ai/gateway/package.json');
  const manifest = {
    name: 'gatewayz-bench-peer-portkey',
    private: true,
    dependencies: { '@portkey-ai/gateway': PORTKEY_VERSION },
    overrides: { '@hono/node-server': PORTKEY_HONO_NODE_SERVER_OVERRIDE },
  };
  const wanted = `${JSON.stringify(manifest, null, 2)}\n`;
  mkdirSync(directory, { recursive: true });
  const current = existsSync(join(directory, 'package.json')) ? readFileSync(join(directory, 'package.json'), 'utf8') : '';
  if (current.trim() !== wanted.trim() || !existsSync(installed) || !readFileSync(installed, 'utf8').includes(`"version": "${PORTKEY_VERSION}"`)) {
    log(`installing Portkey ${PORTKEY_VERSION} (npm, @hono/node-server overridden to ${PORTKEY_HONO_NODE_SERVER_OVERRIDE}) into ${directory}`);
    writeFileSync(join(directory, 'package.json'), wanted);
    run('npm', ['install', '--no-audit', '--no-fund'], directory, 'npm install @portkey-ai/gateway');
  }
  return directory;
}

/** A virtualenv at <peers>/litellm with litellm[proxy]; skipped when that exact version is there. */
export function installLitellm(peersDirectory: string, log: (message: string) => void): string {
  const directory = join(peersDirectory, 'litellm');
  const python = join(directory, 'bin/python');
  const version = existsSync(python)
    ? spawnSync(python, ['-c', 'import importlib.metadata as m; print(m.version("litellm"))'], { encoding: 'utf8' }).stdout.trim()
    : '';
  const hasProxy = existsSync(python) && spawnSync(python, ['-c', 'import litellm.proxy.proxy_server'], { encoding: 'utf8' }).status === 0;
  if (version !== LITELLM_VERSION || !hasProxy) {
    log(`installing LiteLLM ${LITELLM_VERSION} (PyPI, litellm[proxy]) into ${directory}; a few minutes the first time`);
    if (!existsSync(python)) run('python3', ['-m', 'venv', directory], peersDirectory, 'python3 -m venv');
    run(join(directory, 'bin/pip'), ['install', '--quiet', `litellm[proxy]==${LITELLM_VERSION}`], peersDirectory, 'pip install litellm[proxy]');
  }
  return directory;
}

/** `node build/start-server.js --port=N --headless`: Portkey's own start command, its defaults otherwise. */
export async function startPortkey(directory: string, simulatorUrl: string): Promise<PeerProcess> {
  const port = await freePort();
  const child = startProcess('portkey', 'node', [join(directory, 'node_modules/@portkey-ai/gateway/build/start-server.js'), `--port=${port}`, '--headless'], {
    cwd: directory,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const url = `http://127.0.0.1:${port}/v1`;
  await waitForPort(`http://127.0.0.1:${port}/`, child, 30_000);
  return {
    url,
    // Portkey's header-based routing: the OpenAI provider, pointed at the simulator.
    headers: { Authorization: 'Bearer sk-simulator', 'x-portkey-provider': 'openai', 'x-portkey-custom-host': simulatorUrl },
    pid: child.pid,
    version: PORTKEY_VERSION,
    process: child,
  };
}

/** `litellm --config <one model> --port N`: one worker, no database, its defaults otherwise. */
export async function startLitellm(directory: string, simulatorUrl: string): Promise<PeerProcess> {
  const port = await freePort();
  const config = join(directory, 'bench-config.yaml');
  writeFileSync(
    config,
    [
      'model_list:',
      '  - model_name: gpt-3.5-turbo',
      '    litellm_params:',
      '      model: openai/gpt-3.5-turbo',
      `      api_base: ${simulatorUrl}`,
      '      api_key: sk-simulator',
      '',
    ].join('\n'),
  );
  const environment: NodeJS.ProcessEnv = { ...process.env, LITELLM_MASTER_KEY, LITELLM_LOCAL_MODEL_COST_MAP: 'True' };
  delete environment.DATABASE_URL; // its defaults: no database
  const child = startProcess('litellm', join(directory, 'bin/litellm'), ['--config', config, '--host', '127.0.0.1', '--port', String(port)], {
    cwd: directory,
    env: environment,
  });
  await waitForPort(`http://127.0.0.1:${port}/health/liveliness`, child, 120_000);
  return {
    url: `http://127.0.0.1:${port}/v1`,
    headers: { Authorization: `Bearer ${LITELLM_MASTER_KEY}` },
    pid: child.pid,
    version: LITELLM_VERSION,
    process: child,
  };
}

async function waitForPort(url: string, child: RunningProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.child.exitCode !== null) break;
    const answered = await fetch(url).then(
      (response) => response.status < 500,
      () => false,
    );
    if (answered) return;
    await sleep(200);
  }
  throw new Error(`${child.name} never answered ${url}. Its output:\n${child.output().slice(-4_000)}`);
}
