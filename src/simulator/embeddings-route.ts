import type { ServerResponse } from 'node:http';
import type { FaultControls } from './fault-controls.js';
import { countWords } from './simulated-answer.js';
import { DEFAULT_EMBEDDING_DIMENSIONS, embedText, toBase64Embedding } from './simulated-embedding.js';
import { sendJson } from './write-response.js';

/** Answers a 400 in OpenAI's error shape, naming the parameter at fault. */
export type InvalidParameter = (message: string, param: string, code?: string) => void;

// OpenAI's own limits: 2048 inputs per call; text-embedding-3-large has 3072 dimensions.
const MAX_INPUTS = 2048;
const MAX_DIMENSIONS = 3072;

/** OpenAI's `POST /v1/embeddings`, with deterministic vectors (see `embedText`). */
export function answerEmbeddings(
  payload: Record<string, unknown>,
  model: string,
  response: ServerResponse,
  controls: FaultControls,
  invalid: InvalidParameter,
): void {
  const inputs = readInputs(payload.input);
  if (typeof inputs === 'string') return invalid(inputs, 'input', inputs.startsWith('Missing') ? 'missing_required_parameter' : 'invalid_value');
  const format = payload.encoding_format ?? 'float';
  if (format !== 'float' && format !== 'base64') {
    return invalid("Invalid value for 'encoding_format': expected one of 'float' or 'base64'.", 'encoding_format', 'invalid_value');
  }
  const dimensions = payload.dimensions ?? DEFAULT_EMBEDDING_DIMENSIONS;
  if (typeof dimensions !== 'number' || !Number.isInteger(dimensions) || dimensions < 1 || dimensions > MAX_DIMENSIONS) {
    return invalid(`Invalid value for 'dimensions': expected an integer from 1 to ${MAX_DIMENSIONS}.`, 'dimensions', 'invalid_value');
  }
  const data = inputs.map((text, index) => {
    const vector = embedText(text, dimensions);
    return { object: 'embedding', index, embedding: format === 'base64' ? toBase64Embedding(vector) : vector };
  });
  // The simulator's token is a word; every input costs at least one.
  const promptTokens = inputs.reduce((total, text) => total + Math.max(1, countWords(text)), 0);
  sendJson(response, 200, JSON.stringify({ object: 'list', data, model, usage: { prompt_tokens: promptTokens, total_tokens: promptTokens } }), controls);
}

/** The texts to embed, or the problem with `input`. Token-id arrays are embedded as their digits. */
function readInputs(input: unknown): string[] | string {
  if (input === undefined || input === null) return "Missing required parameter: 'input'.";
  const list = Array.isArray(input) && (input.length === 0 || typeof input[0] !== 'number') ? input : [input];
  if (list.length === 0) return "'input' must not be an empty list.";
  if (list.length > MAX_INPUTS) return `'input' must have at most ${MAX_INPUTS} items.`;
  const texts: string[] = [];
  for (const item of list) {
    const text = typeof item === 'string' ? item : Array.isArray(item) && item.every((token) => typeof token === 'number') ? item.join(' ') : undefined;
    if (text === undefined) return "'input' must be a string, a list of strings or a list of token lists.";
    if (text === '') return "'input' cannot contain an empty string.";
    texts.push(text);
  }
  return texts;
}
