import type { TaskType } from '../../contract/task-types.js';
import { GatewayError } from '../../errors.js';
import type { ModelMappings } from '../../routing/model-mappings.js';

/** When a Hub model is mapped for several tasks, the body decides; otherwise this order does. */
const preference: readonly TaskType[] = [
  'text-generation',
  'summarization',
  'translation',
  'question-answering',
  'text-classification',
  'token-classification',
  'embedding',
  'image-generation',
  'conversational',
];

/**
 * The task a request to `/models/{hubModelId}` performs: the model's mapped task. HF's clients
 * never name the task on these URLs — it is the model's (its pipeline tag on the Hub).
 */
export function nativeTaskFor(mappings: ModelMappings, hubModelId: string, body: unknown): TaskType {
  const tasks = new Set(
    mappings
      .list()
      .filter((mapping) => mapping.hubModelId === hubModelId)
      .map((mapping) => mapping.taskType),
  );
  if (tasks.size === 0) {
    throw new GatewayError('not_found', 'Model not found', `No task is mapped for "${hubModelId}". GET /hf/tasks/models lists the mapped models.`);
  }
  const inputs = (body as { inputs?: unknown } | undefined)?.inputs;
  const asksQuestion = typeof inputs === 'object' && inputs !== null && 'question' in inputs;
  if (asksQuestion && tasks.has('question-answering')) return 'question-answering';
  return preference.find((task) => tasks.has(task) && task !== 'conversational') ?? 'conversational';
}
