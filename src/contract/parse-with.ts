import type { z } from 'zod';
import { GatewayError } from '../errors.js';

/** Validates a body against its contract; every failure is a 400 naming each bad field. */
export function parseWith<Schema extends z.ZodType>(schema: Schema, value: unknown): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw invalidInput(result.error);
}

export function invalidInput(error: z.ZodError): GatewayError {
  const problems = error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
  return new GatewayError('invalid_request', 'Invalid request body', problems.join('; '));
}
