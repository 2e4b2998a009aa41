import { describe, expect, it } from 'vitest';
import { isRetryableFailure, parseRetryAfter, redactSecrets, UpstreamError } from './upstream-error.js';

describe('UpstreamError', () => {
  it.each([
    'sk-proj-abcdefghijkl',
    'gsk_abcdefghijklmnop',
    'csk-abcdefghijkl',
    'xai-abcdefghijkl',
    'gw_live_abcdefghijkl',
    'hf_abcdefghijklmn',
    'r8_abcdefghijklmn',
  ])('redacts a %s-style key an upstream echoes back', (key) => {
    expect(redactSecrets(`Incorrect API key provided: ${key}.`)).toBe('Incorrect API key provided: [redacted].');
    expect(new UpstreamError({ provider: 'p', kind: 'http', status: 401, message: 'm', upstreamMessage: `bad ${key}` }).upstreamMessage).not.toContain(key);
  });

  it('redacts bearer tokens and bounds the length', () => {
    expect(redactSecrets('Authorization: Bearer abc.def')).toBe('Authorization: [redacted]');
    expect(redactSecrets('x'.repeat(2_000))).toHaveLength(500);
  });

  it('retries connect failures, timeouts and 408/409/429/5xx only', () => {
    expect([408, 409, 429, 500, 503, 529].every((status) => isRetryableFailure('http', status))).toBe(true);
    expect([400, 401, 403, 404, 422].some((status) => isRetryableFailure('http', status))).toBe(false);
    expect(isRetryableFailure('connect', undefined)).toBe(true);
    expect(isRetryableFailure('protocol', undefined)).toBe(false);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('7')).toBe(7_000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
