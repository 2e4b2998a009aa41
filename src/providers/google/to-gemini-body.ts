import type { ChatMessage, ChatRequest, ResponseFormat } from '../spec/index.js';

type Part = Record<string, unknown>;
interface GeminiContent {
  role: 'user' | 'model';
  parts: Part[];
}

/** Builds the `generateContent` / `streamGenerateContent` body for one call (the model goes in the path). */
export function toGeminiBody(request: ChatRequest): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const system = request.messages.filter((message) => message.role === 'system').map((message) => message.content);
  // Gemini takes instructions only as `systemInstruction`, never as a turn.
  if (system.length > 0) body.systemInstruction = { parts: [{ text: system.join('\n\n') }] };
  body.contents = toGeminiContents(request.messages);
  // `extra` goes into generationConfig, where Gemini's unmodelled knobs (topK, presencePenalty)
  // live; Google's JSON parser accepts their snake_case spellings too. Modelled fields win.
  const config: Record<string, unknown> = { ...request.extra };
  if (request.maxTokens !== undefined) config.maxOutputTokens = request.maxTokens;
  if (request.temperature !== undefined) config.temperature = request.temperature;
  if (request.topP !== undefined) config.topP = request.topP;
  if (request.stop !== undefined) config.stopSequences = request.stop;
  if (request.seed !== undefined) config.seed = request.seed;
  Object.assign(config, toResponseFormatConfig(request.responseFormat));
  if (Object.keys(config).length > 0) body.generationConfig = config;
  if (request.tools !== undefined && request.tools.length > 0) {
    body.tools = [
      {
        functionDeclarations: request.tools.map((tool) => ({
          name: tool.name,
          ...(tool.description === undefined ? {} : { description: tool.description }),
          // `parameters` takes only Google's OpenAPI subset; callers send full JSON Schema.
          parametersJsonSchema: tool.parameters,
        })),
      },
    ];
  }
  const toolConfig = toGeminiToolConfig(request.toolChoice);
  if (toolConfig !== undefined) body.toolConfig = toolConfig;
  return body;
}

function toResponseFormatConfig(format: ResponseFormat | undefined): Record<string, unknown> {
  if (format === undefined || format.type === 'text') return {};
  if (format.type === 'json_object') return { responseMimeType: 'application/json' };
  // `responseSchema` is Google's OpenAPI subset and rejects `additionalProperties`, which every
  // strict OpenAI schema carries; `responseJsonSchema` takes JSON Schema as callers write it.
  return { responseMimeType: 'application/json', responseJsonSchema: format.schema };
}

function toGeminiContents(messages: ChatMessage[]): GeminiContent[] {
  const contents: GeminiContent[] = [];
  // Gemini names the function a result answers, not the call id; ids are looked up here.
  const toolNames = new Map<string, string>();
  for (const message of messages) {
    if (message.role === 'system') continue;
    if (message.role === 'tool') {
      const name = toolNames.get(message.toolCallId ?? '') ?? message.name ?? message.toolCallId ?? '';
      const part: Part = { functionResponse: { name, response: toResponseObject(message.content) } };
      // All results answering one model turn go in the single user turn after it.
      const previous = contents.at(-1);
      if (previous?.role === 'user' && previous.parts.every((existing) => 'functionResponse' in existing)) previous.parts.push(part);
      else contents.push({ role: 'user', parts: [part] });
      continue;
    }
    const parts: Part[] = message.content === '' ? [] : [{ text: message.content }];
    for (const call of message.toolCalls ?? []) {
      toolNames.set(call.id, call.name);
      parts.push({ functionCall: { name: call.name, args: parseObject(call.arguments) ?? {} } });
    }
    if (parts.length === 0) parts.push({ text: '' });
    contents.push({ role: message.role === 'assistant' ? 'model' : 'user', parts });
  }
  return contents;
}

/** `functionResponse.response` must be an object; a tool's plain-text answer is wrapped. */
function toResponseObject(content: string): Record<string, unknown> {
  return parseObject(content) ?? { result: content };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Not JSON (or arguments cut by max tokens): the caller's text is still sent.
  }
  return undefined;
}

/** Accepts OpenAI's `tool_choice` vocabulary, which is what the gateway's callers send. */
function toGeminiToolConfig(choice: unknown): Record<string, unknown> | undefined {
  if (choice === undefined) return undefined;
  if (choice === 'auto') return { functionCallingConfig: { mode: 'AUTO' } };
  if (choice === 'none') return { functionCallingConfig: { mode: 'NONE' } };
  if (choice === 'required') return { functionCallingConfig: { mode: 'ANY' } };
  const details = choice as { type?: unknown; function?: { name?: unknown } } | null;
  if (details?.type === 'function' && typeof details.function?.name === 'string') {
    return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [details.function.name] } };
  }
  return undefined;
}
