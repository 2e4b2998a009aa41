import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from './support/databases.js';
import { startTestGateway, type TestGateway } from './support/test-gateway.js';

/** An agent's tool loop through the gateway completes offline: the simulator answers a tool result with text. */
describe('a tool loop through the gateway on the simulator', () => {
  let gateway: TestGateway;
  let client: OpenAI;
  beforeAll(async () => {
    gateway = await startTestGateway(databaseKinds()[0]!);
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.userKey, maxRetries: 0 });
  });
  afterAll(() => gateway.close());

  it("openai-node's runTools calls the tool once and ends on a text answer that uses its result", async () => {
    const calls: string[] = [];
    const runner = client.chat.completions.runTools({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Call get_weather for Oslo' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Current weather for a city',
            parse: JSON.parse,
            parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
            function: (args: { city: string }) => {
              calls.push(args.city);
              return 'Sunny, 21 C';
            },
          },
        },
      ],
      maxChatCompletions: 5,
    });
    const answer = await runner.finalContent();
    expect(calls).toHaveLength(1);
    expect(answer).toMatch(/Sunny/);
    expect((await runner.totalUsage()).completion_tokens).toBeGreaterThan(0);
  });

  it('json_object answers with the fields the prompt names', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Reply in JSON with "city" and "country".' },
        { role: 'user', content: 'Where is the Eiffel Tower?' },
      ],
      response_format: { type: 'json_object' },
    });
    expect(Object.keys(JSON.parse(completion.choices[0]!.message.content!) as object)).toEqual(['city', 'country']);
  });
});
