import { conversationalInputSchema, conversationalOutputSchema } from '../../contract/conversational.js';
import { runInputSchema, runOutputSchema } from '../../contract/run.js';
import { textGenerationInputSchema, textGenerationOutputSchema } from '../../contract/text-generation.js';
import { embeddingInputSchema, embeddingOutputSchema, imageGenerationInputSchema, imageGenerationOutputSchema } from '../../contract/media-tasks.js';
import {
  questionAnsweringInputSchema,
  questionAnsweringOutputSchema,
  summarizationInputSchema,
  summarizationOutputSchema,
  textClassificationInputSchema,
  textClassificationOutputSchema,
  tokenClassificationInputSchema,
  tokenClassificationOutputSchema,
  translationInputSchema,
  translationOutputSchema,
} from '../../contract/text-tasks.js';
import { runTask } from '../../tasks/run-task.js';
import { conversationalTask } from '../../tasks/conversational.js';
import { embeddingTask } from '../../tasks/embedding.js';
import { imageGenerationTask } from '../../tasks/image-generation.js';
import { questionAnsweringTask } from '../../tasks/question-answering.js';
import { summarizationTask } from '../../tasks/summarization.js';
import { textClassificationTask } from '../../tasks/text-classification.js';
import { textGenerationTask } from '../../tasks/text-generation.js';
import { tokenClassificationTask } from '../../tasks/token-classification.js';
import { translationTask } from '../../tasks/translation.js';
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

  summarization: endpoint('POST', '/hf/tasks/summarization', { ...inference, summary: 'Summarize a text' })
    .input(summarizationInputSchema)
    .output(summarizationOutputSchema)
    .mutation(({ ctx, input }) => summarizationTask.complete(taskContextOf(ctx), input)),

  translation: endpoint('POST', '/hf/tasks/translation', { ...inference, summary: 'Translate a text (parameters.src_lang, tgt_lang)' })
    .input(translationInputSchema)
    .output(translationOutputSchema)
    .mutation(({ ctx, input }) => translationTask.complete(taskContextOf(ctx), input)),

  questionAnswering: endpoint('POST', '/hf/tasks/question-answering', {
    ...inference,
    summary: 'Answer a question with a span of the context',
    errors: { ...inference.errors, 422: 'The context does not contain an answer' },
  })
    .input(questionAnsweringInputSchema)
    .output(questionAnsweringOutputSchema)
    .mutation(({ ctx, input }) => questionAnsweringTask.complete(taskContextOf(ctx), input)),

  textClassification: endpoint('POST', '/hf/tasks/text-classification', { ...inference, summary: 'Score labels for a text (probabilities summing to 1)' })
    .input(textClassificationInputSchema)
    .output(textClassificationOutputSchema)
    .mutation(({ ctx, input }) => textClassificationTask.complete(taskContextOf(ctx), input)),

  tokenClassification: endpoint('POST', '/hf/tasks/token-classification', { ...inference, summary: 'Find named entities with their offsets' })
    .input(tokenClassificationInputSchema)
    .output(tokenClassificationOutputSchema)
    .mutation(({ ctx, input }) => tokenClassificationTask.complete(taskContextOf(ctx), input)),

  imageGeneration: endpoint('POST', '/hf/tasks/image-generation', {
    ...inference,
    summary: 'Generate an image from a prompt',
    description: 'JSON with the image in base64 by default; with `Accept: image/png` (or any image type) the raw bytes.',
  })
    .input(imageGenerationInputSchema)
    .output(imageGenerationOutputSchema)
    .mutation(({ ctx, input }) => imageGenerationTask.complete(taskContextOf(ctx), input)),

  embedding: endpoint('POST', '/hf/tasks/embedding', { ...inference, summary: 'Embed one text or a list of texts' })
    .input(embeddingInputSchema)
    .output(embeddingOutputSchema)
    .mutation(({ ctx, input }) => embeddingTask.complete(taskContextOf(ctx), input)),

  run: endpoint('POST', '/hf/tasks/run', { ...inference, summary: 'Run any task by name', description: `Dispatches to the named task. ${streaming}` })
    .input(runInputSchema)
    .output(runOutputSchema)
    .mutation(({ ctx, input }) => runTask(taskContextOf(ctx), input)),
});
