import OpenAI from 'openai';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import * as c from './cases.js';

/** openai (Node) at `<gateway>/v1` with the Gatewayz key: the client's documented base URL setting. */
export function openaiNodeCases(target: c.Target): c.ClientCases {
  const client = new OpenAI({ baseURL: `${target.url}/v1`, apiKey: target.key, maxRetries: 0 });
  const user: ChatCompletionMessageParam[] = [{ role: 'user', content: c.QUESTION }];
  const weather: ChatCompletionTool = {
    type: 'function',
    function: { name: 'get_weather', description: 'Current weather of a city', parameters: { ...c.WEATHER_PARAMETERS } },
  };
  return {
    chat: async () => {
      const output = await client.chat.completions.create({ model: c.CHAT_MODEL, messages: user, max_tokens: 32 });
      return { text: output.choices[0]?.message.content ?? '' };
    },
    stream: async () => {
      const stream = await client.chat.completions.create({
        model: c.CHAT_MODEL,
        messages: user,
        max_tokens: 32,
        stream: true,
        stream_options: { include_usage: true },
      });
      let text = '';
      let chunks = 0;
      let usage: { prompt_tokens: number; completion_tokens: number } | null = null;
      for await (const chunk of stream) {
        chunks += 1;
        text += chunk.choices[0]?.delta.content ?? '';
        if (chunk.usage) usage = chunk.usage;
      }
      return { text, chunks, usage };
    },
    tool_call: async () => {
      const output = await client.chat.completions.create({
        model: c.CHAT_MODEL,
        messages: [{ role: 'user', content: c.WEATHER_QUESTION }],
        tools: [weather],
        tool_choice: 'required',
      });
      const call = output.choices[0]?.message.tool_calls?.[0];
      if (call?.type !== 'function') throw new Error(`no function tool call: ${JSON.stringify(output.choices[0]?.message)}`);
      return { name: call.function.name, arguments: JSON.parse(call.function.arguments) };
    },
    // runTools is the SDK's own agent loop: it calls the tool and sends the result until the model answers text.
    tool_round_trip: async () => {
      let calls = 0;
      const runner = client.chat.completions.runTools({
        model: c.CHAT_MODEL,
        messages: [{ role: 'user', content: c.WEATHER_QUESTION }],
        tools: [
          {
            type: 'function',
            function: {
              name: 'get_weather',
              description: 'Current weather of a city',
              parameters: { ...c.WEATHER_PARAMETERS, properties: { ...c.WEATHER_PARAMETERS.properties }, required: [...c.WEATHER_PARAMETERS.required] },
              parse: JSON.parse,
              function: () => {
                calls += 1;
                return c.WEATHER_RESULT;
              },
            },
          },
        ],
        max_tokens: 64,
      });
      const text = await runner.finalContent();
      return { text: text ?? '', tool_calls: calls };
    },
    structured: async () => {
      const output = await client.chat.completions.create({
        model: c.CHAT_MODEL,
        messages: [{ role: 'user', content: c.CITY_QUESTION }],
        response_format: { type: 'json_schema', json_schema: { name: 'city', strict: true, schema: { ...c.CITY_SCHEMA } } },
      });
      return { value: JSON.parse(output.choices[0]?.message.content ?? 'null') };
    },
    chat_responses: async () => {
      const output = await client.responses.create({ model: c.CHAT_MODEL, input: c.QUESTION, max_output_tokens: 32 });
      return { text: output.output_text };
    },
    stream_responses: async () => {
      const stream = await client.responses.create({ model: c.CHAT_MODEL, input: c.QUESTION, max_output_tokens: 32, stream: true });
      let text = '';
      let chunks = 0;
      let usage: { prompt_tokens: number; completion_tokens: number } | null = null;
      for await (const event of stream) {
        chunks += 1;
        if (event.type === 'response.output_text.delta') text += event.delta;
        if (event.type === 'response.completed' && event.response.usage) {
          usage = { prompt_tokens: event.response.usage.input_tokens, completion_tokens: event.response.usage.output_tokens };
        }
      }
      return { text, chunks, usage };
    },
    embeddings: async () => {
      const output = await client.embeddings.create({ model: c.EMBEDDING_MODEL, input: ['red', 'blue'] });
      return { count: output.data.length, dimension: output.data[0]?.embedding.length ?? 0 };
    },
    images: async () => {
      const output = await client.images.generate({ model: c.IMAGE_MODEL, prompt: 'a red square', size: '256x256', response_format: 'b64_json' });
      const first = output.data?.[0]?.b64_json;
      return { count: output.data?.length ?? 0, png: first ? c.isPng(Buffer.from(first, 'base64')) : false };
    },
    error_bad_key: () =>
      c.refusal(() =>
        new OpenAI({ baseURL: `${target.url}/v1`, apiKey: c.BAD_KEY, maxRetries: 0 }).chat.completions.create({ model: c.CHAT_MODEL, messages: user }),
      ),
    error_unknown_model: () => c.refusal(() => client.chat.completions.create({ model: c.UNKNOWN_MODEL, messages: user })),
    error_invalid_body: () => c.refusal(() => client.chat.completions.create({ model: c.CHAT_MODEL, messages: user, temperature: c.INVALID_TEMPERATURE })),
  };
}
