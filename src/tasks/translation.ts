import { translationInputSchema, translationOutputSchema, type TranslationInput, type TranslationOutput } from '../contract/text-tasks.js';
import { GatewayError } from '../errors.js';
import { execute } from '../routing/execute.js';
import { chatCall } from './chat-call.js';
import { instructed, taskOptions } from './structured-chat.js';
import type { TaskDefinition } from './task-definition.js';

export const translationTask: TaskDefinition<TranslationInput, TranslationOutput> = {
  task: 'translation',
  summary: 'Translate a text (parameters.src_lang, tgt_lang)',
  inputSchema: translationInputSchema,
  outputSchema: translationOutputSchema,
  fromRun: (run) => ({ inputs: run.inputs, parameters: run.parameters, model: run.model }),
  async complete(context, input) {
    const modelName = input.model ?? input.parameters?.model;
    const options = taskOptions(context, 'translation', modelName, input.parameters);
    const target = typeof options.tgt_lang === 'string' ? options.tgt_lang : undefined;
    if (!target) {
      throw new GatewayError(
        'invalid_request',
        'Missing target language',
        'Translation needs parameters.tgt_lang (e.g. "fr"), or a model mapping that sets it.',
      );
    }
    const source = typeof options.src_lang === 'string' ? `from ${options.src_lang} ` : '';
    const instruction = `Translate the text the user sends ${source}into ${target}. Reply with the translation only.`;
    const { result } = await execute(
      context,
      chatCall({ task: 'translation', modelName, messages: instructed(instruction, input.inputs), parameters: input.parameters }),
    );
    return { output: { translation_text: result.text.trim() } };
  },
};
