import { InferenceClient } from '@huggingface/inference';
import * as c from './cases.js';

/**
 * @huggingface/inference with `endpointUrl: <gateway>/models/<org>/<name>` (chat goes to
 * `{endpointUrl}/v1/chat/completions`, text generation to `{endpointUrl}/v1/completions`). Every HF
 * task's parsing is asserted in test/real-clients-js.test.ts; these are the conformance cases.
 */
export function huggingfaceInferenceCases(target: c.Target): c.ClientCases {
  const client = (model: string, key = target.key) => new InferenceClient(key, { endpointUrl: `${target.url}/models/${model}` });
  const chat = client(c.HUB_CHAT_MODEL);
  const weatherTool = {
    type: 'function' as const,
    function: { name: 'get_weather', description: 'Current weather of a city', parameters: { ...c.WEATHER_PARAMETERS } },
  };
  const user = [{ role: 'user', content: c.QUESTION }];
  return {
    chat: async () => ({ text: (await chat.chatCompletion({ messages: user, max_tokens: 32 })).choices[0]?.message.content ?? '' }),
    stream: async () => {
      let text = '';
      let chunks = 0;
      let usage: { prompt_tokens: number; completion_tokens: number } | null = null;
      for await (const chunk of chat.chatCompletionStream({ messages: user, max_tokens: 32, stream_options: { include_usage: true } })) {
        chunks += 1;
        text += chunk.choices[0]?.delta.content ?? '';
        if (chunk.usage) usage = chunk.usage;
      }
      return { text, chunks, usage };
    },
    tool_call: async () => {
      const output = await chat.chatCompletion({ messages: [{ role: 'user', content: c.WEATHER_QUESTION }], tools: [weatherTool], tool_choice: 'required' });
      const call = output.choices[0]?.message.tool_calls?.[0];
      if (!call) throw new Error(`no tool call: ${JSON.stringify(output.choices[0]?.message)}`);
      return { name: call.function.name, arguments: JSON.parse(String(call.function.arguments)) };
    },
    tool_round_trip: async () => {
      const messages: Record<string, unknown>[] = [{ role: 'user', content: c.WEATHER_QUESTION }];
      let calls = 0;
      for (let turn = 0; turn < 4; turn += 1) {
        const message = (await chat.chatCompletion({ messages: messages as never, tools: [weatherTool], max_tokens: 64 })).choices[0]!.message;
        messages.push(message as unknown as Record<string, unknown>);
        if (!message.tool_calls?.length) return { text: message.content ?? '', tool_calls: calls };
        for (const call of message.tool_calls) {
          calls += 1;
          messages.push({ role: 'tool', tool_call_id: call.id, content: c.WEATHER_RESULT });
        }
      }
      throw new Error(`no text answer after 4 turns and ${calls} tool calls`);
    },
    structured: async () => {
      const output = await chat.chatCompletion({
        messages: [{ role: 'user', content: c.CITY_QUESTION }],
        response_format: { type: 'json_schema', json_schema: { name: 'city', strict: true, schema: { ...c.CITY_SCHEMA } } },
      });
      return { value: JSON.parse(output.choices[0]?.message.content ?? 'null') };
    },
    embeddings: async () => {
      const rows = (await client(c.HUB_EMBEDDING_MODEL).featureExtraction({ inputs: ['red', 'blue'] })) as number[][];
      return { count: rows.length, dimension: rows[0]?.length ?? 0 };
    },
    images: async () => {
      const blob = await client(c.HUB_IMAGE_MODEL).textToImage({ inputs: 'a red square', parameters: { width: 64, height: 64 } }, { outputType: 'blob' });
      return { count: 1, png: c.isPng(new Uint8Array(await blob.arrayBuffer())) };
    },
    // textGenerationStream reads TGI's `token.text` from every event of /v1/completions.
    task_text_generation_stream: async () => {
      const tokens: string[] = [];
      for await (const event of chat.textGenerationStream({ inputs: 'The three primary colors are', parameters: { max_new_tokens: 5 } })) {
        tokens.push(event.token.text);
      }
      return { valid: tokens.filter(Boolean).length > 1, detail: tokens };
    },
    error_bad_key: () => c.refusal(() => client(c.HUB_CHAT_MODEL, c.BAD_KEY).chatCompletion({ messages: user })),
    error_bad_key_text_generation: () => c.refusal(() => client(c.HUB_CHAT_MODEL, c.BAD_KEY).textGeneration({ inputs: 'Hello' })),
    error_unknown_model: () => c.refusal(() => client(c.HUB_UNKNOWN_MODEL).chatCompletion({ messages: user })),
    error_unknown_model_text_generation: () => c.refusal(() => client(c.HUB_UNKNOWN_MODEL).textGeneration({ inputs: 'Hello' })),
    error_invalid_body: () => c.refusal(() => chat.chatCompletion({ messages: user, temperature: c.INVALID_TEMPERATURE })),
  };
}
