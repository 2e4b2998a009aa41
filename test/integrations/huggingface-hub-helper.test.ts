import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as hub } from '../../scripts/hub.js';
import { preparePython } from '../e2e/python-clients.js';
import { startHubSimulator, type HubSimulator } from '../hub-simulator/server.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';
import { installPatchedHub } from './install-clients.js';
import { startRouterStandIn } from './router-stand-in.js';

const pinned = '2.4.0';
const python = await preparePython();

/** The released huggingface_hub with integrations/huggingface_hub applied, against a live gateway. */
describe.skipIf(python === null)(`huggingface_hub ${pinned} with the Gatewayz helper`, () => {
  let gateway: TestGateway;
  let hubSim: HubSimulator;
  let router: Awaited<ReturnType<typeof startRouterStandIn>>;
  let report: { version: string; file: string; runs: Record<string, Record<string, { ok: boolean; value?: unknown; error?: string }>> };

  beforeAll(async () => {
    const site = installPatchedHub(python!, pinned);
    [gateway, hubSim] = await Promise.all([
      startTestGateway('pglite'),
      startHubSimulator({ tokens: [{ token: 'hf_gatewayz_org', memberships: { gatewayz: 'write' } }] }),
    ]);
    router = await startRouterStandIn({ gatewayz: { baseUrl: gateway.url, key: gateway.userKey } });
    await gateway.request('/hf/tasks/models/map', {
      key: gateway.adminKey,
      body: { provider_model_id: 'llama-3.1-8b-instruct', hub_model_id: 'meta-llama/Llama-3.1-8B', task_type: 'text-generation' },
    });
    expect(await hub(['sync', '--status', 'live'], { HF_HUB_URL: hubSim.url, HF_TOKEN: 'hf_gatewayz_org', GATEWAY_URL: gateway.url, GATEWAY_ADMIN_KEY: gateway.adminKey }, () => {})).toBe(0);
    const { stdout } = await promisify(execFile)(python!, [resolve(import.meta.dirname, 'hf_hub_gatewayz.py')], {
      env: { ...process.env, PYTHONPATH: site, HF_ENDPOINT: hubSim.url, HF_HUB_DISABLE_IMPLICIT_TOKEN: '1', HF_HUB_OFFLINE: '0', GATEWAY_URL: gateway.url, GATEWAY_KEY: gateway.userKey, ROUTER_URL: router.url },
      timeout: 120_000,
    });
    report = JSON.parse(stdout) as typeof report;
  }, 240_000);
  afterAll(async () => {
    await router?.close();
    await hubSim?.close();
    await gateway?.close();
  });

  it('ran the downloaded release, not the installed one', () => {
    expect(report.version).toBe(pinned);
    expect(report.file).toContain('gatewayz-hfhub-');
  });

  describe.each(['direct', 'router'])('%s', (run) => {
    const result = (call: string) => {
      const entry = report.runs[run]![call]!;
      expect(entry.error).toBeUndefined();
      return entry.value;
    };
    it('conversational, plain and streaming', () => {
      expect(result('chat')).toMatch(/\S/);
      expect((result('chat_stream') as (string | null)[]).filter(Boolean).length).toBeGreaterThan(1);
    });
    it('text-generation, plain and streaming (TGI tokens)', () => {
      const text = result('text_generation') as string;
      expect(text).toMatch(/\S/);
      expect((result('text_generation_stream') as string[]).join('')).toBe(text);
    });
    it('text-to-image decodes as a PNG of the asked size', () => expect(result('text_to_image')).toEqual({ format: 'PNG', size: [64, 64] }));
    it('feature-extraction is one 384-dim vector', () => expect((result('feature_extraction') as number[]).at(-1)).toBe(384));
  });

  it('the router stand-in carried the hf_ token calls, the Hub simulator the mapping look-ups', () => {
    expect(router.seen).toContain('POST /gatewayz/v1/chat/completions');
    expect(router.seen).toContain('POST /gatewayz/models/meta-llama/Llama-3.1-8B');
    expect(hubSim.requests.some((request) => request.url.startsWith('/api/models/meta-llama/Llama-3.1-8B-Instruct?expand=inferenceProviderMapping'))).toBe(true);
  });
});
