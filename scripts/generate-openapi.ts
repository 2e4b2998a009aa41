import { mkdirSync, writeFileSync } from 'node:fs';
import { renderGeneratedTypes, renderOpenApiDocument } from './openapi-artifacts.js';

/** Writes openapi/openapi.json and generated/openapi.d.ts from the contract. Both are committed. */
mkdirSync('openapi', { recursive: true });
mkdirSync('generated', { recursive: true });
const documentText = renderOpenApiDocument();
writeFileSync('openapi/openapi.json', documentText);
writeFileSync('generated/openapi.d.ts', await renderGeneratedTypes(documentText));
console.log('wrote openapi/openapi.json and generated/openapi.d.ts');
