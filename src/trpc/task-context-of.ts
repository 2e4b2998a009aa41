import type { TaskContext } from '../tasks/task-context.js';
import { principalOf, type TrpcContext } from './init.js';

export function taskContextOf(context: TrpcContext): TaskContext {
  return {
    services: context.services.tasks,
    principal: principalOf(context),
    inferenceId: context.inferenceId,
    signal: context.signal,
    startedAt: context.startedAt,
  };
}
