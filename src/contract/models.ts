import { z } from 'zod';
import { taskTypeSchema } from './task-types.js';

export const listModelsInputSchema = z.object({ task_type: taskTypeSchema.optional() });

export const modelMappingSchema = z
  .object({
    model_id: z.string().meta({ description: 'The Gatewayz (provider) model id that serves requests.' }),
    hub_model_id: z.string(),
    task_type: taskTypeSchema,
    parameters: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'ModelMapping' });

export const listModelsOutputSchema = z
  .object({ models: z.array(modelMappingSchema), count: z.number().int(), task_types: z.array(taskTypeSchema) })
  .meta({ id: 'ModelList' });

export const mapModelInputSchema = z
  .object({
    provider_model_id: z.string().min(1).max(200),
    hub_model_id: z
      .string()
      .regex(/^[\w.-]+\/[\w.-]+$/, 'must be a Hub model id: namespace/name')
      .max(200),
    task_type: taskTypeSchema,
    parameters: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'MapModelRequest' });

export const mapModelOutputSchema = z
  .object({ success: z.boolean(), provider_model_id: z.string(), hub_model_id: z.string(), message: z.string() })
  .meta({ id: 'MapModelResponse' });
