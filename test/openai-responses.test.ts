import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from './support/databases.js';
import { startTestGateway, uuidPattern, type TestGateway } from './support/test-gateway.js';

/** `POST /v1/responses` through the official openai npm client (6.49.0), unmodified. */
describe.each(databaseKinds())('the Responses API through the openai npm client on %s', (kind) => {
  let gateway: TestGateway;
  let client: OpenAI;
  beforeAll(async () => {
    gateway = await startTestGateway(kind);
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.userKey, maxRetries: 0 });
  });
  afterAll(() => gateway.close());

  const weatherTool = {
    type: 'function' as const,
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
    strict: true,
  };

  it('responses.create answers text with instructions, usage and cost, billed once under the Inference-Id', async () => {
    const { data, response } = await client.responses
      .create({ model: 'gpt-4o-mini', instructions: 'Be brief.', input: 'Explain gravity', max_output_tokens: 12, store: false })
      .withResponse();
    const inferenceId = response.headers.get('inference-id')!;
    expect(inferenceId).toMatch(uuidPattern);
    expect(data).toMatchObject({
      id: `resp_${inferenceId}`,
      object: 'response',
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
      store: false,
    });
    expect(data.output_text).toMatch(/^Simulated answer about Explain gravity:/);
    expect(data.output_text.split(' ')).toHaveLength(12);
    expect(data.usage).toMatchObject({ output_tokens: 12, total_tokens: data.usage!.input_tokens + 12 });
    const row = await gateway.usageRow(inferenceId);
    expect(row).toMatchObject({ task: 'conversational', status: 'success', output_tokens: 12 });
    expect((data.usage as unknown as { cost_nano_usd: number }).cost_nano_usd).toBe(Number(row.cost_nano_usd));
  });

  it('takes message items with input_text parts, and a complete answer is "completed"', async () => {
    const data = await client.responses.create({
      model: 'meta-llama/Llama-3.1-8B-Instruct',
      input: [
        { role: 'developer', content: 'You are terse.' },
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Name a colour' }] },
      ],
    });
    expect(data.status).toBe('completed');
    expect(data.output).toEqual([
      {
        type: 'message',
        id: expect.stringMatching(/^msg_/),
        status: 'completed',
        role: 'assistant',
        content: [expect.objectContaining({ type: 'output_text' })],
      },
    ]);
    expect(data.output_text).toMatch(/^Simulated answer about Name a colour:/);
  });

  it('.stream sends typed events in order, each with its sequence number, and assembles the final response', async () => {
    const stream = client.responses.stream({ model: 'gpt-4o-mini', input: 'Count to three', max_output_tokens: 6 });
    const types: string[] = [];
    const sequence: number[] = [];
    let text = '';
    for await (const event of stream) {
      types.push(event.type);
      sequence.push(event.sequence_number);
      if (event.type === 'response.output_text.delta') text += event.delta;
    }
    const final = await stream.finalResponse();
    expect(types.slice(0, 4)).toEqual(['response.created', 'response.in_progress', 'response.output_item.added', 'response.content_part.added']);
    expect(types.slice(-4)).toEqual(['response.output_text.done', 'response.content_part.done', 'response.output_item.done', 'response.incomplete']);
    expect(sequence).toEqual(types.map((_type, index) => index));
    expect(final.output_text).toBe(text);
    expect(text.split(' ')).toHaveLength(6);
    expect(final.usage).toMatchObject({ output_tokens: 6 });
  });

  it('writes event: lines as OpenAI does, without [DONE], and the last event carries the billed cost', async () => {
    const response = await gateway.request('/v1/responses', { body: { model: 'gpt-4o-mini', input: 'Hi', stream: true } });
    const raw = await response.text();
    expect(raw).toMatch(/^event: response\.created\ndata: \{/);
    expect(raw).not.toContain('[DONE]');
    const events = raw
      .trim()
      .split('\n\n')
      .map((block) => {
        const [eventLine, dataLine] = block.split('\n');
        const data = JSON.parse(dataLine!.slice('data: '.length)) as { type: string; response?: { usage: { cost_nano_usd: number } } };
        expect(eventLine).toBe(`event: ${data.type}`);
        return data;
      });
    const completed = events.at(-1)!;
    expect(completed.type).toBe('response.completed');
    const row = await gateway.usageRow(response.headers.get('inference-id')!);
    expect(completed.response!.usage.cost_nano_usd).toBe(Number(row.cost_nano_usd));
  });

  it('a function-call round trip: the model calls the tool, gets its output, and answers with text', async () => {
    const input: OpenAI.Responses.ResponseInput = [{ role: 'user', content: 'Call get_weather for Oslo' }];
    const first = await client.responses.create({ model: 'gpt-4o-mini', input, tools: [weatherTool] });
    const call = first.output.find((item) => item.type === 'function_call');
    expect(call).toMatchObject({ type: 'function_call', name: 'get_weather', call_id: expect.stringMatching(/^call_/), status: 'completed' });
    expect(JSON.parse(call!.type === 'function_call' ? call!.arguments : '')).toEqual({ city: expect.any(String) });
    input.push(call as OpenAI.Responses.ResponseFunctionToolCall, {
      type: 'function_call_output',
      call_id: (call as OpenAI.Responses.ResponseFunctionToolCall).call_id,
      output: 'Sunny, 21 C',
    });
    const second = await client.responses.create({ model: 'gpt-4o-mini', input, tools: [weatherTool] });
    expect(second.output.map((item) => item.type)).toEqual(['message']);
    expect(second.output_text).toMatch(/Sunny/);
  });

  it('streams a forced function call as argument deltas that add up to the final arguments', async () => {
    const stream = client.responses.stream({
      model: 'gpt-4o-mini',
      input: 'Weather?',
      tools: [weatherTool],
      tool_choice: { type: 'function', name: 'get_weather' },
    });
    let deltas = '';
    let done: string | undefined;
    for await (const event of stream) {
      if (event.type === 'response.function_call_arguments.delta') deltas += event.delta;
      if (event.type === 'response.function_call_arguments.done') done = event.arguments;
    }
    const final = await stream.finalResponse();
    const call = final.output[0]!;
    expect(call.type === 'function_call' && call.name).toBe('get_weather');
    expect(done).toBe(deltas);
    expect(call.type === 'function_call' && JSON.parse(call.arguments)).toEqual({ city: expect.any(String) });
  });

  it('text.format json_schema constrains the answer (responses.parse reads it)', async () => {
    const schema = {
      type: 'object',
      properties: { city: { type: 'string' }, population: { type: 'integer' } },
      required: ['city', 'population'],
      additionalProperties: false,
    };
    const data = await client.responses.create({
      model: 'gpt-4o-mini',
      input: 'A big city',
      text: { format: { type: 'json_schema', name: 'city', schema, strict: true } },
    });
    expect(JSON.parse(data.output_text)).toEqual({ city: expect.any(String), population: expect.any(Number) });
  });

  it('previous_response_id is a clear 400, as the README says; errors are in OpenAI shape', async () => {
    const error = await client.responses.create({ model: 'gpt-4o-mini', input: 'Hi', previous_response_id: 'resp_123' }).then(
      () => expect.fail('accepted'),
      (caught: unknown) => caught as InstanceType<typeof OpenAI.BadRequestError>,
    );
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.message).toMatch(/does not store responses/);
    const image = await gateway.request('/v1/responses', {
      body: { input: [{ role: 'user', content: [{ type: 'input_image', image_url: 'https://x/y.png' }] }] },
    });
    expect(image.status).toBe(400);
    expect(((await image.json()) as { error: { message: string } }).error.message).toMatch(/"input_image" content parts are not supported/);
  });
});
