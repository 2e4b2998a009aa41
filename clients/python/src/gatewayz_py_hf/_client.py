"""GatewayzClient: the synchronous client (AsyncGatewayzClient in _async_client.py mirrors it)."""

from __future__ import annotations

import time
from typing import Any, Mapping, Sequence

import httpx

from . import _types as t
from ._base import DEFAULT_TIMEOUT, BaseClient, Call, R, error_from, result_of
from ._errors import APIConnectionError, APITimeoutError, GatewayzError
from ._retry import DEFAULT_MAX_RETRIES, is_retryable_status, retry_delay
from ._streaming import Stream


class GatewayzClient(BaseClient):
    """The Gatewayz task API, synchronously. Use it as a context manager, or call ``close()``.

    ``api_key`` defaults to ``GATEWAYZ_API_KEY``; ``base_url`` to ``GATEWAYZ_BASE_URL``, else
    ``http://localhost:8080``. ``http_client`` lets you bring your own ``httpx.Client``.
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        headers: Mapping[str, str] | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        super().__init__(api_key=api_key, base_url=base_url, timeout=timeout, max_retries=max_retries, headers=headers)
        self._http = http_client or httpx.Client()

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> GatewayzClient:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # Tasks

    def text_generation(self, *, inputs: str, model: str | None = None, parameters: t.GenerationParameters | None = None) -> t.TextGenerationResponse:
        return self._call(self._text_generation(inputs, model, parameters, False))

    def text_generation_stream(self, *, inputs: str, model: str | None = None, parameters: t.GenerationParameters | None = None) -> Stream:
        return self._stream(self._text_generation(inputs, model, parameters, True))

    def conversational(
        self,
        *,
        text: str,
        past_user_inputs: Sequence[str] | None = None,
        generated_responses: Sequence[str] | None = None,
        model: str | None = None,
        parameters: t.GenerationParameters | None = None,
    ) -> t.ConversationalResponse:
        return self._call(self._conversational(text, past_user_inputs, generated_responses, model, parameters, False))

    def conversational_stream(
        self,
        *,
        text: str,
        past_user_inputs: Sequence[str] | None = None,
        generated_responses: Sequence[str] | None = None,
        model: str | None = None,
        parameters: t.GenerationParameters | None = None,
    ) -> Stream:
        return self._stream(self._conversational(text, past_user_inputs, generated_responses, model, parameters, True))

    def summarization(self, *, inputs: str, model: str | None = None, parameters: t.GenerationParameters | None = None) -> t.SummarizationResponse:
        return self._call(self._task("summarization", t.SummarizationResponse, inputs=inputs, model=model, parameters=parameters))

    def translation(self, *, inputs: str, model: str | None = None, parameters: t.TranslationParameters | None = None) -> t.TranslationResponse:
        return self._call(self._task("translation", t.TranslationResponse, inputs=inputs, model=model, parameters=parameters))

    def question_answering(
        self, *, inputs: t.QuestionAnsweringInputs, model: str | None = None, parameters: t.GenerationParameters | None = None
    ) -> t.QuestionAnsweringResponse:
        return self._call(self._task("question-answering", t.QuestionAnsweringResponse, inputs=inputs, model=model, parameters=parameters))

    def text_classification(
        self, *, inputs: str, model: str | None = None, parameters: t.TextClassificationParameters | None = None
    ) -> t.TextClassificationResponse:
        return self._call(self._task("text-classification", t.TextClassificationResponse, inputs=inputs, model=model, parameters=parameters))

    def token_classification(
        self, *, inputs: str, model: str | None = None, parameters: t.TokenClassificationParameters | None = None
    ) -> t.TokenClassificationResponse:
        return self._call(self._task("token-classification", t.TokenClassificationResponse, inputs=inputs, model=model, parameters=parameters))

    def image_generation(
        self, *, inputs: str, model: str | None = None, parameters: t.ImageGenerationParameters | None = None
    ) -> t.ImageGenerationResponse:
        return self._call(self._task("image-generation", t.ImageGenerationResponse, inputs=inputs, model=model, parameters=parameters))

    def embedding(self, *, inputs: str | Sequence[str], model: str | None = None, parameters: t.EmbeddingParameters | None = None) -> t.EmbeddingResponse:
        body_inputs = inputs if isinstance(inputs, str) else list(inputs)
        return self._call(self._task("embedding", t.EmbeddingResponse, inputs=body_inputs, model=model, parameters=parameters))

    def run(self, *, task: t.TaskType, inputs: Any, model: str | None = None, parameters: Mapping[str, Any] | None = None) -> t.RunResponse:
        return self._call(self._run(task, inputs, model, parameters, False))

    def run_stream(self, *, task: t.TaskType, inputs: Any, model: str | None = None, parameters: Mapping[str, Any] | None = None) -> Stream:
        return self._stream(self._run(task, inputs, model, parameters, True))

    # Models and billing

    def list_models(self, *, task_type: t.TaskType | None = None) -> t.ModelList:
        return self._call(self._list_models(task_type))

    def map_model(
        self, *, provider_model_id: str, hub_model_id: str, task_type: t.TaskType, parameters: t.MappingParameters | None = None
    ) -> t.MapModelResponse:
        return self._call(self._map_model(provider_model_id, hub_model_id, task_type, parameters))

    def calculate_cost(self, requests: Sequence[t.CostRequest]) -> t.CostResponse:
        return self._call(self._calculate_cost(requests))

    def get_usage(
        self,
        *,
        limit: int | None = None,
        offset: int | None = None,
        from_: str | None = None,
        to: str | None = None,
        model: str | None = None,
        task: str | None = None,
        provider: str | None = None,
        status: str | None = None,
    ) -> t.UsageResponse:
        query = self._usage_query(limit=limit, offset=offset, to=to, model=model, task=task, provider=provider, status=status, **{"from": from_})
        return self._call(Call("GET", "/hf/tasks/billing/usage", t.UsageResponse, query=query))

    def get_usage_csv(
        self,
        *,
        limit: int | None = None,
        offset: int | None = None,
        from_: str | None = None,
        to: str | None = None,
        model: str | None = None,
        task: str | None = None,
        provider: str | None = None,
        status: str | None = None,
    ) -> str:
        query = self._usage_query(limit=limit, offset=offset, to=to, model=model, task=task, provider=provider, status=status, format="csv", **{"from": from_})
        response = self._send(Call("GET", "/hf/tasks/billing/usage", str, query=query), accept="text/csv")
        try:
            response.read()
            return response.text
        finally:
            response.close()

    # Sending

    def _call(self, call: Call[R]) -> R:
        response = self._send(call, accept="application/json")
        try:
            response.read()
        except httpx.TransportError as error:
            raise APIConnectionError(f"The response ended before its body was read: {error}", status=response.status_code) from error
        finally:
            response.close()
        return result_of(call, response)

    def _stream(self, call: Call[Any]) -> Stream:
        return Stream(lambda: self._send(call, accept="text/event-stream"))

    def _send(self, call: Call[Any], *, accept: str) -> httpx.Response:
        """A 2xx response with its body unread (the caller closes it), after the retry policy."""
        for retry in range(self.max_retries + 1):
            last = retry == self.max_retries
            request = self._http.build_request(
                call.method, self._url(call.path), json=call.body, params=call.query, headers=self._request_headers(accept), timeout=self.timeout
            )
            try:
                response = self._http.send(request, stream=True)
            except httpx.TimeoutException as error:
                failure: GatewayzError = APITimeoutError(f"No response within {self.timeout} s")
                failure.__cause__ = error
            except httpx.TransportError as error:
                failure = APIConnectionError(f"Could not reach the gateway at {self.base_url}: {error}")
                failure.__cause__ = error
            else:
                if response.is_success:
                    return response
                if last or not is_retryable_status(response.status_code):
                    response.read()
                    response.close()
                    raise error_from(response)
                response.close()
                time.sleep(retry_delay(retry, response.headers))
                continue
            if last:
                raise failure
            time.sleep(retry_delay(retry, None))
        raise AssertionError("unreachable")
