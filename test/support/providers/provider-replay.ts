import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { UpstreamError, type CallOptions, type ChatRequest, type ProviderAdapter, type StreamEvent } from '../../../src/providers/spec/index.js';
import { startReplayServer, type RecordedRequest, type ReplayServer } from './replay-server.js';

/**
 * One provider adapter pointed at a replay server for the tests of one file: the server starts
 * before them, forgets its requests after each, and both close at the end. `create` receives the
 * server's origin and must put the provider's own path prefix after it, so the recorded path
 * shows the route the adapter really calls.
 */
export interface ProviderReplay {
  readonly server: ReplayServer;
  readonly adapter: ProviderAdapter;
  /** The one request the adapter sent in this test. */
  sent(): RecordedRequest;
}

export function useProviderReplay(create: (origin: string) => ProviderAdapter): ProviderReplay {
  let server: ReplayServer | undefined;
  let adapter: ProviderAdapter | undefined;
  beforeAll(async () => {
    server = await startReplayServer();
    adapter = create(server.origin);
  });
  afterEach(() => {
    if (server) server.requests.length = 0;
  });
  afterAll(async () => {
    await adapter?.close?.();
    await server?.close();
  });
  return {
    get server() {
      if (!server) throw new Error('the replay server starts in beforeAll');
      return server;
    },
    get adapter() {
      if (!adapter) throw new Error('the adapter is created in beforeAll');
      return adapter;
    },
    sent() {
      expect(server?.requests).toHaveLength(1);
      return server!.requests[0]!;
    },
  };
}

/** A provider's default base URL moved onto the replay server, keeping its path (`/openai/v1`). */
export function sameRouteOn(origin: string, baseUrl: string): string {
  return `${origin}${new URL(baseUrl).pathname}`;
}

/** A fixture beside the test file: `fixtureIn(import.meta.url)('chat-completion.json')`. */
export function fixtureIn(testFileUrl: string): (name: string) => URL {
  return (name) => new URL(`./fixtures/${name}`, testFileUrl);
}

export function chatRequest(model: string): ChatRequest {
  return {
    model,
    messages: [
      { role: 'system', content: 'Answer briefly.' },
      { role: 'user', content: 'What is the capital of France?' },
    ],
    maxTokens: 64,
  };
}

export function callOptions(): CallOptions {
  return { signal: new AbortController().signal, requestId: 'inference-1' };
}

export async function collect(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const collected: StreamEvent[] = [];
  for await (const event of events) collected.push(event);
  return collected;
}

export function streamedText(events: StreamEvent[]): string {
  return events.flatMap((event) => (event.type === 'text-delta' ? [event.text] : [])).join('');
}

/** The `UpstreamError` a call rejects with; fails the test when it resolves or throws anything else. */
export async function rejection(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}
