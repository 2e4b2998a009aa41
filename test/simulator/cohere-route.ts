import type { IncomingMessage, ServerResponse } from 'node:http';
import { cohereChatBody, cohereChatEvents, cohereErrorBody, cohereErrorForStatus, MALFORMED_COHERE_EVENT } from './cohere-wire.js';
import type { FaultControls } from '../../src/simulator/fault-controls.js';
import type { ResponseIdentity } from '../../src/simulator/openai-wire.js';
import { answerChat, countWords, isRecord } from '../../src/simulator/simulated-answer.js';
import { embedText } from '../../src/simulator/simulated-embedding.js';
import { sendEvents, sendJson, sendMalformedJson } from '../../src/simulator/write-response.js';

export interface CohereRouteOptions {
  /** When set, requests must carry `Authorization: Bearer <apiKey>`. */
  apiKey: string | undefined;
  completionTokens: number;
  streamChunks: number;
  identity(prefix: string, model: string): ResponseIdentity;
}

export type CohereHandler = (request: IncomingMessage, response: ServerResponse, body: Buffer, controls: FaultControls) => void;

// embed-english-v3.0 answers 1024 dimensions; embed-v4.0 takes `output_dimension` up to 1536.
const DEFAULT_DIMENSIONS = 1024;
const OUTPUT_DIMENSIONS = new Set([256, 512, 1024, 1536]);
const INPUT_TYPES = new Set(['search_document', 'search_query', 'classification', 'clustering', 'image']);

/** Cohere's v2 API (`POST /v2/chat`, `POST /v2/embed`), with the same fault controls as the other routes. */
export function createCohereHandler(options: CohereRouteOptions): CohereHandler {
  return (request, response, body, controls) => {
    const errorId = () => options.identity('', '').id;
    const fail = (status: number, message = cohereErrorForStatus(status), retryAfter?: string) =>
      sendJson(response, status, cohereErrorBody(errorId(), message), controls, retryAfter);
    const invalid = (message: string) => fail(400, `invalid request: ${message}`);

    if (controls.problem !== undefined) return invalid(controls.problem);
    if (options.apiKey !== undefined && request.headers.authorization !== `Bearer ${options.apiKey}`) {
      return fail(401, request.headers.authorization === undefined ? 'no api key supplied' : 'invalid api token');
    }
    if (controls.status !== undefined) return fail(controls.status, undefined, controls.retryAfter);
    const path = request.url?.split('?', 1)[0] ?? '';
    if (request.method !== 'POST' || (path !== '/v2/chat' && path !== '/v2/embed')) return fail(404, `Not Found (${request.method} ${path})`);

    let payload: unknown;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      return invalid('body must be valid JSON.');
    }
    if (!isRecord(payload)) return invalid('body must be a JSON object.');
    if (typeof payload.model !== 'string' || payload.model === '') return invalid('model must be specified.');
    if (path === '/v2/embed') return embed(payload, payload.model);

    if (!Array.isArray(payload.messages) || payload.messages.length === 0) return invalid('messages must not be empty.');
    if (controls.fail === 'malformed-json') return sendMalformedJson(response);
    const answer = answerChat(cohereToChatShape(payload), options.completionTokens);
    const identity = options.identity('', payload.model);
    if (payload.stream === true) return sendEvents(response, cohereChatEvents(identity, answer, options.streamChunks), controls, MALFORMED_COHERE_EVENT);
    return sendJson(response, 200, cohereChatBody(identity, answer), controls);

    function embed(embedPayload: Record<string, unknown>, model: string): void {
      const texts = embedPayload.texts;
      if (!Array.isArray(texts) || texts.length === 0 || !texts.every((text) => typeof text === 'string' && text !== '')) {
        return invalid('texts must be a non-empty list of non-empty strings.');
      }
      if (typeof embedPayload.input_type !== 'string' || !INPUT_TYPES.has(embedPayload.input_type)) {
        return invalid(`input_type must be one of ${[...INPUT_TYPES].join(', ')} for Embed v3 and newer models.`);
      }
      const types = embedPayload.embedding_types ?? ['float'];
      if (!Array.isArray(types) || types.length !== 1 || types[0] !== 'float') return invalid("the simulator answers embedding_types ['float'] only.");
      const dimensions = embedPayload.output_dimension ?? DEFAULT_DIMENSIONS;
      if (typeof dimensions !== 'number' || !OUTPUT_DIMENSIONS.has(dimensions)) return invalid('output_dimension must be one of 256, 512, 1024, 1536.');
      if (controls.fail === 'malformed-json') return sendMalformedJson(response);
      const inputTokens = texts.reduce((total: number, text: string) => total + Math.max(1, countWords(text)), 0);
      const answerBody = {
        id: options.identity('', model).id,
        embeddings: { float: texts.map((text: string) => embedText(text, dimensions)) },
        texts,
        meta: { api_version: { version: '2' }, billed_units: { input_tokens: inputTokens } },
        response_type: 'embeddings_by_type',
      };
      sendJson(response, 200, JSON.stringify(answerBody), controls);
    }
  };
}

/**
 * Rewrites a v2 chat body into the Chat Completions shape `answerChat` reads: v2 messages are
 * already OpenAI-like; `tool_choice` words and `response_format.json_schema` take OpenAI's names.
 */
function cohereToChatShape(payload: Record<string, unknown>): Record<string, unknown> {
  const shape: Record<string, unknown> = { messages: payload.messages, max_tokens: payload.max_tokens, tools: payload.tools };
  if (payload.tool_choice === 'REQUIRED') shape.tool_choice = 'required';
  if (payload.tool_choice === 'NONE') shape.tool_choice = 'none';
  const format = isRecord(payload.response_format) ? payload.response_format : undefined;
  if (format?.type === 'json_object') {
    shape.response_format = isRecord(format.json_schema) ? { type: 'json_schema', json_schema: { schema: format.json_schema } } : { type: 'json_object' };
  }
  return shape;
}
