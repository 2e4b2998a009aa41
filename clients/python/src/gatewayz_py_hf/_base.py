"""What the sync and async clients share: configuration, how each method's request is built,
how a response becomes a result or an exception, and the retry decisions."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any, Generic, Mapping, Sequence, TypeVar

import httpx

from . import _types as t
from ._errors import BadRequestError, GatewayzError, RateLimitError, UpstreamError, error_class_for
from ._retry import DEFAULT_MAX_RETRIES, requested_delay

DEFAULT_BASE_URL = "http://localhost:8080"
DEFAULT_TIMEOUT = 60.0
R = TypeVar("R")


@dataclass(frozen=True)
class Call(Generic[R]):
    """One method's request and the type its JSON answer decodes to."""

    method: str
    path: str
    result: type[R]
    body: Mapping[str, Any] | None = None
    query: Mapping[str, str | int] | None = None


def _drop_none(values: Mapping[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in values.items() if value is not None}


class BaseClient:
    """Configuration and request building; subclasses send (sync or async)."""

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        key = api_key or os.environ.get("GATEWAYZ_API_KEY")
        if not key:
            raise GatewayzError("No API key: pass api_key= or set GATEWAYZ_API_KEY")
        self.api_key = key
        self.base_url = (base_url or os.environ.get("GATEWAYZ_BASE_URL") or DEFAULT_BASE_URL).rstrip("/")
        self.timeout = timeout
        self.max_retries = max_retries
        self._headers = {**(headers or {}), "authorization": f"Bearer {key}"}

    # Each method's request, built once for both clients.
    @staticmethod
    def _text_generation(inputs: str, model: str | None, parameters: t.GenerationParameters | None, stream: bool) -> Call[t.TextGenerationResponse]:
        body = _drop_none({"inputs": inputs, "model": model, "parameters": parameters, "stream": stream or None})
        return Call("POST", "/hf/tasks/text-generation", t.TextGenerationResponse, body)

    @staticmethod
    def _conversational(
        text: str, past_user_inputs: Sequence[str] | None, generated_responses: Sequence[str] | None, model: str | None, parameters: t.GenerationParameters | None, stream: bool
    ) -> Call[t.ConversationalResponse]:
        body = _drop_none(
            {
                "text": text,
                "past_user_inputs": None if past_user_inputs is None else list(past_user_inputs),
                "generated_responses": None if generated_responses is None else list(generated_responses),
                "model": model,
                "parameters": parameters,
                "stream": stream or None,
            }
        )
        return Call("POST", "/hf/tasks/conversational", t.ConversationalResponse, body)

    @staticmethod
    def _task(path: str, result: type[R], **body: Any) -> Call[R]:
        return Call("POST", f"/hf/tasks/{path}", result, _drop_none(body))

    @staticmethod
    def _run(task: t.TaskType, inputs: Any, model: str | None, parameters: Mapping[str, Any] | None, stream: bool) -> Call[t.RunResponse]:
        body = _drop_none({"task": task, "inputs": inputs, "model": model, "parameters": parameters, "stream": stream or None})
        return Call("POST", "/hf/tasks/run", t.RunResponse, body)

    @staticmethod
    def _list_models(task_type: t.TaskType | None) -> Call[t.ModelList]:
        return Call("GET", "/hf/tasks/models", t.ModelList, query=_drop_none({"task_type": task_type}))

    @staticmethod
    def _map_model(provider_model_id: str, hub_model_id: str, task_type: t.TaskType, parameters: t.MappingParameters | None) -> Call[t.MapModelResponse]:
        body = _drop_none({"provider_model_id": provider_model_id, "hub_model_id": hub_model_id, "task_type": task_type, "parameters": parameters})
        return Call("POST", "/hf/tasks/models/map", t.MapModelResponse, body)

    @staticmethod
    def _calculate_cost(requests: Sequence[t.CostRequest]) -> Call[t.CostResponse]:
        return Call("POST", "/hf/tasks/billing/cost", t.CostResponse, {"requests": list(requests)})

    @staticmethod
    def _usage_query(**filters: str | int | None) -> dict[str, str | int]:
        return _drop_none(filters)

    def _url(self, path: str) -> str:
        return self.base_url + path

    def _request_headers(self, accept: str) -> dict[str, str]:
        return {"accept": accept, **self._headers}


def result_of(call: Call[R], response: httpx.Response) -> R:
    """The decoded body, with the cost and Inference-Id headers."""
    cost = response.headers.get("x-gatewayz-cost-nano-usd")
    return t.decode(
        call.result,
        response.json(),
        cost_nano_usd=int(cost) if cost is not None and cost.isdigit() else None,
        inference_id=response.headers.get("inference-id"),
    )


def error_from(response: httpx.Response) -> GatewayzError:
    """The typed exception for an error response (its body must have been read)."""
    body: dict[str, Any] = {}
    try:
        parsed = json.loads(response.content)
        if isinstance(parsed, dict):
            body = parsed
    except ValueError:
        pass  # not JSON (a proxy's HTML page): the status alone classifies it
    summary = body.get("error") if isinstance(body.get("error"), str) else f"HTTP {response.status_code}"
    message = body.get("message")
    text = f"{summary}: {message}" if isinstance(message, str) and message not in str(summary) else str(summary)
    details: dict[str, Any] = {
        "status": response.status_code,
        "error_type": body.get("error_type") if isinstance(body.get("error_type"), str) else None,
        "inference_id": response.headers.get("inference-id"),
        "body": body,
        "headers": dict(response.headers),
    }
    cls = error_class_for(response.status_code)
    if cls is RateLimitError:
        return RateLimitError(text, retry_after=requested_delay(response.headers), **details)
    return cls(text, **details)


def stream_error(event: Mapping[str, Any], inference_id: str | None) -> GatewayzError:
    """An error event inside a 200 stream: the upstream failed mid-answer."""
    cls = BadRequestError if event.get("error_type") == "InvalidRequest" else UpstreamError
    message = event.get("message")
    return cls(
        f"{event.get('error')}{': ' + message if isinstance(message, str) else ''}",
        error_type=event.get("error_type") if isinstance(event.get("error_type"), str) else None,
        inference_id=inference_id,
        body=dict(event),
    )
