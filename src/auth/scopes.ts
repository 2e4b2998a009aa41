import { scopeSchema, type Scope } from '../contract/scopes.js';

export { scopeSchema, type Scope };
export const allScopes: readonly Scope[] = scopeSchema.options;

/** `admin` implies every other scope. */
export function hasScope(granted: readonly Scope[], required: Scope): boolean {
  return granted.includes(required) || granted.includes('admin');
}
