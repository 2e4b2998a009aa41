import type { WrkRequest } from './run-wrk.js';

/** The same OpenAI chat completion, to every target: the simulator itself and each gateway in front of it. */
export interface TargetRequests {
  plain: WrkRequest;
  stream: WrkRequest;
}

const prompt = 'Hello, my name is';

/**
 * One body for every target (OpenAI's `POST /v1/chat/completions`, the one surface all the
 * gateways compared share): only the base URL and the headers differ. Usage is asked for in the
 * stream, as Gatewayz's adapter asks for it upstream, so every side carries the same bytes.
 */
export function chatRequests(baseUrl: string, headers: Record<string, string>, model = 'gpt-3.5-turbo'): TargetRequests {
  const body = (stream: boolean) =>
    JSON.stringify({
      model,
      messages: [{ role: 'user', content: prompt }],
      max_tokens: 100,
      ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
    });
  const request = (stream: boolean): WrkRequest => ({
    url: `${baseUrl}/chat/completions`,
    body: body(stream),
    headers: { 'Content-Type': 'application/json', ...headers },
  });
  return { plain: request(false), stream: request(true) };
}

/**
 * One request of each kind before measuring, checked the way a client would: a benchmark of
 * fast 4xx answers would be worse than none.
 */
export async function checkRequests(name: string, requests: TargetRequests): Promise<void> {
  const send = async (request: WrkRequest, expect: (text: string) => boolean, what: string) => {
    const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body });
    const text = await response.text();
    if (response.status !== 200 || !expect(text)) {
      throw new Error(`${name}: ${what} (${request.url}) answered HTTP ${response.status}: ${text.slice(0, 300)}`);
    }
  };
  await send(requests.plain, (text) => text.includes('"choices"'), 'a completion');
  await send(requests.stream, (text) => text.trimEnd().endsWith('data: [DONE]') && text.includes('"delta"'), 'a stream');
}
