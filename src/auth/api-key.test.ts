import { describe, expect, it } from 'vitest';
import { parseBearer } from './api-key.js';

describe('parseBearer', () => {
  it('reads the key, whatever the scheme case and spacing', () => {
    for (const header of ['Bearer gw_live_abc', 'bearer gw_live_abc', 'BEARER  gw_live_abc', 'Bearer gw_live_abc  ', '  Bearer\tgw_live_abc']) {
      expect(parseBearer(header)).toEqual({ kind: 'token', token: 'gw_live_abc' });
    }
  });

  it('calls a missing header or key missing', () => {
    for (const header of [undefined, '', '   ', 'Bearer', 'Bearer   ']) expect(parseBearer(header)).toEqual({ kind: 'missing' });
  });

  it('refuses another scheme', () => {
    for (const header of ['Basic abc', 'gw_live_abc', 'Token gw_live_abc', 'Bearer:gw_live_abc']) {
      expect(parseBearer(header)).toEqual({ kind: 'wrong-scheme' });
    }
  });

  it('refuses anything after the key instead of ignoring it', () => {
    for (const header of ['Bearer gw_live_abc garbage', 'Bearer gw_live_abc gw_live_def', 'Bearer  a  b']) {
      expect(parseBearer(header)).toEqual({ kind: 'malformed' });
    }
  });
});
