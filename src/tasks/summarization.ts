import { summarizationInputSchema, type SummarizationInput, type SummarizationOutput } from '../contract/text-tasks.js';
import { completeChat } from './complete-chat.js';
import { instructed } from './structured-chat.js';
import type { TaskDefinition } from './task-definition.js';

const instruction = 'Summarize the text the user sends. Reply with the summary only, in the language of the text.';

export const summarizationTask: TaskDefinition<SummarizationInput, SummarizationOutput> = {
  task: 'summarization',
  inputSchema: summarizationInputSchema,
  fromRun: (run) => ({ inputs: run.inputs, parameters: run.parameters, model: run.model }),
  async complete(context, input) {
    const call = { task: 'summarization' as const, modelName: input.model ?? input.parameters?.model, messages: instructed(instruction, input.inputs), parameters: input.parameters };
    const { result } = await completeChat(context, call);
    return { output: { summary_text: result.text.trim() } };
  },
};
