import type { RunInput } from '../contract/run.js';
import { parseWith } from '../http/parse-with.js';
import type { TaskContext } from './task-context.js';
import type { TaskDefinition } from './task-definition.js';
import { taskRegistry } from './task-registry.js';

export function taskFor(run: RunInput): { definition: TaskDefinition; input: unknown } {
  const definition = taskRegistry[run.task];
  return { definition, input: parseWith(definition.inputSchema, definition.fromRun(run)) };
}

export function runTask(context: TaskContext, run: RunInput): Promise<Record<string, unknown>> {
  const { definition, input } = taskFor(run);
  return definition.complete(context, input);
}
