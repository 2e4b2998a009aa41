import { z } from 'zod';

/**
 * Chat messages as OpenAI's Chat Completions API takes them. Content is a string or a list of
 * content parts; the gateway's models read text only, so any other part (image_url,
 * input_audio, file) is refused by name rather than silently dropped.
 */
const contentPartSchema = z
  .object({ type: z.string(), text: z.string().optional() })
  .loose()
  .meta({ id: 'ChatCompletionContentPart', description: 'Only `{"type": "text", "text": ...}` parts are accepted.' });

function partsOf(allowed: readonly string[]) {
  return z.array(contentPartSchema).superRefine((parts, context) => {
    parts.forEach((part, index) => {
      if (!allowed.includes(part.type)) {
        const message = `"${part.type}" content parts are not supported: the gateway's chat models take text only; send {"type": "text", "text": ...} parts`;
        context.addIssue({ code: 'custom', path: [index, 'type'], message });
      } else if (typeof part[part.type] !== 'string') {
        context.addIssue({ code: 'custom', path: [index, part.type], message: `a "${part.type}" part needs a string "${part.type}"` });
      }
    });
  });
}

const textContentSchema = z.union([z.string(), partsOf(['text'])]);
const name = z.string().max(256).nullish();

export const toolCallSchema = z
  .object({
    id: z.string().min(1),
    type: z.literal('function'),
    function: z.object({ name: z.string().min(1), arguments: z.string() }).loose(),
  })
  .loose()
  .meta({ id: 'ChatCompletionMessageToolCall' });

export const chatMessageSchema = z
  .discriminatedUnion('role', [
    z.object({ role: z.enum(['system', 'developer']), content: textContentSchema, name }).loose(),
    z.object({ role: z.literal('user'), content: textContentSchema, name }).loose(),
    z
      .object({
        role: z.literal('assistant'),
        // Refusals an assistant turn carried are part of the history the model should see.
        content: z.union([z.string(), partsOf(['text', 'refusal'])]).nullish(),
        refusal: z.string().nullish(),
        tool_calls: z.array(toolCallSchema).nullish(),
        name,
      })
      .loose(),
    z.object({ role: z.literal('tool'), content: textContentSchema, tool_call_id: z.string().min(1) }).loose(),
  ])
  .meta({ id: 'ChatCompletionRequestMessage' });

export const functionToolSchema = z
  .object({
    type: z.literal('function'),
    function: z
      .object({
        name: z.string().regex(/^[\w-]{1,64}$/, 'must be 1-64 letters, digits, underscores or dashes'),
        description: z.string().optional(),
        parameters: z.record(z.string(), z.unknown()).optional().meta({ description: 'JSON Schema of the arguments object.' }),
        strict: z.boolean().nullish(),
      })
      .loose(),
  })
  .loose()
  .meta({ id: 'ChatCompletionTool' });

export const toolChoiceSchema = z
  .union([z.enum(['none', 'auto', 'required']), z.object({ type: z.literal('function'), function: z.object({ name: z.string().min(1) }) }).loose()])
  .meta({ id: 'ChatCompletionToolChoiceOption' });

const jsonSchemaBody = z.record(z.string(), z.unknown());

/**
 * OpenAI's three forms, plus TGI's grammar form `{"type": "json_object" | "json" | "json_schema",
 * "value": <schema>}` that huggingface_hub sends: a schema there constrains the answer like `json_schema` does.
 */
export const responseFormatSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('text') }).loose(),
    z.object({ type: z.literal('json_object'), value: jsonSchemaBody.optional() }).loose(),
    z.object({ type: z.literal('json'), value: jsonSchemaBody }).loose(),
    z
      .object({
        type: z.literal('json_schema'),
        json_schema: z
          .object({
            name: z.string().max(64).optional(),
            description: z.string().optional(),
            schema: jsonSchemaBody.optional(),
            strict: z.boolean().nullish(),
          })
          .loose()
          .optional(),
        value: jsonSchemaBody.optional().meta({ description: 'TGI form: the schema itself, in place of json_schema.' }),
      })
      .loose()
      .refine((format) => format.json_schema !== undefined || format.value !== undefined, { message: 'json_schema is required', path: ['json_schema'] }),
  ])
  .meta({ id: 'ChatCompletionResponseFormat' });

export type ChatMessageInput = z.infer<typeof chatMessageSchema>;
export type ResponseFormatInput = z.infer<typeof responseFormatSchema>;
export type ToolInput = z.infer<typeof functionToolSchema>;
