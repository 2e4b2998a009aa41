import { routes } from './routes.js';
import { TaskStream } from './stream.js';
import { Transport, type ClientOptions, type HttpRequest, type RequestOptions } from './transport.js';
import type * as T from './types.js';

type Route = keyof typeof routes;

/**
 * The Gatewayz task API. Every method takes its request (a string is shorthand for `{ inputs }`)
 * and per-call `RequestOptions`; results carry `costNanoUsd` and `inferenceId` (non-enumerable).
 */
export class GatewayzClient {
  readonly #transport: Transport;

  constructor(apiKey?: string, options: ClientOptions = {}) {
    this.#transport = new Transport(apiKey, options);
  }

  /** The origin requests go to. */
  get baseUrl(): string {
    return this.#transport.baseUrl;
  }

  textGeneration(request: string | T.TextGenerationRequest, options?: RequestOptions): Promise<T.WithMeta<T.TextGenerationResponse>> {
    return this.#post('tasks-textGeneration', inputsOf(request), options);
  }
  /** Streams tokens: `for await (const event of client.textGenerationStream("Hi")) …`. */
  textGenerationStream(request: string | T.TextGenerationRequest, options?: RequestOptions): TaskStream {
    return this.#stream('tasks-textGeneration', inputsOf(request), options);
  }
  conversational(request: string | T.ConversationalRequest, options?: RequestOptions): Promise<T.WithMeta<T.ConversationalResponse>> {
    return this.#post('tasks-conversational', textOf(request), options);
  }
  conversationalStream(request: string | T.ConversationalRequest, options?: RequestOptions): TaskStream {
    return this.#stream('tasks-conversational', textOf(request), options);
  }
  summarization(request: string | T.SummarizationRequest, options?: RequestOptions): Promise<T.WithMeta<T.SummarizationResponse>> {
    return this.#post('tasks-summarization', inputsOf(request), options);
  }
  translation(request: string | T.TranslationRequest, options?: RequestOptions): Promise<T.WithMeta<T.TranslationResponse>> {
    return this.#post('tasks-translation', inputsOf(request), options);
  }
  questionAnswering(request: T.QuestionAnsweringRequest, options?: RequestOptions): Promise<T.WithMeta<T.QuestionAnsweringResponse>> {
    return this.#post('tasks-questionAnswering', request, options);
  }
  textClassification(request: string | T.TextClassificationRequest, options?: RequestOptions): Promise<T.WithMeta<T.TextClassificationResponse>> {
    return this.#post('tasks-textClassification', inputsOf(request), options);
  }
  tokenClassification(request: string | T.TokenClassificationRequest, options?: RequestOptions): Promise<T.WithMeta<T.TokenClassificationResponse>> {
    return this.#post('tasks-tokenClassification', inputsOf(request), options);
  }
  /** The image comes back base64-encoded in `output.image`. */
  imageGeneration(request: string | T.ImageGenerationRequest, options?: RequestOptions): Promise<T.WithMeta<T.ImageGenerationResponse>> {
    return this.#post('tasks-imageGeneration', inputsOf(request), options);
  }
  embedding(request: string | string[] | T.EmbeddingRequest, options?: RequestOptions): Promise<T.WithMeta<T.EmbeddingResponse>> {
    return this.#post('tasks-embedding', typeof request === 'string' || Array.isArray(request) ? { inputs: request } : request, options);
  }
  /** Any task by name: `{ task, model?, inputs, parameters? }`; the body is that task's response. */
  run(request: T.RunRequest, options?: RequestOptions): Promise<T.WithMeta<T.RunResponse>> {
    return this.#post('tasks-run', request, options);
  }
  /** `run` for the streaming tasks (text-generation, conversational). */
  runStream(request: T.RunRequest, options?: RequestOptions): TaskStream {
    return this.#stream('tasks-run', request, options);
  }

  listModels(taskType?: T.TaskType | { task_type?: T.TaskType }, options?: RequestOptions): Promise<T.WithMeta<T.ModelList>> {
    const task_type = typeof taskType === 'object' ? taskType.task_type : taskType;
    return this.#call('models-list', { query: { task_type } }, options);
  }
  mapModel(request: T.MapModelRequest, options?: RequestOptions): Promise<T.WithMeta<T.MapModelResponse>> {
    return this.#post('models-map', request, options);
  }
  /** Prices token counts without running anything: `calculateCost([{ task, model, input_tokens, output_tokens }])`. */
  calculateCost(requests: T.CostRequestItem[] | T.CostRequest, options?: RequestOptions): Promise<T.WithMeta<T.CostResponse>> {
    return this.#post('billing-cost', Array.isArray(requests) ? { requests } : requests, options);
  }
  /** The key's usage records: `getUsage(50, 0)` or `getUsage({ limit, offset, from, to, model, task, provider, status })`. */
  getUsage(limit?: number | T.UsageQuery, offset?: number, options?: RequestOptions): Promise<T.WithMeta<T.UsageResponse>> {
    const query = typeof limit === 'object' ? limit : { limit, offset };
    return this.#call('billing-usage', { query }, options);
  }
  /** The same records as CSV text (`format=csv`). */
  async getUsageCsv(query: T.UsageQuery = {}, options?: RequestOptions): Promise<string> {
    return this.#transport.text({ method: 'GET', path: routes['billing-usage'].path, query: { ...query, format: 'csv' }, accept: 'text/csv' }, options);
  }

  #post<Result>(route: Route, body: unknown, options?: RequestOptions): Promise<T.WithMeta<Result>> {
    return this.#call(route, { body }, options);
  }

  async #call<Result>(route: Route, request: Pick<HttpRequest, 'body' | 'query'>, options?: RequestOptions): Promise<T.WithMeta<Result>> {
    const { method, path } = routes[route];
    const { body, headers } = await this.#transport.json<Result & object>({ method, path, ...request }, options);
    const cost = headers.get('x-gatewayz-cost-nano-usd');
    return Object.defineProperties(body, {
      costNanoUsd: { value: cost !== null && /^\d+$/.test(cost) ? BigInt(cost) : null, enumerable: false },
      inferenceId: { value: headers.get('inference-id'), enumerable: false },
    }) as T.WithMeta<Result>;
  }

  #stream(route: Route, body: object, options?: RequestOptions): TaskStream {
    const { method, path } = routes[route];
    return new TaskStream(this.#transport, { method, path, body: { ...body, stream: true } }, options);
  }
}

/**
 * `createClient(apiKey, { baseUrl })`. Without arguments the key and origin come from the
 * `GATEWAYZ_API_KEY` and `GATEWAYZ_BASE_URL` environment variables (origin default `http://localhost:8080`).
 */
export function createClient(apiKey?: string, options?: ClientOptions): GatewayzClient {
  return new GatewayzClient(apiKey, options);
}

function inputsOf<Request extends { inputs: unknown }>(request: string | Request): Request | { inputs: string } {
  return typeof request === 'string' ? { inputs: request } : request;
}

function textOf<Request extends { text: string }>(request: string | Request): Request | { text: string } {
  return typeof request === 'string' ? { text: request } : request;
}
