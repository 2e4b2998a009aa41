import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, simulatorEnabled } from './config.js';
import { apiKeyVariable, baseUrlVariable } from './providers/provider-environment.js';
import { providerTable } from './providers/registry.js';

describe('loadConfig', () => {
  it('needs nothing to run on the embedded defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 8080, HOST: '127.0.0.1', DATA_DIR: './data', LEDGER_MODE: 'durable' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(simulatorEnabled(config)).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://localhost/db' }, 'DATABASE_URL'],
    [{ LEDGER_MODE: 'sometimes' }, 'LEDGER_MODE'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ OPENROUTER_BASE_URL: 'not a url' }, 'OPENROUTER_BASE_URL'],
  ])('stops on %j, naming %s', (environment, variable) => {
    expect(() => loadConfig(environment)).toThrow(ConfigError);
    expect(() => loadConfig(environment)).toThrow(new RegExp(`^Invalid configuration:\\n  ${variable}:`));
  });

  it('turns the simulator off once a provider key is set, and in production', () => {
    expect(simulatorEnabled(loadConfig({ OPENROUTER_API_KEY: 'sk-or-1' }))).toBe(false);
    expect(simulatorEnabled(loadConfig({ NODE_ENV: 'production' }))).toBe(false);
    expect(simulatorEnabled(loadConfig({ NODE_ENV: 'production', SIMULATOR: 'on' }))).toBe(true);
  });

  // Every provider counts, not a hand-kept list: a missing one turned the simulator on over a real key.
  const settings = providerTable.map((definition) => (definition.configuredBy === 'apiKey' ? apiKeyVariable(definition) : baseUrlVariable(definition)));
  it.each(['REPLICATE_API_KEY', 'FAL_AI_API_KEY', 'HF_INFERENCE_API_KEY', ...settings])('turns the automatic simulator off when only %s is set', (variable) => {
    const value = variable.endsWith('_BASE_URL') ? 'http://127.0.0.1:8000/v1' : '9f2c41d8e07a';
    expect(simulatorEnabled(loadConfig({ [variable]: value }))).toBe(false);
    expect(simulatorEnabled(loadConfig({ [variable]: value, SIMULATOR: 'on' }))).toBe(true);
  });

  it('keeps the automatic simulator on with no provider configured, even with base URLs set', () => {
    expect(simulatorEnabled(loadConfig({ OPENROUTER_BASE_URL: 'http://127.0.0.1:1/v1', REPLICATE_BASE_URL: 'http://127.0.0.1:1' }))).toBe(true);
    expect(simulatorEnabled(loadConfig({ SIMULATOR: 'off' }))).toBe(false);
  });
});
