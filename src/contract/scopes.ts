import { z } from 'zod';

/** What an API key may do; `admin` implies every other scope (auth/scopes.ts). */
// `billing:callback` is HF's: it answers the billing callback for the requests of its own user.
export const scopeSchema = z.enum(['inference', 'billing:read', 'billing:callback', 'models:write', 'admin']);
export type Scope = z.infer<typeof scopeSchema>;
