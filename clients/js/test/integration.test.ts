import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../test/support/databases.js';
import { startTestGateway, type TestGateway } from '../../../test/support/test-gateway.js';
import { AuthenticationError, BadRequestError, createClient, NotFoundError, PermissionDeniedError, type GatewayzClient } from '../src/index.js';

/** Every method against a listening gateway (PGlite, the simulator upstream), over real HTTP. */
describe('gatewayz-js-hf against a live gateway', () => {
  let gateway: TestGateway;
  let client: GatewayzClient;
  let admin: GatewayzClient;
  beforeAll(async () => {
    // Slow chunks, so a loop that breaks after the first event leaves while the gateway is still streaming.
    gateway = await startTestGateway(databaseKinds()[0]!, { simulator: { chunkDelayMs: 25 } });
    client = createClient(gateway.userKey, { baseUrl: gateway.url });
    admin = createClient(gateway.adminKey, { baseUrl: gateway.url });
  });
  afterAll(() => gateway?.close());

  it('runs every task', async () => {
    const generated = await client.textGeneration('Hello, world!');
    expect(generated.output[0]!.generated_text).toMatch(/\S/);
    expect(generated.inferenceId).toMatch(/^[0-9a-f-]{36}$/);
    const chat = await client.conversational({ text: 'What is AI?', past_user_inputs: ['Hello'], generated_responses: ['Hi there!'] });
    expect(chat.conversation.past_user_inputs).toEqual(['Hello', 'What is AI?']);
    expect(chat.conversation.generated_responses).toHaveLength(2);
    expect((await client.summarization('A long document about cats. '.repeat(5))).output.summary_text).toMatch(/\S/);
    expect((await client.translation({ inputs: 'Hello', parameters: { tgt_lang: 'fr' } })).output.translation_text).toMatch(/\S/);
    const context = 'My name is Clara and I live in Berkeley.';
    const answer = await client.questionAnswering({ inputs: { question: 'Who?', context } });
    expect(context.slice(answer.output.start, answer.output.end)).toBe(answer.output.answer);
    const labels = await client.textClassification({ inputs: 'I love it', parameters: { candidate_labels: ['positive', 'negative'] } });
    expect(labels.output.map((entry) => entry.label).sort()).toEqual(['negative', 'positive']);
    expect(Array.isArray((await client.tokenClassification('Alice works at Acme in Berlin.')).output)).toBe(true);
    const image = await client.imageGeneration({ inputs: 'a red cat', parameters: { width: 64, height: 64 } });
    expect(image.output.content_type).toBe('image/png');
    expect(Buffer.from(image.output.image, 'base64').subarray(1, 4).toString()).toBe('PNG');
    expect(await client.embedding('hello')).toMatchObject({ output: expect.any(Array) });
    expect(((await client.embedding(['a', 'b'])).output as number[][]).length).toBe(2);
    const run = await client.run({ task: 'summarization', inputs: 'Some text to shorten, please.' });
    expect(run).toMatchObject({ output: { summary_text: expect.any(String) } });
  });

  it('streams text generation and conversational, with the cost on the final event', async () => {
    const stream = client.textGenerationStream({ inputs: 'Tell me a story', parameters: { max_tokens: 20 } });
    const events = [];
    for await (const event of stream) events.push(event);
    expect(events.length).toBeGreaterThan(2);
    const final = events.at(-1)!;
    const tokens = events.slice(0, -1).map((event) => event.token.text);
    expect(final.generated_text!.endsWith(tokens.join(''))).toBe(true);
    expect(typeof stream.costNanoUsd).toBe('bigint');
    expect(stream.costNanoUsd).toBe(BigInt(final.usage!.cost_nano_usd));
    expect(await client.conversationalStream('Hi there').text()).toMatch(/\S/);
    expect(await client.runStream({ task: 'text-generation', inputs: 'Hi' }).text()).toMatch(/\S/);
  });

  it('leaving a stream loop early closes the connection (the gateway records the call as cut short)', async () => {
    for await (const _event of client.textGenerationStream({ inputs: 'A long answer please', parameters: { max_tokens: 200 } })) break;
    await expect
      .poll(async () => (await client.getUsage({ limit: 10, offset: 0 })).records.some((record) => record.status !== 'success'), { timeout: 10_000 })
      .toBe(true);
  });

  it('maps, lists, prices and reports usage', async () => {
    const mapped = await admin.mapModel({ provider_model_id: 'gpt-3.5-turbo', hub_model_id: 'meta-llama/Llama-2-7b-chat', task_type: 'text-generation' });
    expect(mapped).toMatchObject({ success: true, hub_model_id: 'meta-llama/Llama-2-7b-chat' });
    const models = await client.listModels('text-generation');
    expect(models.models.some((model) => model.hub_model_id === 'meta-llama/Llama-2-7b-chat')).toBe(true);
    expect((await client.listModels({ task_type: 'embedding' })).models.every((model) => model.task_type === 'embedding')).toBe(true);
    const cost = await client.calculateCost([{ task: 'text-generation', model: 'gpt-3.5-turbo', input_tokens: 100, output_tokens: 50 }]);
    expect(cost.total_cost_nano_usd).toBe(125000);
    const usage = await client.getUsage(50, 0);
    expect(usage.total_records).toBeGreaterThan(0);
    expect((await client.getUsage(1, 0)).records).toHaveLength(1);
  });

  it('raises typed errors with their details: 401, 403, 404, 400', async () => {
    const unknown = await createClient('gwz_unknown', { baseUrl: gateway.url })
      .textGeneration('x')
      .catch((caught: unknown) => caught);
    expect(unknown).toBeInstanceOf(AuthenticationError);
    expect(unknown).toMatchObject({ status: 401, errorType: expect.any(String), inferenceId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    await expect(client.mapModel({ provider_model_id: 'gpt-4o', hub_model_id: 'org/model', task_type: 'text-generation' })).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
    await expect(client.textGeneration({ inputs: 'x', model: 'no-such-model' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.textGeneration({ inputs: '' })).rejects.toBeInstanceOf(BadRequestError);
  });
});
