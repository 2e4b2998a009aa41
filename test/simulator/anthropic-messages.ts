import type { IncomingMessage, ServerResponse } from 'node:http';
import { createPromptCache, toChatShape } from './anthropic-request.js';
import { anthropicErrorBody, anthropicErrorForStatus, anthropicMessageBody, anthropicMessageEvents, MALFORMED_ANTHROPIC_EVENT } from './anthropic-wire.js';
import type { FaultControls } from '../../src/simulator/fault-controls.js';
import type { ResponseIdentity } from '../../src/simulator/openai-wire.js';
import { answerChat, isRecord, positiveNumber } from '../../src/simulator/simulated-answer.js';
import { sendEvents, sendJson, sendMalformedJson } from '../../src/simulator/write-response.js';

export interface AnthropicMessagesOptions {
  /** When set, requests must carry `x-api-key: <apiKey>` (or `Authorization: Bearer <apiKey>`). */
  apiKey: string | undefined;
  completionTokens: number;
  streamChunks: number;
  identity(prefix: string, model: string): ResponseIdentity;
}

export type AnthropicMessagesHandler = (request: IncomingMessage, response: ServerResponse, body: Buffer, controls: FaultControls) => void;

/** Anthropic's Messages API (`POST /v1/messages`), with the same fault controls as the OpenAI routes. */
export function createAnthropicMessagesHandler(options: AnthropicMessagesOptions): AnthropicMessagesHandler {
  const promptTokens = createPromptCache();

  return (request, response, body, controls) => {
    const fail = (status: number, error: { type: string; message: string }, retryAfter?: string) =>
      sendJson(response, status, anthropicErrorBody(error.type, error.message, options.identity('req_', '').id), controls, retryAfter);
    const invalid = (message: string) => fail(400, { type: 'invalid_request_error', message });

    if (controls.problem !== undefined) return invalid(controls.problem);
    // `x-api-key` is the documented header; @anthropic-ai/sdk 1.x sends the key as a Bearer token.
    const bearer = request.headers.authorization?.replace(/^Bearer /, '');
    const key = request.headers['x-api-key'] ?? bearer;
    if (options.apiKey !== undefined && key !== options.apiKey) {
      return fail(401, { type: 'authentication_error', message: key === undefined ? 'x-api-key header is required' : 'invalid x-api-key' });
    }
    if (controls.status !== undefined) return fail(controls.status, anthropicErrorForStatus(controls.status), controls.retryAfter);
    if (request.method !== 'POST' || request.url?.split('?', 1)[0] !== '/v1/messages') {
      return fail(404, { type: 'not_found_error', message: 'Not Found' });
    }
    if (request.headers['anthropic-version'] === undefined) return invalid('anthropic-version: header is required');

    let payload: unknown;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      return invalid('There was an error parsing the body of your request. Please ensure it is valid JSON.');
    }
    if (!isRecord(payload)) return invalid('Input should be a valid dictionary');
    if (typeof payload.model !== 'string' || payload.model === '') return invalid('model: Field required');
    if (positiveNumber(payload.max_tokens) === undefined) return invalid('max_tokens: Field required');
    if (!Array.isArray(payload.messages) || payload.messages.length === 0) return invalid('messages: at least one message is required');
    if (controls.fail === 'malformed-json') return sendMalformedJson(response);

    const answer = answerChat(toChatShape(payload), options.completionTokens);
    const prompt = promptTokens(payload);
    const identity = options.identity('msg_sim', payload.model);
    if (payload.stream === true) {
      return sendEvents(response, anthropicMessageEvents(identity, answer, prompt, options.streamChunks), controls, MALFORMED_ANTHROPIC_EVENT);
    }
    return sendJson(response, 200, anthropicMessageBody(identity, answer, prompt), controls);
  };
}
