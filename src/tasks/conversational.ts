import { z } from 'zod';
import { conversationalInputSchema, conversationalOutputSchema, type ConversationalInput, type ConversationalOutput } from '../contract/conversational.js';
import type { ChatMessage } from '../providers/spec/index.js';
import type { ChatCall } from '../routing/call.js';
import { execute, stream } from '../routing/execute.js';
import { chatCall } from './chat-call.js';
import type { TaskDefinition } from './task-definition.js';

function toCall(input: ConversationalInput): ChatCall {
  const past = input.past_user_inputs ?? [];
  const responses = input.generated_responses ?? [];
  const messages: ChatMessage[] = past.flatMap((text, turn): ChatMessage[] => [
    { role: 'user', content: text },
    { role: 'assistant', content: responses[turn] ?? '' },
  ]);
  messages.push({ role: 'user', content: input.text });
  return chatCall({ task: 'conversational', modelName: input.model ?? input.parameters?.model, messages, parameters: input.parameters });
}

function conversation(input: ConversationalInput, reply: string): ConversationalOutput['conversation'] {
  return {
    past_user_inputs: [...(input.past_user_inputs ?? []), input.text],
    generated_responses: [...(input.generated_responses ?? []), reply],
  };
}

const runInputs = z.union([z.string().transform((text) => ({ text })), z.record(z.string(), z.unknown())]);

export const conversationalTask: TaskDefinition<ConversationalInput, ConversationalOutput> = {
  task: 'conversational',
  summary: 'Continue a conversation',
  inputSchema: conversationalInputSchema,
  outputSchema: conversationalOutputSchema,
  // `inputs` may be the new message alone, or {text, past_user_inputs, generated_responses}.
  fromRun: (run) => {
    const inputs = runInputs.safeParse(run.inputs);
    return { ...(inputs.success ? inputs.data : { text: run.inputs }), parameters: run.parameters, model: run.model, stream: run.stream };
  },
  wantsStream: (input) => input.stream ?? input.parameters?.stream ?? false,
  async complete(context, input): Promise<ConversationalOutput> {
    const { result } = await execute(context, toCall(input));
    return { conversation: conversation(input, result.text) };
  },
  async stream(context, input) {
    return { parts: await stream(context, toCall(input)), final: (text) => ({ generated_text: text, conversation: conversation(input, text) }) };
  },
};
