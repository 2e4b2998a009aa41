import Fastify from 'fastify';
import { Pool } from 'undici';

/**
 * The bench's "Node floor": the least a Node gateway can do on the stack Gatewayz runs on (the
 * same Fastify and undici). It parses the request body, forwards it through a keep-alive pool,
 * and answers with the upstream's JSON parsed and serialised again, or with the upstream's event
 * stream piped through unread. No key, no validation, no routing, no limit, no ledger, no log, no
 * metric: what it costs is what Node, Fastify and undici cost, and no gateway built on them can
 * go below it on this machine. Run as `tsx scripts/bench/floor-proxy.ts <upstream /v1 URL> <port>`.
 */
const [upstreamUrl, port] = process.argv.slice(2);
if (!upstreamUrl || !port) throw new Error('usage: floor-proxy.ts <upstream /v1 URL> <port>');
const upstream = new URL(upstreamUrl);
const pool = new Pool(upstream.origin);
const path = `${upstream.pathname.replace(/\/$/, '')}/chat/completions`;

const app = Fastify({ logger: false });
app.post<{ Body: { stream?: boolean } }>('/v1/chat/completions', async (request, reply) => {
  const response = await pool.request({
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-simulator' },
    body: JSON.stringify(request.body),
  });
  reply.code(response.statusCode);
  if (request.body.stream) return reply.header('content-type', 'text/event-stream').send(response.body);
  return response.body.json();
});
const address = await app.listen({ host: '127.0.0.1', port: Number(port) });
console.log(`floor proxy on ${address}/v1`);
