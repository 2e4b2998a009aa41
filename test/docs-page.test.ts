import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumRunnable, launchChromium } from './support/chromium.js';
import { startTestGateway, type TestGateway } from './support/test-gateway.js';

/** /docs in a real headless Chromium: the page renders the OpenAPI document and "Try it out" calls the gateway. */
describe.runIf(chromiumRunnable)('the /docs page in headless Chromium', () => {
  let gateway: TestGateway;
  let browser: BrowserContext;
  const profile = mkdtempSync(join(tmpdir(), 'gatewayz-chromium-'));
  const outsideRequests: string[] = [];

  beforeAll(async () => {
    gateway = await startTestGateway('pglite');
    browser = await launchChromium(profile);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('lists the task endpoints and a "Try it out" request with the key succeeds', async () => {
    const page = await browser.newPage();
    page.on('request', (request) => {
      if (!request.url().startsWith(gateway.url)) outsideRequests.push(request.url());
    });
    await page.goto(`${gateway.url}/docs`);
    await page.waitForSelector('.opblock-summary-path', { timeout: 20_000 });
    const paths = await page.locator('.opblock-summary-path').allTextContents();
    for (const path of ['/hf/tasks/text-generation', '/hf/tasks/conversational', '/hf/tasks/image-generation', '/hf/tasks/embedding', '/hf/tasks/models']) {
      expect(paths.map((text) => text.replace(/\u200b/g, ''))).toContain(path);
    }

    await page.click('button.authorize');
    await page.fill('.modal-ux input[type=text], .modal-ux input[type=password]', gateway.userKey);
    await page.click('.modal-ux button.authorize');
    await page.click('.modal-ux button.btn-done');

    const operation = page.locator('#operations-models-models-list');
    await operation.locator('.opblock-summary').click();
    await operation.locator('button.try-out__btn').click();
    const answer = page.waitForResponse((response) => response.url().startsWith(`${gateway.url}/hf/tasks/models`));
    await operation.locator('button.execute').click();
    expect((await answer).status()).toBe(200);
    // The page shows what the gateway answered: the status and the body, which lists the mappings.
    const shown = operation.locator('.live-responses-table tbody .response');
    await shown.waitFor();
    expect((await shown.locator('.response-col_status').textContent())?.trim()).toBe('200');
    expect(await shown.locator('.response-col_description').textContent()).toContain('meta-llama/Llama-3.1-8B-Instruct');
    expect(outsideRequests).toEqual([]);
  }, 60_000);

  it('serves only the listed assets, in the error format otherwise', async () => {
    expect((await gateway.request('/docs/assets/swagger-ui-bundle.js', { key: null })).headers.get('content-type')).toContain('javascript');
    const missing = await gateway.request('/docs/assets/..%2Fpackage.json', { key: null });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('inference-id')).toBeTruthy();
  });
});
