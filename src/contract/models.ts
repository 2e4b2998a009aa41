import { z } from 'zod';
import { storedText } from './stored-text.js';
import { taskTypeInputSchema, taskTypeSchema } from './task-types.js';

export const listModelsInputSchema = z.object({ task_type: taskTypeInputSchema.optional() });

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

const label = storedText(200).min(1);
const language = storedText(20).min(1);

/**
 * Defaults a mapping applies to every request it serves: the generation options, bounded as a
 * request's own are (a mapping must not set max_tokens to a million), and the options of the
 * non-text tasks. Unknown keys are refused: whatever is accepted here is stored and sent upstream.
 */
export const mappingParametersSchema = z
  .strictObject({
    max_tokens: z.number().int().min(1).max(262_144),
    max_new_tokens: z.number().int().min(1).max(262_144),
    temperature: z.number().min(0).max(2),
    top_p: z.number().gt(0).max(1),
    top_k: z.number().int().min(1).max(1_000),
    repetition_penalty: z.number().min(0).max(10),
    stop: z.union([label, z.array(label).max(16)]),
    seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    do_sample: z.boolean(),
    return_full_text: z.boolean(),
    candidate_labels: z.array(label).min(1).max(100),
    labels: z.array(label).min(1).max(100),
    multi_label: z.boolean(),
    hypothesis_template: storedText(500),
    src_lang: language,
    tgt_lang: language,
  })
  .partial()
  .meta({ id: 'MappingParameters' });

export const mapModelInputSchema = z
  .object({
    provider_model_id: storedText(200).min(1),
    hub_model_id: z.string().regex(/^[A-Za-z0-9][\w.-]{0,95}\/[A-Za-z0-9][\w.-]{0,95}$/, 'must be a Hub model id: namespace/name'),
    task_type: taskTypeInputSchema,
    parameters: mappingParametersSchema.optional(),
  })
  .meta({ id: 'MapModelRequest' });

export const mapModelOutputSchema = z
  .object({ success: z.boolean(), provider_model_id: z.string(), hub_model_id: z.string(), message: z.string() })
  .meta({ id: 'MapModelResponse' });
