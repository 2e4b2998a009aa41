import { imageGenerationInputSchema, type ImageGenerationInput, type ImageGenerationOutput } from '../contract/media-tasks.js';
import type { ImageRequest } from '../providers/spec/index.js';
import { completeWithCandidates, resolveModel } from './complete-chat.js';
import type { TaskContext } from './task-context.js';
import type { TaskDefinition } from './task-definition.js';

/** The image as bytes; the HTTP layer sends them raw (Accept: image/*) or base64 in JSON. */
export async function generateImage(context: TaskContext, input: ImageGenerationInput) {
  const parameters = input.parameters ?? {};
  const resolved = resolveModel(context, 'image-generation', input.model ?? parameters.model);
  const request = (model: string): ImageRequest => ({
    model,
    prompt: input.inputs,
    ...(parameters.negative_prompt === undefined ? {} : { negativePrompt: parameters.negative_prompt }),
    ...(parameters.width === undefined ? {} : { width: parameters.width }),
    ...(parameters.height === undefined ? {} : { height: parameters.height }),
    ...(parameters.num_inference_steps === undefined ? {} : { steps: parameters.num_inference_steps }),
    ...(parameters.guidance_scale === undefined ? {} : { guidanceScale: parameters.guidance_scale }),
    ...(parameters.seed === undefined ? {} : { seed: parameters.seed }),
  });
  const { result } = await completeWithCandidates(context, 'image-generation', resolved, (candidate, signal) =>
    candidate.adapter.generateImage!(request(candidate.providerModel), { signal, requestId: context.inferenceId }),
  );
  return result.images[0]!;
}

export const imageGenerationTask: TaskDefinition<ImageGenerationInput, ImageGenerationOutput> = {
  task: 'image-generation',
  inputSchema: imageGenerationInputSchema,
  fromRun: (run) => ({ inputs: run.inputs, parameters: run.parameters, model: run.model }),
  async complete(context, input) {
    const image = await generateImage(context, input);
    return { output: { image: image.data.toString('base64'), content_type: image.mediaType } };
  },
  binary: async (context, input) => {
    const image = await generateImage(context, input);
    return { data: image.data, contentType: image.mediaType };
  },
};
