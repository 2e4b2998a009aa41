import { GatewayError } from '../errors.js';

/** Deeper bodies are refused before parsing: JSON.parse copes, but JSON.stringify (and zod) recurse and overflow the stack later. */
export const maxJsonDepth = 64;

/**
 * Parses a request body as JSON, refusing what would hurt later: nesting beyond `maxJsonDepth`,
 * and a `__proto__` key anywhere (merged into an object, it rewrites that object's prototype).
 * A `__proto__` key is refused rather than stripped: silently dropping part of a body changes
 * what the client asked for, and no legitimate client sends one.
 */
export function parseJsonBody(text: string): unknown {
  if (text.length === 0) throw new GatewayError('invalid_request', 'Invalid JSON', 'The request body is empty.');
  if (exceedsDepth(text, maxJsonDepth)) {
    throw new GatewayError('invalid_request', `JSON nested too deeply (limit ${maxJsonDepth})`, `Objects and arrays may nest at most ${maxJsonDepth} levels.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new GatewayError('invalid_request', 'Invalid JSON', 'The request body is not valid JSON.');
  }
  // A key can be spelled with escapes (\u005f_proto__), so any escape means the parsed value is checked.
  if ((text.includes('__proto__') || text.includes('\\u')) && hasProtoKey(value)) {
    throw new GatewayError('invalid_request', 'Forbidden key __proto__ in JSON body', 'Remove the __proto__ key from the JSON body.');
  }
  return value;
}

/** Counts bracket depth outside strings in one pass; stops as soon as the limit is passed. */
function exceedsDepth(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c)
        index += 1; // backslash: skip the escaped character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (char === 0x7d || char === 0x5d) depth -= 1;
  }
  return false;
}

/** Recursion is safe here: the depth was bounded before parsing. */
function hasProtoKey(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(hasProtoKey);
  if (Object.prototype.hasOwnProperty.call(value, '__proto__')) return true;
  return Object.values(value).some(hasProtoKey);
}
