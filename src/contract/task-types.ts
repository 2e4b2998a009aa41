import { z } from 'zod';

/** The nine HF tasks the gateway serves, by the names the Gatewayz API document uses. */
export const taskTypeSchema = z
  .enum([
    'text-generation',
    'conversational',
    'summarization',
    'translation',
    'question-answering',
    'text-classification',
    'token-classification',
    'image-generation',
    'embedding',
  ])
  .meta({ id: 'TaskType' });

export type TaskType = z.infer<typeof taskTypeSchema>;
export const taskTypes: readonly TaskType[] = taskTypeSchema.options;

/** The Hub's names for two of the tasks (its mappings and pipeline tags use them). */
const hubTaskNames = { 'text-to-image': 'image-generation', 'feature-extraction': 'embedding' } as const satisfies Record<string, TaskType>;

/**
 * A task named in a request: the document's name, or the Hub's (`text-to-image`,
 * `feature-extraction`), read as the document's. Answers always use the document's names.
 */
export const taskTypeInputSchema = z
  .union([
    taskTypeSchema,
    z
      .enum(['text-to-image', 'feature-extraction'])
      .transform((name) => hubTaskNames[name])
      .meta({ description: "The Hub's names: text-to-image is image-generation, feature-extraction is embedding." }),
  ])
  .meta({ id: 'TaskTypeInput', description: "A task, by the document's name or the Hub's." });
