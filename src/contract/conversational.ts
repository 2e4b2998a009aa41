import { z } from 'zod';
import { generationParametersSchema } from './generation-parameters.js';

const turns = z.array(z.string()).max(1_000);

export const conversationalInputSchema = z
  .object({
    text: z.string().min(1).meta({ description: 'The new user message.' }),
    past_user_inputs: turns.optional(),
    generated_responses: turns.optional(),
    parameters: generationParametersSchema.optional(),
    model: z.string().min(1).optional(),
    stream: z.boolean().optional(),
  })
  .refine((input) => (input.past_user_inputs?.length ?? 0) === (input.generated_responses?.length ?? 0), {
    message: 'past_user_inputs and generated_responses must have the same length (one response per past input)',
    path: ['generated_responses'],
  })
  .meta({ id: 'ConversationalRequest' });

export const conversationSchema = z.object({ past_user_inputs: z.array(z.string()), generated_responses: z.array(z.string()) }).meta({ id: 'Conversation' });

export const conversationalOutputSchema = z.object({ conversation: conversationSchema }).meta({ id: 'ConversationalResponse' });

export type ConversationalInput = z.infer<typeof conversationalInputSchema>;
export type ConversationalOutput = z.infer<typeof conversationalOutputSchema>;
