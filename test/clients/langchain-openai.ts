import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai';
import { z } from 'zod';
import * as c from './cases.js';

/** @langchain/openai: `configuration: { baseURL: <gateway>/v1 }` and the key as `apiKey`. */
export function langchainOpenAICases(target: c.Target): c.ClientCases {
  const chat = (options: { apiKey?: string; model?: string; temperature?: number } = {}) =>
    new ChatOpenAI({ model: c.CHAT_MODEL, apiKey: target.key, configuration: { baseURL: `${target.url}/v1` }, maxRetries: 0, maxTokens: 64, ...options });
  const weather = tool(async () => c.WEATHER_RESULT, {
    name: 'get_weather',
    description: 'Current weather of a city',
    schema: z.object({ city: z.string().describe('The city name') }),
  });
  return {
    chat: async () => ({ text: String((await chat().invoke(c.QUESTION)).content) }),
    stream: async () => {
      let text = '';
      let chunks = 0;
      let usage: { prompt_tokens: number; completion_tokens: number } | null = null;
      // streamUsage (the default) asks for stream_options.include_usage.
      for await (const chunk of await chat().stream(c.QUESTION)) {
        chunks += 1;
        text += typeof chunk.content === 'string' ? chunk.content : '';
        if (chunk.usage_metadata) usage = { prompt_tokens: chunk.usage_metadata.input_tokens, completion_tokens: chunk.usage_metadata.output_tokens };
      }
      return { text, chunks, usage };
    },
    tool_call: async () => {
      const message = await chat().bindTools([weather], { tool_choice: 'required' }).invoke(c.WEATHER_QUESTION);
      const call = message.tool_calls?.[0];
      if (!call) throw new Error(`no tool call: ${JSON.stringify(message.content)}`);
      return { name: call.name, arguments: call.args };
    },
    tool_round_trip: async () => {
      const model = chat().bindTools([weather]);
      const messages: BaseMessage[] = [new HumanMessage(c.WEATHER_QUESTION)];
      let calls = 0;
      for (let turn = 0; turn < 4; turn += 1) {
        const reply: AIMessage = await model.invoke(messages);
        messages.push(reply);
        if (!reply.tool_calls?.length) return { text: String(reply.content), tool_calls: calls };
        for (const call of reply.tool_calls) {
          calls += 1;
          messages.push(new ToolMessage({ tool_call_id: call.id ?? '', content: String(await weather.invoke(call.args as { city: string })) }));
        }
      }
      throw new Error(`no text answer after 4 turns and ${calls} tool calls`);
    },
    structured: async () => ({
      value: await chat()
        .withStructuredOutput(z.object({ city: z.string(), population: z.number().int() }), { method: 'jsonSchema', name: 'city' })
        .invoke(c.CITY_QUESTION),
    }),
    embeddings: async () => {
      // encodingFormat 'float': the default base64 is decoded by the SDK too, but float is what the gateway documents.
      const embeddings = new OpenAIEmbeddings({
        model: c.EMBEDDING_MODEL,
        apiKey: target.key,
        configuration: { baseURL: `${target.url}/v1` },
        encodingFormat: 'float',
        maxRetries: 0,
      });
      const vectors = await embeddings.embedDocuments(['red', 'blue']);
      return { count: vectors.length, dimension: vectors[0]?.length ?? 0 };
    },
    error_bad_key: () => c.refusal(() => chat({ apiKey: c.BAD_KEY }).invoke(c.QUESTION)),
    error_unknown_model: () => c.refusal(() => chat({ model: c.UNKNOWN_MODEL }).invoke(c.QUESTION)),
    error_invalid_body: () => c.refusal(() => chat({ temperature: c.INVALID_TEMPERATURE }).invoke(c.QUESTION)),
  };
}
