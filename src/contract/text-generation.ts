import { z } from 'zod';
import { generationParametersSchema } from './generation-parameters.js';

export const textGenerationInputSchema = z
  .object({
    inputs: z.string().min(1).meta({ description: 'The prompt.' }),
    parameters: generationParametersSchema.optional(),
    model: z.string().min(1).optional().meta({ description: 'Alternative to parameters.model.' }),
    stream: z.boolean().optional().meta({ description: 'Stream tokens as server-sent events.' }),
  })
  .meta({ id: 'TextGenerationRequest' });

export const textGenerationOutputSchema = z.object({ output: z.array(z.object({ generated_text: z.string() })) }).meta({ id: 'TextGenerationResponse' });

export type TextGenerationInput = z.infer<typeof textGenerationInputSchema>;
export type TextGenerationOutput = z.infer<typeof textGenerationOutputSchema>;
