import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPipelineHarness } from '../../test/support/pipeline-harness.js';
import { scriptedAdapter, type Behaviour } from '../../test/support/scripted-adapter.js';
import { parseWith } from '../contract/parse-with.js';
import type { TaskType } from '../contract/task-types.js';
import { GatewayError } from '../errors.js';
import { taskForRun, taskTable } from './task-table.js';

// The tasks as translations: each turns its input into a pipeline call and the model's answer
// into its output. The real pipeline runs underneath, over a scripted upstream ("openai",
// which serves gpt-4o-mini and gpt-3.5-turbo, the text tasks' default models).
let harness: Awaited<ReturnType<typeof openPipelineHarness>>;
beforeAll(async () => {
  harness = await openPipelineHarness();
});
afterAll(() => harness.database.close());

async function run(task: TaskType, body: unknown, answer: Behaviour) {
  const upstream = scriptedAdapter('openai', [answer]);
  const context = harness.contextOf(await harness.pipelineOver(upstream));
  const definition = taskTable[task];
  const output = definition.complete(context, parseWith(definition.inputSchema, body));
  return { output, upstream, row: async () => harness.rowOf(context.inferenceId) };
}

const json = (value: unknown): Behaviour => ({ answer: JSON.stringify(value) });

describe('text tasks on chat models', () => {
  it('text-generation sends the prompt as one user message and joins it to the reply unless return_full_text is false', async () => {
    const full = await run('text-generation', { inputs: 'The sky is', parameters: { max_new_tokens: 7 } }, { answer: 'blue.' });
    expect(await full.output).toEqual({ output: [{ generated_text: 'The sky is blue.' }] });
    expect(full.upstream.requests[0]).toMatchObject({ messages: [{ role: 'user', content: 'The sky is' }], maxTokens: 7 });
    const continuation = await run('text-generation', { inputs: 'The sky is', parameters: { return_full_text: false } }, { answer: 'blue.' });
    expect(await continuation.output).toEqual({ output: [{ generated_text: 'blue.' }] });
  });

  it('conversational replays the history as alternating turns and extends it with the reply', async () => {
    const { output, upstream } = await run(
      'conversational',
      { text: 'And AI?', past_user_inputs: ['Hi'], generated_responses: ['Hello!'] },
      { answer: 'AI is...' },
    );
    expect(upstream.requests[0]!.messages.map((message) => [message.role, message.content])).toEqual([
      ['user', 'Hi'],
      ['assistant', 'Hello!'],
      ['user', 'And AI?'],
    ]);
    expect(await output).toEqual({ conversation: { past_user_inputs: ['Hi', 'And AI?'], generated_responses: ['Hello!', 'AI is...'] } });
  });

  it("translation takes its target language from the request, else from the Hub mapping's parameters, else refuses", async () => {
    const mapped = await run('translation', { inputs: 'hello', model: 'Helsinki-NLP/opus-mt-en-fr' }, { answer: ' bonjour ' });
    expect(await mapped.output).toEqual({ output: { translation_text: 'bonjour' } });
    expect(mapped.upstream.requests[0]!.messages[0]!.content).toContain('from en into fr');
    const asked = await run('translation', { inputs: 'hello', model: 'Helsinki-NLP/opus-mt-en-fr', parameters: { tgt_lang: 'de' } }, { answer: 'hallo' });
    await asked.output;
    expect(asked.upstream.requests[0]!.messages[0]!.content).toContain('into de');
    const missing = await run('translation', { inputs: 'hello' }, { answer: 'never' });
    await expect(missing.output).rejects.toMatchObject({ code: 'invalid_request', message: expect.stringContaining('tgt_lang') });
    expect(missing.upstream.requests).toHaveLength(0);
  });

  it('question-answering answers a real span with its offsets, and a quote outside the context is a 422 that is not billed', async () => {
    const context = 'My name is Clara and I live in Berkeley.';
    const found = await run(
      'question-answering',
      { inputs: { question: 'Where do I live?', context } },
      json({ found: true, answer: 'berkeley', confidence: 0.9 }),
    );
    expect(await found.output).toEqual({ output: { answer: 'Berkeley', score: 0.9, start: 31, end: 39 } });
    expect(found.upstream.requests[0]!.responseFormat).toMatchObject({ type: 'json_schema', strict: true });
    const invented = await run(
      'question-answering',
      { inputs: { question: 'Where do I live?', context } },
      json({ found: true, answer: 'Paris', confidence: 0.9 }),
    );
    await expect(invented.output).rejects.toMatchObject({ status: 422 });
    expect(await invented.row()).toMatchObject({ status: 'error', http_status: 422, cost_nano_usd: 0n });
  });

  it('text-classification normalizes the stated probabilities to sum to 1, sorted, honouring top_k', async () => {
    const { output } = await run(
      'text-classification',
      { inputs: 'I love it', parameters: { top_k: 1 } },
      json({ probabilities: { POSITIVE: 0.5, NEGATIVE: 0.125 } }),
    );
    expect(await output).toEqual({ output: [{ label: 'POSITIVE', score: 0.8 }] });
  });

  it('token-classification locates each quoted entity in reading order and drops quotes that are not in the text', async () => {
    const inputs = 'Omar met Omar in Paris';
    const entities = [
      { text: 'Omar', type: 'PER', confidence: 0.9 },
      { text: 'omar', type: 'PER', confidence: 0.8 },
      { text: 'London', type: 'LOC', confidence: 0.7 },
      { text: 'Paris', type: 'LOC', confidence: 0.95 },
    ];
    const { output } = await run('token-classification', { inputs }, json({ entities }));
    expect(await output).toEqual({
      output: [
        { entity_group: 'PER', score: 0.9, word: 'Omar', start: 0, end: 4 },
        { entity_group: 'PER', score: 0.8, word: 'Omar', start: 9, end: 13 },
        { entity_group: 'LOC', score: 0.95, word: 'Paris', start: 17, end: 22 },
      ],
    });
  });

  it('a structured answer that is not the JSON asked for is a 502 whose tokens are kept at cost 0', async () => {
    const { output, row } = await run('token-classification', { inputs: 'Omar' }, { answer: '{"entities": [', usage: { outputTokens: 1 } });
    await expect(output).rejects.toBeInstanceOf(GatewayError);
    expect(await row()).toMatchObject({ status: 'error', http_status: 502, output_tokens: 1, cost_nano_usd: 0n });
  });
});

describe('/hf/tasks/run', () => {
  it("builds the named task's input from the run body and validates it with that task's contract", () => {
    const { definition, input } = taskForRun({ task: 'conversational', inputs: 'Hi', parameters: { temperature: 0.5 } });
    expect(definition.task).toBe('conversational');
    expect(input).toMatchObject({ text: 'Hi', parameters: { temperature: 0.5 } });
    expect(() => taskForRun({ task: 'question-answering', inputs: 'not an object' })).toThrow(GatewayError);
  });

  it('every task of the table has its contract and a way in from /run', () => {
    for (const definition of Object.values(taskTable)) {
      expect(definition.summary).not.toBe('');
      expect(definition.inputSchema).toBeDefined();
      expect(definition.outputSchema).toBeDefined();
      expect(definition.fromRun({ task: definition.task, inputs: 'x' })).toBeTypeOf('object');
    }
  });
});
