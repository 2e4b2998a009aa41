import { z } from 'zod';
import { completionUsageSchema, finishReasonSchema, samplingFields } from './common.js';

/**
 * OpenAI's legacy `POST /v1/completions` body. One prompt per request: a string, or a list
 * holding exactly one string (token-id prompts cannot be turned into a chat message).
 */
export const completionRequestSchema = z
  .object({
    ...samplingFields,
    prompt: z
      .union([z.string(), z.array(z.string())], { error: 'prompt must be a string or a list of one string (token-id prompts are not supported)' })
      .refine((prompt) => typeof prompt === 'string' || prompt.length === 1, 'only one prompt per request is supported')
      .meta({ description: 'A string, or a list of exactly one string.' }),
    max_tokens: z.number().int().positive().max(1_000_000).nullish().meta({ description: 'Defaults to 16, as on OpenAI.' }),
    echo: z.boolean().nullish().meta({ description: 'Prefix the answer with the prompt.' }),
  })
  .loose()
  .meta({ id: 'CreateCompletionRequest' });

const completionChoiceSchema = z.object({
  text: z.string(),
  index: z.number().int(),
  logprobs: z.null(),
  finish_reason: finishReasonSchema.nullable(),
});

export const completionSchema = z
  .object({
    id: z.string().meta({ description: '`cmpl-` and the Inference-Id.' }),
    object: z.literal('text_completion'),
    created: z.number().int(),
    model: z.string(),
    system_fingerprint: z.null(),
    choices: z.array(completionChoiceSchema),
    usage: completionUsageSchema.nullable().optional().meta({ description: 'Always present on a whole answer; on stream chunks, as for chat.' }),
    // TGI's stream fields, which HF's clients read on this route (OpenAI's clients ignore them).
    token: z
      .object({ id: z.number().int(), text: z.string(), logprob: z.number(), special: z.boolean() })
      .optional()
      .meta({ description: "Stream chunks only: TGI's token (HF's textGenerationStream reads `token.text`)." }),
    generated_text: z.string().nullable().optional().meta({ description: 'Stream chunks only: null, and the whole text on the finishing chunk (TGI).' }),
    details: z
      .object({ finish_reason: z.string(), generated_tokens: z.number().int(), input_length: z.number().int() })
      .nullable()
      .optional()
      .meta({ description: "Stream chunks only: null, and TGI's details on the finishing chunk." }),
  })
  .meta({ id: 'CreateCompletionResponse', description: 'The whole answer, and also the shape of every stream chunk.' });

export type CompletionRequest = z.infer<typeof completionRequestSchema>;
export type Completion = z.infer<typeof completionSchema>;
