import { describe, expect, it } from 'vitest';
import { httpFailure } from './classify-failure.js';

const messageOf = (body: unknown) => httpFailure('p', 400, undefined, JSON.stringify(body)).upstreamMessage;

describe('httpFailure: reading upstream error bodies', () => {
  it('reads the common shapes: OpenAI, TGI, vLLM, FastAPI and DeepInfra', () => {
    expect(messageOf({ error: { message: 'openai' } })).toBe('openai');
    expect(messageOf({ error: 'tgi' })).toBe('tgi');
    expect(messageOf({ object: 'error', message: 'vllm' })).toBe('vllm');
    expect(messageOf({ detail: 'fastapi' })).toBe('fastapi');
    expect(messageOf({ detail: { error: 'Not authenticated' } })).toBe('Not authenticated');
  });

  it('summarizes pydantic validation problems (Mistral nests them under message) without their input', () => {
    const problems = [
      { type: 'extra_forbidden', loc: ['body', 'stream_options'], msg: 'Extra inputs are not permitted', input: { secret: 'prompt text' } },
      { type: 'missing', loc: ['body', 'messages'], msg: 'Field required', input: null },
    ];
    const expected = 'body.stream_options: Extra inputs are not permitted; body.messages: Field required';
    expect(messageOf({ object: 'error', message: { detail: problems }, type: 'invalid_request_error' })).toBe(expected);
    expect(messageOf({ detail: problems })).toBe(expected);
    expect(messageOf({ detail: [{ loc: ['body'] }] })).toBeUndefined();
  });

  it('does not echo a body that is not JSON', () => {
    expect(httpFailure('p', 502, undefined, '<html>Bad Gateway</html>').upstreamMessage).toBeUndefined();
  });
});
