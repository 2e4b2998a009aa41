import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { GatewayError } from '../errors.js';

/** The Swagger UI files the page loads, served from the installed swagger-ui-dist (no CDN). */
const assets: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Gatewayz API</title>
<link rel="icon" href="/docs/assets/favicon-32x32.png">
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/swagger-ui-standalone-preset.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
`;

const init = `window.ui = SwaggerUIBundle({
  url: '/docs/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
});
`;

/** openapi/openapi.json at the package root, found from src/http (tsx) or dist/src/http (the build). */
function findOpenApiDocument(): string {
  let directory = import.meta.dirname;
  for (let depth = 0; depth < 5; depth++, directory = dirname(directory)) {
    const candidate = join(directory, 'openapi', 'openapi.json');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('openapi/openapi.json not found above src/http');
}

/**
 * `GET /docs`: interactive documentation of the committed OpenAPI document (Swagger UI), public
 * like /health. Everything is read once at startup; "Try it out" calls this same gateway.
 */
export function registerDocs(app: FastifyInstance): void {
  const document = readFileSync(findOpenApiDocument());
  const assetDirectory = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const files = new Map(Object.entries(assets).map(([name, type]) => [name, { type, body: readFileSync(join(assetDirectory, name)) }]));
  app.get('/docs', async (_request, reply) => reply.type('text/html; charset=utf-8').send(page));
  app.get('/docs/init.js', async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(init));
  app.get('/docs/openapi.json', async (_request, reply) => reply.type('application/json; charset=utf-8').send(document));
  app.get<{ Params: { file: string } }>('/docs/assets/:file', async (request, reply) => {
    const file = files.get(request.params.file);
    if (!file) throw new GatewayError('not_found', 'Not found', `No documentation asset "${request.params.file}".`);
    return reply.type(file.type).header('cache-control', 'public, max-age=86400').send(file.body);
  });
}
