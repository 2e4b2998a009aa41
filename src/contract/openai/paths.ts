import type { ZodOpenApiPathsObject } from 'zod-openapi';

/** OpenAPI paths of the OpenAI-compatible surface (/v1/*), served by src/http/openai/. */
export const openAIPaths: ZodOpenApiPathsObject = {};
