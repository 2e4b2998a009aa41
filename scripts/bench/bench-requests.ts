import type { WrkRequest } from './run-wrk.js';

/** The same question asked two ways: straight to the simulator, and through the gateway. */
export interface RequestPair {
  direct: WrkRequest;
  gateway: WrkRequest;
}

const prompt = 'Hello, my name is';
const json = { 'Content-Type': 'application/json' };

export function benchRequests(simulatorUrl: string, gatewayUrl: string, key: string, stream: boolean): RequestPair {
  const direct = {
    model: 'openai/gpt-3.5-turbo',
    messages: [{ role: 'user', content: prompt }],
    max_tokens: 100,
    // Usage in the stream, as the gateway's adapter asks for it: both sides carry the same bytes.
    ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
  };
  const gateway = { inputs: prompt, ...(stream ? { stream: true } : {}), parameters: { model: 'gpt-3.5-turbo', max_tokens: 100 } };
  return {
    direct: { url: `${simulatorUrl}/chat/completions`, body: JSON.stringify(direct), headers: json },
    gateway: { url: `${gatewayUrl}/hf/tasks/text-generation`, body: JSON.stringify(gateway), headers: { ...json, Authorization: `Bearer ${key}` } },
  };
}

/**
 * One request of each kind before measuring, checked the way a client would: a benchmark of
 * fast 4xx answers would be worse than none.
 */
export async function checkRequests(nonStreaming: RequestPair, streaming: RequestPair): Promise<void> {
  const send = async (request: WrkRequest, expect: (text: string) => boolean, what: string) => {
    const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body });
    const text = await response.text();
    if (response.status !== 200 || !expect(text)) {
      throw new Error(`${what} (${request.url}) answered HTTP ${response.status}: ${text.slice(0, 300)}`);
    }
  };
  const endsWithDone = (text: string) => text.trimEnd().endsWith('data: [DONE]');
  await send(nonStreaming.direct, (text) => text.includes('"usage"'), 'the simulator');
  await send(nonStreaming.gateway, (text) => text.includes('generated_text'), 'the gateway');
  await send(streaming.direct, endsWithDone, 'the simulator stream');
  await send(streaming.gateway, endsWithDone, 'the gateway stream');
}
