import type { ZodOpenApiPathsObject } from 'zod-openapi';

/** OpenAPI paths of the HF-native per-model routes (/models/{org}/{name}), served by src/http/hf-native/. */
export const hfNativePaths: ZodOpenApiPathsObject = {};
