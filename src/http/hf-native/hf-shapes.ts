import type { FastifyReply } from 'fastify';
import type { TaskType } from '../../contract/task-types.js';
import type { TextGenerationInput } from '../../contract/text-generation.js';
import type { CallContext } from '../../routing/call-context.js';
import type { TaskDefinition } from '../../tasks/task-definition.js';
import { generateWithDetails } from '../../tasks/text-generation.js';
import { sendEventStream } from '../event-stream.js';
import { tgiEvents } from '../tgi-events.js';

/**
 * How each task is served on a model URL (`POST /models/{org}/{name}`), in the exact shapes HF's
 * clients send and parse (hf-provider-spec §5): `input` turns HF's body into the task's input,
 * `answer` runs the task and shapes its answer. `binary` tasks answer raw bytes.
 */
export interface NativeTask {
  input(body: Record<string, unknown>, model: string): Record<string, unknown>;
  answer(context: CallContext, reply: FastifyReply, definition: TaskDefinition, input: any): Promise<unknown>;
  binary?: true;
}

const parametersOf = (body: Record<string, unknown>) =>
  typeof body.parameters === 'object' && body.parameters !== null ? (body.parameters as Record<string, unknown>) : {};

const asTask: NativeTask['input'] = (body, model) => ({ inputs: body.inputs, model, parameters: parametersOf(body) });

/** The Gatewayz envelope's `output`, optionally wrapped (summarization and translation are lists, text-classification a nested list). */
const output =
  (shape: (value: unknown) => unknown = (value) => value): NativeTask['answer'] =>
  async (context, _reply, definition, input) =>
    shape(((await definition.complete(context, input)) as { output: unknown }).output);

const listed = output((value) => [value]);

/** TGI's answers: `[{generated_text}]`, with `details` when asked, or TGI's event stream. */
const textGeneration: NativeTask = {
  // TGI's default, which HF's clients expect on a model URL: the continuation only.
  input: (body, model) => {
    const parameters = parametersOf(body);
    return { inputs: body.inputs, model, stream: body.stream, parameters: { ...parameters, return_full_text: parameters.return_full_text ?? false } };
  },
  answer: async (context, reply, definition, input: TextGenerationInput) => {
    if (definition.wantsStream!(input)) return sendEventStream(reply, tgiEvents(await definition.stream!(context, input)));
    if (input.parameters?.details === true) return [await generateWithDetails(context, input)];
    return output()(context, reply, definition, input);
  },
};

export const nativeTasks: Record<TaskType, NativeTask> = {
  'text-generation': textGeneration,
  // The legacy conversational answer: the reply and the whole conversation.
  conversational: {
    input: (body, model) => ({ ...(typeof body.inputs === 'string' ? { text: body.inputs } : (body.inputs as object)), model, parameters: parametersOf(body) }),
    answer: async (context, _reply, definition, input) => {
      const { conversation } = (await definition.complete(context, input)) as { conversation: { generated_responses: string[] } };
      return { generated_text: conversation.generated_responses.at(-1), conversation };
    },
  },
  summarization: { input: asTask, answer: listed },
  translation: { input: asTask, answer: listed },
  'question-answering': { input: asTask, answer: output() },
  'text-classification': { input: asTask, answer: listed },
  'token-classification': { input: asTask, answer: output() },
  // feature-extraction: options sit at the root, and the answer is always a list of vectors.
  embedding: {
    input: (body, model) => ({ inputs: body.inputs, model, parameters: body.dimensions === undefined ? {} : { dimensions: body.dimensions } }),
    answer: output((value) => (Array.isArray(value) && typeof value[0] === 'number' ? [value] : value)),
  },
  'image-generation': {
    input: asTask,
    binary: true,
    answer: async (context, reply, definition, input) => {
      const { data, contentType } = await definition.binary!(context, input);
      return reply.type(contentType).send(data);
    },
  },
};
