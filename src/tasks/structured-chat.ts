import { z } from 'zod';
import type { TaskType } from '../contract/task-types.js';
import { GatewayError } from '../errors.js';
import type { ChatMessage } from '../providers/spec/index.js';
import { completeChat, resolveModel, type ChatCall } from './complete-chat.js';
import type { TaskContext } from './task-context.js';

/**
 * The task's options: the Hub mapping's parameters (labels, target language, ...) overridden by
 * the request's. Resolving here also turns an unknown model into a 404 before any prompt is built.
 */
export function taskOptions<Parameters extends Record<string, unknown>>(
  context: TaskContext,
  task: TaskType,
  modelName: string | undefined,
  parameters: Parameters | undefined,
): Partial<Parameters> & Record<string, unknown> {
  const { mapping } = resolveModel(context, task, modelName);
  return { ...mapping?.parameters, ...parameters } as Partial<Parameters> & Record<string, unknown>;
}

/**
 * A chat call whose answer must be JSON matching `schema` (sent upstream as a strict
 * json_schema response format). An answer that does not match is the upstream's failure: 502.
 */
export async function completeStructured<Shape extends z.ZodType>(
  context: TaskContext,
  call: Omit<ChatCall, 'responseFormat'>,
  name: string,
  schema: Shape,
): Promise<z.output<Shape>> {
  const jsonSchema = z.toJSONSchema(schema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  delete jsonSchema.$schema;
  const { result } = await completeChat(context, { ...call, responseFormat: { type: 'json_schema', name, schema: jsonSchema, strict: true } });
  let parsed: unknown;
  try {
    parsed = JSON.parse(result.text);
  } catch {
    parsed = undefined;
  }
  const checked = schema.safeParse(parsed);
  if (!checked.success) {
    throw new GatewayError('upstream_error', 'Invalid structured output', `The model's answer for ${call.task} was not the JSON it was asked for.`);
  }
  return checked.data;
}

export function instructed(system: string, user: string): ChatMessage[] {
  return [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
}
