import { generateOpenApiDocument } from 'trpc-to-openapi';
import { z } from 'zod';
import { appRouter } from './app-router.js';
import { errorBodySchema } from '../contract/errors.js';
import { eventStreamEventSchema } from '../contract/event-stream.js';
import { hfNativePaths } from '../contract/hf-native/paths.js';
import { openAIPaths } from '../contract/openai/paths.js';
import { taskPath, taskTable } from '../tasks/task-table.js';

const systemPaths = {
  '/metrics': {
    get: {
      operationId: 'system.metrics',
      tags: ['system'],
      summary: 'Prometheus metrics (operational; the ledger is the billing record)',
      responses: { 200: { description: 'Prometheus text exposition format', content: { 'text/plain': { schema: z.string() } } } },
    },
  },
};

const taskEventSchema = z.toJSONSchema(
  eventStreamEventSchema('JSON: one per token, then a final event with the full text and usage (`cost_nano_usd`); then `[DONE]`.'),
  { target: 'draft-2020-12' },
);
delete taskEventSchema.$schema;

const streamingPaths: readonly string[] = [...Object.values(taskTable).flatMap((task) => (task.stream ? [taskPath(task.task)] : [])), '/hf/tasks/run'];

/**
 * The whole public contract as OpenAPI 3.1, generated from the tRPC router (the single source),
 * with what trpc-to-openapi cannot express added: the gateway's error body in place of tRPC's,
 * the event-stream alternative of the streaming routes, and the Inference-Id header.
 */
export function buildOpenApiDocument() {
  const document = generateOpenApiDocument(appRouter, {
    title: 'Gatewayz',
    description:
      'Inference gateway that serves the Hugging Face task APIs and the OpenAI-compatible API across many upstream providers, billing every request in integer nano-USD. Every response carries an Inference-Id header.',
    version: '0.1.0',
    openApiVersion: '3.1.0',
    baseUrl: '/',
    license: { name: 'MIT', identifier: 'MIT' },
    securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'A Gatewayz API key: gw_live_...' } },
    // The standard surfaces are plain Fastify routes; their zod schemas are documented here.
    paths: { ...openAIPaths, ...hfNativePaths, ...systemPaths },
  });
  const components = (document.components ??= {});
  const schemas = (components.schemas ??= {});
  // The schema carries its own component id, so its JSON Schema is a $ref into $defs: take the def.
  const errorJsonSchema = z.toJSONSchema(errorBodySchema, { target: 'draft-2020-12' }) as { $defs: Record<string, unknown> };
  schemas.Error = errorJsonSchema.$defs.Error as never;
  for (const name of Object.keys(schemas)) if (name.startsWith('error.')) delete schemas[name];
  (components.headers ??= {})['Inference-Id'] = {
    description: 'UUID of this request: its usage record id and the id the HF billing callback takes.',
    schema: { type: 'string', format: 'uuid' },
  };

  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const operation of Object.values(item as Record<string, OperationLike>)) {
      operation.security ??= []; // public: say so, rather than leave it unstated
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        response.headers = { 'Inference-Id': { $ref: '#/components/headers/Inference-Id' } };
        const json = response.content?.['application/json'];
        if (status !== '200' && json) json.schema = { $ref: '#/components/schemas/Error' };
        if (status === '200' && json && path === '/hf/tasks/billing/usage') {
          response.content!['text/csv'] = { schema: { type: 'string', description: 'With format=csv: a header line, then one line per record.' } };
        }
        if (status === '200' && json && streamingPaths.includes(path)) {
          response.content!['text/event-stream'] = { schema: taskEventSchema };
        }
      }
    }
  }
  return document;
}

interface OperationLike {
  security?: unknown[];
  responses?: Record<string, { headers?: unknown; content?: Record<string, { schema?: unknown }> }>;
}
