import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors.js';
import { maxJsonDepth, parseJsonBody } from './json-body.js';

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

/** The body's `error`, the sentence a client shows. */
function refusal(body: string): string {
  try {
    parseJsonBody(body);
  } catch (error) {
    if (error instanceof GatewayError) return error.toBody().error;
    throw error;
  }
  throw new Error('accepted');
}

describe('parseJsonBody', () => {
  it('parses ordinary JSON, brackets inside strings included', () => {
    expect(parseJsonBody('{"a":"[[[{{{\\"]]]","b":[1,{"c":null}]}')).toEqual({ a: '[[[{{{"]]]', b: [1, { c: null }] });
    expect(parseJsonBody(nested(maxJsonDepth))).toBeInstanceOf(Array);
  });

  it('refuses nesting beyond the limit, naming it', () => {
    expect(refusal(nested(maxJsonDepth + 1))).toMatch(`JSON nested too deeply (limit ${maxJsonDepth})`);
    expect(refusal(`{"a":${'{"b":'.repeat(100_000)}1${'}'.repeat(100_000)}}`)).toMatch('JSON nested too deeply');
  });

  it('refuses a __proto__ key anywhere, however it is spelled', () => {
    for (const body of ['{"__proto__":{"admin":true}}', '{"a":[{"__proto__":1}]}', '{"\\u005f_proto__":{}}']) {
      expect(refusal(body)).toMatch('Forbidden key __proto__ in JSON body');
    }
    expect(parseJsonBody('{"text":"__proto__ is fine as a value"}')).toEqual({ text: '__proto__ is fine as a value' });
  });

  it('calls empty or broken bodies invalid JSON', () => {
    for (const body of ['', '{"a":', 'nope']) expect(refusal(body)).toMatch(/^Invalid JSON/);
  });
});
