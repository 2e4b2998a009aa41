import { InferenceClient } from '@huggingface/inference';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparePython, resultOf, runClientScript, type Report } from './e2e/python-clients.js';
import { databaseKinds } from './support/databases.js';
import { startTestGateway, type TestGateway } from './support/test-gateway.js';

/**
 * One error, the shape of each surface (src/http/error-format.ts), checked the way users meet it:
 * through the real clients. The reason must be in what each client shows.
 */
const python = await preparePython();
const chatModel = 'meta-llama/Llama-3.1-8B-Instruct';
const messages = [{ role: 'user' as const, content: 'Hi' }];

describe('error shapes per surface', () => {
  let gateway: TestGateway;
  let cutting: TestGateway;
  let report: Report;
  let cutReport: Report;
  beforeAll(async () => {
    [gateway, cutting] = await Promise.all([
      startTestGateway(databaseKinds()[0]!),
      startTestGateway(databaseKinds()[0]!, { simulatorHeaders: { 'x-simulator-fail': 'reset-mid-stream' } }),
    ]);
    if (python) {
      [report, cutReport] = await Promise.all([
        runClientScript(python, 'error_clients.py', { url: gateway.url, key: gateway.userKey }),
        runClientScript(python, 'error_clients.py', { url: cutting.url, key: cutting.userKey }),
      ]);
    }
  }, 300_000);
  afterAll(() => Promise.all([gateway?.close(), cutting?.close()]));

  describe('/v1/* in OpenAI shape, through the openai npm client', () => {
    const client = (key: string, url = gateway.url) => new OpenAI({ baseURL: `${url}/v1`, apiKey: key, maxRetries: 0 });
    const failure = async (promise: Promise<unknown>) =>
      promise.then(
        () => expect.fail('the call succeeded'),
        (error: unknown) => error as InstanceType<typeof OpenAI.APIError>,
      );

    it('a bad key is an AuthenticationError whose message says why', async () => {
      const error = await failure(client('gw_not_a_real_key').chat.completions.create({ model: chatModel, messages }));
      expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
      expect(error.message).toMatch(/^401 Invalid API key: .*unknown/);
      expect(error.type).toBe('authentication_error');
      expect(error.code).toBe('unauthorized');
      expect(error.headers?.get('inference-id')).toEqual(expect.any(String));
    });

    it('an unknown model is a NotFoundError naming it; an invalid body a BadRequestError naming the field', async () => {
      const missing = await failure(client(gateway.userKey).chat.completions.create({ model: 'no-such/model', messages }));
      expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
      expect(missing.message).toContain('no-such/model');
      expect(missing.type).toBe('not_found_error');
      const invalid = await failure(client(gateway.userKey).chat.completions.create({ model: chatModel, messages, temperature: 3 }));
      expect(invalid).toBeInstanceOf(OpenAI.BadRequestError);
      expect(invalid.message).toContain('temperature');
      expect(invalid.type).toBe('invalid_request_error');
    });

    it('framework errors (unknown route, bad JSON) take the same shape', async () => {
      const unknown = await gateway.request('/v1/nothing-here', { body: {} });
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toEqual({
        error: { message: expect.stringContaining('/v1/nothing-here'), type: 'not_found_error', code: 'not_found', param: null },
      });
      const badJson = await gateway.request('/v1/chat/completions', { body: '{"model":' });
      expect(await badJson.json()).toEqual({
        error: { message: expect.stringContaining('JSON'), type: 'invalid_request_error', code: 'invalid_request', param: null },
      });
    });

    it('a stream cut mid-way raises an APIError with the reason while iterating', async () => {
      const stream = await client(cutting.userKey, cutting.url).chat.completions.create({ model: chatModel, messages, stream: true });
      let chunks = 0;
      const error = await failure(
        (async () => {
          for await (const _chunk of stream) chunks += 1;
        })(),
      );
      expect(chunks).toBeGreaterThan(0);
      expect(error).toBeInstanceOf(OpenAI.APIError);
      expect(error.message).toMatch(/Upstream/);
      expect(error.type).toBe('api_error');
    });
  });

  it('/hf/tasks/* keeps the Gatewayz document shape', async () => {
    const response = await gateway.request('/hf/tasks/text-generation', { body: { inputs: '' } });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: expect.any(String), error_type: 'InvalidRequest', message: expect.any(String) });
  });

  it("/models/* shows the reason in @huggingface/inference's message", async () => {
    const hf = new InferenceClient('gw_not_a_real_key');
    const error = await hf.textGeneration({ endpointUrl: `${gateway.url}/models/${chatModel}`, inputs: 'Hi' }).then(
      () => expect.fail('the call succeeded'),
      (caught: unknown) => caught as Error,
    );
    expect(error.message).toMatch(/^Failed to perform inference: Invalid API key: /);
  });

  describe.skipIf(python === null)('the real Python clients', () => {
    it('huggingface_hub raises HfHubHTTPError with the real status and reason for 401, 404 and 422', () => {
      expect(resultOf(report, 'hub_401')).toMatchObject({ class: 'HfHubHTTPError', status: 401, text: expect.stringContaining('Invalid API key') });
      expect(resultOf(report, 'hub_404')).toMatchObject({ class: 'HfHubHTTPError', status: 404, text: expect.stringContaining('nobody/nothing') });
      expect(resultOf(report, 'hub_422')).toMatchObject({ class: 'HfHubHTTPError', status: 422 });
    });

    it("huggingface_hub's text_generation raises TGI's ValidationError on an invalid body", () => {
      expect(resultOf(report, 'hub_validation')).toMatchObject({ class: 'ValidationError', text: expect.stringContaining('inputs: Too small') });
    });

    it('openai raises AuthenticationError, NotFoundError and BadRequestError with the reason in the message', () => {
      expect(resultOf(report, 'openai_401')).toMatchObject({ class: 'AuthenticationError', status: 401, message: expect.stringContaining('Invalid API key') });
      expect(resultOf(report, 'openai_404')).toMatchObject({ class: 'NotFoundError', status: 404, message: expect.stringContaining('no-such/model') });
      expect(resultOf(report, 'openai_400')).toMatchObject({ class: 'BadRequestError', status: 400, message: expect.stringContaining('temperature') });
      expect(resultOf(report, 'openai_400').body).toMatchObject({ type: 'invalid_request_error', param: null });
    });

    it('openai raises APIError on a stream cut mid-way, with the reason', () => {
      expect(resultOf(cutReport, 'openai_stream')).toMatchObject({ class: 'APIError', message: expect.stringMatching(/Upstream/) });
      expect(resultOf(report, 'openai_stream')).toEqual({ class: null });
    });
  });
});
