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
    const operations = item as Record<string, OperationLike>;
    for (const [method, shared] of Object.entries(operations)) {
      // Copies: the OpenAI operations are shared by /v1/* and /models/{org}/{name}/v1/*, whose errors differ.
      const operation: OperationLike = { ...shared, responses: { ...shared.responses } };
      operations[method] = operation;
      operation.security ??= []; // public: say so, rather than leave it unstated
      for (const [status, sharedResponse] of Object.entries(operation.responses ?? {})) {
        const response = {
          ...sharedResponse,
          headers: { 'Inference-Id': { $ref: '#/components/headers/Inference-Id' } },
          content: { ...sharedResponse.content },
        };
        operation.responses![status] = response;
        const documented = response.content['application/json'];
        if (status !== '200' && documented) response.content['application/json'] = { ...documented, schema: errorSchemaFor(path, documented.schema) };
        const json = response.content['application/json'];
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

/**
 * Each surface's error body (src/http/error-format.ts): OpenAI's on /v1/*, what HF's clients parse
 * on /models/* (TGI's `error_type` where it fits, else `error` alone), the Gatewayz one elsewhere.
 */
function errorSchemaFor(path: string, documented: unknown): unknown {
  if (path.startsWith('/v1/')) return documented;
  if (path.startsWith('/models/')) {
    return {
      type: 'object',
      required: ['error'],
      properties: {
        error: { type: 'string', description: 'The whole sentence: what went wrong and why.' },
        error_type: {
          type: 'string',
          enum: ['validation', 'generation', 'overloaded', 'incomplete_generation'],
          description: "TGI's vocabulary, where it fits.",
        },
      },
    };
  }
  return { $ref: '#/components/schemas/Error' };
}

interface OperationLike {
  security?: unknown[];
  responses?: Record<string, { headers?: unknown; content?: Record<string, { schema?: unknown }> }>;
}
