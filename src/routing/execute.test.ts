import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openPipelineHarness } from '../../test/support/pipeline-harness.js';
import { finish, scriptedAdapter, text, usage, type Behaviour, type ScriptedAdapter } from '../../test/support/scripted-adapter.js';
import { GatewayError } from '../errors.js';
import { UpstreamError } from '../providers/spec/index.js';
import { AttemptSignals } from './attempt-deadline.js';
import type { PipelineServices } from './call-context.js';
import type { ChatCall } from './call.js';
import type { ChatStreamPart } from './chat-stream.js';
import { execute, stream } from './execute.js';
import type { ForwardingPlan } from './call-context.js';

// The pipeline's own tests: the real pipeline, resolver, breakers and ledger (over in-memory
// PGlite), with scripted upstreams in place of providers. llama-3.1-8b-instruct is served by
// openrouter and groq, in that order.
const MODEL = 'llama-3.1-8b-instruct';

let harness: Awaited<ReturnType<typeof openPipelineHarness>>;
beforeAll(async () => {
  harness = await openPipelineHarness();
});
afterAll(() => harness.database.close());

let client: AttemptSignals;
beforeEach(() => {
  client = new AttemptSignals();
});

const pipelineOver = (...adapters: ScriptedAdapter[]) => harness.pipelineOver(...adapters);
const contextOf = (services: PipelineServices) => harness.contextOf(services, client);
const rowOf = (requestId: string) => harness.rowOf(requestId);

const call = (modelName: string | undefined = MODEL): ChatCall => ({
  operation: 'chat',
  task: 'conversational',
  modelName,
  request: (target) => ({ model: target.providerModel, messages: [{ role: 'user', content: 'Hello there' }] }),
});

async function failureOf(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(GatewayError);
  return error as GatewayError;
}

async function collect(parts: AsyncIterable<ChatStreamPart>): Promise<ChatStreamPart[]> {
  const seen: ChatStreamPart[] = [];
  for await (const part of parts) seen.push(part);
  return seen;
}

describe('resolution', () => {
  it('refuses an unknown model with a 404 before anything is sent or recorded', async () => {
    const openrouter = scriptedAdapter('openrouter', [{ answer: 'hi' }]);
    const context = contextOf(await pipelineOver(openrouter));
    const error = await failureOf(execute(context, call('no-such-model')));
    expect(error.status).toBe(404);
    expect(openrouter.requests).toHaveLength(0);
    expect(await rowOf(context.inferenceId)).toBeUndefined();
  });

  it("uses the task's default model when the call names none, and sends each provider its own model id", async () => {
    const openrouter = scriptedAdapter('openrouter', [{ answer: 'hi' }]);
    const completed = await execute(contextOf(await pipelineOver(openrouter)), call(undefined));
    expect(completed.provider).toBe('openrouter');
    expect(openrouter.requests[0]!.model).toBe(completed.model.providers.openrouter);
  });
});

describe('attempts and fallback', () => {
  it('retries a retryable failure, then falls back to the next provider in catalog order; only the served call is billed', async () => {
    const openrouter = scriptedAdapter('openrouter', [{ fail: 500 }]);
    const groq = scriptedAdapter('groq', [{ answer: 'from groq', usage: { inputTokens: 100, outputTokens: 50 } }]);
    const services = await pipelineOver(openrouter, groq);
    const plans: ForwardingPlan[] = [];
    services.hooks.beforeForwarding.push((_context, plan) => void plans.push(plan));
    const context = contextOf(services);
    const completed = await execute(context, call());
    expect(plans.map((plan) => plan.candidates.map((candidate) => candidate.adapter.id))).toEqual([['openrouter', 'groq']]);
    expect(openrouter.requests).toHaveLength(2); // RETRY_ATTEMPTS_PER_PROVIDER defaults to 2
    expect(groq.requests).toHaveLength(1);
    expect(completed).toMatchObject({ provider: 'groq', result: { text: 'from groq' } });
    expect(completed.costNanoUsd).toBeGreaterThan(0n);
    expect(await rowOf(context.inferenceId)).toMatchObject({
      provider: 'groq',
      status: 'success',
      http_status: 200,
      input_tokens: 100,
      output_tokens: 50,
      cost_nano_usd: completed.costNanoUsd,
    });
  });

  it('returns a non-retryable 400 at once, without trying another provider, recorded at cost 0', async () => {
    const openrouter = scriptedAdapter('openrouter', [{ fail: 400 }]);
    const groq = scriptedAdapter('groq', [{ answer: 'never' }]);
    const context = contextOf(await pipelineOver(openrouter, groq));
    expect((await failureOf(execute(context, call()))).status).toBe(400);
    expect(openrouter.requests).toHaveLength(1);
    expect(groq.requests).toHaveLength(0);
    expect(await rowOf(context.inferenceId)).toMatchObject({ status: 'error', http_status: 400, cost_nano_usd: 0n, provider: 'openrouter' });
  });

  it('falls back at once when an attempt passes its deadline, and says which deadline', async () => {
    const openrouter = scriptedAdapter('openrouter', [{ hang: true }]);
    const groq = scriptedAdapter('groq', [{ answer: 'in time' }]);
    const started = performance.now();
    const completed = await execute(contextOf(await pipelineOver(openrouter, groq)), call());
    expect(completed.provider).toBe('groq');
    expect(openrouter.requests).toHaveLength(1); // a slow provider is not retried
    expect(performance.now() - started).toBeLessThan(2_000);

    const alone = scriptedAdapter('openrouter', [{ hang: true }]);
    const error = await failureOf(execute(contextOf(await pipelineOver(alone)), call()));
    expect(error.toBody()).toMatchObject({ error_type: 'UpstreamTimeout', message: expect.stringContaining('no answer within 0.3 s') });
  });

  it('records a client that went away as 499, not as a client error', async () => {
    const openrouter = scriptedAdapter('openrouter', [{ hang: true }]);
    const context = contextOf(await pipelineOver(openrouter));
    setTimeout(() => client.clientGone(), 50);
    expect((await failureOf(execute(context, call()))).status).toBe(499);
    expect(await rowOf(context.inferenceId)).toMatchObject({ status: 'error', http_status: 499 });
  });

  it('says the circuit is open when every provider is paused, without sending anything', async () => {
    const openrouter = scriptedAdapter('openrouter', [{ fail: 503 }]);
    const services = await pipelineOver(openrouter);
    for (let attempt = 0; attempt < 2; attempt++) await failureOf(execute(contextOf(services), call()));
    const sent = openrouter.requests.length;
    const error = await failureOf(execute(contextOf(services), call()));
    expect(openrouter.requests).toHaveLength(sent);
    expect(error.toBody()).toMatchObject({ error: expect.stringContaining('Circuit open'), message: expect.stringContaining('circuit open: openrouter') });
    expect(Number(error.headers['Retry-After'])).toBeGreaterThanOrEqual(1);
  });

  it('lets a beforeForwarding hook refuse the call: nothing is sent, nothing recorded', async () => {
    const openrouter = scriptedAdapter('openrouter', [{ answer: 'never' }]);
    const services = await pipelineOver(openrouter);
    services.hooks.beforeForwarding.push(() => {
      throw new GatewayError('rate_limited', 'Rate limited', 'Too many requests.');
    });
    const context = contextOf(services);
    expect((await failureOf(execute(context, call()))).status).toBe(429);
    expect(openrouter.requests).toHaveLength(0);
    expect(await rowOf(context.inferenceId)).toBeUndefined();
  });
});

describe('settlement', () => {
  it('bills a result the caller refuses at nothing, keeping the tokens it consumed as the operator’s cost', async () => {
    const openrouter = scriptedAdapter('openrouter', [{ answer: 'not json', usage: { inputTokens: 40, outputTokens: 1 } }]);
    const context = contextOf(await pipelineOver(openrouter));
    const refused = execute(context, call(), () => {
      throw new GatewayError('upstream_error', 'Invalid structured output', 'Not the JSON asked for.');
    });
    expect((await failureOf(refused)).status).toBe(502);
    expect(await rowOf(context.inferenceId)).toMatchObject({ status: 'error', http_status: 502, input_tokens: 40, output_tokens: 1, cost_nano_usd: 0n });
  });

  it('runs afterSettlement hooks with the committed cost', async () => {
    const services = await pipelineOver(scriptedAdapter('openrouter', [{ answer: 'hi' }]));
    const costs: bigint[] = [];
    services.hooks.afterSettlement.push((_context, settled) => void costs.push(settled.costNanoUsd));
    const completed = await execute(contextOf(services), call());
    expect(costs).toEqual([completed.costNanoUsd]);
  });
});

describe('streams', () => {
  const behaviours = (...events: Behaviour[]) => events;

  it('relays text and commits the row before the final part', async () => {
    const openrouter = scriptedAdapter('openrouter', behaviours({ stream: [text('Hel'), text('lo'), usage(12, 2), finish] }));
    const context = contextOf(await pipelineOver(openrouter));
    const parts = await collect(await stream(context, call()));
    expect(parts.map((part) => part.type)).toEqual(['text', 'text', 'done']);
    const done = parts.at(-1) as Extract<ChatStreamPart, { type: 'done' }>;
    expect(done.text).toBe('Hello');
    expect(await rowOf(context.inferenceId)).toMatchObject({ status: 'success', input_tokens: 12, output_tokens: 2, cost_nano_usd: done.costNanoUsd });
  });

  it('ends a stream cut mid-way on an error part that says the connection was lost, billed for what was delivered', async () => {
    const cut = { type: 'error' as const, error: new UpstreamError({ provider: 'openrouter', kind: 'connect', message: 'socket hang up' }) };
    const context = contextOf(await pipelineOver(scriptedAdapter('openrouter', behaviours({ stream: [text('partial answer'), cut] }))));
    const parts = await collect(await stream(context, call()));
    const last = parts.at(-1) as Extract<ChatStreamPart, { type: 'error' }>;
    expect(last.error.toBody()).toMatchObject({ error: expect.stringContaining('Upstream connection lost') });
    const row = await rowOf(context.inferenceId);
    expect(row).toMatchObject({ status: 'partial', http_status: 502 });
    expect(row!.output_tokens).toBeGreaterThan(0);
    expect(row!.cost_nano_usd as bigint).toBeGreaterThan(0n);
  });

  it('never cuts a stream that keeps delivering, and ends an idle one after STREAM_IDLE_TIMEOUT_MS', async () => {
    // 8 events 100 ms apart (0.8 s, past UPSTREAM_TIMEOUT_MS of 0.3 s) under an idle timeout of 0.2 s.
    const slow = { stream: [text('a'), text('b'), text('c'), text('d'), text('e'), text('f'), text('g'), text('h'), finish] };
    const paced = scriptedAdapter('openrouter', [slow]);
    const pacedStream = paced.streamChat.bind(paced);
    paced.streamChat = async function* (request, options) {
      for await (const event of pacedStream(request, options)) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        yield event;
      }
    };
    const parts = await collect(await stream(contextOf(await pipelineOver(paced)), call()));
    expect(parts.at(-1)).toMatchObject({ type: 'done', text: 'abcdefgh' });

    const stalled = scriptedAdapter('openrouter', behaviours({ stream: [text('first'), 'hang'] }));
    const context = contextOf(await pipelineOver(stalled));
    const stalledParts = await collect(await stream(context, call()));
    const last = stalledParts.at(-1) as Extract<ChatStreamPart, { type: 'error' }>;
    expect(last.error.toBody()).toMatchObject({ error_type: 'UpstreamTimeout', message: expect.stringContaining('no event for 0.2 s') });
    expect(await rowOf(context.inferenceId)).toMatchObject({ status: 'partial', http_status: 504 });
  });

  it('records a consumer that stops early as a partial 499, billed for what was delivered', async () => {
    const context = contextOf(await pipelineOver(scriptedAdapter('openrouter', behaviours({ stream: [text('one '), text('two '), text('three'), finish] }))));
    for await (const part of await stream(context, call())) {
      if (part.type === 'text') break;
    }
    expect(await rowOf(context.inferenceId)).toMatchObject({ status: 'partial', http_status: 499 });
  });

  it('falls over before the first token, when nothing reached the client yet', async () => {
    const openrouter = scriptedAdapter('openrouter', behaviours({ stream: ['hang'] }));
    const groq = scriptedAdapter('groq', behaviours({ stream: [text('from groq'), finish] }));
    const parts = await collect(await stream(contextOf(await pipelineOver(openrouter, groq)), call()));
    expect(parts.at(-1)).toMatchObject({ type: 'done', text: 'from groq' });
  });
});

describe('the simulator', () => {
  it('is never a fallback for a configured provider: its failure reaches the client', async () => {
    const openrouter = scriptedAdapter('openrouter', [{ fail: 503 }]);
    const simulator = scriptedAdapter('simulator', [{ answer: 'simulated' }]);
    const context = contextOf(await pipelineOver(openrouter, simulator));
    expect((await failureOf(execute(context, call()))).status).toBe(502);
    expect(simulator.requests).toHaveLength(0);
    expect(await rowOf(context.inferenceId)).toMatchObject({ provider: 'openrouter', status: 'error', cost_nano_usd: 0n });
  });

  it('stands in only for models no configured provider serves, and its rows say so', async () => {
    const openai = scriptedAdapter('openai', [{ answer: 'real' }]); // serves gpt-4o-mini, not llama
    const simulator = scriptedAdapter('simulator', [{ answer: 'simulated' }]);
    const services = await pipelineOver(openai, simulator);
    expect((await execute(contextOf(services), call('gpt-4o-mini'))).provider).toBe('openai');
    const context = contextOf(services);
    expect((await execute(context, call(MODEL))).provider).toBe('simulator');
    expect(await rowOf(context.inferenceId)).toMatchObject({ provider: 'simulator' });
  });
});
