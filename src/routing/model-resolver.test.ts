import { describe, expect, it } from 'vitest';
import type { ProviderAdapter } from '../providers/spec/index.js';
import { embeddedCatalog } from '../catalog/model-catalog.js';
import type { ModelMappings } from './model-mappings.js';
import { ModelResolver } from './model-resolver.js';

const adapter = (id: string) => ({ id }) as ProviderAdapter; // only its id matters to the resolver
const adapters = new Map(['openrouter', 'openai', 'together'].map((id) => [id, adapter(id)]));
const noMappings = { find: () => undefined } as unknown as ModelMappings;
const prices: Record<string, bigint> = { openrouter: 700n, openai: 600n };
const latencies: Record<string, number> = { openrouter: 5, openai: 40 };
const resolver = new ModelResolver(embeddedCatalog, adapters, noMappings, {
  price: (_model, provider) => prices[provider],
  latency: (provider) => latencies[provider],
});
const order = (name: string) => resolver.resolve(name, 'conversational').candidates.map((candidate) => candidate.adapter.id);

describe('ModelResolver policies', () => {
  it('keeps the configured order by default and for :preferred', () => {
    expect(order('gpt-4o-mini')).toEqual(['openrouter', 'openai']);
    expect(order('gpt-4o-mini:preferred')).toEqual(['openrouter', 'openai']);
  });

  it('orders by price for :cheapest (unpriced last) and by recent latency for :fastest', () => {
    expect(order('gpt-4o-mini:cheapest')).toEqual(['openai', 'openrouter']);
    expect(order('llama-3.1-8b-instruct:cheapest')).toEqual(['openrouter', 'together']);
    expect(order('gpt-4o-mini:fastest')).toEqual(['openrouter', 'openai']);
  });

  it('pins a provider with :<provider> and with provider/model', () => {
    expect(order('gpt-4o-mini:openai')).toEqual(['openai']);
    expect(order('openai/gpt-4o-mini')).toEqual(['openai']);
    expect(order('openrouter/openai/gpt-4o-mini')).toEqual(['openrouter']);
  });

  it('leaves other colons in the id, and 404s what it cannot find', () => {
    expect(() => order('gpt-4o-mini:free')).toThrow(/No model named "gpt-4o-mini:free"/);
  });
});
