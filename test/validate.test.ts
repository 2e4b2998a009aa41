import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, runValidation } from '../scripts/validate.js';
import { startTestGateway, type TestGateway } from './support/test-gateway.js';

describe('npm run validate against a simulator-backed gateway', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway('pglite');
  });
  afterAll(() => gateway.close());

  it('every default mapping passes HF-style validation through the real JS client', async () => {
    const lines: string[] = [];
    const code = await main(['--url', gateway.url, '--key', gateway.userKey], (line) => lines.push(line));
    const output = lines.join('\n');
    expect(output, output).toMatch(/ 0 failed$/);
    expect(code).toBe(0);
    for (const check of ['ttft (stream)', 'tool calling', 'structured output', '/v1/models pricing']) expect(output).toContain(check);
    for (const task of ['conversational', 'text-generation', 'text-to-image', 'feature-extraction', 'summarization', 'token-classification']) {
      expect(output).toMatch(new RegExp(`^PASS\\s+${task}\\s`, 'm'));
    }
  });

  it('fails, and exits non-zero, when time to first token is over the limit or the key is refused', async () => {
    const slow = await runValidation({ url: gateway.url, key: gateway.userKey, ttftLimitMs: 0 });
    expect(slow.filter((row) => !row.ok).map((row) => row.check)).toEqual(['ttft (stream)', 'ttft (stream)']);
    const lines: string[] = [];
    await expect(main(['--url', gateway.url, '--key', 'gw_not_a_key'], (line) => lines.push(line))).rejects.toThrow(/401/);
  });
});
