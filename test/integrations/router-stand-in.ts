import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for router.huggingface.co: `/{provider}/{route}` with an `hf_` token is forwarded to
 * the provider's base URL with the provider's own key, as HF's router does (hf-provider-spec §6).
 */
export async function startRouterStandIn(providers: Record<string, { baseUrl: string; key: string }>) {
  const seen: string[] = [];
  const server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    const url = new URL(incoming.url ?? '/', 'http://router');
    const [, provider, ...rest] = url.pathname.split('/');
    const target = provider ? providers[provider] : undefined;
    seen.push(`${incoming.method} ${url.pathname}`);
    if (!target || !/^Bearer hf_/.test(incoming.headers.authorization ?? '')) {
      outgoing.writeHead(target ? 401 : 404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: target ? 'Invalid HF token' : 'Unknown provider' }));
      return;
    }
    const upstream = new URL(`/${rest.join('/')}${url.search}`, target.baseUrl);
    const headers = { ...incoming.headers, host: upstream.host, authorization: `Bearer ${target.key}` };
    const forwarded = httpRequest(upstream, { method: incoming.method, headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    forwarded.on('error', () => outgoing.destroy());
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
