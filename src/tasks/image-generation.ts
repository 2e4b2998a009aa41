import { imageGenerationInputSchema, imageGenerationOutputSchema, type ImageGenerationInput, type ImageGenerationOutput } from '../contract/media-tasks.js';
import type { ImageRequest } from '../providers/spec/index.js';
import type { CallContext } from '../routing/call-context.js';
import type { ImageCall } from '../routing/call.js';
import { execute } from '../routing/execute.js';
import type { TaskDefinition } from './task-definition.js';

/** A text-to-image call; `/v1/images/generations` builds its own with OpenAI's options. */
export function imageCall(modelName: string | undefined, options: Omit<ImageRequest, 'model'>): ImageCall {
  return { operation: 'image', task: 'image-generation', modelName, request: (target) => ({ ...options, model: target.providerModel }) };
}

/** The image as bytes; the HTTP layer sends them raw (Accept: image/*) or base64 in JSON. */
async function generateImage(context: CallContext, input: ImageGenerationInput) {
  const parameters = input.parameters ?? {};
  const options: Omit<ImageRequest, 'model'> = {
    prompt: input.inputs,
    ...(parameters.negative_prompt === undefined ? {} : { negativePrompt: parameters.negative_prompt }),
    ...(parameters.width === undefined ? {} : { width: parameters.width }),
    ...(parameters.height === undefined ? {} : { height: parameters.height }),
    ...(parameters.num_inference_steps === undefined ? {} : { steps: parameters.num_inference_steps }),
    ...(parameters.guidance_scale === undefined ? {} : { guidanceScale: parameters.guidance_scale }),
    ...(parameters.seed === undefined ? {} : { seed: parameters.seed }),
  };
  const { result } = await execute(context, imageCall(input.model ?? parameters.model, options));
  return result.images[0]!;
}

export const imageGenerationTask: TaskDefinition<ImageGenerationInput, ImageGenerationOutput> = {
  task: 'image-generation',
  summary: 'Generate an image from a prompt',
  description: 'JSON with the image in base64 by default; with `Accept: image/png` (or any image type) the raw bytes.',
  inputSchema: imageGenerationInputSchema,
  outputSchema: imageGenerationOutputSchema,
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
