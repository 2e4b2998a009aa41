import { z } from 'zod';

const text = z.string().min(1, 'an input must not be empty');

const tokenIds = z
  .array(
    z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1),
  )
  .min(1, 'an input must not be empty')
  .max(1_000_000);

/**
 * OpenAI's `POST /v1/embeddings` body. Token ids (LangChain's default) are decoded to text for
 * models whose tokenizer is known (js-tiktoken's encodings); other models answer a 400.
 */
export const embeddingRequestSchema = z
  .object({
    model: z.string().min(1).optional().meta({ description: "Gatewayz model id, Hub model id, or provider/model; the task's default model when absent." }),
    input: z.union([text, z.array(text).min(1).max(2_048), tokenIds, z.array(tokenIds).min(1).max(2_048)], {
      error: 'input must be a string, a list of strings, a list of token ids or a list of such lists',
    }),
    encoding_format: z.enum(['float', 'base64']).default('float').meta({ description: '`base64`: little-endian float32 bytes, base64-encoded.' }),
    dimensions: z.number().int().positive().max(8_192).optional(),
    user: z.string().optional(),
  })
  .loose()
  .meta({ id: 'CreateEmbeddingRequest' });

export const embeddingResponseSchema = z
  .object({
    object: z.literal('list'),
    data: z.array(
      z.object({
        object: z.literal('embedding'),
        index: z.number().int(),
        embedding: z.union([z.array(z.number()), z.string()]).meta({ description: 'Floats, or a base64 string with encoding_format=base64.' }),
      }),
    ),
    model: z.string(),
    usage: z.object({ prompt_tokens: z.number().int(), total_tokens: z.number().int() }),
  })
  .meta({ id: 'CreateEmbeddingResponse' });

export type EmbeddingRequest = z.infer<typeof embeddingRequestSchema>;
export type EmbeddingResponse = z.infer<typeof embeddingResponseSchema>;
