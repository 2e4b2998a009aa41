import base64
from typing import Any

from huggingface_hub.hf_api import InferenceProviderMapping
from huggingface_hub.inference._common import RequestParameters, _as_dict
from huggingface_hub.inference._providers._common import BaseConversationalTask, TaskProviderHelper, filter_none


_GATEWAYZ_API_BASE_URL = "https://api.gatewayz.ai"


class GatewayzConversationalTask(BaseConversationalTask):
    def __init__(self):
        super().__init__(provider="gatewayz", base_url=_GATEWAYZ_API_BASE_URL)


class GatewayzTextGenerationTask(TaskProviderHelper):
    def __init__(self):
        super().__init__(provider="gatewayz", base_url=_GATEWAYZ_API_BASE_URL, task="text-generation")

    def _prepare_route(self, mapped_model: str, api_key: str) -> str:
        # The model's TGI-compatible route, not /v1/completions: every stream event carries the `token` the client reads.
        return f"/models/{mapped_model}"

    def _prepare_payload_as_dict(
        self, inputs: Any, parameters: dict, provider_mapping_info: InferenceProviderMapping
    ) -> dict | None:
        return {"inputs": inputs, "parameters": filter_none(parameters)}


class GatewayzTextToImageTask(TaskProviderHelper):
    def __init__(self):
        super().__init__(provider="gatewayz", base_url=_GATEWAYZ_API_BASE_URL, task="text-to-image")

    def _prepare_route(self, mapped_model: str, api_key: str) -> str:
        return "/v1/images/generations"

    def _prepare_payload_as_dict(
        self, inputs: Any, parameters: dict, provider_mapping_info: InferenceProviderMapping
    ) -> dict | None:
        parameters = filter_none(parameters)
        width, height = parameters.pop("width", None), parameters.pop("height", None)
        if width is not None and height is not None:
            # OpenAI's Images API takes the size as one "WxH" string.
            parameters["size"] = f"{width}x{height}"
        return {"prompt": inputs, **parameters, "response_format": "b64_json", "model": provider_mapping_info.provider_id}

    def get_response(self, response: bytes | dict, request_params: RequestParameters | None = None) -> Any:
        return base64.b64decode(_as_dict(response)["data"][0]["b64_json"])


class GatewayzFeatureExtractionTask(TaskProviderHelper):
    def __init__(self):
        super().__init__(provider="gatewayz", base_url=_GATEWAYZ_API_BASE_URL, task="feature-extraction")

    def _prepare_route(self, mapped_model: str, api_key: str) -> str:
        return "/v1/embeddings"

    def _prepare_payload_as_dict(
        self, inputs: Any, parameters: dict, provider_mapping_info: InferenceProviderMapping
    ) -> dict | None:
        return {"input": inputs, "model": provider_mapping_info.provider_id}

    def get_response(self, response: bytes | dict, request_params: RequestParameters | None = None) -> Any:
        return [item["embedding"] for item in _as_dict(response)["data"]]
