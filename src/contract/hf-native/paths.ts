import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { errorBodySchema } from '../errors.js';
import { eventStreamEventSchema } from '../event-stream.js';
import { openAIPaths } from '../openai/paths.js';
import { answerSchema, entitySchema, labelScoreSchema } from '../text-tasks.js';

const modelPath = z.object({
  org: z.string().meta({ description: 'Hub namespace, e.g. facebook' }),
  name: z.string().meta({ description: 'Hub model name, e.g. bart-large-cnn' }),
});

const hfRequestSchema = z
  .object({
    inputs: z.unknown().meta({ description: "The task's input: a string, a list of strings, or {question, context}." }),
    parameters: z.record(z.string(), z.unknown()).optional(),
    stream: z.boolean().optional().meta({ description: 'text-generation only: TGI server-sent events.' }),
  })
  .loose()
  .meta({ id: 'HfTaskRequest', description: "HF's task request; feature-extraction options (normalize, truncate, dimensions) sit at the root." });

const hfResponseSchema = z
  .union([
    z.array(z.object({ generated_text: z.string(), details: z.record(z.string(), z.unknown()).optional() })),
    z.array(z.object({ summary_text: z.string() })),
    z.array(z.object({ translation_text: z.string() })),
    answerSchema,
    z.array(z.array(labelScoreSchema)),
    z.array(entitySchema),
    z.array(z.array(z.number())),
  ])
  .meta({ id: 'HfTaskResponse', description: "The shape of the model's task, as HF's clients parse it." });

const errors = Object.fromEntries(
  [
    [400, 'Invalid body, or a body that does not fit the model’s task'],
    [401, 'Missing or unknown API key'],
    [404, 'No task is mapped for the model'],
    [422, 'question-answering: the context does not contain an answer'],
    [502, 'Upstream failure'],
  ].map(([status, description]) => [status, { description, content: { 'application/json': { schema: errorBodySchema } } }]),
);

/** The /v1 operation again under a model URL: the path names the model, the body's `model` is ignored. */
function underModel(path: '/v1/chat/completions' | '/v1/completions'): ZodOpenApiPathsObject[string] {
  const operation = openAIPaths[path]!.post!;
  return {
    post: {
      ...operation,
      operationId: `hfNative.${operation.operationId ?? path}`,
      tags: ['hf-native'],
      summary: `${operation.summary ?? path} for the model in the path (HF clients' endpoint URL)`,
      requestParams: { path: modelPath },
    },
  };
}

/** OpenAPI paths of the HF-native per-model routes (/models/{org}/{name}), served by src/http/hf-native/. */
export const hfNativePaths: ZodOpenApiPathsObject = {
  '/models/{org}/{name}/v1/chat/completions': underModel('/v1/chat/completions'),
  '/models/{org}/{name}/v1/completions': underModel('/v1/completions'),
  '/models/{org}/{name}': {
    post: {
      operationId: 'hfNative.runModelTask',
      tags: ['hf-native'],
      summary: "Run the Hub model's task (the route HF's clients call on a model URL)",
      description:
        'The task is the one the model is mapped for (GET /hf/tasks/models). text-to-image answers raw image bytes; text-generation with `stream: true` answers TGI server-sent events, every event with a `token`.',
      security: [{ bearerAuth: [] }],
      requestParams: { path: modelPath },
      requestBody: { content: { 'application/json': { schema: hfRequestSchema } } },
      responses: {
        200: {
          description: "The task's result",
          content: {
            'application/json': { schema: hfResponseSchema },
            'text/event-stream': {
              schema: eventStreamEventSchema('A TGI stream event as JSON: `{index, token, generated_text, details}`; the last has `generated_text`.'),
            },
            'image/png': { schema: z.string().meta({ format: 'binary' }) },
          },
        },
        ...errors,
      },
    },
  },
};
