import { z } from 'zod';

export const openAIModelSchema = z
  .object({
    id: z.string(),
    object: z.literal('model'),
    created: z.number().int(),
    owned_by: z.string(),
    pricing: z
      .object({ input: z.number(), output: z.number() })
      .meta({ description: 'USD per million input and output tokens, as Hugging Face expects of a provider.' }),
    context_length: z.number().int(),
  })
  .meta({ id: 'Model' });

export const listModelsResponseSchema = z.object({ object: z.literal('list'), data: z.array(openAIModelSchema) }).meta({ id: 'ListModelsResponse' });

export type OpenAIModel = z.infer<typeof openAIModelSchema>;
export type ListModelsResponse = z.infer<typeof listModelsResponseSchema>;
