import { z } from 'zod';

/**
 * OpenAI's Responses API (`POST /v1/responses`) as the gateway serves it: function tools,
 * text and structured output, streaming. Read from openai-node `resources/responses` and
 * openai-python `types/responses`. Fields the gateway does not model are accepted and ignored.
 */
const tokenCount = z.number().int().positive().max(1_000_000);
const jsonSchemaBody = z.record(z.string(), z.unknown());

const inputTextPart = z.object({ type: z.enum(['input_text', 'output_text']), text: z.string() }).loose();
// Images, files and audio are named so the 400 says which part is not supported.
const unsupportedPart = z.object({ type: z.string() }).loose();

const messageItemSchema = z
  .object({
    type: z.literal('message').optional(),
    role: z.enum(['user', 'assistant', 'system', 'developer']),
    content: z.union([z.string(), z.array(z.union([inputTextPart, unsupportedPart])).max(1_000)]),
  })
  .loose();

const functionCallItemSchema = z
  .object({ type: z.literal('function_call'), call_id: z.string().min(1), name: z.string().min(1), arguments: z.string(), id: z.string().optional() })
  .loose();

const functionCallOutputItemSchema = z
  .object({
    type: z.literal('function_call_output'),
    call_id: z.string().min(1),
    output: z.union([z.string(), z.array(inputTextPart)]),
  })
  .loose();

export const responseInputItemSchema = z
  .union([functionCallItemSchema, functionCallOutputItemSchema, messageItemSchema])
  .meta({ id: 'ResponseInputItem', description: 'A message (text parts), a function call the model made, or its output.' });

export const responseFunctionToolSchema = z
  .object({
    type: z.literal('function'),
    name: z.string().regex(/^[\w-]{1,64}$/, 'must be 1-64 letters, digits, underscores or dashes'),
    description: z.string().nullish(),
    parameters: jsonSchemaBody.nullish(),
    strict: z.boolean().nullish(),
  })
  .loose()
  .meta({ id: 'ResponseFunctionTool' });

export const responseTextFormatSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('text') }).loose(),
    z.object({ type: z.literal('json_object') }).loose(),
    z
      .object({
        type: z.literal('json_schema'),
        name: z.string().max(64).optional(),
        schema: jsonSchemaBody,
        strict: z.boolean().nullish(),
        description: z.string().optional(),
      })
      .loose(),
  ])
  .meta({ id: 'ResponseTextFormat' });

export const responseToolChoiceSchema = z
  .union([z.enum(['none', 'auto', 'required']), z.object({ type: z.literal('function'), name: z.string().min(1) }).loose()])
  .meta({ id: 'ResponseToolChoice' });

export const responseRequestSchema = z
  .object({
    model: z.string().min(1).optional().meta({ description: 'Gatewayz model id, Hub model id, or provider/model; the chat default when absent.' }),
    input: z.union([z.string(), z.array(responseInputItemSchema).min(1).max(10_000)]),
    instructions: z.string().nullish().meta({ description: 'A system message put before the input.' }),
    tools: z.array(responseFunctionToolSchema).max(128).nullish(),
    tool_choice: responseToolChoiceSchema.nullish(),
    text: z.object({ format: responseTextFormatSchema.optional() }).loose().nullish(),
    max_output_tokens: tokenCount.nullish(),
    temperature: z.number().min(0).max(2).nullish(),
    top_p: z.number().min(0).max(1).nullish(),
    stream: z.boolean().nullish(),
    store: z.boolean().nullish().meta({ description: 'Accepted; the gateway never stores responses (the answer says `store: false`).' }),
    previous_response_id: z
      .string()
      .nullish()
      .meta({ description: 'Not supported: responses are not stored, so send the whole conversation in `input`. A value is a 400.' }),
    user: z.string().optional(),
    metadata: z.record(z.string(), z.string()).nullish(),
    parallel_tool_calls: z.boolean().nullish(),
  })
  .loose()
  .meta({ id: 'CreateResponseRequest' });

const outputTextSchema = z.object({
  type: z.literal('output_text'),
  text: z.string(),
  annotations: z.array(z.unknown()).meta({ description: 'Always empty.' }),
  logprobs: z.array(z.unknown()).meta({ description: 'Always empty.' }),
});

export const responseOutputItemSchema = z
  .discriminatedUnion('type', [
    z.object({
      type: z.literal('message'),
      id: z.string(),
      status: z.enum(['in_progress', 'completed', 'incomplete']),
      role: z.literal('assistant'),
      content: z.array(outputTextSchema),
    }),
    z.object({
      type: z.literal('function_call'),
      id: z.string(),
      call_id: z.string(),
      name: z.string(),
      arguments: z.string(),
      status: z.enum(['in_progress', 'completed', 'incomplete']),
    }),
  ])
  .meta({ id: 'ResponseOutputItem' });

export const responseUsageSchema = z
  .object({
    input_tokens: z.number().int().meta({ description: 'Every input token, cached ones included.' }),
    input_tokens_details: z.object({ cached_tokens: z.number().int() }),
    output_tokens: z.number().int(),
    output_tokens_details: z.object({ reasoning_tokens: z.number().int() }),
    total_tokens: z.number().int(),
    cost_nano_usd: z.number().int().meta({ description: 'What the call was billed, in nano-USD (Gatewayz).' }),
  })
  .meta({ id: 'ResponseUsage' });

export const responseObjectSchema = z
  .object({
    id: z.string().meta({ description: '`resp_` and the Inference-Id.' }),
    object: z.literal('response'),
    created_at: z.number().int(),
    status: z.enum(['in_progress', 'completed', 'incomplete']),
    error: z.null(),
    incomplete_details: z.object({ reason: z.literal('max_output_tokens') }).nullable(),
    instructions: z.string().nullable(),
    max_output_tokens: z.number().int().nullable(),
    model: z.string(),
    output: z.array(responseOutputItemSchema),
    parallel_tool_calls: z.boolean(),
    previous_response_id: z.null(),
    store: z.literal(false),
    temperature: z.number().nullable(),
    top_p: z.number().nullable(),
    text: z.object({ format: responseTextFormatSchema }),
    tool_choice: responseToolChoiceSchema,
    tools: z.array(responseFunctionToolSchema),
    truncation: z.literal('disabled'),
    usage: responseUsageSchema.nullable().meta({ description: 'null until the response is complete.' }),
    metadata: z.record(z.string(), z.string()),
  })
  .meta({ id: 'Response' });

/** One streamed event's data (every event also carries `type` as its SSE `event:` name, and `sequence_number`). */
export const responseStreamEventSchema = z
  .object({
    type: z.enum([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
      'response.incomplete',
      'error',
    ]),
    sequence_number: z.number().int(),
    response: responseObjectSchema.optional(),
    output_index: z.number().int().optional(),
    content_index: z.number().int().optional(),
    item_id: z.string().optional(),
    item: responseOutputItemSchema.optional(),
    delta: z.string().optional(),
    text: z.string().optional(),
    arguments: z.string().optional(),
  })
  .loose()
  .meta({ id: 'ResponseStreamEvent' });

export type ResponseRequest = z.infer<typeof responseRequestSchema>;
export type ResponseInputItem = z.infer<typeof responseInputItemSchema>;
export type ResponseObject = z.infer<typeof responseObjectSchema>;
export type ResponseOutputItem = z.infer<typeof responseOutputItemSchema>;
export type ResponseTextFormat = z.infer<typeof responseTextFormatSchema>;
