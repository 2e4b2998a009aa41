import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromiumRunnable, launchChromium } from './support/chromium.js';
import { startTestGateway, type TestGateway } from './support/test-gateway.js';

// The console (/console) driven in Debian's headless Chromium against a live gateway with real
// traffic: what the page shows is compared with what the documented API answers for the key.
const root = new URL('..', import.meta.url).pathname;
const screenshots = join(root, 'test/console/screenshots'); // gitignored
const USD = 1_000_000_000;

interface Usage {
  records: { request_id: string; model: string; provider: string | null; cost_nano_usd: number }[];
  total_records: number;
  total_cost_nano_usd: number;
}

describe.runIf(chromiumRunnable)('the console in headless Chromium', () => {
  let gateway: TestGateway;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  const pageErrors: string[] = [];
  const usage = async (filter = '') =>
    (await (await gateway.request(`/hf/tasks/billing/usage?limit=1000${filter}`, { key: gateway.adminKey })).json()) as Usage;

  beforeAll(async () => {
    gateway = await startTestGateway('pglite', { env: { CREDITS: 'enforce' } });
    expect((await gateway.request('/admin/credits/grant', { key: gateway.adminKey, body: { user_id: 'alice', amount_nano_usd: USD } })).status).toBe(200);
    const calls = [
      ...Array.from({ length: 4 }, () => ['text-generation', { inputs: 'Hello console', parameters: { max_new_tokens: 12 } }] as const),
      ...Array.from({ length: 3 }, () => ['summarization', { inputs: 'A long text to summarize for the console test.' }] as const),
      ['text-generation', { inputs: 'Another one', model: 'gpt-4o', parameters: { max_new_tokens: 30 } }] as const,
    ];
    for (const [task, body] of calls) expect((await gateway.request(`/hf/tasks/${task}`, { body })).status).toBe(200);
    for (let attempt = 0; (await usage()).total_records < calls.length && attempt < 100; attempt++) await new Promise((resolve) => setTimeout(resolve, 50));
    profile = await mkdtemp(join(tmpdir(), 'gatewayz-console-chromium-'));
    await mkdir(screenshots, { recursive: true });
    context = await launchChromium(profile, { viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    page.setDefaultTimeout(8_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 60_000);

  afterEach(async (test) => {
    if (test.task.result?.state === 'fail') await page?.screenshot({ path: join(screenshots, 'failure.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  afterAll(async () => {
    await context?.close();
    await gateway?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it('is served by the gateway with its assets and a strict content security policy, no key needed to load it', async () => {
    const response = await fetch(`${gateway.url}/console`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect((await fetch(`${gateway.url}/console/main.js`)).headers.get('content-type')).toContain('text/javascript');
    expect((await fetch(`${gateway.url}/console/..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${gateway.url}/console/missing.js`)).status).toBe(404);
  });

  it('refuses a wrong key with the API message and keeps the key out of the URL', async () => {
    await page.goto(`${gateway.url}/console`);
    await page.fill('#login-key', 'gw_live_not-a-key');
    await page.click('#login-form button');
    await expect.poll(() => page.textContent('#login-error')).not.toBe('');
    expect(await page.isVisible('#tabs')).toBe(false);
  });

  it("logs in as admin and charts the last day with the ledger's totals", async () => {
    await page.fill('#login-key', gateway.adminKey);
    await page.click('#login-form button');
    await page.waitForSelector('#overview[data-state="ready"]');
    expect(page.url()).not.toContain(gateway.adminKey);
    expect(await page.evaluate("sessionStorage.getItem('gatewayz.console.key')")).toBe(gateway.adminKey);
    const since = new Date(Date.now() - 86_400_000).toISOString();
    const api = await usage(`&from=${encodeURIComponent(since)}`);
    expect(api.total_records).toBe(8);
    expect(await page.textContent('#total-requests')).toBe('8');
    expect(await page.getAttribute('#total-spend', 'data-nano')).toBe(String(api.total_cost_nano_usd));
    expect(await page.getAttribute('#chart-requests svg', 'data-total')).toBe('8');
    expect(await page.getAttribute('#chart-spend svg', 'data-total')).toBe(String(api.total_cost_nano_usd));
    expect(Number(await page.getAttribute('#chart-requests svg', 'data-bars'))).toBeGreaterThan(0);
    expect(await page.textContent('#overview-check')).toContain('add up to');
    expect(await page.locator('#chart-requests rect').count()).toBeGreaterThan(0);
    const groups = await page.locator('#overview-groups tr td:first-child').allTextContents();
    expect(new Set(groups)).toEqual(new Set(api.records.map((record) => record.model)));
    await page.screenshot({ path: join(screenshots, 'overview.png'), fullPage: true });
    // The README's screenshot: refreshed on request only, so a test run leaves the tree clean.
    if (process.env.UPDATE_CONSOLE_SCREENSHOT === '1' || !existsSync(join(root, 'docs/assets/console.png'))) {
      await copyFile(join(screenshots, 'overview.png'), join(root, 'docs/assets/console.png'));
    }
  });

  it('filters the overview by model: the totals follow the same filter of billing/usage', async () => {
    await page.fill('#overview-form input[name="model"]', 'gpt-4o');
    await page.selectOption('#overview-form select[name="group"]', 'task');
    await page.click('#overview-form button');
    await expect.poll(() => page.textContent('#total-requests')).toBe('1');
    const api = await usage('&model=gpt-4o');
    expect(await page.getAttribute('#total-spend', 'data-nano')).toBe(String(api.total_cost_nano_usd));
    expect(await page.locator('#overview-groups tr td:first-child').allTextContents()).toEqual(['text-generation']);
  });

  it('shows latency from /metrics and provider status from /health', async () => {
    await page.click('#tabs button[data-tab="health"]');
    await page.waitForSelector('#health[data-state="ready"]');
    const health = (await (await fetch(`${gateway.url}/health`)).json()) as { status: string };
    expect(await page.textContent('#health-status')).toBe(health.status);
    const providerRow = await page.locator('#providers tr', { hasText: 'simulator' }).allTextContents();
    expect(providerRow.join(' ')).toContain('closed');
    const latencyRows = await page.locator('#latency tr', { hasText: '/hf/tasks/text-generation' }).allTextContents();
    expect(latencyRows.join(' ')).toMatch(/\d+\.\d ms/);
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    const overheadCount = /gatewayz_gateway_overhead_seconds_count\{task="summarization"\} (\d+)/.exec(metrics)?.[1];
    expect(overheadCount).toBe('3');
    expect((await page.locator('#overhead tr', { hasText: 'summarization' }).allTextContents()).join(' ')).toMatch(/summarization\s*3\s*\d/);
    expect((await page.locator('#upstream-latency tr', { hasText: 'simulator' }).allTextContents()).join(' ')).toMatch(/ms/);
    await page.screenshot({ path: join(screenshots, 'health.png'), fullPage: true });
  });

  it('pages and filters the usage records server-side, exports CSV and finds one request by Inference-Id', async () => {
    await page.click('#tabs button[data-tab="records"]');
    await page.waitForSelector('#records[data-state="ready"]');
    expect(await page.getAttribute('#records-summary', 'data-total')).toBe('8');
    expect(await page.locator('#records-table tr').count()).toBe(9);
    await page.selectOption('#records-form select[name="task"]', 'summarization');
    await page.click('#records-form button[type="submit"]');
    await expect.poll(() => page.getAttribute('#records-summary', 'data-total')).toBe('3');
    expect(await page.locator('#records-table tr').count()).toBe(4);
    const download = page.waitForEvent('download');
    await page.click('#records-csv');
    const csv = await readFile((await (await download).path())!, 'utf8');
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('request_id,timestamp,task,model,provider,status,input_tokens,output_tokens,cost_nano_usd');
    expect(lines.slice(1).every((line) => line.split(',')[2] === 'summarization')).toBe(true);
    expect(lines).toHaveLength(4);
    const wanted = (await usage('&task=summarization')).records[1]!.request_id;
    await page.fill('#lookup-form input', wanted);
    await page.click('#lookup-form button');
    await expect.poll(() => page.textContent('#lookup-result')).toContain(wanted);
    await page.screenshot({ path: join(screenshots, 'records.png'), fullPage: true });
  });

  it('creates a key (shown once) that works, revokes it, grants credits and adds a mapping, showing API errors as returned', async () => {
    await page.click('#tabs button[data-tab="manage"]');
    await page.fill('#key-form input[name="user_id"]', 'zoe');
    await page.fill('#key-form input[name="name"]', 'console test');
    await page.check('#key-scopes input[value="billing:read"]');
    await page.fill('#key-form input[name="spend_limit_daily"]', '0.5');
    await page.fill('#key-form input[name="requests_per_minute"]', '60');
    await page.click('#key-form button[type="submit"]');
    await page.waitForSelector('#created-key:not([hidden]), #key-error:not(:empty)');
    expect(await page.textContent('#key-error')).toBe('');
    const key = (await page.textContent('#created-key-value'))!;
    expect(key).toMatch(/^gw_live_/);
    expect((await gateway.request('/hf/tasks/billing/usage', { key })).status).toBe(200);
    const listed = (await (await gateway.request('/admin/keys?user_id=zoe', { key: gateway.adminKey })).json()) as { keys: Record<string, unknown>[] };
    expect(listed.keys).toEqual([
      expect.objectContaining({ name: 'console test', scopes: ['inference', 'billing:read'], spend_limit_daily_nano_usd: 500_000_000 }),
    ]);
    const row = page.locator('#keys-table tr', { hasText: 'console test' });
    await row.getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(async () => (await gateway.request('/hf/tasks/billing/usage', { key })).status).toBe(401);
    await expect.poll(() => row.getByRole('button', { name: 'Revoke' }).count()).toBe(0);

    await page.fill('#key-form input[name="user_id"]', 'not a valid user!');
    await page.click('#key-form button[type="submit"]');
    await expect.poll(() => page.textContent('#key-error')).toContain('user_id');
    expect(await page.isVisible('#created-key')).toBe(false);

    await page.fill('#credit-form input[name="user_id"]', 'zoe');
    await page.fill('#credit-form input[name="amount"]', '2.25');
    await page.fill('#credit-form input[name="reason"]', 'console test');
    await page.click('#credit-form button[value="grant"]');
    await expect.poll(() => page.getAttribute('#credit-balance', 'data-nano')).toBe(String(2.25 * USD));
    const account = (await (await gateway.request('/admin/credits/zoe', { key: gateway.adminKey })).json()) as { balance_nano_usd: number };
    expect(account.balance_nano_usd).toBe(2.25 * USD);

    await page.fill('#mapping-form input[name="provider_model_id"]', 'gpt-4o-mini');
    await page.fill('#mapping-form input[name="hub_model_id"]', 'console-org/console-model');
    await page.selectOption('#mapping-form select[name="task_type"]', 'text-generation');
    await page.fill('#mapping-form input[name="parameters"]', '{"max_tokens": 5}');
    await page.click('#mapping-form button');
    await page.waitForSelector('#mappings-table tr:has-text("console-org/console-model")');
    const models = (await (await gateway.request('/hf/tasks/models?task_type=text-generation', { key: gateway.adminKey })).json()) as {
      models: Record<string, unknown>[];
    };
    expect(models.models).toContainEqual({
      model_id: 'gpt-4o-mini',
      hub_model_id: 'console-org/console-model',
      task_type: 'text-generation',
      parameters: { max_tokens: 5 },
    });
    await page.locator('#mappings-table tr', { hasText: 'console-org/console-model' }).getByRole('button', { name: 'Edit' }).click();
    expect(await page.inputValue('#mapping-form input[name="parameters"]')).toBe('{"max_tokens":5}');
    await page.fill('#mapping-form input[name="parameters"]', '{"max_tokens": 7}');
    await page.click('#mapping-form button');
    await page.waitForSelector('#mappings-table tr:has-text("console-org/console-model"):has-text("{\\"max_tokens\\":7}")');
    await page.fill('#mapping-form input[name="hub_model_id"]', 'no-slash');
    await page.click('#mapping-form button');
    await expect.poll(() => page.textContent('#mapping-error')).toContain('hub_model_id');
    await page.screenshot({ path: join(screenshots, 'management.png'), fullPage: true });
  });

  it('gives a billing:read key its own user only, and no management tab', async () => {
    await Promise.all([page.waitForEvent('load'), page.click('#logout')]);
    expect(await page.evaluate("sessionStorage.getItem('gatewayz.console.key')")).toBeNull();
    await page.fill('#login-key', gateway.userKey);
    await page.click('#login-form button');
    await page.waitForSelector('#overview[data-state="ready"]');
    expect(await page.isVisible('#tabs button[data-tab="manage"]')).toBe(false);
    const own = (await (await gateway.request('/hf/tasks/billing/usage?limit=1')).json()) as Usage;
    expect(await page.getAttribute('#total-spend', 'data-nano')).toBe(String(own.total_cost_nano_usd));
  });
});
