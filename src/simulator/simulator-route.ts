import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultControls } from './fault-controls.js';
import type { ResponseIdentity } from './openai-wire.js';

/** What the server shares with a route: its auth, its answer sizes, and one id sequence. */
export interface SimulatorRouteContext {
  /** When set, the route must require it, in its own protocol's way. */
  apiKey: string | undefined;
  completionTokens: number;
  streamChunks: number;
  identity(prefix: string, model: string): ResponseIdentity;
}

/**
 * The extension point for other wire protocols (the test suite adds Anthropic's, Gemini's,
 * Cohere's, HF Inference's, Replicate's and fal's): answers a request it owns and returns true,
 * or returns false for a path not its own. Extra routes see each request before the OpenAI ones,
 * after the latency and `reset` faults.
 */
export type SimulatorRoute = (request: IncomingMessage, response: ServerResponse, body: Buffer, controls: FaultControls) => boolean;

export type SimulatorRouteFactory = (context: SimulatorRouteContext) => SimulatorRoute;
