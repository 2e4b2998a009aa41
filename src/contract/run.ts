import { z } from 'zod';
import { taskTypeInputSchema } from './task-types.js';

/** The generic runner: `inputs` takes the shape the named task takes (a string for text tasks). */
export const runInputSchema = z
  .object({
    task: taskTypeInputSchema,
    model: z.string().min(1).optional(),
    inputs: z.unknown().meta({ description: 'The task input: a string, or the task-specific object.' }),
    parameters: z.record(z.string(), z.unknown()).optional(),
    stream: z.boolean().optional(),
  })
  .meta({ id: 'RunRequest' });

export const runOutputSchema = z.record(z.string(), z.unknown()).meta({
  id: 'RunResponse',
  description: "The named task's response body, e.g. {output: ...} or {conversation: ...}.",
});

export type RunInput = z.infer<typeof runInputSchema>;
