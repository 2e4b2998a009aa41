import { z } from 'zod';

const tokenCount = z.number().int().positive().max(1_000_000);

/**
 * Generation options shared by the text tasks. Unknown keys are accepted and passed upstream
 * (HF clients send many: `do_sample`, `details`, `return_full_text`, ...).
 */
export const generationParametersSchema = z
  .object({
    model: z.string().min(1).optional().meta({ description: 'Gatewayz model id, Hub model id, or provider/model.' }),
    max_tokens: tokenCount.optional(),
    max_new_tokens: tokenCount.optional().meta({ description: 'HF name for max_tokens.' }),
    temperature: z.number().min(0).max(2).optional(),
    top_p: z.number().gt(0).max(1).optional(),
    stop: z.union([z.string(), z.array(z.string()).max(16)]).optional(),
    seed: z.number().int().optional(),
    stream: z.boolean().optional(),
  })
  .loose()
  .meta({ id: 'GenerationParameters' });

export type GenerationParameters = z.infer<typeof generationParametersSchema>;

export const usageSummarySchema = z
  .object({
    input_tokens: z.number().int(),
    output_tokens: z.number().int(),
    cost_nano_usd: z.number().int(),
  })
  .meta({ id: 'UsageSummary' });
