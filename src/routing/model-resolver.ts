import type { TaskType } from '../contract/task-types.js';
import { GatewayError } from '../errors.js';
import type { ProviderAdapter } from '../providers/spec/index.js';
import type { CatalogModel } from '../catalog/model-catalog.js';
import type { ModelMapping, ModelMappings } from './model-mappings.js';

export interface Candidate {
  adapter: ProviderAdapter;
  providerModel: string;
}

export interface ResolvedModel {
  model: CatalogModel;
  /** The Hub mapping the request went through, whose parameters act as defaults. */
  mapping: ModelMapping | undefined;
  candidates: Candidate[];
}

/**
 * Turns what a client asked for into a catalog model and the providers able to serve it, in the
 * order to try them. Accepted names: a Gatewayz model id (`gpt-4o-mini`), a Hub model id from
 * the mapping registry (`meta-llama/Llama-3.1-8B-Instruct`), or `provider/model` with the
 * provider's own model id (`openrouter/openai/gpt-4o-mini`).
 */
export class ModelResolver {
  private readonly catalogById: Map<string, CatalogModel>;
  private readonly catalogList: readonly CatalogModel[];

  constructor(
    catalog: readonly CatalogModel[],
    private readonly adapters: ReadonlyMap<string, ProviderAdapter>,
    private readonly mappings: ModelMappings,
    private readonly ranking: Ranking = { price: () => undefined, latency: () => undefined },
  ) {
    this.catalogById = new Map(catalog.map((model) => [model.id, model]));
    this.catalogList = [...catalog];
  }

  get catalog(): readonly CatalogModel[] {
    return this.catalogList;
  }

  /**
   * The catalog model a name refers to, without choosing providers (used to price and to map).
   * Hub ids are looked up only for a task: a mapping's target is never itself a Hub id.
   */
  findModel(name: string, task?: TaskType): FoundModel | undefined {
    const mapping = task ? this.mappings.find(name, task) : undefined;
    const target = mapping ? mapping.providerModelId : name;
    const direct = this.catalogById.get(target);
    if (direct) return { model: direct, mapping, pinnedProvider: undefined };
    const slash = target.indexOf('/');
    if (slash <= 0) return undefined;
    const provider = target.slice(0, slash);
    const providerModel = target.slice(slash + 1);
    const model = provider === 'simulator' ? this.catalogById.get(providerModel) : this.catalog.find((entry) => entry.providers[provider] === providerModel);
    return model && { model, mapping, pinnedProvider: provider };
  }

  resolve(requested: string, task: TaskType): ResolvedModel {
    const { name, policy } = this.splitPolicy(requested);
    const resolved = this.resolveName(name, task, policy);
    if (policy === 'cheapest' || policy === 'fastest') resolved.candidates = this.ranked(resolved, policy);
    return resolved;
  }

  /**
   * HF's router suffixes: `model:cheapest`, `model:fastest`, `model:preferred` (our order), and
   * `model:<provider>`. Only those are split off: provider model ids contain colons too
   * (OpenRouter's `...:free`).
   */
  private splitPolicy(requested: string): { name: string; policy: string | undefined } {
    const colon = requested.lastIndexOf(':');
    if (colon <= 0) return { name: requested, policy: undefined };
    const suffix = requested.slice(colon + 1);
    const known = ['cheapest', 'fastest', 'preferred'].includes(suffix) || this.adapters.has(suffix);
    return known ? { name: requested.slice(0, colon), policy: suffix } : { name: requested, policy: undefined };
  }

  private ranked(resolved: ResolvedModel, policy: 'cheapest' | 'fastest'): Candidate[] {
    if (policy === 'cheapest') {
      // Prices compare as bigints; an unpriced provider goes last.
      const price = (candidate: Candidate) => this.ranking.price(resolved.model.id, candidate.adapter.id);
      return [...resolved.candidates].sort((a, b) => {
        const [left, right] = [price(a), price(b)];
        if (left === undefined || right === undefined) return left === right ? 0 : left === undefined ? 1 : -1;
        return left < right ? -1 : left > right ? 1 : 0;
      });
    }
    const latency = (candidate: Candidate) => this.ranking.latency(candidate.adapter.id) ?? Number.MAX_SAFE_INTEGER;
    return [...resolved.candidates].sort((a, b) => latency(a) - latency(b));
  }

  private resolveName(name: string, task: TaskType, policy: string | undefined): ResolvedModel {
    const found = this.findModel(name, task);
    if (!found) {
      throw new GatewayError('not_found', 'Model not found', `No model named "${name}" is served for ${task}. GET /hf/tasks/models lists them.`);
    }
    const { model, mapping } = found;
    const pinnedProvider = found.pinnedProvider ?? (policy && this.adapters.has(policy) ? policy : undefined);
    if (!model.tasks.includes(task)) {
      throw new GatewayError('invalid_request', 'Model does not serve this task', `"${name}" serves ${model.tasks.join(', ')}, not ${task}.`);
    }
    const candidates: Candidate[] = [];
    let simulator: ProviderAdapter | undefined;
    for (const adapter of this.adapters.values()) {
      if (!servesTask(adapter, task)) continue;
      if (adapter.id === 'simulator') simulator = adapter;
      else if (!pinnedProvider || adapter.id === pinnedProvider) {
        const providerModel = model.providers[adapter.id];
        if (providerModel) candidates.push({ adapter, providerModel });
      }
    }
    // The simulator stands in only where no configured provider serves the model: it is never a
    // fallback for a real provider, whose failures must reach the client rather than a simulated answer.
    if (candidates.length === 0 && simulator) candidates.push({ adapter: simulator, providerModel: model.id });
    if (candidates.length === 0) {
      const serving = pinnedProvider ?? Object.keys(model.providers).join(', ');
      throw new GatewayError('not_found', 'No provider serves this model', `No configured provider serves "${name}". Configure: ${serving}.`);
    }
    return { model, mapping, candidates };
  }
}

interface FoundModel {
  model: CatalogModel;
  mapping: ModelMapping | undefined;
  /** Set when the name was `provider/model`: only that provider may serve it. */
  pinnedProvider: string | undefined;
}

/** Embeddings and images need the provider's own API; every adapter can chat. */
function servesTask(adapter: ProviderAdapter, task: TaskType): boolean {
  if (task === 'embedding') return adapter.embed !== undefined;
  if (task === 'image-generation') return adapter.generateImage !== undefined;
  return true;
}

/** What `:cheapest` and `:fastest` order by: a provider's output price, its recent latency. */
export interface Ranking {
  price(modelId: string, provider: string): bigint | undefined;
  latency(provider: string): number | undefined;
}
