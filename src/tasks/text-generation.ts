import { textGenerationInputSchema, textGenerationOutputSchema, type TextGenerationInput, type TextGenerationOutput } from '../contract/text-generation.js';
import type { CallContext } from '../routing/call-context.js';
import type { ChatCall } from '../routing/call.js';
import { execute, stream } from '../routing/execute.js';
import { chatCall } from './chat-call.js';
import type { TaskDefinition } from './task-definition.js';

function toCall(input: TextGenerationInput): ChatCall {
  const grammar = input.parameters?.grammar;
  // TGI's json grammar is a schema the answer follows: the upstreams' structured output (json_schema).
  const schema = grammar && typeof grammar.value === 'object' ? grammar.value : undefined;
  return chatCall({
    task: 'text-generation',
    modelName: input.model ?? input.parameters?.model,
    messages: [{ role: 'user', content: input.inputs }],
    parameters: input.parameters,
    ...(schema ? { responseFormat: { type: 'json_schema', name: 'grammar', schema } } : {}),
  });
}

/**
 * Like HF's text-generation pipeline, the prompt is part of `generated_text` unless
 * `return_full_text` is false. A chat model's reply is a separate text, so it is joined with a
 * space where neither side has one.
 */
export function withPrompt(input: TextGenerationInput, text: string): string {
  if (input.parameters?.return_full_text === false) return text;
  const joiner = /\s$/.test(input.inputs) || /^\s/.test(text) || text === '' ? '' : ' ';
  return input.inputs + joiner + text;
}

/**
 * The completion with TGI's `details`: generated through the upstream's stream, so each piece
 * it sent is one entry of `tokens` (text only: providers give no token ids, and logprobs only
 * when asked, so those are null rather than invented).
 */
export async function generateWithDetails(context: CallContext, input: TextGenerationInput) {
  const tokens: { id: number; text: string; logprob: null; special: false }[] = [];
  for await (const part of await stream(context, toCall(input))) {
    if (part.type === 'text') tokens.push({ id: tokens.length, text: part.text, logprob: null, special: false });
    else if (part.type === 'error') throw part.error;
    else if (part.type === 'done') {
      const details = {
        finish_reason: part.finishReason,
        generated_tokens: part.usage.outputTokens,
        seed: input.parameters?.seed ?? null,
        prefill: [],
        tokens,
      };
      return { generated_text: withPrompt(input, part.text), details };
    }
  }
  throw new Error('The stream ended without a final part');
}

export const textGenerationTask: TaskDefinition<TextGenerationInput, TextGenerationOutput> = {
  task: 'text-generation',
  summary: 'Generate text from a prompt',
  inputSchema: textGenerationInputSchema,
  outputSchema: textGenerationOutputSchema,
  fromRun: (run) => ({ inputs: run.inputs, parameters: run.parameters, model: run.model, stream: run.stream }),
  wantsStream: (input) => input.stream ?? input.parameters?.stream ?? false,
  async complete(context, input): Promise<TextGenerationOutput> {
    const { result } = await execute(context, toCall(input));
    return { output: [{ generated_text: withPrompt(input, result.text) }] };
  },
  async stream(context, input) {
    return { parts: await stream(context, toCall(input)), final: (text) => ({ generated_text: withPrompt(input, text) }) };
  },
};
