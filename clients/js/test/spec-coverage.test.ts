import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GatewayzClient, routes } from '../src/index.js';

const root = new URL('../../../', import.meta.url);
const spec = JSON.parse(readFileSync(new URL('openapi/openapi.json', root), 'utf8')) as {
  paths: Record<string, Record<string, { operationId: string }>>;
};

describe('gatewayz-js-hf covers the gateway it was built from', () => {
  it('has a route, and client methods, for every /hf/tasks operation of openapi/openapi.json', () => {
    const operations = Object.entries(spec.paths)
      .filter(([path]) => path.startsWith('/hf/tasks/'))
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ id: operation.operationId, method: method.toUpperCase(), path })));
    expect(operations.length).toBeGreaterThan(10);
    for (const operation of operations) {
      const route = (routes as Record<string, { method: string; path: string; clientMethods: readonly string[] }>)[operation.id];
      expect(route, `the client lacks ${operation.method} ${operation.path} (${operation.id})`).toMatchObject({
        method: operation.method,
        path: operation.path,
      });
      for (const name of route!.clientMethods) expect(typeof (GatewayzClient.prototype as unknown as Record<string, unknown>)[name]).toBe('function');
    }
    expect(Object.keys(routes).sort()).toEqual(operations.map((operation) => operation.id).sort());
  });

  it('ships a copy of generated/openapi.d.ts identical to the root one (run `npm run build` in clients/js)', () => {
    const copy = readFileSync(new URL('clients/js/src/generated/openapi.d.ts', root), 'utf8');
    expect(copy).toBe(readFileSync(new URL('generated/openapi.d.ts', root), 'utf8'));
  });
});
