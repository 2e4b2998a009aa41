import { z } from 'zod';

/** What an API key may do; `admin` implies every other scope (auth/scopes.ts). */
export const scopeSchema = z.enum(['inference', 'billing:read', 'models:write', 'admin']);
export type Scope = z.infer<typeof scopeSchema>;
