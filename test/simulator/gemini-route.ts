import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultControls } from '../../src/simulator/fault-controls.js';
import { geminiToChatShape } from './gemini-request.js';
import { geminiErrorBody, geminiErrorForStatus, geminiResponseBody, geminiResponseChunks, geminiSseEvents, MALFORMED_GEMINI_EVENT } from './gemini-wire.js';
import type { ResponseIdentity } from '../../src/simulator/openai-wire.js';
import { answerChat, isRecord } from '../../src/simulator/simulated-answer.js';
import { embedText } from '../../src/simulator/simulated-embedding.js';
import { sendEvents, sendJson, sendMalformedJson } from '../../src/simulator/write-response.js';

export interface GeminiRouteOptions {
  /** When set, requests must carry `x-goog-api-key: <apiKey>` (or `?key=<apiKey>`). */
  apiKey: string | undefined;
  completionTokens: number;
  streamChunks: number;
  identity(prefix: string, model: string): ResponseIdentity;
}

export type GeminiHandler = (request: IncomingMessage, response: ServerResponse, body: Buffer, controls: FaultControls) => void;

const METHOD_PATH = /^\/(v1beta|v1)\/models\/([^/:]+):(generateContent|streamGenerateContent|embedContent|batchEmbedContents)$/;
// text-embedding-004 answers 768 dimensions; gemini-embedding-001 up to 3072.
const DEFAULT_DIMENSIONS = 768;
const MAX_DIMENSIONS = 3072;

/** Google's Gemini API (`/v1beta/models/{model}:method`), with the same fault controls as the other routes. */
export function createGeminiHandler(options: GeminiRouteOptions): GeminiHandler {
  return (request, response, body, controls) => {
    const fail = (code: number, error = geminiErrorForStatus(code), retryAfter?: string) =>
      sendJson(response, code, geminiErrorBody(code, error.message, error.status), controls, retryAfter);
    const invalid = (message: string) => fail(400, { status: 'INVALID_ARGUMENT', message });

    if (controls.problem !== undefined) return invalid(controls.problem);
    const url = new URL(request.url ?? '/', 'http://simulator');
    const key = request.headers['x-goog-api-key'] ?? url.searchParams.get('key') ?? undefined;
    if (options.apiKey !== undefined && key !== options.apiKey) {
      // Google answers a wrong key with 400, and a missing one with 403.
      if (key === undefined)
        return fail(403, {
          status: 'PERMISSION_DENIED',
          message:
            "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
        });
      return invalid('API key not valid. Please pass a valid API key.');
    }
    if (controls.status !== undefined) return fail(controls.status, undefined, controls.retryAfter);
    const match = METHOD_PATH.exec(url.pathname);
    if (request.method !== 'POST' || match === null) return fail(404, { status: 'NOT_FOUND', message: `Invalid URL (${request.method} ${url.pathname})` });
    const model = decodeURIComponent(match[2] as string);
    const method = match[3] as string;

    let payload: unknown;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      return invalid('Invalid JSON payload received. Unexpected token.');
    }
    if (!isRecord(payload)) return invalid('Invalid JSON payload received. Expected an object.');
    if (method === 'embedContent' || method === 'batchEmbedContents') {
      const requests = method === 'embedContent' ? [payload] : Array.isArray(payload.requests) ? payload.requests.filter(isRecord) : [];
      if (requests.length === 0) return invalid('* BatchEmbedContentsRequest.requests: at least one request is required');
      const embeddings: { values: number[] }[] = [];
      for (const item of requests) {
        const text =
          isRecord(item.content) && Array.isArray(item.content.parts)
            ? item.content.parts
                .filter(isRecord)
                .map((part) => String(part.text ?? ''))
                .join(' ')
            : '';
        if (text === '') return invalid('* EmbedContentRequest.content: contains an empty Part.');
        const dimensions = item.outputDimensionality ?? DEFAULT_DIMENSIONS;
        if (typeof dimensions !== 'number' || !Number.isInteger(dimensions) || dimensions < 1 || dimensions > MAX_DIMENSIONS) {
          return invalid(`* EmbedContentRequest.output_dimensionality: must be from 1 to ${MAX_DIMENSIONS}`);
        }
        embeddings.push({ values: embedText(text, dimensions) });
      }
      if (controls.fail === 'malformed-json') return sendMalformedJson(response);
      return sendJson(response, 200, JSON.stringify(method === 'embedContent' ? { embedding: embeddings[0] } : { embeddings }), controls);
    }
    if (!Array.isArray(payload.contents) || payload.contents.length === 0) return invalid('* GenerateContentRequest.contents: contents is not specified');
    if (controls.fail === 'malformed-json') return sendMalformedJson(response);

    const answer = answerChat(geminiToChatShape(payload), options.completionTokens);
    const identity = options.identity('sim', model);
    if (method === 'generateContent') return sendJson(response, 200, geminiResponseBody(identity, answer), controls);
    const chunks = geminiResponseChunks(identity, answer, options.streamChunks);
    if (url.searchParams.get('alt') === 'sse') return sendEvents(response, geminiSseEvents(chunks), controls, MALFORMED_GEMINI_EVENT);
    // Without `alt=sse` Gemini streams one JSON array, element by element.
    return sendJson(response, 200, JSON.stringify(chunks), controls);
  };
}
