import { z } from 'zod';
import type { TaskType } from '../contract/task-types.js';
import { GatewayError } from '../errors.js';
import type { ChatMessage } from '../providers/spec/index.js';
import type { CallContext } from '../routing/call-context.js';
import { defaultsFor, execute } from '../routing/execute.js';
import { chatCall, type ChatCallSpec } from './chat-call.js';

/**
 * The task's options: the Hub mapping's parameters (labels, target language, ...) overridden by
 * the request's. Resolving here also turns an unknown model into a 404 before any prompt is built.
 */
export function taskOptions<Parameters extends Record<string, unknown>>(
  context: CallContext,
  task: TaskType,
  modelName: string | undefined,
  parameters: Parameters | undefined,
): Partial<Parameters> & Record<string, unknown> {
  return { ...defaultsFor(context, task, modelName), ...parameters } as Partial<Parameters> & Record<string, unknown>;
}

/**
 * A chat call whose answer must be JSON matching `schema` (sent upstream as a strict
 * json_schema response format), turned into the task's output by `interpret`. An answer that
 * does not match (502; 400 when the token limit cut it), or that `interpret` refuses (it throws a GatewayError), is never billed:
 * the pipeline records its tokens at cost 0.
 */
export async function completeStructured<Shape extends z.ZodType, Output>(
  context: CallContext,
  spec: Omit<ChatCallSpec, 'responseFormat'>,
  answer: { name: string; schema: Shape; interpret: (reply: z.output<Shape>) => Output },
): Promise<Output> {
  const jsonSchema = z.toJSONSchema(answer.schema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  delete jsonSchema.$schema;
  let output: Output | undefined;
  const call = chatCall({ ...spec, responseFormat: { type: 'json_schema', name: answer.name, schema: jsonSchema, strict: true } });
  await execute(context, call, (result) => {
    const checked = answer.schema.safeParse(parseJson(result.text));
    // Cut by the token limit: the request's (or its mapping's) max_new_tokens, not an upstream fault.
    if (!checked.success && result.finishReason === 'length') {
      throw new GatewayError(
        'invalid_request',
        'Token limit too small',
        `The answer for ${spec.task} reached the token limit before its JSON was complete: raise max_new_tokens, or leave it unset.`,
      );
    }
    if (!checked.success) {
      throw new GatewayError('upstream_error', 'Invalid structured output', `The model's answer for ${spec.task} was not the JSON it was asked for.`);
    }
    output = answer.interpret(checked.data);
  });
  return output as Output;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function instructed(system: string, user: string): ChatMessage[] {
  return [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
}
