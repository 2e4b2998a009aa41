import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../scripts/hub.js';
import { HubMappingClient } from '../scripts/hub-mapping-api.js';
import { startTestGateway, type TestGateway } from './support/test-gateway.js';
import { startHubSimulator, type HubSimulator } from './hub-simulator/server.js';

const writeToken = 'hf_write_gatewayz';
const readToken = 'hf_read_gatewayz';

describe('npm run hub against the Hub simulator', () => {
  let gateway: TestGateway;
  let hub: HubSimulator;
  let env: Record<string, string>;
  const run = async (...argv: string[]) => {
    const lines: string[] = [];
    const code = await main(argv, env, (line) => lines.push(line));
    return { code, output: lines.join('\n') };
  };

  beforeAll(async () => {
    [gateway, hub] = await Promise.all([
      startTestGateway('pglite'),
      startHubSimulator({
        tokens: [
          { token: writeToken, memberships: { gatewayz: 'write' } },
          { token: readToken, memberships: { gatewayz: 'read' } },
        ],
      }),
    ]);
    env = { HF_HUB_URL: hub.url, HF_PROVIDER_NAME: 'gatewayz', HF_TOKEN: writeToken, GATEWAY_URL: gateway.url, GATEWAY_ADMIN_KEY: gateway.adminKey };
  });
  afterAll(async () => {
    await gateway.close();
    await hub.close();
  });

  it('a dry run prints the diff and changes nothing', async () => {
    const { code, output } = await run('sync', '--dry-run');
    expect(code).toBe(0);
    // Llama is mapped for text-generation and conversational; the Hub takes one task, conversational for a chat model.
    expect(output).toContain('+ conversational meta-llama/Llama-3.1-8B-Instruct -> meta-llama/Llama-3.1-8B-Instruct (staging)');
    expect(output).not.toContain('+ text-generation meta-llama/Llama-3.1-8B-Instruct');
    expect(output).toContain('+ text-to-image black-forest-labs/FLUX.1-schnell');
    expect(output).toContain('+ feature-extraction BAAI/bge-base-en-v1.5');
    expect(output).toContain('8 to create, 0 to delete');
    expect(hub.mappings.size).toBe(0);
  });

  it('sync creates staging mappings the Hub accepts, then is a no-op', async () => {
    expect((await run('sync')).code).toBe(0);
    const client = new HubMappingClient({ hubUrl: hub.url, provider: 'gatewayz', token: undefined });
    const listed = await client.list();
    expect(listed.map((entry) => `${entry.task} ${entry.hfModel}`).sort()).toEqual([
      'conversational meta-llama/Llama-3.1-8B-Instruct',
      'feature-extraction BAAI/bge-base-en-v1.5',
      'question-answering deepset/roberta-base-squad2',
      'summarization facebook/bart-large-cnn',
      'text-classification distilbert/distilbert-base-uncased-finetuned-sst-2-english',
      'text-to-image black-forest-labs/FLUX.1-schnell',
      'token-classification dslim/bert-base-NER',
      'translation Helsinki-NLP/opus-mt-en-fr',
    ]);
    expect(listed.every((entry) => entry.status === 'staging' && /^[0-9a-f]{24}$/.test(entry._id))).toBe(true);
    const again = await run('sync', '--dry-run');
    expect(again.output).toContain('0 to create, 0 to delete, 0 status changes, 8 unchanged');
  });

  it('promotes to live, and the list groups by task the way the Hub does', async () => {
    const { output } = await run('sync', '--status', 'live');
    expect(output).toContain('~ text-to-image black-forest-labs/FLUX.1-schnell -> black-forest-labs/FLUX.1-schnell  (status staging -> live)');
    const grouped = (await (await fetch(`${hub.url}/api/partners/gatewayz/models?status=live`)).json()) as Record<string, Record<string, unknown>>;
    expect(Object.keys(grouped).sort()).toContain('text-to-image');
    expect(grouped['text-to-image']!['black-forest-labs/FLUX.1-schnell']).toEqual({
      _id: expect.stringMatching(/^[0-9a-f]{24}$/),
      providerId: 'black-forest-labs/FLUX.1-schnell',
      status: 'live',
    });
    const listing = await run('list', '--status', 'live');
    expect(listing.output.split('\n')).toHaveLength(9);
    expect(listing.output).toMatch(/^text-to-image\s+black-forest-labs\/FLUX\.1-schnell\s+black-forest-labs\/FLUX\.1-schnell\s+live\s+[0-9a-f]{24}$/m);
  });

  it('a mapping added to the gateway is created, one that left is deleted, tag filters come from a file', async () => {
    const mapped = await gateway.request('/hf/tasks/models/map', {
      key: gateway.adminKey,
      body: { provider_model_id: 'llama-3.1-8b-instruct', hub_model_id: 'meta-llama/Llama-3.1-8B', task_type: 'text-generation' },
    });
    expect(mapped.status).toBe(200);
    // A mapping the gateway no longer has: made on the Hub by hand.
    const client = new HubMappingClient({ hubUrl: hub.url, provider: 'gatewayz', token: writeToken });
    await client.create({ task: 'text-to-image', hfModel: 'some-user/flux-lora-watercolor', providerModel: 'gone' });
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const file = join(mkdtempSync(join(tmpdir(), 'hub-')), 'filters.json');
    writeFileSync(
      file,
      JSON.stringify([
        { task: 'text-to-image', tags: ['lora', 'base_model:adapter:black-forest-labs/FLUX.1-dev'], providerModel: 'flux.1-schnell', adapterType: 'lora' },
      ]),
    );
    const { output } = await run('sync', '--tag-filters', file);
    expect(output).toContain('+ text-generation meta-llama/Llama-3.1-8B -> meta-llama/Llama-3.1-8B (staging)');
    expect(output).toContain('- text-to-image some-user/flux-lora-watercolor -> gone  (not in the gateway registry)');
    expect(output).toContain('+ text-to-image tag-filter=lora,base_model:adapter:black-forest-labs/FLUX.1-dev -> flux.1-schnell (staging)');
    const grouped = (await (await fetch(`${hub.url}/api/partners/gatewayz/models`)).json()) as Record<string, Record<string, Record<string, unknown>>>;
    expect(grouped['text-to-image']!['tag-filter=lora,base_model:adapter:black-forest-labs/FLUX.1-dev']).toMatchObject({
      providerId: 'flux.1-schnell',
      adapterType: 'lora',
      tags: ['lora', 'base_model:adapter:black-forest-labs/FLUX.1-dev'],
    });
    expect(grouped['text-to-image']!['some-user/flux-lora-watercolor']).toBeUndefined();
  });

  it('the Hub simulator enforces the documented rules', async () => {
    const post = (token: string, body: unknown) =>
      fetch(`${hub.url}/api/partners/gatewayz/models`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post(readToken, { task: 'summarization', hfModel: 'facebook/bart-large-cnn', providerModel: 'x' })).status).toBe(403);
    expect((await post('hf_nobody', { task: 'summarization', hfModel: 'facebook/bart-large-cnn', providerModel: 'x' })).status).toBe(401);
    // Task must match pipeline_tag; conversational only for a conversational-tagged model.
    expect((await post(writeToken, { task: 'conversational', hfModel: 'meta-llama/Llama-3.1-8B', providerModel: 'x' })).status).toBe(400);
    // One task per model and provider.
    expect((await post(writeToken, { task: 'text-generation', hfModel: 'meta-llama/Llama-3.1-8B-Instruct', providerModel: 'x' })).status).toBe(409);
    // The sync refuses to run without a write token, and the Hub refuses a read token.
    await expect(main(['sync'], { ...env, HF_TOKEN: '' }, () => {})).rejects.toThrow(/HF_TOKEN/);
    const gatewayMapped = await gateway.request('/hf/tasks/models/map', {
      key: gateway.adminKey,
      body: { provider_model_id: 'gpt-4o-mini', hub_model_id: 'facebook/bart-large-cnn', task_type: 'conversational' },
    });
    expect(gatewayMapped.status).toBe(200);
    await expect(main(['sync', '--status', 'staging'], { ...env, HF_TOKEN: readToken }, () => {})).rejects.toThrow(/403/);
  });

  it('the model-info route expands the provider mapping as the JS client reads it', async () => {
    const info = (await (await fetch(`${hub.url}/api/models/meta-llama/Llama-3.1-8B-Instruct?expand[]=inferenceProviderMapping`)).json()) as Record<
      string,
      unknown
    >;
    expect(info.inferenceProviderMapping).toEqual({ gatewayz: { status: 'live', providerId: 'meta-llama/Llama-3.1-8B-Instruct', task: 'conversational' } });
    const lora = (await (await fetch(`${hub.url}/api/models/some-user/flux-lora-watercolor?expand[]=inferenceProviderMapping`)).json()) as Record<
      string,
      unknown
    >;
    expect(lora.inferenceProviderMapping).toMatchObject({
      gatewayz: { providerId: 'flux.1-schnell', task: 'text-to-image', adapter: 'lora', type: 'tag-filter' },
    });
  });
});
