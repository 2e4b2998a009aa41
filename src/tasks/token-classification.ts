import { z } from 'zod';
import {
  tokenClassificationInputSchema,
  tokenClassificationOutputSchema,
  type TokenClassificationInput,
  type TokenClassificationOutput,
} from '../contract/text-tasks.js';
import { completeStructured, instructed, taskOptions } from './structured-chat.js';
import { locate } from './text-spans.js';
import type { TaskDefinition } from './task-definition.js';

const defaultLabels = ['PER', 'ORG', 'LOC', 'MISC'];

/**
 * Named entities from a chat model: it quotes each entity, and the gateway finds it in the input
 * in reading order, so `word`, `start` and `end` are real. Quotes that are not in the text are
 * dropped rather than given invented offsets.
 */
export const tokenClassificationTask: TaskDefinition<TokenClassificationInput, TokenClassificationOutput> = {
  task: 'token-classification',
  summary: 'Find named entities with their offsets',
  inputSchema: tokenClassificationInputSchema,
  outputSchema: tokenClassificationOutputSchema,
  fromRun: (run) => ({ inputs: run.inputs, parameters: run.parameters, model: run.model }),
  async complete(context, input) {
    const modelName = input.model ?? input.parameters?.model;
    const options = taskOptions(context, 'token-classification', modelName, input.parameters);
    const labels = Array.isArray(options.labels) && options.labels.length > 0 ? options.labels.map(String) : defaultLabels;
    const schema = z.object({
      entities: z.array(z.object({ text: z.string(), type: z.enum(labels as [string, ...string[]]), confidence: z.number().min(0).max(1) })),
    });
    const instruction = `Find the named entities in the text the user sends, in order. For each, copy its text exactly as written, give its type (one of ${labels.join(', ')}) and your confidence from 0 to 1.`;
    const spec = { task: 'token-classification' as const, modelName, messages: instructed(instruction, input.inputs), parameters: input.parameters };
    return completeStructured(context, spec, {
      name: 'named_entities',
      schema,
      interpret: (reply) => {
        const entities = [];
        let cursor = 0;
        for (const entity of reply.entities) {
          const span = locate(input.inputs, entity.text, cursor) ?? locate(input.inputs, entity.text, 0);
          if (!span) continue;
          cursor = span.end;
          entities.push({
            entity_group: entity.type,
            score: entity.confidence,
            word: input.inputs.slice(span.start, span.end),
            start: span.start,
            end: span.end,
          });
        }
        entities.sort((a, b) => a.start - b.start);
        return { output: entities };
      },
    });
  },
};
