import type { FastifyRequest } from 'fastify';
import { nanoToUsdNumber } from '../../billing/money.js';
import type { OpenAIModel } from '../../contract/openai/models.js';
import type { ListModelsResponse } from '../../contract/openai/models.js';
import type { TaskType } from '../../contract/task-types.js';
import { GatewayError } from '../../errors.js';
import type { CatalogModel } from '../../catalog/model-catalog.js';
import type { GatewayServices } from '../../trpc/gateway-services.js';

// The Hub ids worth listing are those the OpenAI text endpoints accept.
const listedMappingTasks: readonly TaskType[] = ['conversational', 'text-generation'];

/**
 * Every model a configured provider serves: the catalog ids, then the Hub ids mapped for chat
 * and completions, each with the price it is billed at (HF reads `pricing` and `context_length`
 * from here for its comparison table and its `:cheapest` policy).
 */
export function listOpenAIModels(services: GatewayServices): OpenAIModel[] {
  const { resolver, priceBook } = services.pipeline;
  const describe = (id: string, ownedBy: string, model: CatalogModel): OpenAIModel | undefined => {
    const price = priceBook.lookup(model.id, '*');
    if (!price || !isServed(services, model)) return undefined;
    return {
      id,
      object: 'model',
      created: Math.floor(price.effectiveFrom.getTime() / 1000),
      owned_by: ownedBy,
      pricing: { input: nanoToUsdNumber(price.inputNanoUsdPerMillion), output: nanoToUsdNumber(price.outputNanoUsdPerMillion) },
      context_length: model.contextLength,
    };
  };
  const listed = new Map<string, OpenAIModel>();
  for (const model of resolver.catalog) {
    const entry = describe(model.id, model.ownedBy, model);
    if (entry) listed.set(entry.id, entry);
  }
  for (const mapping of services.mappings.list()) {
    if (!listedMappingTasks.includes(mapping.taskType) || listed.has(mapping.hubModelId)) continue;
    const found = resolver.findModel(mapping.hubModelId, mapping.taskType);
    const entry = found && describe(mapping.hubModelId, mapping.hubModelId.split('/', 1)[0]!, found.model);
    if (entry) listed.set(entry.id, entry);
  }
  return [...listed.values()];
}

function isServed(services: GatewayServices, model: CatalogModel): boolean {
  try {
    services.pipeline.resolver.resolve(model.id, model.tasks[0]!);
    return true;
  } catch {
    return false; // no configured provider serves it
  }
}

export function handleListModels(services: GatewayServices): ListModelsResponse {
  return { object: 'list', data: listOpenAIModels(services) };
}

/** `GET /v1/models/{id}`; ids hold slashes (`meta-llama/Llama-3.1-8B-Instruct`), hence a wildcard route. */
export function handleRetrieveModel(request: FastifyRequest<{ Params: { '*': string } }>, services: GatewayServices): OpenAIModel {
  const id = request.params['*'];
  const model = listOpenAIModels(services).find((entry) => entry.id === id);
  if (!model) throw new GatewayError('not_found', 'Model not found', `No model named "${id}" is served. GET /v1/models lists them.`);
  return model;
}
