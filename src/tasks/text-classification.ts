import { z } from 'zod';
import {
  textClassificationInputSchema,
  textClassificationOutputSchema,
  type TextClassificationInput,
  type TextClassificationOutput,
} from '../contract/text-tasks.js';
import { completeStructured, instructed, taskOptions } from './structured-chat.js';
import type { TaskDefinition } from './task-definition.js';

const defaultLabels = ['POSITIVE', 'NEGATIVE'];

/**
 * Classification by a chat model: it states a probability per label, and the gateway normalizes
 * them to sum to 1 (uniform when the model gives none). Labels come from the request's
 * `candidate_labels`, else the model mapping's, else positive/negative sentiment.
 */
export const textClassificationTask: TaskDefinition<TextClassificationInput, TextClassificationOutput> = {
  task: 'text-classification',
  summary: 'Score labels for a text (probabilities summing to 1)',
  inputSchema: textClassificationInputSchema,
  outputSchema: textClassificationOutputSchema,
  fromRun: (run) => ({ inputs: run.inputs, parameters: run.parameters, model: run.model }),
  async complete(context, input) {
    const modelName = input.model ?? input.parameters?.model;
    const options = taskOptions(context, 'text-classification', modelName, input.parameters);
    const labels = Array.isArray(options.candidate_labels) ? options.candidate_labels.map(String) : defaultLabels;
    const schema = z.object({ probabilities: z.object(Object.fromEntries(labels.map((label) => [label, z.number().min(0).max(1)]))) });
    const instruction = `Classify the text the user sends. For each label (${labels.join(', ')}) give the probability from 0 to 1 that it applies; the probabilities sum to 1.`;
    const spec = { task: 'text-classification' as const, modelName, messages: instructed(instruction, input.inputs), parameters: input.parameters };
    return completeStructured(context, spec, {
      name: 'label_probabilities',
      schema,
      interpret: (reply) => {
        const raw = labels.map((label) => Math.max(0, Number(reply.probabilities[label] ?? 0)));
        const total = raw.reduce((sum, value) => sum + value, 0);
        const scored = labels.map((label, index) => ({ label, score: total > 0 ? raw[index]! / total : 1 / labels.length }));
        scored.sort((a, b) => b.score - a.score);
        const topK = typeof options.top_k === 'number' ? options.top_k : scored.length;
        return { output: scored.slice(0, topK) };
      },
    });
  },
};
