import { runInputSchema, runOutputSchema } from '../../contract/run.js';
import type { TaskDefinition } from '../../tasks/task-definition.js';
import { taskErrors, taskForRun, taskPath, taskScopes, taskTable } from '../../tasks/task-table.js';
import { callContextOf } from '../call-context-of.js';
import { endpoint, router } from '../init.js';

const streaming =
  'With `stream: true` (top level or in `parameters`) the response is `text/event-stream`: one event per token, a final event with the full text and usage, then `data: [DONE]`.';

/** One procedure per task of the task table, named like `textGeneration`, plus `run`. */
function procedureOf(definition: TaskDefinition) {
  const description = [definition.description, definition.stream ? streaming : undefined].filter(Boolean).join(' ');
  return endpoint('POST', taskPath(definition.task), {
    tags: ['tasks'],
    scopes: taskScopes,
    summary: definition.summary,
    ...(description ? { description } : {}),
    errors: { ...taskErrors, ...definition.errors },
  })
    .input(definition.inputSchema)
    .output(definition.outputSchema)
    .mutation(({ ctx, input }) => definition.complete(callContextOf(ctx), input));
}

const camelCase = (task: string) => task.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());

export const tasksRouter = router({
  ...Object.fromEntries(Object.values(taskTable).map((definition) => [camelCase(definition.task), procedureOf(definition)])),
  run: endpoint('POST', '/hf/tasks/run', {
    tags: ['tasks'],
    scopes: taskScopes,
    errors: taskErrors,
    summary: 'Run any task by name',
    description: `Dispatches to the named task. ${streaming}`,
  })
    .input(runInputSchema)
    .output(runOutputSchema)
    .mutation(({ ctx, input }) => {
      const { definition, input: taskInput } = taskForRun(input);
      return definition.complete(callContextOf(ctx), taskInput);
    }),
});
