export { createClient, GatewayzClient } from './client.js';
export * from './errors.js';
export { DEFAULT_MAX_RETRIES } from './retry.js';
export { routes } from './routes.js';
export { TaskStream, type TaskStreamEvent } from './stream.js';
export type { ClientOptions, RequestOptions } from './transport.js';
export type * from './types.js';
