import { embeddingInputSchema, embeddingOutputSchema, type EmbeddingInput, type EmbeddingOutput } from '../contract/media-tasks.js';
import type { EmbedCall } from '../routing/call.js';
import { execute } from '../routing/execute.js';
import type { TaskDefinition } from './task-definition.js';

/** An embeddings call through the providers' own embeddings APIs; `/v1/embeddings` builds the same. */
export function embedCall(modelName: string | undefined, inputs: string[], dimensions: number | undefined): EmbedCall {
  return {
    operation: 'embed',
    task: 'embedding',
    modelName,
    request: (target) => ({ model: target.providerModel, inputs, ...(dimensions ? { dimensions } : {}) }),
  };
}

export const embeddingTask: TaskDefinition<EmbeddingInput, EmbeddingOutput> = {
  task: 'embedding',
  summary: 'Embed one text or a list of texts',
  inputSchema: embeddingInputSchema,
  outputSchema: embeddingOutputSchema,
  fromRun: (run) => ({ inputs: run.inputs, parameters: run.parameters, model: run.model }),
  async complete(context, input) {
    const inputs = typeof input.inputs === 'string' ? [input.inputs] : input.inputs;
    const { result } = await execute(context, embedCall(input.model ?? input.parameters?.model, inputs, input.parameters?.dimensions));
    return { output: typeof input.inputs === 'string' ? result.embeddings[0]! : result.embeddings };
  },
};
