import { summarizationInputSchema, summarizationOutputSchema, type SummarizationInput, type SummarizationOutput } from '../contract/text-tasks.js';
import { execute } from '../routing/execute.js';
import { chatCall } from './chat-call.js';
import { instructed } from './structured-chat.js';
import type { TaskDefinition } from './task-definition.js';

const instruction = 'Summarize the text the user sends. Reply with the summary only, in the language of the text.';

export const summarizationTask: TaskDefinition<SummarizationInput, SummarizationOutput> = {
  task: 'summarization',
  summary: 'Summarize a text',
  inputSchema: summarizationInputSchema,
  outputSchema: summarizationOutputSchema,
  fromRun: (run) => ({ inputs: run.inputs, parameters: run.parameters, model: run.model }),
  async complete(context, input) {
    const call = chatCall({
      task: 'summarization',
      modelName: input.model ?? input.parameters?.model,
      messages: instructed(instruction, input.inputs),
      parameters: input.parameters,
    });
    const { result } = await execute(context, call);
    return { output: { summary_text: result.text.trim() } };
  },
};
