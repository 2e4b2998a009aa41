import type { GatewayPath } from './types.js';

/**
 * Every `/hf/tasks/*` operation of the OpenAPI document and the client method that calls it.
 * test/route-coverage.test.ts fails when the spec gains an operation missing here.
 */
export const routes = {
  'tasks-textGeneration': { method: 'POST', path: '/hf/tasks/text-generation', clientMethods: ['textGeneration', 'textGenerationStream'] },
  'tasks-conversational': { method: 'POST', path: '/hf/tasks/conversational', clientMethods: ['conversational', 'conversationalStream'] },
  'tasks-summarization': { method: 'POST', path: '/hf/tasks/summarization', clientMethods: ['summarization'] },
  'tasks-translation': { method: 'POST', path: '/hf/tasks/translation', clientMethods: ['translation'] },
  'tasks-questionAnswering': { method: 'POST', path: '/hf/tasks/question-answering', clientMethods: ['questionAnswering'] },
  'tasks-textClassification': { method: 'POST', path: '/hf/tasks/text-classification', clientMethods: ['textClassification'] },
  'tasks-tokenClassification': { method: 'POST', path: '/hf/tasks/token-classification', clientMethods: ['tokenClassification'] },
  'tasks-imageGeneration': { method: 'POST', path: '/hf/tasks/image-generation', clientMethods: ['imageGeneration'] },
  'tasks-embedding': { method: 'POST', path: '/hf/tasks/embedding', clientMethods: ['embedding'] },
  'tasks-run': { method: 'POST', path: '/hf/tasks/run', clientMethods: ['run', 'runStream'] },
  'models-list': { method: 'GET', path: '/hf/tasks/models', clientMethods: ['listModels'] },
  'models-map': { method: 'POST', path: '/hf/tasks/models/map', clientMethods: ['mapModel'] },
  'billing-cost': { method: 'POST', path: '/hf/tasks/billing/cost', clientMethods: ['calculateCost'] },
  'billing-usage': { method: 'GET', path: '/hf/tasks/billing/usage', clientMethods: ['getUsage', 'getUsageCsv'] },
} as const satisfies Record<string, { method: 'GET' | 'POST'; path: GatewayPath; clientMethods: readonly string[] }>;
