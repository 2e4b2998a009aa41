import { z } from 'zod';

/** Sampling fields shared by Chat Completions and legacy Completions; `null` means absent, as in OpenAI's API. */
export const samplingFields = {
  model: z.string().min(1).optional().meta({ description: "Gatewayz model id, Hub model id, or provider/model; the task's default model when absent." }),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  stop: z.union([z.string(), z.array(z.string()).max(16)]).nullish(),
  seed: z.number().int().nullish(),
  n: z
    .number()
    .int()
    .min(1, 'only n = 1 is supported: ask again for more choices')
    .max(1, 'only n = 1 is supported: ask again for more choices')
    .nullish()
    .meta({ description: 'Only 1 is supported.' }),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
  logit_bias: z.record(z.string(), z.number()).nullish(),
  user: z.string().optional(),
  stream: z.boolean().nullish(),
  stream_options: z
    .object({ include_usage: z.boolean().optional().meta({ description: 'Send a last chunk with `choices: []` and the usage.' }) })
    .loose()
    .nullish(),
};

export const completionUsageSchema = z
  .object({
    prompt_tokens: z.number().int().meta({ description: 'Every prompt token, cached ones included.' }),
    completion_tokens: z.number().int(),
    total_tokens: z.number().int(),
    prompt_tokens_details: z.object({ cached_tokens: z.number().int() }).optional(),
    completion_tokens_details: z.object({ reasoning_tokens: z.number().int() }).optional(),
  })
  .meta({ id: 'CompletionUsage' });

export const finishReasonSchema = z.enum(['stop', 'length', 'tool_calls', 'content_filter']);

export type CompletionUsage = z.infer<typeof completionUsageSchema>;
export type OpenAIFinishReason = z.infer<typeof finishReasonSchema>;
