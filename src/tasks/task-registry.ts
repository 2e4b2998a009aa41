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

/** Every task, by name: `/hf/tasks/<task>`, `/hf/tasks/run` and the HF-native routes dispatch through this. */
export const taskRegistry: Record<TaskType, TaskDefinition> = {
  'text-generation': textGenerationTask,
  conversational: conversationalTask,
  summarization: summarizationTask,
  translation: translationTask,
  'question-answering': questionAnsweringTask,
  'text-classification': textClassificationTask,
  'token-classification': tokenClassificationTask,
  embedding: embeddingTask,
  'image-generation': imageGenerationTask,
};
