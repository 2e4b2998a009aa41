import type { TaskType } from '../contract/task-types.js';
import { conversationalTask } from './conversational.js';
import type { TaskDefinition } from './task-definition.js';
import { textGenerationTask } from './text-generation.js';

/** The tasks served today, by name; `/hf/tasks/run` dispatches through this. */
export const taskRegistry: Partial<Record<TaskType, TaskDefinition>> = {
  'text-generation': textGenerationTask,
  conversational: conversationalTask,
};
