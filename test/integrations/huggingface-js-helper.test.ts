import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as hub } from '../../scripts/hub.js';
import { startHubSimulator, type HubSimulator } from '../hub-simulator/server.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';
import { installPatchedInference } from './install-clients.js';
import { startRouterStandIn } from './router-stand-in.js';

const pinned = '4.13.30';
const hfToken = 'hf_user_token';

type Client = {
  chatCompletion(args: Record<string, unknown>): Promise<{ choices: { message: { content?: string } }[] }>;
  chatCompletionStream(args: Record<string, unknown>): AsyncIterable<{ choices: { delta: { content?: string } }[] }>;
  textGeneration(args: Record<string, unknown>): Promise<{ generated_text: string }>;
  textGenerationStream(args: Record<string, unknown>): AsyncIterable<{ token: { text: string }; generated_text: string | null }>;
  textToImage(args: Record<string, unknown>, options?: Record<string, unknown>): Promise<Blob>;
  featureExtraction(args: Record<string, unknown>): Promise<unknown>;
};

/**
 * The released @huggingface/inference with integrations/huggingface.js applied, calling a live
 * gateway for every helper task, plain and streaming: with a Gatewayz key (straight to the
 * provider's base URL) and with an hf_ token (through a stand-in for HF's router). The Hub's
 * mapping look-up is answered by the Hub simulator, filled by `npm run hub -- sync`.
 */
describe(`@huggingface/inference ${pinned} with the Gatewayz helper`, () => {
  let gateway: TestGateway;
  let hubSim: HubSimulator;
  let router: Awaited<ReturnType<typeof startRouterStandIn>>;
  let InferenceClient: new (token: string, options: Record<string, unknown>) => Client;
  const calls: string[] = [];

  beforeAll(async () => {
    const entry = installPatchedInference(pinned);
    [gateway, hubSim, { InferenceClient }] = await Promise.all([
      startTestGateway('pglite'),
      startHubSimulator({ tokens: [{ token: 'hf_gatewayz_org', memberships: { gatewayz: 'admin' } }] }),
      import(entry) as Promise<{ InferenceClient: typeof InferenceClient }>,
    ]);
    router = await startRouterStandIn({ gatewayz: { baseUrl: gateway.url, key: gateway.userKey } });
    const mapped = await gateway.request('/hf/tasks/models/map', {
      key: gateway.adminKey,
      body: { provider_model_id: 'llama-3.1-8b-instruct', hub_model_id: 'meta-llama/Llama-3.1-8B', task_type: 'text-generation' },
    });
    expect(mapped.status).toBe(200);
    const env = { HF_HUB_URL: hubSim.url, HF_TOKEN: 'hf_gatewayz_org', GATEWAY_URL: gateway.url, GATEWAY_ADMIN_KEY: gateway.adminKey };
    expect(await hub(['sync', '--status', 'live'], env, () => {})).toBe(0);
  }, 180_000);
  afterAll(async () => {
    await router?.close();
    await hubSim?.close();
    await gateway?.close();
  });

  /** The real fetch, with HF's and Gatewayz's public hosts pointed at their local stand-ins. */
  const localFetch: typeof fetch = (input, init) => {
    const url = String(input instanceof Request ? input.url : input)
      .replace('https://huggingface.co', hubSim.url)
      .replace('https://router.huggingface.co', router.url)
      .replace('https://api.gatewayz.ai', gateway.url);
    calls.push(url);
    if (!url.startsWith('http://127.0.0.1:')) throw new Error(`left loopback: ${url}`);
    return fetch(url, init);
  };

  describe.each([
    ['a Gatewayz key, direct', () => gateway.userKey, () => gateway.url],
    ['an hf_ token, through the router', () => hfToken, () => `${router.url}/gatewayz`],
  ])('with %s', (_name, token, base) => {
    const client = () => new InferenceClient(token(), { fetch: localFetch });
    const provider = 'gatewayz';
    const chatModel = 'meta-llama/Llama-3.1-8B-Instruct';
    const messages = [{ role: 'user', content: 'Name one primary color.' }];
    const sentTo = (route: string) => expect(calls.at(-1)).toBe(`${base()}${route}`);

    it('conversational', async () => {
      const output = await client().chatCompletion({ model: chatModel, provider, messages, max_tokens: 16 });
      expect(output.choices[0]!.message.content).toMatch(/\S/);
      sentTo('/v1/chat/completions');
    });

    it('conversational, streaming', async () => {
      const deltas: string[] = [];
      for await (const chunk of client().chatCompletionStream({ model: chatModel, provider, messages, max_tokens: 16 })) deltas.push(chunk.choices[0]?.delta.content ?? '');
      expect(deltas.filter(Boolean).length).toBeGreaterThan(1);
    });

    it('text-generation, plain and streaming with TGI tokens', async () => {
      const args = { model: 'meta-llama/Llama-3.1-8B', provider, inputs: 'The three primary colors are', parameters: { max_new_tokens: 6 } };
      const whole = await client().textGeneration(args);
      expect(whole.generated_text).toMatch(/\S/);
      sentTo('/models/meta-llama/Llama-3.1-8B');
      const tokens: string[] = [];
      let final: string | null = null;
      for await (const event of client().textGenerationStream(args)) {
        tokens.push(event.token.text);
        final = event.generated_text ?? final;
      }
      expect(tokens.length).toBeGreaterThan(1);
      expect(tokens.join('')).toBe(whole.generated_text);
      expect(final).toBe(whole.generated_text);
    });

    it('text-to-image', async () => {
      const blob = await client().textToImage({ model: 'black-forest-labs/FLUX.1-schnell', provider, inputs: 'a lighthouse', parameters: { width: 64, height: 64 } }, { outputType: 'blob' });
      expect(blob).toBeInstanceOf(Blob);
      const bytes = new Uint8Array(await blob.arrayBuffer());
      expect([...bytes.slice(1, 4)].map((byte) => String.fromCharCode(byte)).join('')).toBe('PNG');
      sentTo('/v1/images/generations');
    });

    it('feature-extraction', async () => {
      const output = (await client().featureExtraction({ model: 'BAAI/bge-base-en-v1.5', provider, inputs: ['first', 'second'] })) as number[][];
      expect(output.map((row) => row.length)).toEqual([384, 384]);
      sentTo('/v1/embeddings');
    });
  });

  it('the mapping came from the Hub simulator, and the router was used only with the hf_ token', () => {
    expect(hubSim.requests.some((request) => request.url === '/api/models/meta-llama/Llama-3.1-8B-Instruct?expand[]=inferenceProviderMapping')).toBe(true);
    expect(router.seen).toContain('POST /gatewayz/v1/chat/completions');
    expect(router.seen).toContain('POST /gatewayz/models/meta-llama/Llama-3.1-8B');
  });
});
