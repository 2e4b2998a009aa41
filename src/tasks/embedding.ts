import { embeddingInputSchema, type EmbeddingInput, type EmbeddingOutput } from '../contract/media-tasks.js';
import { completeWithCandidates, resolveModel } from './complete-chat.js';
import type { TaskDefinition } from './task-definition.js';

export const embeddingTask: TaskDefinition<EmbeddingInput, EmbeddingOutput> = {
  task: 'embedding',
  inputSchema: embeddingInputSchema,
  fromRun: (run) => ({ inputs: run.inputs, parameters: run.parameters, model: run.model }),
  async complete(context, input) {
    const inputs = typeof input.inputs === 'string' ? [input.inputs] : input.inputs;
    const dimensions = input.parameters?.dimensions;
    const resolved = resolveModel(context, 'embedding', input.model ?? input.parameters?.model);
    const { result } = await completeWithCandidates(context, 'embedding', resolved, (candidate, signal) =>
      candidate.adapter.embed!(
        { model: candidate.providerModel, inputs, ...(dimensions ? { dimensions } : {}) },
        { signal, requestId: context.inferenceId },
      ),
    );
    return { output: typeof input.inputs === 'string' ? result.embeddings[0]! : result.embeddings };
  },
};
