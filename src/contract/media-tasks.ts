import { z } from 'zod';

export const embeddingInputSchema = z
  .object({
    inputs: z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(2_048)]),
    parameters: z
      .object({ model: z.string().min(1).optional(), dimensions: z.number().int().positive().max(8_192).optional() })
      .loose()
      .optional(),
    model: z.string().min(1).optional(),
  })
  .meta({ id: 'EmbeddingRequest' });
export const embeddingOutputSchema = z
  .object({
    output: z
      .union([z.array(z.number()), z.array(z.array(z.number()))])
      .meta({ description: 'One vector for a string input; one per input, in order, for a list.' }),
  })
  .meta({ id: 'EmbeddingResponse' });

const side = z.number().int().min(64).max(2_048);
export const imageGenerationInputSchema = z
  .object({
    inputs: z.string().min(1).meta({ description: 'The prompt.' }),
    parameters: z
      .object({
        model: z.string().min(1).optional(),
        negative_prompt: z.string().optional(),
        width: side.optional(),
        height: side.optional(),
        num_inference_steps: z.number().int().positive().max(200).optional(),
        guidance_scale: z.number().min(0).max(50).optional(),
        seed: z.number().int().optional(),
      })
      .loose()
      .optional(),
    model: z.string().min(1).optional(),
  })
  .meta({ id: 'ImageGenerationRequest' });
export const imageGenerationOutputSchema = z
  .object({
    output: z.object({
      image: z.string().meta({ description: 'The image, base64-encoded.' }),
      content_type: z.enum(['image/png', 'image/jpeg', 'image/webp']),
    }),
  })
  .meta({ id: 'ImageGenerationResponse', description: 'Send `Accept: image/png` to receive the raw bytes instead.' });

export type EmbeddingInput = z.infer<typeof embeddingInputSchema>;
export type ImageGenerationInput = z.infer<typeof imageGenerationInputSchema>;
export type EmbeddingOutput = z.infer<typeof embeddingOutputSchema>;
export type ImageGenerationOutput = z.infer<typeof imageGenerationOutputSchema>;
