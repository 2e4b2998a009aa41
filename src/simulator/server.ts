import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerEmbeddings, type InvalidParameter } from './embeddings-route.js';
import { errorForStatus, readFaultControls, type FaultControls } from './fault-controls.js';
import { createImagesRoute, IMAGE_FILE_PREFIX } from './images-route.js';
import { chatCompletionBody, chatCompletionEvents, textCompletionBody, textCompletionEvents } from './openai-wire.js';
import { answerChat, answerText, countWords, isRecord, positiveNumber } from './simulated-answer.js';
import type { SimulatorRouteFactory } from './simulator-route.js';
import { reset, sendError, sendEvents, sendJson, sendMalformedJson } from './write-response.js';

export interface SimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** When set, requests must carry `Authorization: Bearer <apiKey>` (`x-api-key: <apiKey>` on Anthropic's route). */
  apiKey?: string;
  /** Delay before every response head; `x-simulator-latency-ms` overrides it. */
  latencyMs?: number;
  /** Delay between stream events; `x-simulator-chunk-delay-ms` overrides it. */
  chunkDelayMs?: number;
  /** How many content chunks a streamed answer is split into. */
  streamChunks?: number;
  /** Length of an answer not cut by `max_tokens`, in words (the simulator's tokens). */
  completionTokens?: number;
  /** Model ids listed by `GET /v1/models`; any model id is answered regardless. */
  models?: string[];
  /** Other wire protocols, tried before the OpenAI routes (see `simulator-route.ts`). */
  routes?: SimulatorRouteFactory[];
}

export interface SimulatorServer {
  /** Base URL including `/v1`, ready for an OpenAI client's `baseURL`. */
  readonly url: string;
  readonly port: number;
  /** Requests received so far, faulty ones included. */
  readonly requests: number;
  /** TCP connections accepted so far: fewer than `requests` when clients keep connections alive. */
  readonly connections: number;
  /**
   * Queues fault controls (`x-simulator-*` header sets) for the next requests, one each, for
   * callers that cannot set headers per request (a gateway's provider adapter).
   */
  planFaults(faults: Record<string, string>[]): void;
  close(): Promise<void>;
}

// OpenAI's legacy endpoint answers 16 tokens when `max_tokens` is absent.
const LEGACY_DEFAULT_MAX_TOKENS = 16;
const JSON_ROUTES = new Set(['POST /v1/chat/completions', 'POST /v1/completions', 'POST /v1/embeddings', 'POST /v1/images/generations']);
const INVALID_JSON = {
  message: 'We could not parse the JSON body of your request. The OpenAI API expects a JSON payload.',
  type: 'invalid_request_error',
  code: null,
};

/**
 * A zero-dependency upstream that speaks OpenAI's Chat Completions, Completions, Embeddings and
 * Images wire formats with deterministic answers and header-driven faults: what `npm start`
 * answers with when no provider is configured, and what the benchmark measures the gateway
 * against (an upstream that adds no latency of its own). Other protocols plug in as `routes`.
 */
export async function createSimulatorServer(options: SimulatorOptions = {}): Promise<SimulatorServer> {
  const defaults = { latencyMs: options.latencyMs ?? 0, chunkDelayMs: options.chunkDelayMs ?? 0 };
  const faultPlan: Record<string, string>[] = [];
  const streamChunks = options.streamChunks ?? 20;
  const completionTokens = options.completionTokens ?? 90;
  const expectedAuthorization = options.apiKey === undefined ? undefined : `Bearer ${options.apiKey}`;
  const modelsBody = JSON.stringify({
    object: 'list',
    data: (options.models ?? ['simulator-model']).map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'simulator' })),
  });
  const idPrefix = randomBytes(4).toString('hex');
  let responseCounter = 0;
  let requests = 0;
  let connections = 0;
  // Answers still waiting out their latency; `close` cancels them.
  const delayed = new Set<NodeJS.Timeout>();

  function identity(prefix: string, model: string) {
    responseCounter += 1;
    return { id: `${prefix}${idPrefix}${responseCounter.toString(36)}`, created: Math.floor(Date.now() / 1000), model };
  }
  const routes = (options.routes ?? []).map((create) => create({ apiKey: options.apiKey, completionTokens, streamChunks, identity }));
  let origin = '';
  const images = createImagesRoute(() => origin);

  function handle(request: IncomingMessage, response: ServerResponse, body: Buffer, controls: FaultControls): void {
    if (controls.fail === 'reset') return reset(request.socket);
    // Each protocol's route owns its paths, auth scheme and error bodies.
    if (routes.some((route) => route(request, response, body, controls))) return;
    if (controls.problem !== undefined) {
      return sendError(response, 400, { message: controls.problem, type: 'invalid_request_error', code: null }, controls);
    }
    const path = request.url?.split('?', 1)[0] ?? '';
    const route = `${request.method} ${path}`;
    // Image links work without the key, like the pre-signed URLs real providers hand out.
    const imageFile = request.method === 'GET' && path.startsWith(IMAGE_FILE_PREFIX);
    if (!imageFile && expectedAuthorization !== undefined && request.headers.authorization !== expectedAuthorization) {
      const message = request.headers.authorization === undefined ? "You didn't provide an API key." : 'Incorrect API key provided.';
      return sendError(response, 401, { message, type: 'invalid_request_error', code: 'invalid_api_key' }, controls);
    }
    if (controls.status !== undefined) return sendError(response, controls.status, errorForStatus(controls.status), controls, controls.retryAfter);
    if (imageFile) return images.serveFile(path, response, controls);
    if (route === 'GET /v1/models') return sendJson(response, 200, modelsBody, controls);
    if (!JSON_ROUTES.has(route)) {
      return sendError(response, 404, { message: `Invalid URL (${route})`, type: 'invalid_request_error', code: null }, controls);
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      return sendError(response, 400, INVALID_JSON, controls);
    }
    if (!isRecord(payload)) return sendError(response, 400, INVALID_JSON, controls);
    if (typeof payload.model !== 'string' || payload.model === '') {
      return sendError(response, 400, { message: 'You must provide a model parameter.', type: 'invalid_request_error', code: null }, controls);
    }
    const invalid: InvalidParameter = (message, param, code) =>
      sendError(response, 400, { message, type: 'invalid_request_error', param, code: code ?? null }, controls);
    if (route === 'POST /v1/embeddings' || route === 'POST /v1/images/generations') {
      if (controls.fail === 'malformed-json') return sendMalformedJson(response);
      if (route === 'POST /v1/embeddings') return answerEmbeddings(payload, payload.model, response, controls, invalid);
      return images.generate(request, payload, response, controls, invalid);
    }
    const chat = path === '/v1/chat/completions';
    const required = chat ? 'messages' : 'prompt';
    if (chat ? !Array.isArray(payload.messages) || payload.messages.length === 0 : payload.prompt === undefined) {
      return invalid(`Missing required parameter: '${required}'.`, required, 'missing_required_parameter');
    }
    if (controls.fail === 'malformed-json') return sendMalformedJson(response);

    const stream = payload.stream === true;
    const includeUsage = isRecord(payload.stream_options) && payload.stream_options.include_usage === true;
    if (chat) {
      const answer = answerChat(payload, completionTokens);
      const responseIdentity = identity('chatcmpl-', payload.model);
      if (stream) return sendEvents(response, chatCompletionEvents(responseIdentity, answer, streamChunks, includeUsage), controls);
      return sendJson(response, 200, chatCompletionBody(responseIdentity, answer), controls);
    }
    const prompt = Array.isArray(payload.prompt) ? String(payload.prompt[0] ?? '') : String(payload.prompt);
    const limit = positiveNumber(payload.max_tokens) ?? LEGACY_DEFAULT_MAX_TOKENS;
    const answer = answerText(prompt, countWords(prompt), limit, completionTokens);
    const responseIdentity = identity('cmpl-', payload.model);
    if (stream) return sendEvents(response, textCompletionEvents(responseIdentity, answer, streamChunks, includeUsage), controls);
    return sendJson(response, 200, textCompletionBody(responseIdentity, answer), controls);
  }

  const server = createServer((request, response) => {
    requests += 1;
    const pieces: Buffer[] = [];
    request.on('data', (piece: Buffer) => pieces.push(piece));
    request.on('end', () => {
      const body = pieces.length === 1 ? (pieces[0] as Buffer) : Buffer.concat(pieces);
      // Planned faults apply to the next requests in order, as if they had sent those headers.
      const controls = readFaultControls({ ...request.headers, ...faultPlan.shift() }, defaults);
      if (controls.latencyMs === 0) return handle(request, response, body, controls);
      const timer = setTimeout(() => {
        delayed.delete(timer);
        handle(request, response, body, controls);
      }, controls.latencyMs);
      delayed.add(timer);
    });
  });
  server.on('connection', () => {
    connections += 1;
  });
  // Load generators keep connections open between requests; do not close them under their feet.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  origin = `http://${host}:${address.port}`;
  return {
    url: `${origin}/v1`,
    port: address.port,
    get requests() {
      return requests;
    },
    get connections() {
      return connections;
    },
    planFaults: (faults) => faultPlan.push(...faults),
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of delayed) clearTimeout(timer);
        delayed.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
