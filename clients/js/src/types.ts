import type { components, operations, paths } from './generated/openapi.js';

/** Request and response types, straight from the gateway's OpenAPI document (src/generated/). */
type Schemas = components['schemas'];
type JsonBody<Operation extends keyof operations> = operations[Operation] extends { requestBody: { content: { 'application/json': infer Body } } }
  ? Body
  : never;

export type TaskType = Schemas['TaskType'];
export type GenerationParameters = Schemas['GenerationParameters'];
export type MappingParameters = Schemas['MappingParameters'];

export type TextGenerationRequest = Omit<JsonBody<'tasks-textGeneration'>, 'stream'>;
export type ConversationalRequest = Omit<JsonBody<'tasks-conversational'>, 'stream'>;
export type SummarizationRequest = JsonBody<'tasks-summarization'>;
export type TranslationRequest = JsonBody<'tasks-translation'>;
export type QuestionAnsweringRequest = JsonBody<'tasks-questionAnswering'>;
export type TextClassificationRequest = JsonBody<'tasks-textClassification'>;
export type TokenClassificationRequest = JsonBody<'tasks-tokenClassification'>;
export type ImageGenerationRequest = JsonBody<'tasks-imageGeneration'>;
export type EmbeddingRequest = JsonBody<'tasks-embedding'>;
export type RunRequest = Omit<JsonBody<'tasks-run'>, 'stream'>;
export type MapModelRequest = JsonBody<'models-map'>;
export type CostRequest = JsonBody<'billing-cost'>;
export type CostRequestItem = CostRequest['requests'][number];

export type TextGenerationResponse = Schemas['TextGenerationResponse'];
export type ConversationalResponse = Schemas['ConversationalResponse'];
export type SummarizationResponse = Schemas['SummarizationResponse'];
export type TranslationResponse = Schemas['TranslationResponse'];
export type QuestionAnsweringResponse = Schemas['QuestionAnsweringResponse'];
export type TextClassificationResponse = Schemas['TextClassificationResponse'];
export type TokenClassificationResponse = Schemas['TokenClassificationResponse'];
export type ImageGenerationResponse = Schemas['ImageGenerationResponse'];
export type EmbeddingResponse = Schemas['EmbeddingResponse'];
export type RunResponse = Schemas['RunResponse'];
export type ModelList = Schemas['ModelList'];
export type ModelMapping = Schemas['ModelMapping'];
export type MapModelResponse = Schemas['MapModelResponse'];
export type CostResponse = Schemas['CostResponse'];
export type UsageResponse = Schemas['UsageResponse'];
export type UsageRecord = Schemas['UsageRecord'];
export type ErrorBody = Schemas['Error'];

/** `limit` and `offset` from the spec, plus the usage filters (passed through as query parameters). */
export type UsageQuery = NonNullable<operations['billing-usage']['parameters']['query']> & {
  /** ISO 8601 timestamps bounding the records. */
  from?: string;
  to?: string;
  model?: string;
  task?: TaskType | (string & {});
  provider?: string;
  status?: 'success' | 'error' | 'partial';
};

/** What every non-streaming result also carries (non-enumerable: `JSON.stringify` shows the body alone). */
export interface ResponseMeta {
  /** The call's cost from the `X-Gatewayz-Cost-Nano-Usd` header; null when the response had none. */
  readonly costNanoUsd: bigint | null;
  /** The `Inference-Id` header. */
  readonly inferenceId: string | null;
}
export type WithMeta<T> = T & ResponseMeta;

/** The gateway paths this client calls, checked against the spec's `paths` at compile time. */
export type GatewayPath = keyof paths & `/hf/tasks/${string}`;
