import { conversationalInputSchema, conversationalOutputSchema } from '../../contract/conversational.js';
import { runInputSchema, runOutputSchema } from '../../contract/run.js';
import { textGenerationInputSchema, textGenerationOutputSchema } from '../../contract/text-generation.js';
import { runTask } from '../../tasks/run-task.js';
import { conversationalTask } from '../../tasks/conversational.js';
import { textGenerationTask } from '../../tasks/text-generation.js';
import { endpoint, router } from '../init.js';
import { taskContextOf } from '../task-context-of.js';

const inference = { tags: ['tasks'], scopes: ['inference'] as const, errors: { 404: 'Unknown model', 502: 'Upstream failure', 504: 'Upstream timeout' } };
const streaming = 'With `stream: true` (top level or in `parameters`) the response is `text/event-stream`: one event per token, a final event with the full text and usage, then `data: [DONE]`.';

export const tasksRouter = router({
  textGeneration: endpoint('POST', '/hf/tasks/text-generation', { ...inference, summary: 'Generate text from a prompt', description: streaming })
    .input(textGenerationInputSchema)
    .output(textGenerationOutputSchema)
    .mutation(({ ctx, input }) => textGenerationTask.complete(taskContextOf(ctx), input)),

  conversational: endpoint('POST', '/hf/tasks/conversational', { ...inference, summary: 'Continue a conversation', description: streaming })
    .input(conversationalInputSchema)
    .output(conversationalOutputSchema)
    .mutation(({ ctx, input }) => conversationalTask.complete(taskContextOf(ctx), input)),

  run: endpoint('POST', '/hf/tasks/run', { ...inference, summary: 'Run any task by name', description: `Dispatches to the named task. ${streaming}` })
    .input(runInputSchema)
    .output(runOutputSchema)
    .mutation(({ ctx, input }) => runTask(taskContextOf(ctx), input)),
});
