import { describe, expect, it } from 'vitest';
import { publicOrigin } from './public-origin.js';

describe('publicOrigin', () => {
  it('prefers PUBLIC_BASE_URL, without a trailing slash', () => {
    expect(publicOrigin({ protocol: 'http', host: 'evil.example.com/x' }, 'https://api.example.com/')).toBe('https://api.example.com');
  });

  it('uses a well-formed Host', () => {
    for (const host of ['localhost:8080', 'api.example.com', '127.0.0.1:1', '[::1]:8080']) {
      expect(publicOrigin({ protocol: 'https', host }, undefined)).toBe(`https://${host}`);
    }
  });

  it('refuses a Host that is not hostname[:port]', () => {
    for (const host of ['evil.example.com/phish?x=', 'a@b.com', 'example.com:80:80', 'exa mple.com', '', 'example.com#x', '-bad.com']) {
      expect(() => publicOrigin({ protocol: 'http', host }, undefined)).toThrow('The Host header must be hostname[:port].');
    }
  });
});
