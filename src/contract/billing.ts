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

export const usageFilterSchema = z.object({
  from: z.iso.datetime({ offset: true }).optional().meta({ description: 'Records at or after this instant (ISO 8601).' }),
  to: z.iso.datetime({ offset: true }).optional().meta({ description: 'Records before this instant (ISO 8601).' }),
  model: z.string().min(1).max(200).optional(),
  task: taskTypeSchema.optional(),
  provider: z.string().min(1).max(100).optional(),
  status: z.enum(['success', 'error', 'partial']).optional(),
});

export const usageInputSchema = usageFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(1_000).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  format: z.enum(['json', 'csv']).default('json').meta({ description: 'csv streams every record of the filter (limit and offset ignored).' }),
});

export type UsageFilter = z.infer<typeof usageFilterSchema>;

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
  .object({
    records: z.array(usageRecordSchema),
    total_records: z.number().int().meta({ description: 'Records matching the filter, over all pages.' }),
    total_cost_nano_usd: nanoUsd.meta({ description: 'Their cost, over all pages.' }),
  })
  .meta({ id: 'UsageResponse' });

/** HF's billing callback: https://huggingface.co/docs/inference-providers/register-as-a-provider */
export const hfBillingInputSchema = z.object({ requestIds: z.array(z.string().max(100)).max(10_000) }).meta({ id: 'HfBillingRequest' });

export const hfBillingOutputSchema = z
  .object({ requests: z.array(z.object({ requestId: z.string(), costNanoUsd: nanoUsd })) })
  .meta({ id: 'HfBillingResponse' });
