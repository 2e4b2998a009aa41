import { createSimulatorServer, type SimulatorOptions, type SimulatorServer } from '../../src/simulator/server.js';
import type { SimulatorRoute, SimulatorRouteFactory } from '../../src/simulator/simulator-route.js';
import { createAnthropicMessagesHandler } from './anthropic-messages.js';
import { createCohereHandler } from './cohere-route.js';
import { createFalQueueRoutes } from './fal-queue-routes.js';
import { createGeminiHandler } from './gemini-route.js';
import { createHfInferenceRoutes } from './hf-inference-routes.js';
import { createReplicateRoutes } from './replicate-routes.js';

/** A handler that owns every path under `prefix`. */
function under(prefix: string, handle: (...args: Parameters<SimulatorRoute>) => void): SimulatorRoute {
  return (request, response, body, controls) => {
    if (!request.url?.startsWith(prefix)) return false;
    handle(request, response, body, controls);
    return true;
  };
}

/** The native protocols the adapters' tests need and production never serves. */
export const nativeProtocolRoutes: SimulatorRouteFactory[] = [
  (context) => under('/v1/messages', createAnthropicMessagesHandler(context)),
  (context) => under('/v1beta/', createGeminiHandler(context)),
  (context) => under('/v2/', createCohereHandler(context)),
  (context) => createHfInferenceRoutes(context),
  (context) => createReplicateRoutes(context.apiKey),
  (context) => createFalQueueRoutes(context.apiKey),
];

/** The simulator speaking every upstream protocol: OpenAI's (from `src/simulator`) and the native ones above. */
export function createFullSimulator(options: SimulatorOptions = {}): Promise<SimulatorServer> {
  return createSimulatorServer({ ...options, routes: [...nativeProtocolRoutes, ...(options.routes ?? [])] });
}
