import type { TaskType } from '../../contract/task-types.js';

/**
 * The Gatewayz envelope's `output` in the exact shape HF's clients parse on a model URL
 * (hf-provider-spec §5): summarization and translation are lists, text-classification a nested
 * list, feature-extraction always a list of vectors.
 */
export function toHfShape(task: TaskType, output: unknown): unknown {
  switch (task) {
    case 'summarization':
    case 'translation':
    case 'text-classification':
      return [output];
    case 'embedding':
      return Array.isArray(output) && typeof output[0] === 'number' ? [output] : output;
    default:
      return output;
  }
}

/** HF's request bodies, as the Gatewayz task inputs (feature-extraction options sit at the root). */
export function fromHfBody(task: TaskType, body: Record<string, unknown>, model: string): Record<string, unknown> {
  const parameters = typeof body.parameters === 'object' && body.parameters !== null ? (body.parameters as Record<string, unknown>) : {};
  if (task === 'embedding') {
    return { inputs: body.inputs, model, parameters: body.dimensions === undefined ? {} : { dimensions: body.dimensions } };
  }
  if (task === 'text-generation') {
    // TGI's default, which HF's clients expect on a model URL: the continuation only.
    return { inputs: body.inputs, model, stream: body.stream, parameters: { ...parameters, return_full_text: parameters.return_full_text ?? false } };
  }
  return { inputs: body.inputs, model, parameters };
}
