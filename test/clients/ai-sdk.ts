import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import {
  embedMany,
  generateImage,
  generateObject,
  generateText,
  stepCountIs,
  streamText,
  tool,
  type EmbeddingModel,
  type ImageModel,
  type LanguageModel,
} from 'ai';
import { z } from 'zod';
import * as c from './cases.js';

const weather = (onCall: () => void) =>
  tool({
    description: 'Current weather of a city',
    inputSchema: z.object({ city: z.string().describe('The city name') }),
    execute: async () => {
      onCall();
      return JSON.parse(c.WEATHER_RESULT) as unknown;
    },
  });
const city = z.object({ city: z.string(), population: z.number().int() });

/** The cases every AI SDK provider runs, on a chat model of it. */
function languageModelCases(chat: (key?: string) => (id: string) => LanguageModel): c.ClientCases {
  const model = chat()(c.CHAT_MODEL);
  return {
    chat: async () => ({ text: (await generateText({ model, prompt: c.QUESTION, maxOutputTokens: 32, maxRetries: 0 })).text }),
    stream: async () => {
      // onError: the failure is the case's result (the usage promise rejects), not a console line.
      const result = streamText({ model, prompt: c.QUESTION, maxOutputTokens: 32, maxRetries: 0, onError: () => {} });
      let text = '';
      let chunks = 0;
      for await (const delta of result.textStream) {
        chunks += 1;
        text += delta;
      }
      const usage = await result.usage;
      return { text, chunks, usage: usage.inputTokens === undefined ? null : { prompt_tokens: usage.inputTokens, completion_tokens: usage.outputTokens ?? 0 } };
    },
    tool_call: async () => {
      const result = await generateText({
        model,
        prompt: c.WEATHER_QUESTION,
        tools: { get_weather: tool({ inputSchema: z.object({ city: z.string() }) }) },
        toolChoice: 'required',
        maxRetries: 0,
      });
      const call = result.toolCalls[0];
      if (!call) throw new Error(`no tool call; finishReason ${result.finishReason}`);
      return { name: call.toolName, arguments: call.input };
    },
    // stopWhen is the SDK's agent loop: it runs the tool, sends the result, and stops at a text answer.
    tool_round_trip: async () => {
      let calls = 0;
      const result = await generateText({
        model,
        prompt: c.WEATHER_QUESTION,
        tools: { get_weather: weather(() => (calls += 1)) },
        stopWhen: stepCountIs(4),
        maxRetries: 0,
      });
      if (result.finishReason !== 'stop') throw new Error(`the loop ended on ${result.finishReason} after ${result.steps.length} steps`);
      return { text: result.text, tool_calls: calls };
    },
    structured: async () => ({ value: (await generateObject({ model, schema: city, prompt: c.CITY_QUESTION, maxRetries: 0 })).object }),
    error_bad_key: () => c.refusal(() => generateText({ model: chat(c.BAD_KEY)(c.CHAT_MODEL), prompt: c.QUESTION, maxRetries: 0 })),
    error_unknown_model: () => c.refusal(() => generateText({ model: chat()(c.UNKNOWN_MODEL), prompt: c.QUESTION, maxRetries: 0 })),
    error_invalid_body: () => c.refusal(() => generateText({ model, prompt: c.QUESTION, temperature: c.INVALID_TEMPERATURE, maxRetries: 0 })),
  };
}

function mediaCases(embeddingModel: EmbeddingModel, imageModel: ImageModel): c.ClientCases {
  return {
    embeddings: async () => {
      const { embeddings } = await embedMany({ model: embeddingModel, values: ['red', 'blue'], maxRetries: 0 });
      return { count: embeddings.length, dimension: embeddings[0]?.length ?? 0 };
    },
    images: async () => {
      const { images } = await generateImage({ model: imageModel, prompt: 'a red square', size: '256x256', maxRetries: 0 });
      return { count: images.length, png: images[0] ? c.isPng(images[0].uint8Array) : false };
    },
  };
}

/**
 * `ai` with @ai-sdk/openai-compatible: `createOpenAICompatible({ baseURL: <gateway>/v1, apiKey })`,
 * with `includeUsage` (else streams carry no usage) and `supportsStructuredOutputs` (else
 * generateObject sends json_object without the schema).
 */
export function aiSdkCompatibleCases(target: c.Target): c.ClientCases {
  const provider = (apiKey = target.key) =>
    createOpenAICompatible({ name: 'gatewayz', baseURL: `${target.url}/v1`, apiKey, includeUsage: true, supportsStructuredOutputs: true });
  const gatewayz = provider();
  return {
    ...languageModelCases((key) => (id) => provider(key).chatModel(id)),
    ...mediaCases(gatewayz.embeddingModel(c.EMBEDDING_MODEL), gatewayz.imageModel(c.IMAGE_MODEL)),
  };
}

/** `ai` with @ai-sdk/openai: `createOpenAI({ baseURL: <gateway>/v1, apiKey })`; `openai(id)` is the Responses API. */
export function aiSdkOpenAICases(target: c.Target): c.ClientCases {
  const provider = (apiKey = target.key) => createOpenAI({ baseURL: `${target.url}/v1`, apiKey });
  const gatewayz = provider();
  const responses = languageModelCases((key) => (id) => provider(key)(id));
  const chat = languageModelCases((key) => (id) => provider(key).chat(id));
  return {
    ...Object.fromEntries(Object.entries(responses).map(([name, run]) => [`${name}_responses`, run])),
    ...chat,
    ...mediaCases(gatewayz.embedding(c.EMBEDDING_MODEL), gatewayz.imageModel(c.IMAGE_MODEL)),
  };
}
