import { z } from 'zod';
import { generationParametersSchema } from './generation-parameters.js';

/**
 * TGI's `grammar`: a JSON schema the answer must follow, served through structured output. A
 * regex cannot be honoured by the chat upstreams, so it is a 400, never silently ignored.
 */
export const grammarSchema = z
  .object({
    type: z.enum(['json', 'json_object', 'json_schema', 'regex']),
    value: z.union([z.record(z.string(), z.unknown()), z.string()]),
  })
  .loose()
  .refine((grammar) => grammar.type !== 'regex', 'regex grammars are not supported by the upstream providers; use {"type": "json", "value": <JSON schema>}')
  .refine((grammar) => grammar.type === 'regex' || typeof grammar.value === 'object', "a json grammar's value must be a JSON schema object")
  .meta({ id: 'Grammar', description: 'TGI grammar: `{"type": "json", "value": <JSON schema>}`; `regex` is refused.' });

export const textGenerationInputSchema = z
  .object({
    inputs: z.string().min(1).meta({ description: 'The prompt.' }),
    parameters: generationParametersSchema.extend({ grammar: grammarSchema.nullish() }).optional(),
    model: z.string().min(1).optional().meta({ description: 'Alternative to parameters.model.' }),
    stream: z.boolean().optional().meta({ description: 'Stream tokens as server-sent events.' }),
  })
  .meta({ id: 'TextGenerationRequest' });

export const textGenerationOutputSchema = z.object({ output: z.array(z.object({ generated_text: z.string() })) }).meta({ id: 'TextGenerationResponse' });

export type TextGenerationInput = z.infer<typeof textGenerationInputSchema>;
export type TextGenerationOutput = z.infer<typeof textGenerationOutputSchema>;
