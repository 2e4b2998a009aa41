import { quoteSourceOf, sampleFromSchema } from './sample-from-schema.js';

/** What the simulator answers, before it is written in either wire format. */
export interface SimulatedAnswer {
  content: string;
  toolCall: { id: string; name: string; arguments: string } | undefined;
  finishReason: 'stop' | 'length' | 'tool_calls';
  promptTokens: number;
  completionTokens: number;
}

const FILLER = (
  'the simulator writes these filler words so that clients and gateways see an answer of ' +
  'realistic length with no model behind it while every run stays the same for the same prompt'
).split(' ');
const HEADLINE_PROMPT_WORDS = 5;
let toolCallCounter = 0;

/**
 * Answers a Chat Completions body deterministically. A token is a whitespace-separated word
 * for prose, and four characters for JSON (which has no spaces to count).
 */
export function answerChat(body: Record<string, unknown>, defaultTokens: number): SimulatedAnswer {
  const messages = Array.isArray(body.messages) ? body.messages.filter(isRecord) : [];
  let promptTokens = 0;
  let lastUserText = '';
  let instructions = '';
  for (const message of messages) {
    const text = messageText(message.content);
    promptTokens += countWords(text);
    if (message.role === 'user') lastUserText = text;
    if (message.role === 'user' || message.role === 'system' || message.role === 'developer') instructions += `${text}\n`;
  }
  // A model that got its tool's result answers with it (this is what ends an agent's tool loop).
  const last = messages.at(-1);
  const toolResult = last?.role === 'tool' ? messageText(last.content) : undefined;
  const limit = positiveNumber(body.max_completion_tokens) ?? positiveNumber(body.max_tokens);
  const tool = toolResult === undefined || isRecord(body.tool_choice) ? chooseTool(body, lastUserText) : undefined;
  if (tool !== undefined) {
    const answer = fitJson(JSON.stringify(sampleFromSchema(tool.parameters)), limit, promptTokens);
    toolCallCounter += 1;
    const id = `call_sim${toolCallCounter.toString(36).padStart(16, '0')}`;
    return {
      ...answer,
      content: '',
      toolCall: { id, name: tool.name, arguments: answer.content },
      finishReason: answer.finishReason === 'length' ? 'length' : 'tool_calls',
    };
  }
  const format = isRecord(body.response_format) ? body.response_format : undefined;
  if (format?.type === 'json_schema') {
    const schema = isRecord(format.json_schema) ? format.json_schema.schema : undefined;
    return fitJson(JSON.stringify(sampleFromSchema(schema ?? { type: 'object' }, '', 0, quoteSourceOf(lastUserText))), limit, promptTokens);
  }
  if (format?.type === 'json_object') {
    return fitJson(JSON.stringify(objectNamedBy(instructions, headline(lastUserText).join(' '))), limit, promptTokens);
  }
  if (toolResult !== undefined) return answerText(`From the tool: ${toolResult}`, promptTokens, limit, defaultTokens);
  return answerText(lastUserText, promptTokens, limit, defaultTokens);
}

// Words a prompt quotes that are JSON Schema's own, not the fields it asks for.
const schemaKeywords = new Set([
  'type',
  'properties',
  'required',
  'description',
  'title',
  'items',
  'enum',
  'additionalProperties',
  'format',
  'default',
  'anyOf',
]);

/**
 * What a model asked for JSON answers: the fields the prompt names, quoted (`"city"`) or as
 * `snake_case:` (`name: string, age: number`), typed by the word after the colon; `{"answer"}` when
 * it names none.
 */
export function objectNamedBy(prompt: string, answer: string): Record<string, unknown> {
  const fields = new Map<string, unknown>();
  const valueFor = (name: string, hint: string | undefined): unknown => {
    if (hint && /^(number|integer|int|float)$/i.test(hint)) return 1;
    if (hint && /^(boolean|bool)$/i.test(hint)) return true;
    if (hint && /^(array|list)$/i.test(hint)) return [];
    return `simulated ${name}`;
  };
  for (const match of prompt.matchAll(/["'`]([A-Za-z_]\w{0,40})["'`]\s*(?::\s*["']?(\w+))?/g)) {
    if (!schemaKeywords.has(match[1]!) && !fields.has(match[1]!)) fields.set(match[1]!, valueFor(match[1]!, match[2]));
  }
  if (fields.size === 0) {
    for (const match of prompt.matchAll(/(?:^|[\s,{(])([a-z_][a-z0-9_]{0,40}):\s*(\w+)?/g)) {
      if (!fields.has(match[1]!)) fields.set(match[1]!, valueFor(match[1]!, match[2]));
    }
  }
  return fields.size === 0 ? { answer } : Object.fromEntries(fields);
}

/** Prose answer: a headline naming the prompt, then filler up to the token budget. */
export function answerText(prompt: string, promptTokens: number, limit: number | undefined, defaultTokens: number): SimulatedAnswer {
  const count = limit === undefined ? defaultTokens : Math.min(limit, defaultTokens);
  const words = headline(prompt);
  const offset = promptTokens % FILLER.length;
  for (let index = words.length; index < count; index++) words.push(FILLER[(offset + index) % FILLER.length] as string);
  words.length = Math.min(words.length, count);
  return {
    content: words.join(' '),
    toolCall: undefined,
    finishReason: limit !== undefined && limit < defaultTokens ? 'length' : 'stop',
    promptTokens,
    completionTokens: count,
  };
}

function headline(prompt: string): string[] {
  const promptWords = prompt
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .slice(0, HEADLINE_PROMPT_WORDS);
  if (promptWords.length === 0) return ['Simulated', 'answer:'];
  promptWords[promptWords.length - 1] += ':';
  return ['Simulated', 'answer', 'about', ...promptWords];
}

function fitJson(json: string, limit: number | undefined, promptTokens: number): SimulatedAnswer {
  const tokens = Math.ceil(json.length / 4);
  // Cut like a real model would: mid-document, leaving invalid JSON and finish_reason "length".
  const cut = limit !== undefined && limit < tokens;
  return {
    content: cut ? json.slice(0, limit * 4) : json,
    toolCall: undefined,
    finishReason: cut ? 'length' : 'stop',
    promptTokens,
    completionTokens: cut ? limit : tokens,
  };
}

interface ToolDefinition {
  name: string;
  parameters: unknown;
}

function chooseTool(body: Record<string, unknown>, lastUserText: string): ToolDefinition | undefined {
  if (!Array.isArray(body.tools) || body.tool_choice === 'none') return undefined;
  const tools: ToolDefinition[] = [];
  for (const tool of body.tools) {
    if (isRecord(tool) && isRecord(tool.function) && typeof tool.function.name === 'string') {
      tools.push({ name: tool.function.name, parameters: tool.function.parameters });
    }
  }
  const choice = body.tool_choice;
  const forced = isRecord(choice) && isRecord(choice.function) ? choice.function.name : undefined;
  if (forced !== undefined) return tools.find((tool) => tool.name === forced);
  const text = lastUserText.toLowerCase();
  const mentioned = tools.find((tool) => text.includes(tool.name.toLowerCase()));
  return mentioned ?? (choice === 'required' ? tools[0] : undefined);
}

/** Message content is a string, or a list of parts of which the text ones count. */
export function messageText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : '')).join(' ');
}

export function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const space = code === 32 || (code >= 9 && code <= 13);
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

export function positiveNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
