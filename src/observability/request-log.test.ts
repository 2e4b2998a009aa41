import { describe, expect, it } from 'vitest';
import { redactUrl } from './request-log.js';

describe('redactUrl', () => {
  it('keeps the path and parameter names, never a value', () => {
    expect(redactUrl('/v1/models')).toBe('/v1/models');
    expect(redactUrl('/v1/models?')).toBe('/v1/models?');
    expect(redactUrl('/hf/tasks/x?api_key=gw_live_abc&limit=5')).toBe('/hf/tasks/x?api_key=[redacted]&limit=[redacted]');
    expect(redactUrl('/x?flag')).toBe('/x?flag=[redacted]');
  });

  it('redacts a parameter name that could itself be a secret', () => {
    const key = `gw_live_${'a'.repeat(43)}`;
    expect(redactUrl(`/x?${key}`)).toBe('/x?[redacted]');
    expect(redactUrl(`/x?${key}=1&a%3Db=2`)).toBe('/x?[redacted]&[redacted]');
  });
});
