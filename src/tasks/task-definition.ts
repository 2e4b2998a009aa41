import type { z } from 'zod';
import type { RunInput } from '../contract/run.js';
import type { TaskType } from '../contract/task-types.js';
import type { TaskContext } from './task-context.js';

/** One server-sent event's data, as an object; the HTTP layer serializes it. */
export type StreamPayload = Record<string, unknown>;

/**
 * Everything the HTTP layer needs to serve a task on `/hf/tasks/<task>` and through `/run`:
 * the input contract, how a `run` body becomes that input, and the handlers.
 */
export interface TaskDefinition<Input = any, Output extends Record<string, unknown> = Record<string, unknown>> {
  task: TaskType;
  inputSchema: z.ZodType<Input>;
  /** Builds this task's request body from a `/hf/tasks/run` body (validated again by inputSchema). */
  fromRun(run: RunInput): unknown;
  complete(context: TaskContext, input: Input): Promise<Output>;
  /** Present on tasks that can stream; `wantsStream` says whether this input asked to. */
  stream?(context: TaskContext, input: Input): Promise<AsyncIterable<StreamPayload>>;
  wantsStream?(input: Input): boolean;
  /** Present on tasks whose answer can be sent as raw bytes (images, for `Accept: image/*`). */
  binary?(context: TaskContext, input: Input): Promise<{ data: Buffer; contentType: string }>;
}
