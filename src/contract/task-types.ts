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
