/**
 * What every client of the conformance suite is asked, and the one result shape each case reports,
 * so test/client-conformance.test.ts asserts every client the same way and a failure names the
 * client and the case. The Python scripts (test/clients/*.py, via cases.py) report the same shapes.
 */

/** A gateway to point a client at: its origin and a key with inference scope. */
export interface Target {
  url: string;
  key: string;
}

/** Catalog ids (src/catalog/model-catalog.ts) served by the simulator upstream. */
export const CHAT_MODEL = 'gpt-4o-mini';
export const HUB_CHAT_MODEL = 'meta-llama/Llama-3.1-8B-Instruct';
export const EMBEDDING_MODEL = 'text-embedding-3-small';
export const HUB_EMBEDDING_MODEL = 'BAAI/bge-base-en-v1.5';
export const IMAGE_MODEL = 'flux.1-schnell';
export const HUB_IMAGE_MODEL = 'black-forest-labs/FLUX.1-schnell';
/** No slash: openai-agents reads `org/` as a provider prefix and refuses before any request. */
export const UNKNOWN_MODEL = 'no-such-model';
export const HUB_UNKNOWN_MODEL = 'no-such-org/no-such-model';
/** A key of the right form that no user holds. */
export const BAD_KEY = 'gw_live_not-a-real-key-000000000000000000000';
/** Out of the gateway's range (0..2), yet no client checks it before sending. */
export const INVALID_TEMPERATURE = 5;

export const QUESTION = 'Name one primary color.';
export const WEATHER_QUESTION = 'What is the weather in Paris? Use the get_weather tool.';
export const WEATHER_RESULT = '{"city": "Paris", "forecast": "sunny", "celsius": 21}';
export const WEATHER_PARAMETERS = {
  type: 'object',
  properties: { city: { type: 'string', description: 'The city name' } },
  required: ['city'],
  additionalProperties: false,
} as const;
export const CITY_SCHEMA = {
  type: 'object',
  properties: { city: { type: 'string' }, population: { type: 'integer' } },
  required: ['city', 'population'],
  additionalProperties: false,
} as const;
export const CITY_QUESTION = 'Give the largest city of France and its population as JSON.';

/** The reason texts the gateway writes (src/errors.ts, src/auth, src/routing/model-resolver.ts). */
export const REASONS = { bad_key: 'Invalid API key', unknown_model: 'Model not found', invalid_body: 'temperature' } as const;

export type CaseResult =
  | { text: string } // chat
  | { text: string; chunks: number; usage: { prompt_tokens: number; completion_tokens: number } | null } // stream
  | { name: string; arguments: unknown } // tool_call
  | { text: string; tool_calls: number } // tool_round_trip
  | { value: unknown } // structured
  | { count: number; dimension: number } // embeddings
  | { count: number; png: boolean } // images
  | { raised: string | null; status: number | null; message: string } // error_*
  | { valid: boolean; detail?: unknown }; // task_*

export type ClientCases = Record<string, () => Promise<CaseResult>>;

/** Runs a call that must be refused and reports what the client's exception carried. */
export async function refusal(call: () => Promise<unknown>): Promise<CaseResult> {
  try {
    await call();
  } catch (error) {
    const record = error as { name?: string; status?: number; statusCode?: number; httpResponse?: { status?: number }; constructor?: { name?: string } };
    const status = record.status ?? record.statusCode ?? record.httpResponse?.status ?? null;
    return {
      raised: record.constructor?.name ?? record.name ?? 'Error',
      status: typeof status === 'number' ? status : null,
      message: String((error as Error).message ?? error),
    };
  }
  return { raised: null, status: null, message: 'the call succeeded' };
}

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
export const isPng = (bytes: Uint8Array) => PNG_SIGNATURE.every((byte, index) => bytes[index] === byte);
