import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callOptions, chatRequest } from '../../test/support/providers/provider-replay.js';
import { registerCredential, scrubbedCause, scrubCredentials } from './spec/credentials.js';
import { apiKeyVariable, baseUrlVariable, createConfiguredAdapters } from './provider-environment.js';
import { providerTable, type ProviderDefinition } from './registry.js';
import { UpstreamError, type ProviderAdapter, type StreamEvent } from './spec/index.js';

// Keys with no recognisable prefix: only scrubbing by value can catch them.
const secret = () => randomBytes(16).toString('hex');

type Mode = 'http-400' | 'http-500' | 'sse-error-event' | 'sse-malformed-event';
let mode: Mode = 'http-400';
let upstream: Server;
let origin = '';

/** Echoes everything the adapter sent that could hold a credential (URL and all headers) back into its failure. */
beforeAll(async () => {
  upstream = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const echo = JSON.stringify({ url: request.url, headers: request.headers });
      const raw = `${request.url} ${Object.values(request.headers).join(' ')}`;
      if (mode === 'http-400' || mode === 'http-500') {
        response.writeHead(mode === 'http-400' ? 400 : 500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: `Incorrect API key provided: ${raw}`, type: 'invalid_request_error', echo } }));
        return;
      }
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      if (mode === 'sse-malformed-event') {
        response.end(`data: ${raw} is not JSON\n\n`);
        return;
      }
      const error = { type: 'error', error: { type: 'overloaded_error', message: `upstream failed for ${raw}`, code: 500 }, message: raw };
      response.end(`event: error\ndata: ${JSON.stringify(error)}\n\n`);
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});

afterAll(async () => {
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
});

/** Every credential-bearing variable of a provider set to a fresh secret, its base URL on the fake upstream. */
function configure(definition: ProviderDefinition): { environment: Record<string, string>; secrets: string[] } {
  const path = definition.defaultBaseUrl === undefined ? '/v1' : new URL(definition.defaultBaseUrl).pathname;
  const environment: Record<string, string> = { [apiKeyVariable(definition)]: secret(), [baseUrlVariable(definition)]: `${origin}${path}` };
  for (const name of Object.keys(definition.extraEnv ?? {})) if (name.endsWith('_KEY')) environment[name] = secret();
  if (definition.configuredBy === 'baseUrl') environment[baseUrlVariable(definition)] += `?api_key=${secret()}`;
  const secrets = Object.values(environment).flatMap((value) => (value.startsWith('http') ? [new URL(value).searchParams.get('api_key') ?? ''] : [value]));
  return { environment, secrets: secrets.filter(Boolean) };
}

/** All text an error holds, own properties and cause chain included. */
function everyText(value: unknown, seen = new Set<unknown>()): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null || seen.has(value)) return '';
  seen.add(value);
  const names = Object.getOwnPropertyNames(value);
  if (value instanceof Error) names.push('message', 'stack', 'cause');
  return names.map((name) => everyText((value as Record<string, unknown>)[name], seen)).join('\n');
}

async function failureOf(adapter: ProviderAdapter, definition: ProviderDefinition): Promise<UpstreamError> {
  const call = definition.capabilities.includes('chat')
    ? adapter.chat(chatRequest('some-model'), callOptions())
    : adapter.generateImage!({ model: 'owner/model', prompt: 'a lighthouse' }, callOptions());
  const error = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

async function streamFailures(adapter: ProviderAdapter): Promise<unknown[]> {
  const failures: unknown[] = [];
  try {
    for await (const event of adapter.streamChat(chatRequest('some-model'), callOptions()) as AsyncIterable<StreamEvent>) {
      if (event.type === 'error') failures.push(event.error);
    }
  } catch (error) {
    failures.push(error);
  }
  return failures;
}

const definitions: readonly ProviderDefinition[] = providerTable;
const cases = definitions.map((definition) => [definition.id, definition] as const);

describe.each(cases)('credentials sent to %s', (_id, definition) => {
  let adapter: ProviderAdapter;
  let secrets: string[];
  beforeAll(() => {
    const configured = configure(definition);
    secrets = configured.secrets;
    adapter = [...createConfiguredAdapters(configured.environment).values()][0]!;
  });
  afterAll(async () => {
    await adapter.close?.();
  });

  it.each(['http-400', 'http-500'] as const)('never appear in the UpstreamError of a %s echoing them', async (status) => {
    mode = status;
    const error = await failureOf(adapter, definition);
    // The echo did arrive (so the test can fail), with the credentials cut out.
    expect(error.message).toContain('[redacted]');
    const text = everyText(error);
    for (const value of secrets) expect(text).not.toContain(value);
  });

  // Image-only providers (replicate, fal-ai) have no streams: no stream case for them, rather than a skipped one.
  if (definition.capabilities.includes('chat')) {
    it.each(['sse-error-event', 'sse-malformed-event'] as const)('never appear in the stream errors of a %s echoing them', async (kind) => {
      mode = kind;
      const failures = await streamFailures(adapter);
      expect(failures.length).toBeGreaterThan(0);
      const text = failures.map((failure) => everyText(failure)).join('\n');
      for (const value of secrets) expect(text).not.toContain(value);
    });
  }
});

describe('scrubCredentials', () => {
  it('cuts every registered value out of any text, and leaves short values alone', () => {
    const key = secret();
    registerCredential(key);
    registerCredential('abc');
    expect(scrubCredentials(`401: ${key} (${key})`)).toBe('401: [redacted] ([redacted])');
    expect(scrubCredentials('abc is not a key')).toBe('abc is not a key');
  });

  it('keeps a cause that names no credential as it is, and copies one that does, code included', () => {
    const key = secret();
    registerCredential(key);
    const clean = new Error('ECONNREFUSED');
    expect(scrubbedCause(clean)).toBe(clean);
    const leaking = Object.assign(new Error(`connect to https://user:${key}@host`, { cause: new Error(key) }), { code: 'UND_ERR_SOCKET' });
    const copy = scrubbedCause(leaking) as Error & { code: string };
    expect(copy.code).toBe('UND_ERR_SOCKET');
    expect(everyText(copy)).not.toContain(key);
  });
});
