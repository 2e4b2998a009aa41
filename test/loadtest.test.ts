import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopback, main, runLoad } from '../scripts/loadtest.js';
import { scopeSchema } from '../src/contract/scopes.js';
import { startTestGateway, type TestGateway } from './support/test-gateway.js';

describe('npm run loadtest against a simulator-backed gateway', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway('pglite');
  });
  afterAll(() => gateway.close());

  it('20 rps for 2 s: every 2xx is billed exactly once, at its announced cost', async () => {
    const lines: string[] = [];
    // The billing callback is asked with an admin key, which sees every user's requests.
    const code = await main(['--url', gateway.url, '--key', gateway.userKey, '--billing-key', gateway.adminKey, '--rps', '20', '--duration', '2'], (line) =>
      lines.push(line),
    );
    const output = lines.join('\n');
    expect(output, output).toContain('40/40 2xx billed, 0 duplicates, 0 cost mismatches');
    expect(output).toMatch(/statuses {3}200: 40; 0 network errors/);
    expect(output).toMatch(/p50 \d+ ms, p90 \d+ ms, p99 \d+ ms/);
    expect(code).toBe(0);
  });

  it('another user cannot see the ids, so the check fails rather than passing blind', async () => {
    // Every scope but admin: whichever of them answers the billing callback, it answers for bob only.
    const other = await gateway.createKey(
      'bob',
      scopeSchema.options.filter((scope) => scope !== 'admin'),
    );
    const report = await runLoad({ url: gateway.url, key: gateway.userKey, billingKey: other, rps: 10, durationS: 0.5, ledgerWaitMs: 300 });
    expect(report.ok).toBe(5);
    expect(report.ledger).toMatchObject({ expected: 5, found: 0 });
  });

  it('refuses a non-loopback host unless allowed, and unbounded rates', async () => {
    expect(isLoopback('http://127.0.0.1:8000')).toBe(true);
    expect(isLoopback('http://[::1]:8000')).toBe(true);
    expect(isLoopback('https://api.example.com')).toBe(false);
    await expect(runLoad({ url: 'https://api.example.com', key: 'k', rps: 1, durationS: 1 })).rejects.toThrow(/--allow-remote/);
    await expect(runLoad({ url: gateway.url, key: 'k', rps: 5_000, durationS: 1 })).rejects.toThrow(/--rps/);
  });
});
