import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppServices } from '../../app-services.js';
import { GatewayError } from '../../errors.js';
import { generateWithDetails, textGenerationTask } from '../../tasks/text-generation.js';
import type { TaskContext } from '../../tasks/task-context.js';
import { taskRegistry } from '../../tasks/task-registry.js';
import { sendEventStream } from '../event-stream.js';
import { handleChatCompletions } from '../openai/chat-completions.js';
import { handleCompletions } from '../openai/completions.js';
import { parseWith } from '../parse-with.js';
import { taskContextOf } from '../request-context.js';
import { wantsImage } from '../task-routes.js';
import { fromHfBody, toHfShape } from './hf-shapes.js';
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
export function registerHfNativeRoutes(app: FastifyInstance, services: AppServices): void {
  app.post<{ Params: ModelParams }>('/models/:org/:name', { config: { scopes: ['inference'] } }, async (request, reply) => {
    const model = `${request.params.org}/${request.params.name}`;
    const body = isObject(request.body) ? request.body : {};
    const task = nativeTaskFor(services.mappings, model, body);
    if (wantsImage(request) && task !== 'image-generation') {
      throw new GatewayError('invalid_request', 'Model does not generate images', `"${model}" serves ${task}; it cannot answer with an image.`);
    }
    const definition = taskRegistry[task];
    const input = parseFor(model, task, definition.inputSchema, fromHfBody(task, body, model));
    const context = taskContextOf(request, reply, services);
    if (task === 'image-generation') {
      const { data, contentType } = await definition.binary!(context, input);
      return reply.type(contentType).send(data);
    }
    if (task === 'text-generation') return textGeneration(context, reply, input);
    const { output } = (await definition.complete(context, input)) as { output: unknown };
    return toHfShape(task, output);
  });

  // The OpenAI routes under a model URL (HF's clients append these): the model is the path's,
  // whatever the body says ("dummy", "tgi" or the endpoint URL itself).
  const scoped = { config: { scopes: ['inference'] as const } };
  const modelOf = (params: ModelParams) => `${params.org}/${params.name}`;
  app.post<{ Params: ModelParams }>('/models/:org/:name/v1/chat/completions', scoped, (request, reply) =>
    handleChatCompletions(request, reply, services, modelOf(request.params)),
  );
  app.post<{ Params: ModelParams }>('/models/:org/:name/v1/completions', scoped, (request, reply) =>
    handleCompletions(request, reply, services, modelOf(request.params)),
  );
}

/** TGI's answers: `[{generated_text}]`, with `details` when asked, or TGI's event stream. */
async function textGeneration(context: TaskContext, reply: FastifyReply, input: any) {
  if (textGenerationTask.wantsStream!(input)) return sendEventStream(reply, await textGenerationTask.stream!(context, input));
  if (input.parameters?.details === true) return [await generateWithDetails(context, input)];
  const { output } = await textGenerationTask.complete(context, input);
  return output;
}

/** A body that does not fit the model's task says which task the model serves. */
function parseFor(model: string, task: string, schema: Parameters<typeof parseWith>[0], value: unknown) {
  try {
    return parseWith(schema, value);
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    throw new GatewayError('invalid_request', error.summary, `"${model}" serves ${task}. ${error.message}`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
