import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, simulatorEnabled } from './config.js';

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
});
