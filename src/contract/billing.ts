import { z } from 'zod';
import { taskTypeSchema } from './task-types.js';

const tokenCount = z.number().int().min(0).max(1_000_000_000);
const nanoUsd = z.number().int().min(0).meta({ description: 'Integer nano-USD (1e-9 USD).' });

export const costRequestItemSchema = z.object({
  task: taskTypeSchema,
  model: z.string().min(1),
  input_tokens: tokenCount,
  output_tokens: tokenCount,
});

export const costInputSchema = z.object({ requests: z.array(costRequestItemSchema).min(1).max(1_000) }).meta({ id: 'CostRequest' });

export const costOutputSchema = z
  .object({
    total_cost_nano_usd: nanoUsd,
    costs: z.array(
      costRequestItemSchema.extend({
        cost_nano_usd: nanoUsd,
        cost_usd: z.number().meta({ description: 'Exactly cost_nano_usd / 1e9.' }),
      }),
    ),
    currency: z.literal('USD'),
  })
  .meta({ id: 'CostResponse' });

export const usageInputSchema = z.object({
  limit: z.coerce.number().int().min(1).max(1_000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const usageRecordSchema = z
  .object({
    request_id: z.uuid(),
    timestamp: z.string().meta({ description: 'ISO 8601, UTC.' }),
    task: z.string(),
    model: z.string(),
    provider: z.string().nullable(),
    status: z.enum(['success', 'error', 'partial']),
    input_tokens: z.number().int(),
    output_tokens: z.number().int(),
    cost_nano_usd: nanoUsd,
  })
  .meta({ id: 'UsageRecord' });

export const usageOutputSchema = z
  .object({ records: z.array(usageRecordSchema), total_records: z.number().int(), total_cost_nano_usd: nanoUsd })
  .meta({ id: 'UsageResponse' });

/** HF's billing callback: https://huggingface.co/docs/inference-providers/register-as-a-provider */
export const hfBillingInputSchema = z.object({ requestIds: z.array(z.string().max(100)).max(10_000) }).meta({ id: 'HfBillingRequest' });

export const hfBillingOutputSchema = z
  .object({ requests: z.array(z.object({ requestId: z.string(), costNanoUsd: nanoUsd })) })
  .meta({ id: 'HfBillingResponse' });
