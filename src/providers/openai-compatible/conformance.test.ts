import { describe, expect, it } from 'vitest';
import { providerTable, type ProviderDefinition, type ProviderId } from '../registry.js';
import type { ChatRequest, ChatResult, FinishReason, ProviderAdapter } from '../spec/index.js';
import { callOptions, chatRequest, collect, rejection, sameRouteOn, streamedText, useProviderReplay } from '../../../test/support/providers/provider-replay.js';
import { jsonFixture, sseFixture, startReplayServer } from '../../../test/support/providers/replay-server.js';

/*
 * Every provider built on `createOpenAICompatibleAdapter`, replayed from the fixtures recorded in
 * its own folder through the adapter its `providerTable` entry builds. A row holds what the
 * provider does differently (route, headers, usage fields, error bodies); a provider with a
 * quirk no row can say keeps its own `adapter.test.ts` for that quirk alone. The rows are the
 * list: a new OpenAI-compatible provider gets a row here, and no second list exists to update.
 * The file is long because the table is data; the runner is the last 95 lines.
 */

const PARIS = 'The capital of France is Paris.';

interface ConformanceCase {
  id: ProviderId;
  apiKey: string;
  /** The provider's extra variables (`PORTKEY_PROVIDER`...), as `ProviderSettings.extras` gets them. */
  extras?: Record<string, string>;
  /** The server's path prefix where the table has no default base URL to take it from. */
  basePath?: string;
  request: ChatRequest;
  /** Replays `fixtures/chat-completion.json`. */
  chat: {
    says: string;
    /** Beyond `{ text: PARIS, finishReason: 'stop' }`. */
    result?: Partial<ChatResult>;
    usage: Record<string, unknown>;
    path: string;
    /** Defaults to `authorization: Bearer <apiKey>`. */
    headers?: Record<string, string | RegExp>;
    absentHeaders?: string[];
    /** The whole body sent; `expect.objectContaining` for the fields that matter. */
    body?: unknown;
  };
  /** Replays `fixtures/chat-completion-stream.sse.txt` in `pieceBytes` pieces. */
  stream: {
    says: string;
    pieceBytes: number;
    request?: ChatRequest;
    text?: string;
    usage: Record<string, unknown>;
    finishReason?: FinishReason;
    headers?: Record<string, string>;
    body?: unknown;
    bodyOmits?: string[];
  };
  /** Each replays a recorded error fixture; every one is an `http` failure of this provider. */
  errors: {
    says: string;
    fixture: string;
    during?: 'chat' | 'stream';
    status: number;
    isRetryable: boolean;
    retryAfterMs: number | undefined;
    upstreamMessage: string | RegExp;
    /** Text that must not reach the error's message, upstream message or stack. */
    omits?: string[];
  }[];
}

const OPENROUTER_KEY = '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';
const PORTKEY_KEY = 'pk_Jq2Xm7Wr4Lt9Vz1Nc6Hb3Pd8Js5Fy0Ga';
const OPENAI_KEY = 'sk-proj-Lk3Xq9Wm2Rt7Vz4Nc8Hb1Pd6Js0Fy5GaUe3Oi8Rn2Wq7Tz4Vc';
const XAI_KEY = 'xai-Qm3Xk8Wr2Lt7Vz4Nc9Hb1Pd6Js0Fy5GaUe3Oi8Rn2Wq7Tz4Vc1Hb6Pd';
const PORTKEY_ROUTED_KEY = 'sk-proj-Rt7Vz4Nc8Hb1Pd6Js0Fy5GaUe3Oi8Rn2Wq';
const openRouterRequest: ChatRequest = { ...chatRequest('openai/gpt-4o-mini'), temperature: 0.2, extra: { repetition_penalty: 1.1 } };
const mistralRequest = chatRequest('mistral-small-latest');

const cases: readonly ConformanceCase[] = [
  {
    id: 'openrouter',
    apiKey: OPENROUTER_KEY,
    request: openRouterRequest,
    chat: {
      says: 'parses cached prompt tokens and the raw cost, sending the attribution headers and the translated body',
      result: { toolCalls: [], responseModel: 'openai/gpt-4o-mini-2024-07-18' },
      usage: {
        inputTokens: 226,
        outputTokens: 8,
        cacheReadTokens: 1024,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
        raw: { prompt_tokens: 1250, cost: 0.0001155 },
      },
      path: '/api/v1/chat/completions',
      headers: { authorization: `Bearer ${OPENROUTER_KEY}`, 'http-referer': /^https:\/\//, 'x-title': 'Gatewayz' },
      body: {
        repetition_penalty: 1.1,
        model: 'openai/gpt-4o-mini',
        messages: [
          { role: 'system', content: 'Answer briefly.' },
          { role: 'user', content: 'What is the capital of France?' },
        ],
        max_tokens: 64,
        temperature: 0.2,
      },
    },
    stream: {
      // 7-byte pieces cut the SSE lines, the JSON and the multi-byte em dash.
      says: 'streams deltas split mid-character, then usage with cache writes',
      pieceBytes: 7,
      text: 'Paris is the capital of France — and its largest city.',
      usage: { inputTokens: 52, outputTokens: 14, cacheReadTokens: 0, cacheWriteTokens: 2048 },
      headers: { accept: 'text/event-stream' },
      body: expect.objectContaining({ stream: true, stream_options: { include_usage: true } }),
    },
    errors: [
      {
        says: 'classifies 401 as non-retryable',
        fixture: 'error-401-no-credentials.json',
        status: 401,
        isRetryable: false,
        retryAfterMs: undefined,
        upstreamMessage: 'No auth credentials found',
      },
      {
        says: 'classifies 429 as retryable with Retry-After, before a stream starts',
        fixture: 'error-429-rate-limited.json',
        during: 'stream',
        status: 429,
        isRetryable: true,
        retryAfterMs: 7000,
        upstreamMessage: /Rate limit exceeded/,
      },
    ],
  },
  {
    id: 'portkey',
    apiKey: PORTKEY_KEY,
    extras: { PORTKEY_PROVIDER: 'openai', PORTKEY_PROVIDER_API_KEY: PORTKEY_ROUTED_KEY },
    request: chatRequest('gpt-4o-mini'),
    chat: {
      says: 'sends its own key as x-portkey-api-key and the routed provider with that provider key',
      result: { responseModel: 'gpt-4o-mini-2024-07-18' },
      usage: { inputTokens: 48, outputTokens: 8, cacheReadTokens: 0 },
      path: '/v1/chat/completions',
      headers: { 'x-portkey-api-key': PORTKEY_KEY, 'x-portkey-provider': 'openai', authorization: `Bearer ${PORTKEY_ROUTED_KEY}` },
      absentHeaders: ['x-portkey-virtual-key'],
    },
    stream: { says: 'streams the routed provider chunks', pieceBytes: 47, usage: { inputTokens: 48, outputTokens: 8 } },
    errors: [
      {
        says: "reads Portkey's own `{status: failure}` body",
        fixture: 'error-400-missing-provider.json',
        status: 400,
        isRetryable: false,
        retryAfterMs: undefined,
        upstreamMessage: 'Either x-portkey-config or x-portkey-provider header is required',
      },
    ],
  },
  {
    id: 'featherless-ai',
    apiKey: 'rc_4f9a2d7e1b8c3f6a0d5e9b2c7f1a4d8e3b6c0f5a9d2e7b1c',
    request: chatRequest('meta-llama/Meta-Llama-3.1-8B-Instruct'),
    chat: { says: 'parses a completion', result: { toolCalls: [] }, usage: { inputTokens: 48, outputTokens: 8 }, path: '/v1/chat/completions' },
    stream: { says: 'streams text', pieceBytes: 43, usage: { inputTokens: 48, outputTokens: 8 } },
    errors: [
      {
        says: 'classifies a concurrency-limit 429 as retryable (another provider can take the call)',
        fixture: 'error-429-concurrency.json',
        status: 429,
        isRetryable: true,
        retryAfterMs: undefined,
        upstreamMessage: /^Concurrency limit exceeded/,
      },
    ],
  },
  {
    id: 'together',
    apiKey: 'tgp_v1_Hq3Zr8Nw2Lx7Pc5Vb0Tk9Ms4Jd6Fg1Ya8Ue3Oi2Rn7Wq',
    request: chatRequest('meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo'),
    chat: {
      says: 'parses a completion that finished with "eos" as a stop',
      result: { toolCalls: [], responseModel: 'meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo' },
      usage: { inputTokens: 48, outputTokens: 9, cacheReadTokens: 0 },
      path: '/v1/chat/completions',
    },
    stream: {
      says: 'streams the delta text (not the duplicate `text` field), then usage from the last chunk',
      pieceBytes: 13,
      usage: { inputTokens: 48, outputTokens: 9 },
    },
    errors: [
      {
        says: 'classifies an overloaded engine (503) as retryable',
        fixture: 'error-503-overloaded.json',
        during: 'stream',
        status: 503,
        isRetryable: true,
        retryAfterMs: 1000,
        upstreamMessage: 'The server is overloaded or not ready yet.',
      },
    ],
  },
  {
    id: 'fireworks-ai',
    apiKey: 'fw_3Kd9Qm2Xr7Lp4Vz8Nc1Tb6Hs0Wj5Yf',
    request: chatRequest('accounts/fireworks/models/llama-v3p1-8b-instruct'),
    chat: {
      says: 'parses cached prompt tokens',
      result: { toolCalls: [] },
      usage: { inputTokens: 53, outputTokens: 8, cacheReadTokens: 1024 },
      path: '/inference/v1/chat/completions',
      body: expect.objectContaining({ model: 'accounts/fireworks/models/llama-v3p1-8b-instruct' }),
    },
    stream: {
      says: 'streams a reply cut at max_tokens, with usage on the same last chunk',
      pieceBytes: 9,
      usage: { inputTokens: 53, outputTokens: 8, cacheReadTokens: 1024 },
      finishReason: 'length',
    },
    errors: [
      {
        says: 'returns a prompt longer than the context as a non-retryable 400',
        fixture: 'error-400-context-length.json',
        status: 400,
        isRetryable: false,
        retryAfterMs: undefined,
        upstreamMessage: 'The prompt is too long: 140211, model maximum context length: 131072',
      },
    ],
  },
  {
    id: 'groq',
    apiKey: 'gsk_W3q8Lr0Xv5Tn2Kp9Ys6Hd1Fb4Jc7Mg0Za3Ue8Qi5No2Rt9Vw',
    request: chatRequest('llama-3.1-8b-instant'),
    chat: {
      says: 'parses a completion and keeps its queue_time in the raw usage',
      result: { toolCalls: [], responseModel: 'llama-3.1-8b-instant' },
      usage: { inputTokens: 48, outputTokens: 8, cacheReadTokens: 0, raw: { queue_time: 0.018734562 } },
      path: '/openai/v1/chat/completions',
      body: expect.objectContaining({ model: 'llama-3.1-8b-instant', max_tokens: 64 }),
    },
    stream: {
      says: 'reads stream usage from x_groq.usage on the last chunk',
      pieceBytes: 11,
      usage: { inputTokens: 48, outputTokens: 8, raw: expect.objectContaining({ total_time: 0.008968194 }) },
      body: expect.objectContaining({ stream: true, stream_options: { include_usage: true } }),
    },
    errors: [
      {
        says: 'classifies a tokens-per-minute 429 as retryable after Retry-After',
        fixture: 'error-429-rate-limited.json',
        status: 429,
        isRetryable: true,
        retryAfterMs: 3000,
        upstreamMessage: /^Rate limit reached for model `llama-3.1-8b-instant`/,
      },
    ],
  },
  {
    id: 'deepinfra',
    apiKey: 'Xb7Qk2Lm9Rt4Vw8Zc1Nd6Hp3Js0Fy5Ga',
    request: chatRequest('meta-llama/Meta-Llama-3.1-8B-Instruct'),
    chat: {
      says: 'parses a completion and keeps its estimated cost in the raw usage',
      result: { toolCalls: [] },
      usage: { inputTokens: 48, outputTokens: 8, raw: { estimated_cost: 0.00000168 } },
      path: '/v1/openai/chat/completions',
    },
    stream: { says: 'streams text', pieceBytes: 17, usage: { inputTokens: 48, outputTokens: 8 } },
    errors: [
      {
        says: 'reads the message out of its `{"detail": {"error"}}` body',
        fixture: 'error-403-not-authenticated.json',
        status: 403,
        isRetryable: false,
        retryAfterMs: undefined,
        upstreamMessage: 'Not authenticated',
      },
    ],
  },
  {
    id: 'novita',
    apiKey: 'sk_Rq4Wn8Zt2Xm6Lp0Vc3Hb7Kd1Js5Fy9Ga',
    request: chatRequest('meta-llama/llama-3.1-8b-instruct'),
    chat: {
      says: 'parses a completion with null token details',
      result: { toolCalls: [] },
      usage: { inputTokens: 48, outputTokens: 8, cacheReadTokens: 0, reasoningTokens: 0 },
      path: '/v3/openai/chat/completions',
    },
    stream: { says: 'streams text, then the usage-only chunk after finish_reason', pieceBytes: 23, usage: { inputTokens: 48, outputTokens: 8 } },
    errors: [
      {
        says: 'reads the message of its `{code, reason, message}` body and does not retry a 403',
        fixture: 'error-403-verification.json',
        status: 403,
        isRetryable: false,
        retryAfterMs: undefined,
        upstreamMessage: /requires identity verification/,
      },
    ],
  },
  {
    id: 'cerebras',
    apiKey: 'csk-9fk2m4x8q1w7r3t6y0p5v2n8b4c1d7h3',
    request: chatRequest('llama3.1-8b'),
    chat: {
      says: 'parses a completion with cached prompt tokens and its time_info',
      result: { responseModel: 'llama3.1-8b' },
      usage: { inputTokens: 48, outputTokens: 8, cacheReadTokens: 1024 },
      path: '/v1/chat/completions',
    },
    stream: {
      says: 'streams chunks that omit finish_reason until the last',
      pieceBytes: 19,
      usage: { inputTokens: 48, outputTokens: 8, cacheReadTokens: 1024 },
    },
    errors: [
      {
        says: 'reads the top-level message of its error body and does not retry a 401',
        fixture: 'error-401-wrong-key.json',
        status: 401,
        isRetryable: false,
        retryAfterMs: undefined,
        upstreamMessage: 'Wrong API Key',
      },
    ],
  },
  {
    id: 'nscale',
    apiKey: 'ns_Wd5Kq9Xm2Lr7Tz4Vc8Nb1Hp6Js3Fy0Ga',
    request: chatRequest('meta-llama/Llama-3.1-8B-Instruct'),
    chat: {
      says: 'parses a completion',
      result: { toolCalls: [] },
      usage: { inputTokens: 48, outputTokens: 8, cacheReadTokens: 0 },
      path: '/v1/chat/completions',
    },
    stream: { says: 'streams text', pieceBytes: 29, usage: { inputTokens: 48, outputTokens: 8 } },
    errors: [
      {
        says: 'returns an unknown model as a non-retryable 404',
        fixture: 'error-404-model.json',
        status: 404,
        isRetryable: false,
        retryAfterMs: undefined,
        upstreamMessage: /does not exist/,
      },
    ],
  },
  {
    id: 'mistral',
    apiKey: 'Zp4Xq8Lm2Wr6Tn0Vc3Hb7Kd1Js5Fy9G',
    request: mistralRequest,
    chat: {
      says: 'parses a completion',
      result: { toolCalls: [], responseModel: 'mistral-small-latest' },
      usage: { inputTokens: 17, outputTokens: 8 },
      path: '/v1/chat/completions',
    },
    stream: {
      says: 'streams without sending stream_options, which Mistral rejects, even when the caller asks',
      pieceBytes: 7,
      request: { ...mistralRequest, extra: { stream_options: { include_usage: true } } },
      usage: { inputTokens: 17, outputTokens: 8 },
      body: expect.objectContaining({ stream: true }),
      bodyOmits: ['stream_options'],
    },
    errors: [
      // 1734 is the rejected logit_bias token id, part of the caller's input the 422 echoes.
      {
        says: 'reads the validation problems nested under `message` of a 422, without echoing the input',
        fixture: 'error-422-extra-inputs.json',
        status: 422,
        isRetryable: false,
        retryAfterMs: undefined,
        upstreamMessage: 'body.logit_bias: Extra inputs are not permitted',
        omits: ['1734'],
      },
    ],
  },
  {
    id: 'deepseek',
    apiKey: 'sk-5d8e2f9a1b4c7d0e3f6a9b2c5d8e1f4a',
    request: chatRequest('deepseek-chat'),
    chat: {
      says: 'parses a completion with context-cache hits',
      result: { responseModel: 'deepseek-chat' },
      usage: { inputTokens: 24, outputTokens: 8, cacheReadTokens: 1088, raw: { prompt_cache_miss_tokens: 24 } },
      path: '/chat/completions',
    },
    stream: {
      says: 'counts prompt_cache_hit_tokens as cache reads in a stream whose usage has no prompt_tokens_details',
      pieceBytes: 31,
      usage: { inputTokens: 24, outputTokens: 8, cacheReadTokens: 1088, raw: expect.not.objectContaining({ prompt_tokens_details: expect.anything() }) },
    },
    errors: [
      {
        says: 'returns insufficient balance (402) at once, not retried',
        fixture: 'error-402-insufficient-balance.json',
        status: 402,
        isRetryable: false,
        retryAfterMs: undefined,
        upstreamMessage: 'Insufficient Balance',
      },
    ],
  },
  {
    id: 'openai',
    apiKey: OPENAI_KEY,
    request: chatRequest('gpt-4o-mini'),
    chat: {
      says: 'parses a completion with cached tokens',
      result: { toolCalls: [], responseModel: 'gpt-4o-mini-2024-07-18' },
      usage: { inputTokens: 98, outputTokens: 8, cacheReadTokens: 1152, reasoningTokens: 0 },
      path: '/v1/chat/completions',
    },
    stream: {
      says: 'streams text, then the usage-only chunk include_usage asks for',
      pieceBytes: 37,
      usage: { inputTokens: 98, outputTokens: 8, cacheReadTokens: 1152 },
      body: expect.objectContaining({ stream_options: { include_usage: true } }),
    },
    errors: [
      // OpenAI echoes the key masked after its `sk-proj-` prefix.
      {
        says: 'returns an invalid key (401) at once, with neither the key nor its masked echo leaking',
        fixture: 'error-401-invalid-key.json',
        status: 401,
        isRetryable: false,
        retryAfterMs: undefined,
        upstreamMessage: /^Incorrect API key provided/,
        omits: [OPENAI_KEY.slice(8)],
      },
    ],
  },
  {
    id: 'xai',
    apiKey: XAI_KEY,
    request: chatRequest('grok-3-mini'),
    chat: {
      // 26 + 6 + 299 is the usage's total_tokens (331): nothing billed twice, nothing dropped.
      says: 'adds reasoning tokens, which xAI leaves out of completion_tokens, to the output',
      result: { responseModel: 'grok-3-mini' },
      usage: { inputTokens: 26, cacheReadTokens: 6, outputTokens: 299, reasoningTokens: 291 },
      path: '/v1/chat/completions',
    },
    stream: { says: 'streams only the answer text, not reasoning_content', pieceBytes: 41, usage: { outputTokens: 299, reasoningTokens: 291 } },
    errors: [
      {
        says: 'reads the message of its `{code, error}` body, which echoes only a masked key',
        fixture: 'error-400-invalid-argument.json',
        status: 400,
        isRetryable: false,
        retryAfterMs: undefined,
        upstreamMessage: /^Incorrect API key provided: xai-x1\*{4}dmbf\./,
        omits: [XAI_KEY.slice(4)],
      },
    ],
  },
  {
    // vLLM's default: no key, served under /v1.
    id: 'openai-compatible',
    apiKey: '',
    basePath: '/v1',
    request: chatRequest('meta-llama/Llama-3.1-8B-Instruct'),
    chat: {
      says: 'parses a vLLM completion, calling the configured base URL without an Authorization header',
      result: { toolCalls: [], responseModel: 'meta-llama/Llama-3.1-8B-Instruct' },
      usage: { inputTokens: 48, outputTokens: 8, cacheReadTokens: 0 },
      path: '/v1/chat/completions',
      headers: {},
      absentHeaders: ['authorization'],
    },
    stream: { says: 'streams a reply cut at max_tokens', pieceBytes: 5, usage: { inputTokens: 48, outputTokens: 8 }, finishReason: 'length' },
    errors: [
      {
        says: "reads vLLM's top-level error message for an unknown model (404, not retried)",
        fixture: 'error-404-model.json',
        status: 404,
        isRetryable: false,
        retryAfterMs: undefined,
        upstreamMessage: 'The model `llama-3.1-8b` does not exist.',
      },
    ],
  },
];

const definitions: readonly ProviderDefinition[] = providerTable;

/** The adapter the provider table builds for this row, served from `origin`. */
function createAdapter(row: ConformanceCase, origin: string): ProviderAdapter {
  const definition = definitions.find((candidate) => candidate.id === row.id);
  const defaultBaseUrl = definition?.defaultBaseUrl;
  const baseUrl = row.basePath !== undefined ? `${origin}${row.basePath}` : defaultBaseUrl && sameRouteOn(origin, defaultBaseUrl);
  if (!definition || !baseUrl) throw new Error(`${row.id}: no table entry, or no base URL to serve it under`);
  return definition.create({ apiKey: row.apiKey, baseUrl, extras: row.extras ?? {} });
}

function expectText(actual: unknown, expected: string | RegExp): void {
  if (typeof expected === 'string') expect(actual).toBe(expected);
  else expect(actual).toMatch(expected);
}

for (const row of cases) {
  describe(`${row.id} adapter (OpenAI-compatible conformance)`, () => {
    const fixture = (name: string) => new URL(`../${row.id}/fixtures/${name}`, import.meta.url);
    const replay = useProviderReplay((origin) => createAdapter(row, origin));

    describe('happy path', () => {
      it(`${row.chat.says}, sent to ${row.chat.path}`, async () => {
        replay.server.reply(jsonFixture(fixture('chat-completion.json')));
        const result = await replay.adapter.chat(row.request, callOptions());

        expect(result).toMatchObject({ text: PARIS, finishReason: 'stop', ...row.chat.result });
        expect(result.usage).toMatchObject(row.chat.usage);
        const sent = replay.sent();
        expect(sent.method).toBe('POST');
        expect(sent.path).toBe(row.chat.path);
        for (const [name, value] of Object.entries(row.chat.headers ?? { authorization: `Bearer ${row.apiKey}` })) expectText(sent.headers[name], value);
        for (const name of row.chat.absentHeaders ?? []) expect(sent.headers).not.toHaveProperty(name);
        if (row.chat.body !== undefined) expect(sent.body).toEqual(row.chat.body);
      });

      it(`${row.stream.says}, then usage and finish`, async () => {
        replay.server.reply(sseFixture(fixture('chat-completion-stream.sse.txt'), row.stream.pieceBytes));
        const events = await collect(replay.adapter.streamChat(row.stream.request ?? row.request, callOptions()));

        expect(streamedText(events)).toBe(row.stream.text ?? PARIS);
        expect(events.slice(-2)).toEqual([
          { type: 'usage', usage: expect.objectContaining(row.stream.usage) },
          { type: 'finish', finishReason: row.stream.finishReason ?? 'stop' },
        ]);
        const sent = replay.sent();
        for (const [name, value] of Object.entries(row.stream.headers ?? {})) expect(sent.headers[name]).toBe(value);
        if (row.stream.body !== undefined) expect(sent.body).toEqual(row.stream.body);
        for (const field of row.stream.bodyOmits ?? []) expect(sent.body).not.toHaveProperty(field);
      });
    });

    describe('error path', () => {
      for (const failure of row.errors) {
        it(failure.says, async () => {
          replay.server.reply(jsonFixture(fixture(failure.fixture)));
          const call =
            failure.during === 'stream' ? collect(replay.adapter.streamChat(row.request, callOptions())) : replay.adapter.chat(row.request, callOptions());
          const error = await rejection(call);

          expect(error).toMatchObject({
            provider: row.id,
            kind: 'http',
            status: failure.status,
            isRetryable: failure.isRetryable,
            retryAfterMs: failure.retryAfterMs,
          });
          expectText(error.upstreamMessage, failure.upstreamMessage);
          for (const text of failure.omits ?? []) expect(JSON.stringify([error.message, error.upstreamMessage, error.stack])).not.toContain(text);
        });
      }

      it('classifies a 200 answer that is not JSON as a non-retryable protocol error', async () => {
        replay.server.reply({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"id":"gen-1","choices":[' });
        const error = await rejection(replay.adapter.chat(row.request, callOptions()));
        expect(error).toMatchObject({ provider: row.id, kind: 'protocol', isRetryable: false });
      });

      it('classifies a refused connection as a retryable connect error', async () => {
        const closed = await startReplayServer();
        await closed.close();
        const unreachable = createAdapter(row, closed.origin);
        const error = await rejection(unreachable.chat(row.request, callOptions()));
        await unreachable.close?.();
        expect(error).toMatchObject({ provider: row.id, kind: 'connect', isRetryable: true });
      });
    });

    // A keyless self-hosted server has no key to leak.
    if (row.apiKey) {
      describe('security', () => {
        it('never lets the API key reach an error, even when the upstream echoes it', async () => {
          const echoed = { error: { code: 401, message: `Invalid key ${row.apiKey} (header: Bearer ${row.apiKey})` } };
          replay.server.reply({ status: 401, headers: { 'content-type': 'application/json' }, body: JSON.stringify(echoed) });
          const error = await rejection(replay.adapter.chat(row.request, callOptions()));

          expect(error.upstreamMessage).toContain('[redacted]');
          for (const text of [error.message, error.upstreamMessage, error.stack, JSON.stringify(error)]) expect(text).not.toContain(row.apiKey.slice(10));
        });
      });
    }
  });
}
