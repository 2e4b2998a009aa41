import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppServices } from '../app-services.js';
import { runInputSchema } from '../contract/run.js';
import { taskFor } from '../tasks/run-task.js';
import type { TaskDefinition } from '../tasks/task-definition.js';
import { taskRegistry } from '../tasks/task-registry.js';
import { sendEventStream } from './event-stream.js';
import { parseWith } from './parse-with.js';
import { routeFor } from './procedures.js';
import { taskContextOf } from './request-context.js';

type Dispatch = (body: unknown) => { definition: TaskDefinition; input: unknown };

const direct = (definition: TaskDefinition): Dispatch => (body) => ({ definition, input: parseWith(definition.inputSchema, body) });

/**
 * The task endpoints, served straight from their handlers (the hot path: no tRPC caller) with
 * the same zod contracts, so they can also stream. Their auth comes from the procedure's meta.
 */
const taskRoutes: Record<string, Dispatch> = {
  ...Object.fromEntries(Object.values(taskRegistry).map((definition) => [`/hf/tasks/${definition.task}`, direct(definition)])),
  '/hf/tasks/run': (body) => taskFor(parseWith(runInputSchema, body)),
};

export const nativeTaskPaths: ReadonlySet<string> = new Set(Object.keys(taskRoutes));

export function registerTaskRoutes(app: FastifyInstance, services: AppServices): void {
  for (const [path, dispatch] of Object.entries(taskRoutes)) {
    const { meta } = routeFor(path);
    app.post(path, { config: meta.scopes ? { scopes: meta.scopes } : {} }, async (request, reply) => {
      const { definition, input } = dispatch(request.body);
      const context = taskContextOf(request, reply, services);
      if (definition.stream && definition.wantsStream?.(input)) {
        return sendEventStream(reply, await definition.stream(context, input));
      }
      if (definition.binary && wantsImage(request)) {
        const { data, contentType } = await definition.binary(context, input);
        return reply.type(contentType).send(data);
      }
      return definition.complete(context, input);
    });
  }
}

/** HF's clients ask for raw images with `Accept: image/png`; JSON stays the default. */
export function wantsImage(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('image/') && !accept.includes('application/json');
}
