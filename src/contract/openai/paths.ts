import { z } from 'zod';
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject, ZodOpenApiResponseObject, ZodOpenApiResponsesObject } from 'zod-openapi';
import { eventStreamEventSchema } from '../event-stream.js';
import { chatCompletionRequestSchema, chatCompletionSchema } from './chat-completions.js';
import { completionRequestSchema, completionSchema } from './completions.js';
import { embeddingRequestSchema, embeddingResponseSchema } from './embeddings.js';
import { imageRequestSchema, imagesResponseSchema } from './images.js';
import { openAIErrorBodySchema } from './common.js';
import { listModelsResponseSchema, openAIModelSchema } from './models.js';
import { responseObjectSchema, responseRequestSchema, responseStreamEventSchema } from './responses.js';

const bearer = [{ bearerAuth: [] }];
const imageBytes = z.string().meta({ format: 'binary' });
/** The names the image store hands out; the route matches only these (src/http/openai/routes.ts). */
export const IMAGE_FILE_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.(?:png|jpg|webp)$';
const errorContent = { 'application/json': { schema: openAIErrorBodySchema } };

function errors(statuses: Record<number, string>): ZodOpenApiResponsesObject {
  return Object.fromEntries(Object.entries(statuses).map(([status, description]) => [status, { description, content: errorContent }]));
}

const authErrors = { 401: 'Missing or unknown API key', 403: 'The key lacks the required scope' };
const inferenceErrors = errors({
  400: 'Invalid request (a field, an unsupported option, or a model that does not serve the task)',
  ...authErrors,
  404: 'Unknown model',
  429: 'Upstream rate limit',
  502: 'Upstream failure',
  504: 'Upstream timeout',
});

function inference(summary: string, description: string, request: z.ZodType, response: ZodOpenApiResponseObject): ZodOpenApiOperationObject {
  return {
    summary,
    description,
    tags: ['openai'],
    security: bearer,
    requestBody: { required: true, content: { 'application/json': { schema: request } } },
    responses: { 200: response, ...inferenceErrors },
  };
}

/**
 * OpenAPI paths of the OpenAI-compatible surface (/v1/*), served by src/http/openai/. An event-stream
 * schema is that of one event (see contract/event-stream.ts).
 */
export const openAIPaths: ZodOpenApiPathsObject = {
  '/v1/chat/completions': {
    post: {
      operationId: 'openai-chat-completions',
      ...inference(
        'Chat completion (OpenAI-compatible)',
        "OpenAI's Chat Completions API: tools, response_format, and streaming with `stream: true`. Billed as conversational.",
        chatCompletionRequestSchema,
        {
          description: 'The completion; with `stream: true`, server-sent events of chunks (the event-stream schema is one event), then `data: [DONE]`',
          content: {
            'application/json': { schema: chatCompletionSchema },
            'text/event-stream': {
              schema: eventStreamEventSchema('A `chat.completion.chunk` as JSON; the last event carries `usage` (with `cost_nano_usd`); then `[DONE]`.'),
            },
          },
        },
      ),
    },
  },
  '/v1/completions': {
    post: {
      operationId: 'openai-completions',
      ...inference(
        'Text completion (OpenAI legacy)',
        "OpenAI's legacy Completions API, served by a chat model with the prompt as one user message. Billed as text-generation.",
        completionRequestSchema,
        {
          description: 'The completion; with `stream: true`, server-sent events of chunks (the event-stream schema is one event), then `data: [DONE]`',
          content: {
            'application/json': { schema: completionSchema },
            'text/event-stream': {
              schema: eventStreamEventSchema('A `text_completion` chunk as JSON; the last event carries `usage` (with `cost_nano_usd`); then `[DONE]`.'),
            },
          },
        },
      ),
    },
  },
  '/v1/responses': {
    post: {
      operationId: 'openai-responses',
      ...inference(
        'Response (OpenAI Responses API)',
        "OpenAI's Responses API over the chat pipeline: `input` as text or items (messages, function calls and their outputs), `instructions`, function tools, `text.format` and streaming. Stateless: `store` is accepted but nothing is stored, so `previous_response_id` is a 400. Billed as conversational.",
        responseRequestSchema,
        {
          description:
            "The response; with `stream: true`, typed server-sent events (`event: <type>` and data with `type` and `sequence_number`; the event-stream schema is one event's data), ending on `response.completed` or `response.incomplete`, without `[DONE]`",
          content: {
            'application/json': { schema: responseObjectSchema },
            'text/event-stream': { schema: responseStreamEventSchema },
          },
        },
      ),
    },
  },
  '/v1/embeddings': {
    post: {
      operationId: 'openai-embeddings',
      ...inference('Embeddings (OpenAI-compatible)', "Vectors from the provider's embeddings API, as floats or base64 float32.", embeddingRequestSchema, {
        description: 'One embedding per input, in order',
        content: { 'application/json': { schema: embeddingResponseSchema } },
      }),
    },
  },
  '/v1/images/generations': {
    post: {
      operationId: 'openai-images-generations',
      ...inference(
        'Image generation (OpenAI-compatible)',
        'Images as base64 or as links to the gateway, valid for an hour. Billed per image.',
        imageRequestSchema,
        {
          description: 'The generated images',
          content: { 'application/json': { schema: imagesResponseSchema } },
        },
      ),
    },
  },
  '/v1/images/{file}': {
    get: {
      operationId: 'openai-image-file',
      summary: 'A generated image, by the link /v1/images/generations answered',
      description: 'Public: the random file name is the credential, like a pre-signed URL.',
      tags: ['openai'],
      security: [],
      requestParams: { path: z.object({ file: z.string().regex(new RegExp(IMAGE_FILE_PATTERN)).meta({ description: '`<uuid>.png`, `.jpg` or `.webp`.' }) }) },
      responses: {
        200: {
          description: 'The image bytes',
          content: { 'image/png': { schema: imageBytes }, 'image/jpeg': { schema: imageBytes }, 'image/webp': { schema: imageBytes } },
        },
        ...errors({ 404: 'Unknown or expired image' }),
      },
    },
  },
  '/v1/models': {
    get: {
      operationId: 'openai-models-list',
      summary: 'List models (OpenAI-compatible, with pricing)',
      description:
        'Every served model and Hub model id mapped for chat or completions, with `pricing` (USD per million tokens) and `context_length` as Hugging Face expects.',
      tags: ['openai'],
      security: bearer,
      responses: { 200: { description: 'The models', content: { 'application/json': { schema: listModelsResponseSchema } } }, ...errors(authErrors) },
    },
  },
  '/v1/models/{id}': {
    get: {
      operationId: 'openai-models-retrieve',
      summary: 'One model (OpenAI-compatible, with pricing)',
      tags: ['openai'],
      security: bearer,
      requestParams: { path: z.object({ id: z.string().meta({ description: 'A model id; it may contain `/` (Hub ids), sent unescaped.' }) }) },
      responses: {
        200: { description: 'The model', content: { 'application/json': { schema: openAIModelSchema } } },
        ...errors({ ...authErrors, 404: 'Unknown model' }),
      },
    },
  },
};
