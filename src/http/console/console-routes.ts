import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { GatewayError } from '../../errors.js';

export const consolePath = '/console';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

// Only the page's own code: no inline script, no third-party origin (the page works offline),
// and the key, held in sessionStorage, is sent only to this gateway.
const contentSecurityPolicy =
  "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * `GET /console`: the operator's web page, plain ES modules and CSS committed under `console/`
 * (no build step, no CDN). Public like /health: the page holds no data; everything it shows comes
 * from the documented API routes, called with the key the operator logs in with.
 */
export function registerConsoleRoutes(app: FastifyInstance): void {
  const assets = consoleAssetsDirectory();
  const send = async (file: string) => {
    const extension = file.slice(file.lastIndexOf('.'));
    if (!/^[a-z][a-z0-9-]*\.(html|js|css)$/.test(file) || !contentTypes[extension])
      throw new GatewayError('not_found', 'Not found', `No console asset ${file}.`);
    const body = await readFile(join(assets, file)).catch(() => {
      throw new GatewayError('not_found', 'Not found', `No console asset ${file}.`);
    });
    return { body, type: contentTypes[extension] };
  };
  app.get(consolePath, async (_request, reply) => {
    const asset = await send('index.html');
    return reply.type(asset.type).header('content-security-policy', contentSecurityPolicy).header('cache-control', 'no-cache').send(asset.body);
  });
  app.get<{ Params: { file: string } }>(`${consolePath}/:file`, async (request, reply) => {
    const asset = await send(request.params.file);
    return reply.type(asset.type).header('content-security-policy', contentSecurityPolicy).header('cache-control', 'no-cache').send(asset.body);
  });
}

/** `console/` at the package root, found from here both in src/ (tsx) and in dist/src/ (npm start). */
function consoleAssetsDirectory(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(directory, 'console');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    const parent = dirname(directory);
    if (parent === directory) throw new Error('The console assets (console/index.html) are missing from the package.');
    directory = parent;
  }
}
