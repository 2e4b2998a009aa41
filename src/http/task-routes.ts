import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseWith } from '../contract/parse-with.js';
import { runInputSchema } from '../contract/run.js';
import type { TaskDefinition } from '../tasks/task-definition.js';
import { taskForRun, taskPath, taskScopes, taskTable } from '../tasks/task-table.js';
import type { GatewayServices } from '../trpc/gateway-services.js';
import { sendEventStream } from './event-stream.js';
import { callContextOf } from './request-context.js';
import { tgiEvents } from './tgi-events.js';

type Dispatch = (body: unknown) => { definition: TaskDefinition; input: unknown };

/**
 * The Gatewayz task endpoints, from the task table: `/hf/tasks/<task>` and `/hf/tasks/run`,
 * served straight from the task handlers (the hot path: no tRPC caller) with the same zod
 * contracts the OpenAPI document is generated from, so they can also stream.
 */
export function registerTaskRoutes(app: FastifyInstance, services: GatewayServices): void {
  const routes: [string, Dispatch][] = [
    ...Object.values(taskTable).map((definition): [string, Dispatch] => [
      taskPath(definition.task),
      (body) => ({ definition, input: parseWith(definition.inputSchema, body) }),
    ]),
    ['/hf/tasks/run', (body) => taskForRun(parseWith(runInputSchema, body))],
  ];
  for (const [path, dispatch] of routes) {
    app.post(path, { config: { scopes: taskScopes } }, async (request, reply) => {
      const { definition, input } = dispatch(request.body);
      return answerTask(request, reply, services, definition, input);
    });
  }
}

/** One task's answer: its event stream when asked for, raw bytes for `Accept: image/*`, else its JSON body. */
async function answerTask(request: FastifyRequest, reply: FastifyReply, services: GatewayServices, definition: TaskDefinition, input: unknown) {
  const context = callContextOf(request, reply, services);
  if (definition.stream && definition.wantsStream?.(input)) return sendEventStream(reply, tgiEvents(await definition.stream(context, input)));
  if (definition.binary && wantsImage(request)) {
    const { data, contentType } = await definition.binary(context, input);
    return reply.type(contentType).send(data);
  }
  return definition.complete(context, input);
}

/** HF's clients ask for raw images with `Accept: image/png`; JSON stays the default. */
export function wantsImage(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('image/') && !accept.includes('application/json');
}
