import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the parts of huggingface.co that a provider touches: the Model Mapping API
 * (`/api/partners/{provider}/models`, hub-docs register-as-a-provider.md §3) and the model-info
 * route the clients read the mapping from (`/api/models/{id}?expand[]=inferenceProviderMapping`).
 * It enforces the documented rules, so a sync that passes here is refused by the Hub for the same
 * reasons only: write permission in the provider org, the task must match the model's
 * pipeline_tag (or be "conversational" for a conversational text-generation/image-text-to-text
 * model), one task per model and provider. Test-only: no persistence, loopback only.
 */

export interface HubModel {
  id: string;
  pipeline_tag: string;
  tags: readonly string[];
}

/** HF org roles; the Model Mapping API needs write or admin in the provider's org. */
export type HubRole = 'read' | 'contributor' | 'write' | 'admin';

export interface HubToken {
  token: string;
  /** Provider name → the token owner's role in that provider's org. */
  memberships: Record<string, HubRole>;
}

export interface HubMapping {
  _id: string;
  provider: string;
  type: 'single-model' | 'tag-filter';
  task: string;
  hfModel?: string;
  tags?: string[];
  adapterType?: 'lora';
  providerModel: string;
  status: 'live' | 'staging' | 'error';
}

export interface HubSimulatorOptions {
  models?: readonly HubModel[];
  tokens?: readonly HubToken[];
}

export interface HubSimulator {
  url: string;
  mappings: Map<string, HubMapping>;
  models: Map<string, HubModel>;
  /** Every request seen, for assertions on what a client asked. */
  requests: { method: string; url: string; authorization?: string }[];
  close(): Promise<void>;
}

/** Hub models the gateway's default mappings point at, with their real pipeline tags. */
export const defaultHubModels: readonly HubModel[] = [
  { id: 'meta-llama/Llama-3.1-8B-Instruct', pipeline_tag: 'text-generation', tags: ['transformers', 'conversational', 'llama'] },
  { id: 'meta-llama/Llama-3.1-8B', pipeline_tag: 'text-generation', tags: ['transformers', 'llama'] },
  { id: 'facebook/bart-large-cnn', pipeline_tag: 'summarization', tags: ['transformers', 'bart'] },
  { id: 'Helsinki-NLP/opus-mt-en-fr', pipeline_tag: 'translation', tags: ['transformers', 'marian'] },
  { id: 'deepset/roberta-base-squad2', pipeline_tag: 'question-answering', tags: ['transformers', 'roberta'] },
  { id: 'distilbert/distilbert-base-uncased-finetuned-sst-2-english', pipeline_tag: 'text-classification', tags: ['transformers'] },
  { id: 'dslim/bert-base-NER', pipeline_tag: 'token-classification', tags: ['transformers', 'bert'] },
  { id: 'BAAI/bge-base-en-v1.5', pipeline_tag: 'feature-extraction', tags: ['sentence-transformers'] },
  { id: 'black-forest-labs/FLUX.1-schnell', pipeline_tag: 'text-to-image', tags: ['diffusers'] },
  { id: 'some-user/flux-lora-watercolor', pipeline_tag: 'text-to-image', tags: ['lora', 'base_model:adapter:black-forest-labs/FLUX.1-dev'] },
];

const conversationalPipelines = new Set(['text-generation', 'image-text-to-text']);
const statuses = new Set(['live', 'staging']);

class HubError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startHubSimulator(options: HubSimulatorOptions = {}): Promise<HubSimulator> {
  const models = new Map((options.models ?? defaultHubModels).map((model) => [model.id, model]));
  const tokens = new Map((options.tokens ?? []).map((token) => [token.token, token]));
  const mappings = new Map<string, HubMapping>();
  const requests: HubSimulator['requests'] = [];

  const requireWrite = (request: IncomingMessage, provider: string) => {
    const match = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
    const token = match ? tokens.get(match[1]!) : undefined;
    if (!token) throw new HubError(401, 'Invalid credentials in Authorization header');
    const role = token.memberships[provider];
    if (role !== 'write' && role !== 'admin') throw new HubError(403, `You need write permissions in the ${provider} organization`);
  };

  const create = (provider: string, body: Record<string, unknown>): HubMapping => {
    const { task, providerModel } = body;
    const status = body.status ?? 'staging';
    if (typeof task !== 'string' || typeof providerModel !== 'string' || !providerModel) throw new HubError(400, '"task" and "providerModel" are required');
    if (typeof status !== 'string' || !statuses.has(status)) throw new HubError(400, '"status" must be "live" or "staging"');
    const _id = randomBytes(12).toString('hex');
    if (body.type === 'tag-filter') {
      const tags = body.tags;
      if (!Array.isArray(tags) || tags.length === 0 || !tags.every((tag) => typeof tag === 'string'))
        throw new HubError(400, '"tags" must be a non-empty string array');
      if (body.adapterType !== 'lora') throw new HubError(400, 'Only adapterType "lora" is supported');
      const key = tags.join(',');
      for (const existing of mappings.values()) {
        if (existing.provider === provider && existing.type === 'tag-filter' && existing.tags?.join(',') === key)
          throw new HubError(409, 'A mapping already exists for these tags');
      }
      return { _id, provider, type: 'tag-filter', task, tags: tags as string[], adapterType: 'lora', providerModel, status: status as 'live' };
    }
    if (body.type !== undefined && body.type !== 'single-model') throw new HubError(400, '"type" must be "single-model" or "tag-filter"');
    const hfModel = body.hfModel;
    if (typeof hfModel !== 'string') throw new HubError(400, '"hfModel" is required');
    const model = models.get(hfModel);
    if (!model) throw new HubError(404, `Model ${hfModel} not found`);
    const compatible =
      model.pipeline_tag === task || (task === 'conversational' && conversationalPipelines.has(model.pipeline_tag) && model.tags.includes('conversational'));
    if (!compatible) throw new HubError(400, `Model ${hfModel} has pipeline_tag ${model.pipeline_tag} and is not compatible with task ${task}`);
    for (const existing of mappings.values()) {
      if (existing.provider === provider && existing.hfModel === hfModel)
        throw new HubError(409, `Model ${hfModel} is already mapped for ${provider} (task ${existing.task})`);
    }
    return { _id, provider, type: 'single-model', task, hfModel, providerModel, status: status as 'live' };
  };

  const list = (provider: string, status: string | null) => {
    const grouped: Record<string, Record<string, Record<string, unknown>>> = {};
    for (const mapping of mappings.values()) {
      if (mapping.provider !== provider || (status && mapping.status !== status)) continue;
      const group = (grouped[mapping.task] ??= {});
      if (mapping.type === 'tag-filter') {
        group[`tag-filter=${mapping.tags!.join(',')}`] = {
          _id: mapping._id,
          status: mapping.status,
          providerId: mapping.providerModel,
          adapterType: mapping.adapterType,
          tags: mapping.tags,
        };
      } else {
        group[mapping.hfModel!] = { _id: mapping._id, providerId: mapping.providerModel, status: mapping.status };
      }
    }
    return grouped;
  };

  /** The model's mapping entries as the Hub expands them: keyed by provider, single-model first. */
  const modelMapping = (model: HubModel) => {
    const byProvider: Record<string, Record<string, unknown>> = {};
    const sorted = [...mappings.values()].sort((a, b) => (a.type === b.type ? 0 : a.type === 'single-model' ? -1 : 1));
    for (const mapping of sorted) {
      const applies = mapping.type === 'single-model' ? mapping.hfModel === model.id : mapping.tags!.every((tag) => model.tags.includes(tag));
      if (!applies || byProvider[mapping.provider]) continue;
      byProvider[mapping.provider] = {
        status: mapping.status,
        providerId: mapping.providerModel,
        task: mapping.task,
        ...(mapping.type === 'tag-filter' ? { adapter: mapping.adapterType, adapterWeightsPath: 'adapter_model.safetensors', type: 'tag-filter' } : {}),
      };
    }
    return byProvider;
  };

  const handle = async (request: IncomingMessage): Promise<[number, unknown]> => {
    const url = new URL(request.url ?? '/', 'http://hub');
    const method = request.method ?? 'GET';
    const partners = /^\/api\/partners\/([^/]+)\/models(?:\/([0-9a-f]{24})(\/status)?)?$/.exec(url.pathname);
    if (partners) {
      const provider = decodeURIComponent(partners[1]!);
      const id = partners[2];
      if (!id && method === 'GET') {
        const status = url.searchParams.get('status');
        if (status && !statuses.has(status) && status !== 'error') throw new HubError(400, 'status must be live, staging or error');
        return [200, list(provider, status)];
      }
      requireWrite(request, provider);
      const body = method === 'POST' || method === 'PUT' ? await readJson(request) : {};
      if (!id && method === 'POST') {
        const mapping = create(provider, body);
        mappings.set(mapping._id, mapping);
        return [200, { _id: mapping._id }];
      }
      const mapping = id ? mappings.get(id) : undefined;
      if (!mapping || mapping.provider !== provider) throw new HubError(404, 'Mapping not found');
      if (method === 'DELETE' && !partners[3]) {
        mappings.delete(mapping._id);
        return [200, {}];
      }
      if (method === 'PUT' && partners[3]) {
        if (typeof body.status !== 'string' || !statuses.has(body.status)) throw new HubError(400, '"status" must be "live" or "staging"');
        mapping.status = body.status as 'live';
        return [200, { _id: mapping._id, status: mapping.status }];
      }
      throw new HubError(405, 'Method not allowed');
    }
    const modelRoute = /^\/api\/models\/([^/]+\/[^/]+)$/.exec(url.pathname);
    if (modelRoute && method === 'GET') {
      const model = models.get(decodeURIComponent(modelRoute[1]!));
      if (!model) throw new HubError(404, 'Repository not found');
      const expand = [...url.searchParams.getAll('expand[]'), ...url.searchParams.getAll('expand')];
      if (expand.length === 0) return [200, { _id: model.id, id: model.id, modelId: model.id, pipeline_tag: model.pipeline_tag, tags: model.tags }];
      const answer: Record<string, unknown> = { _id: model.id, id: model.id };
      if (expand.includes('inferenceProviderMapping')) answer.inferenceProviderMapping = modelMapping(model);
      if (expand.includes('pipeline_tag')) answer.pipeline_tag = model.pipeline_tag;
      if (expand.includes('tags')) answer.tags = model.tags;
      return [200, answer];
    }
    throw new HubError(404, 'Not found');
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    requests.push({
      method: request.method ?? 'GET',
      url: request.url ?? '/',
      ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}),
    });
    handle(request).then(
      ([status, body]) => send(response, status, body),
      (error: unknown) => send(response, error instanceof HubError ? error.status : 500, { error: error instanceof Error ? error.message : String(error) }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    mappings,
    models,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through to the 400
  }
  throw new HubError(400, 'Body must be a JSON object');
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-request-id': randomBytes(8).toString('hex') });
  response.end(JSON.stringify(body));
}
