import { z } from 'zod';

export const scopeSchema = z.enum(['inference', 'billing:read', 'models:write', 'admin']);
export type Scope = z.infer<typeof scopeSchema>;
export const allScopes: readonly Scope[] = scopeSchema.options;

/** `admin` implies every other scope. */
export function hasScope(granted: readonly Scope[], required: Scope): boolean {
  return granted.includes(required) || granted.includes('admin');
}
