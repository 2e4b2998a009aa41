import { z } from 'zod';
import {
  questionAnsweringInputSchema,
  questionAnsweringOutputSchema,
  type QuestionAnsweringInput,
  type QuestionAnsweringOutput,
} from '../contract/text-tasks.js';
import { GatewayError } from '../errors.js';
import { completeStructured, instructed } from './structured-chat.js';
import { locate } from './text-spans.js';
import type { TaskDefinition } from './task-definition.js';

const instruction =
  'The user sends a question, then a blank line, then a context. Answer the question from the context. Reply with the shortest exact quote from the context that answers it, ' +
  'copied character for character, and your confidence from 0 to 1. If the context does not answer the question, set found to false.';

const answerSchema = z.object({ found: z.boolean(), answer: z.string(), confidence: z.number().min(0).max(1) });

/**
 * Extractive QA from a chat model: the model quotes, the gateway finds the quote in the context,
 * so `answer` is always a real span and `start`/`end` its real offsets. A quote that is not in
 * the context, or no answer at all, is a 422 rather than an invented span.
 */
export const questionAnsweringTask: TaskDefinition<QuestionAnsweringInput, QuestionAnsweringOutput> = {
  task: 'question-answering',
  summary: 'Answer a question with a span of the context',
  errors: { 422: 'The context does not contain an answer' },
  inputSchema: questionAnsweringInputSchema,
  outputSchema: questionAnsweringOutputSchema,
  fromRun: (run) => ({ inputs: run.inputs, parameters: run.parameters, model: run.model }),
  async complete(context, input) {
    const { question, context: passage } = input.inputs;
    // The question, then the context, as two paragraphs; the instruction says which is which.
    const prompt = `${question}\n\n${passage}`;
    const spec = {
      task: 'question-answering' as const,
      modelName: input.model ?? input.parameters?.model,
      messages: instructed(instruction, prompt),
      parameters: input.parameters,
    };
    return completeStructured(context, spec, {
      name: 'extractive_answer',
      schema: answerSchema,
      interpret: (reply) => {
        const span = reply.found && reply.answer.trim() ? locate(passage, reply.answer, 0) : undefined;
        if (!span) throw new GatewayError('unprocessable', 'No answer in the context', 'The context does not contain an answer to the question.');
        return { output: { answer: passage.slice(span.start, span.end), score: reply.confidence, start: span.start, end: span.end } };
      },
    });
  },
};
