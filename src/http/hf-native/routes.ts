import type { FastifyInstance } from 'fastify';
import { parseWith } from '../../contract/parse-with.js';
import { GatewayError } from '../../errors.js';
import { taskScopes, taskTable } from '../../tasks/task-table.js';
import type { GatewayServices } from '../../trpc/gateway-services.js';
import { handleChatCompletions } from '../openai/chat-completions.js';
import { handleCompletions } from '../openai/completions.js';
import { callContextOf } from '../request-context.js';
import { wantsImage } from '../task-routes.js';
import { nativeTasks } from './hf-shapes.js';
import { nativeTaskFor } from './native-task.js';

interface ModelParams {
  org: string;
  name: string;
}

/**
 * HF-native per-model routes, for HF's own clients pointed at a model URL
 * (`InferenceClient(model="http://gateway/models/org/name")`, `endpointUrl` in JS):
 * POST /models/{org}/{name} performs the model's task and answers in HF's shapes.
 */
export function registerHfNativeRoutes(app: FastifyInstance, services: GatewayServices): void {
  const scoped = { config: { scopes: taskScopes } };
  const modelOf = (params: ModelParams) => `${params.org}/${params.name}`;

  app.post<{ Params: ModelParams }>('/models/:org/:name', scoped, async (request, reply) => {
    const model = modelOf(request.params);
    const body = isObject(request.body) ? request.body : {};
    const task = nativeTaskFor(services.mappings, model, body);
    const native = nativeTasks[task];
    if (wantsImage(request) && !native.binary) {
      throw new GatewayError('invalid_request', 'Model does not generate images', `"${model}" serves ${task}; it cannot answer with an image.`);
    }
    const definition = taskTable[task];
    const input = parseFor(model, task, definition, native.input(body, model));
    return native.answer(callContextOf(request, reply, services), reply, definition, input);
  });

  // The OpenAI routes under a model URL (HF's clients append these): the model is the path's,
  // whatever the body says ("dummy", "tgi" or the endpoint URL itself).
  app.post<{ Params: ModelParams }>('/models/:org/:name/v1/chat/completions', scoped, (request, reply) =>
    handleChatCompletions(request, reply, services, modelOf(request.params)),
  );
  app.post<{ Params: ModelParams }>('/models/:org/:name/v1/completions', scoped, (request, reply) =>
    handleCompletions(request, reply, services, modelOf(request.params)),
  );
}

/** A body that does not fit the model's task says which task the model serves. */
function parseFor(model: string, task: string, definition: { inputSchema: Parameters<typeof parseWith>[0] }, value: unknown) {
  try {
    return parseWith(definition.inputSchema, value);
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    throw new GatewayError('invalid_request', error.summary, `"${model}" serves ${task}. ${error.message}`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
