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
    .min(1)
    .max(8, 'at most 8 choices per request')
    .nullish()
    .meta({ description: 'Choices to generate (1-8, not with stream): n calls, every one billed, in one usage row.' }),
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

/** The error body on /v1/*: OpenAI's shape, so OpenAI's SDKs show `error.message` (README "Errors"). */
export const openAIErrorBodySchema = z
  .object({
    error: z
      .object({
        message: z.string().meta({ description: 'What went wrong and why: the sentence the SDKs show.' }),
        type: z.string().meta({
          description:
            "OpenAI's category: invalid_request_error, authentication_error, permission_error, not_found_error, insufficient_quota, rate_limit_error, api_error, server_error.",
        }),
        code: z.string().meta({
          description: "The gateway's error code, e.g. invalid_request, unauthorized, not_found, insufficient_credits, rate_limited, upstream_error.",
        }),
        param: z.null(),
      })
      .loose()
      .meta({ description: "A 402's or 429's facts (limit, available_nano_usd, required_nano_usd, limit_level, limit_kind) are further fields here." }),
  })
  .meta({ id: 'OpenAIError', description: 'The body of every error on /v1/*. The Inference-Id header identifies the request.' });
