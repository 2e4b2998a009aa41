import type { z } from 'zod';
import type { RunInput } from '../contract/run.js';
import type { TaskType } from '../contract/task-types.js';
import type { CallContext } from '../routing/call-context.js';
import type { ChatStream } from '../routing/chat-stream.js';

/** A task's stream: the pipeline's parts, and the task's own fields for the final event (given the whole text). */
export interface TaskStream {
  parts: ChatStream;
  final(text: string): Record<string, unknown>;
}

/**
 * One HF task: its contract and its translation to and from pipeline calls. The task table
 * (task-table.ts) turns these into the `/hf/tasks/<task>` routes, the `/hf/tasks/run` dispatch,
 * the HF-native routes and the tRPC procedures the OpenAPI document is generated from.
 */
export interface TaskDefinition<Input = any, Output extends Record<string, unknown> = Record<string, unknown>> {
  task: TaskType;
  /** For the OpenAPI document. */
  summary: string;
  description?: string;
  /** Error statuses this task adds to the common ones, with what they mean. */
  errors?: Record<number, string>;
  inputSchema: z.ZodType<Input>;
  outputSchema: z.ZodType<Output>;
  /** Builds this task's request body from a `/hf/tasks/run` body (validated again by inputSchema). */
  fromRun(run: RunInput): unknown;
  complete(context: CallContext, input: Input): Promise<Output>;
  /** Present on tasks that can stream; `wantsStream` says whether this input asked to. */
  stream?(context: CallContext, input: Input): Promise<TaskStream>;
  wantsStream?(input: Input): boolean;
  /** Present on tasks whose answer can be sent as raw bytes (images, for `Accept: image/*`). */
  binary?(context: CallContext, input: Input): Promise<{ data: Buffer; contentType: string }>;
}
