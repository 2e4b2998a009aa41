import { z } from 'zod';
import { chatMessageSchema, functionToolSchema, responseFormatSchema, toolCallSchema, toolChoiceSchema } from './chat-messages.js';
import { completionUsageSchema, finishReasonSchema, samplingFields } from './common.js';

const tokenCount = z.number().int().positive().max(1_000_000);

/** OpenAI's `POST /v1/chat/completions` body. Fields the gateway does not model are accepted and ignored. */
export const chatCompletionRequestSchema = z
  .object({
    ...samplingFields,
    messages: z.array(chatMessageSchema).min(1).max(10_000),
    max_tokens: tokenCount.nullish(),
    max_completion_tokens: tokenCount.nullish().meta({ description: 'Takes precedence over max_tokens.' }),
    tools: z.array(functionToolSchema).max(128).nullish(),
    tool_choice: toolChoiceSchema.nullish(),
    response_format: responseFormatSchema.nullish(),
  })
  .loose()
  .meta({ id: 'CreateChatCompletionRequest' });

export const chatCompletionSchema = z
  .object({
    id: z.string().meta({ description: '`chatcmpl-` and the Inference-Id.' }),
    object: z.literal('chat.completion'),
    created: z.number().int(),
    model: z.string().meta({ description: 'The model as requested.' }),
    system_fingerprint: z.null(),
    choices: z.array(
      z.object({
        index: z.number().int(),
        message: z.object({
          role: z.literal('assistant'),
          content: z.string().nullable().meta({ description: 'null when the answer is only tool calls.' }),
          refusal: z.null(),
          tool_calls: z.array(toolCallSchema).optional(),
        }),
        logprobs: z.null(),
        finish_reason: finishReasonSchema,
      }),
    ),
    usage: completionUsageSchema,
  })
  .meta({ id: 'CreateChatCompletionResponse' });

const toolCallDeltaSchema = z.object({
  index: z.number().int(),
  id: z.string().optional(),
  type: z.literal('function').optional(),
  function: z.object({ name: z.string().optional(), arguments: z.string().optional() }).optional(),
});

export const chatCompletionChunkSchema = z
  .object({
    id: z.string(),
    object: z.literal('chat.completion.chunk'),
    created: z.number().int(),
    model: z.string(),
    system_fingerprint: z.null(),
    choices: z.array(
      z.object({
        index: z.number().int(),
        delta: z.object({
          role: z.literal('assistant').optional(),
          content: z.string().nullable().optional(),
          refusal: z.null().optional(),
          tool_calls: z.array(toolCallDeltaSchema).optional(),
        }),
        logprobs: z.null(),
        finish_reason: finishReasonSchema.nullable(),
      }),
    ),
    usage: completionUsageSchema
      .nullable()
      .optional()
      .meta({ description: 'Present (null until the last chunk) only when stream_options.include_usage is true.' }),
  })
  .meta({ id: 'CreateChatCompletionStreamResponse' });

export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;
export type ChatCompletion = z.infer<typeof chatCompletionSchema>;
export type ChatCompletionChunk = z.infer<typeof chatCompletionChunkSchema>;
