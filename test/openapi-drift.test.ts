import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderGeneratedTypes, renderOpenApiDocument } from '../scripts/openapi-artifacts.js';
import { procedureRoutes } from '../src/http/procedures.js';

describe('the committed contract artifacts', () => {
  const committedDocument = readFileSync('openapi/openapi.json', 'utf8');

  it('openapi/openapi.json matches the contract (run `npm run generate` when this fails)', () => {
    expect(renderOpenApiDocument()).toBe(committedDocument);
  });

  it('generated/openapi.d.ts matches openapi/openapi.json (run `npm run generate` when this fails)', async () => {
    expect(await renderGeneratedTypes(committedDocument)).toBe(readFileSync('generated/openapi.d.ts', 'utf8'));
  });

  it('documents every served route, with the error body and the event-stream alternative', () => {
    const document = JSON.parse(committedDocument) as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
    };
    for (const route of procedureRoutes) expect(document.paths[route.path]?.[route.method.toLowerCase()]).toBeDefined();
    const generation = document.paths['/hf/tasks/text-generation']!.post!.responses;
    expect(Object.keys(generation['200']!.content!)).toEqual(['application/json', 'text/event-stream']);
    expect(generation['400']!.content!['application/json']).toEqual({ schema: { $ref: '#/components/schemas/Error' } });
  });
});
