import { z } from 'zod';

export const errorBodySchema = z
  .object({
    error: z.string().meta({ description: 'Short description of what went wrong.' }),
    error_type: z.string().meta({ description: 'Machine-readable category, e.g. InvalidRequest, Unauthorized, UpstreamError.' }),
    message: z.string().meta({ description: 'Details: which field, which limit, what to do.' }),
  })
  .meta({ id: 'Error', description: 'The body of every error response. The Inference-Id header identifies the request.' });
