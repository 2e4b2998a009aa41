import { AbortError, errorClassFor, GatewayzError, UpstreamError } from './errors.js';
import { serverSentData } from './server-sent-events.js';
import type { HttpRequest, RequestOptions, Transport } from './transport.js';

/** One event of a task stream (TGI's shape): a token, and on the last event the full text and usage. */
export interface TaskStreamEvent {
  index: number;
  token: { id: number; text: string; logprob: number; special: boolean };
  /** The whole text, on the final event only (null before). */
  generated_text?: string | null;
  /** conversational: the updated conversation, on the final event. */
  conversation?: { past_user_inputs: string[]; generated_responses: string[] };
  details: { finish_reason: string; generated_tokens: number; input_length: number } | null;
  /** On the final event: the billed tokens and cost. */
  usage?: { input_tokens: number; output_tokens: number; cost_nano_usd: number };
}

/**
 * A streamed call, iterated with `for await`. The request is sent when iteration starts; leaving
 * the loop early (`break`, `return`, a thrown error) or calling `abort()` closes the connection.
 * After the final event `costNanoUsd` holds the call's cost and `inferenceId` its id.
 */
export class TaskStream implements AsyncIterable<TaskStreamEvent> {
  costNanoUsd: bigint | null = null;
  inferenceId: string | null = null;
  readonly #controller = new AbortController();
  #started = false;

  constructor(
    private readonly transport: Transport,
    private readonly request: HttpRequest,
    private readonly options: RequestOptions = {},
  ) {}

  /** Closes the connection; a loop over the stream ends with an AbortError. */
  abort(): void {
    this.#controller.abort();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<TaskStreamEvent> {
    if (this.#started) throw new GatewayzError('A stream can be iterated once');
    this.#started = true;
    const signals = [this.#controller.signal, ...(this.options.signal ? [this.options.signal] : [])];
    const signal = AbortSignal.any(signals);
    const { response, release } = await this.transport.open({ ...this.request, accept: 'text/event-stream' }, { ...this.options, signal });
    this.inferenceId = response.headers.get('inference-id');
    try {
      if (!response.body) throw new UpstreamError('The stream had no body', { status: response.status, inferenceId: this.inferenceId });
      for await (const data of serverSentData(response.body, signal)) {
        if (data === '[DONE]') return;
        const event = JSON.parse(data) as TaskStreamEvent & { error?: string; error_type?: string; message?: string };
        if (typeof event.error === 'string') throw this.#streamError(event);
        if (event.usage) this.costNanoUsd = BigInt(event.usage.cost_nano_usd);
        yield event;
      }
    } catch (error) {
      throw signal.aborted ? new AbortError('The stream was aborted', { cause: error }) : error;
    } finally {
      release();
    }
  }

  /** The full text of the stream, read to its end. */
  async text(): Promise<string> {
    let text = '';
    for await (const event of this) if (!event.token.special) text += event.token.text;
    return text;
  }

  #streamError(event: { error?: string; error_type?: string; message?: string }): GatewayzError {
    // An error inside a 200 stream has no status of its own: the upstream failed mid-answer.
    const ErrorClass = event.error_type === 'InvalidRequest' ? errorClassFor(400) : UpstreamError;
    return new ErrorClass(`${event.error}${event.message ? `: ${event.message}` : ''}`, {
      status: null,
      errorType: event.error_type ?? null,
      inferenceId: this.inferenceId,
      body: event as Record<string, unknown>,
    });
  }
}
