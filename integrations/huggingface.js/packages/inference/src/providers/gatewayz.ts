/**
 * See the registered mapping of HF model ID => Gatewayz model ID here:
 *
 * https://huggingface.co/api/partners/gatewayz/models
 *
 * This is a publicly available mapping.
 *
 * If you want to try to run inference for a new model locally before it's registered on huggingface.co,
 * you can add it to the dictionary "HARDCODED_MODEL_ID_MAPPING" in consts.ts, for dev purposes.
 *
 * - If you work at Gatewayz and want to update this mapping, please use the model mapping API we provide on huggingface.co
 * - If you're a community member and want to add a new supported HF model to Gatewayz, please open an issue on the present repo
 * and we will tag Gatewayz team members.
 *
 * Thanks!
 */
import type { FeatureExtractionOutput, TextGenerationInput, TextGenerationOutput, TextToImageInput } from "@huggingface/tasks";
import { InferenceClientProviderOutputError } from "../errors.js";
import type { BodyParams, OutputType, UrlParams } from "../types.js";
import { omit } from "../utils/omit.js";
import {
	BaseConversationalTask,
	TaskProviderHelper,
	type FeatureExtractionTaskHelper,
	type TextGenerationTaskHelper,
	type TextToImageTaskHelper,
} from "./providerHelper.js";

const GATEWAYZ_API_BASE_URL = "https://api.gatewayz.ai";

export class GatewayzConversationalTask extends BaseConversationalTask {
	constructor() {
		super("gatewayz", GATEWAYZ_API_BASE_URL);
	}
}

export class GatewayzTextGenerationTask extends TaskProviderHelper implements TextGenerationTaskHelper {
	constructor() {
		super("gatewayz", GATEWAYZ_API_BASE_URL);
	}

	// The model's TGI-compatible route, not /v1/completions: its stream events carry `token`, which textGenerationStream yields.
	makeRoute(params: UrlParams): string {
		return `models/${params.model}`;
	}

	preparePayload(params: BodyParams<TextGenerationInput>): Record<string, unknown> {
		return { ...params.args };
	}

	async getResponse(response: unknown): Promise<TextGenerationOutput> {
		const first: unknown = Array.isArray(response) ? response[0] : response;
		if (typeof first === "object" && first !== null && typeof (first as TextGenerationOutput).generated_text === "string") {
			return first as TextGenerationOutput;
		}
		throw new InferenceClientProviderOutputError("Received malformed response from Gatewayz text generation API");
	}
}

interface GatewayzImageGeneration {
	data: Array<{ b64_json?: string; url?: string }>;
}

export class GatewayzTextToImageTask extends TaskProviderHelper implements TextToImageTaskHelper {
	constructor() {
		super("gatewayz", GATEWAYZ_API_BASE_URL);
	}

	makeRoute(): string {
		return "v1/images/generations";
	}

	preparePayload(params: BodyParams<TextToImageInput>): Record<string, unknown> {
		const { width, height, ...parameters } = (params.args.parameters ?? {}) as Record<string, unknown>;
		return {
			...omit(params.args, ["inputs", "parameters"]),
			...parameters,
			// OpenAI's Images API takes the size as one "WxH" string.
			...(width !== undefined && height !== undefined ? { size: `${String(width)}x${String(height)}` } : {}),
			prompt: params.args.inputs,
			response_format: params.outputType === "url" ? "url" : "b64_json",
			model: params.model,
		};
	}

	async getResponse(
		response: GatewayzImageGeneration,
		url?: string,
		headers?: HeadersInit,
		outputType?: OutputType,
	): Promise<string | Blob | Record<string, unknown>> {
		const image = typeof response === "object" && Array.isArray(response?.data) ? response.data[0] : undefined;
		if (outputType === "json") {
			return { ...response };
		}
		if (outputType === "url" && typeof image?.url === "string") {
			return image.url;
		}
		if (typeof image?.b64_json === "string") {
			const dataUrl = `data:image/png;base64,${image.b64_json}`;
			return outputType === "dataUrl" ? dataUrl : await fetch(dataUrl).then((res) => res.blob());
		}
		throw new InferenceClientProviderOutputError("Received malformed response from Gatewayz text-to-image API");
	}
}

export class GatewayzFeatureExtractionTask extends TaskProviderHelper implements FeatureExtractionTaskHelper {
	constructor() {
		super("gatewayz", GATEWAYZ_API_BASE_URL);
	}

	makeRoute(): string {
		return "v1/embeddings";
	}

	preparePayload(params: BodyParams): Record<string, unknown> {
		return { input: params.args.inputs, model: params.model };
	}

	async getResponse(response: { data?: Array<{ embedding: number[] }> }): Promise<FeatureExtractionOutput> {
		if (Array.isArray(response?.data) && response.data.every((item) => Array.isArray(item?.embedding))) {
			return response.data.map((item) => item.embedding);
		}
		throw new InferenceClientProviderOutputError("Received malformed response from Gatewayz embeddings API");
	}
}
