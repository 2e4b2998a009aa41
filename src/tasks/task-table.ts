import { parseWith } from '../contract/parse-with.js';
import type { RunInput } from '../contract/run.js';
import type { TaskType } from '../contract/task-types.js';
import { conversationalTask } from './conversational.js';
import { embeddingTask } from './embedding.js';
import { imageGenerationTask } from './image-generation.js';
import { questionAnsweringTask } from './question-answering.js';
import { summarizationTask } from './summarization.js';
import type { TaskDefinition } from './task-definition.js';
import { textClassificationTask } from './text-classification.js';
import { textGenerationTask } from './text-generation.js';
import { tokenClassificationTask } from './token-classification.js';
import { translationTask } from './translation.js';

/**
 * Every task, one line each. Everything else derives from this table: the `/hf/tasks/<task>`
 * routes, `/hf/tasks/run`, the HF-native routes and the tRPC procedures of the OpenAPI document.
 */
export const taskTable: Record<TaskType, TaskDefinition> = {
  'text-generation': textGenerationTask,
  conversational: conversationalTask,
  summarization: summarizationTask,
  translation: translationTask,
  'question-answering': questionAnsweringTask,
  'text-classification': textClassificationTask,
  'token-classification': tokenClassificationTask,
  'image-generation': imageGenerationTask,
  embedding: embeddingTask,
};

/** Every task route needs this scope. */
export const taskScopes = ['inference'] as const;

/** Errors every task route may answer, besides 400/401/403. */
export const taskErrors: Record<number, string> = { 404: 'Unknown model', 502: 'Upstream failure', 504: 'Upstream timeout' };

export function taskPath(task: TaskType): `/hf/tasks/${TaskType}` {
  return `/hf/tasks/${task}`;
}

/** Every path the table serves: one per task, and `/hf/tasks/run`. */
export const taskRoutePaths: readonly string[] = [...Object.values(taskTable).map((definition) => taskPath(definition.task)), '/hf/tasks/run'];

/** `/hf/tasks/run`: the named task, with its input built from the run body and validated by that task's contract. */
export function taskForRun(run: RunInput): { definition: TaskDefinition; input: unknown } {
  const definition = taskTable[run.task];
  return { definition, input: parseWith(definition.inputSchema, definition.fromRun(run)) };
}
