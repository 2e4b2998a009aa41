import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiKeyVariable, baseUrlVariable, configuredProviders, createConfiguredAdapters, providerEnvironmentShape } from './provider-environment.js';
import { providerIds, providerTable, type ProviderDefinition } from './registry.js';

const definitions: readonly ProviderDefinition[] = providerTable;
// What configures each provider on its own: its key, or a self-hosted server's URL.
const onlyItsSetting = (definition: ProviderDefinition) =>
  definition.configuredBy === 'apiKey' ? { [apiKeyVariable(definition)]: 'a3f09c1d7be24e8f' } : { [baseUrlVariable(definition)]: 'http://127.0.0.1:8000/v1' };

describe('the provider table', () => {
  it('lists 21 providers once each', () => {
    expect(new Set(providerIds).size).toBe(providerIds.length);
    expect(providerIds).toHaveLength(21);
    expect(providerIds).toEqual(expect.arrayContaining(['hf-inference', 'replicate', 'fal-ai', 'openai-compatible']));
  });

  it.each(definitions.map((definition) => [definition.id, definition] as const))(
    '%s: configured and built from its own setting alone',
    async (id, definition) => {
      const environment = onlyItsSetting(definition);
      expect(configuredProviders(environment)).toEqual([id]);
      const adapters = createConfiguredAdapters(environment);
      expect([...adapters.keys()]).toEqual([id]);
      const adapter = adapters.get(definition.id as never)!;
      expect(adapter.id).toBe(id);
      // The table's capabilities are what the adapter really offers, so routing never picks a provider for a task it lacks.
      expect(typeof adapter.embed === 'function').toBe(definition.capabilities.includes('embeddings'));
      expect(typeof adapter.generateImage === 'function').toBe(definition.capabilities.includes('images'));
      await adapter.close?.();
    },
  );

  it('configures nothing from base URLs of keyed providers, or from empty values', () => {
    const urls = Object.fromEntries(
      definitions.filter((definition) => definition.configuredBy === 'apiKey').map((definition) => [baseUrlVariable(definition), 'http://127.0.0.1:1/v1']),
    );
    expect(configuredProviders(urls)).toEqual([]);
    expect(configuredProviders({ OPENROUTER_API_KEY: '' })).toEqual([]);
  });

  it('derives a schema that names every variable, with the default base URLs', () => {
    const parsed = z.object(providerEnvironmentShape).parse({});
    for (const definition of definitions) {
      expect(providerEnvironmentShape).toHaveProperty(apiKeyVariable(definition));
      expect(parsed[baseUrlVariable(definition) as keyof typeof parsed]).toBe(definition.defaultBaseUrl);
    }
    expect(Object.keys(providerEnvironmentShape)).toEqual(
      expect.arrayContaining(['PORTKEY_PROVIDER', 'PORTKEY_VIRTUAL_KEY', 'PORTKEY_PROVIDER_API_KEY', 'FAL_AI_API_KEY']),
    );
  });

  it('passes Portkey its extra variables', async () => {
    const adapters = createConfiguredAdapters({ PORTKEY_API_KEY: 'b81c2f', PORTKEY_VIRTUAL_KEY: 'openai-prod-3f9a2c' });
    expect([...adapters.keys()]).toEqual(['portkey']);
    await adapters.get('portkey')?.close?.();
  });
});
