import type { RunInput } from '../contract/run.js';
import { GatewayError } from '../errors.js';
import { parseWith } from '../http/parse-with.js';
import type { TaskContext } from './task-context.js';
import type { TaskDefinition } from './task-definition.js';
import { taskRegistry } from './task-registry.js';

export function taskFor(run: RunInput): { definition: TaskDefinition; input: unknown } {
  const definition = taskRegistry[run.task];
  if (!definition) {
    const served = Object.keys(taskRegistry).join(', ');
    throw new GatewayError('invalid_request', 'Task not available', `The task ${run.task} is not served yet; served tasks: ${served}.`);
  }
  return { definition, input: parseWith(definition.inputSchema, definition.fromRun(run)) };
}

export function runTask(context: TaskContext, run: RunInput): Promise<Record<string, unknown>> {
  const { definition, input } = taskFor(run);
  return definition.complete(context, input);
}
