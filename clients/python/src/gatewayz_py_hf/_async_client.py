"""AsyncGatewayzClient: GatewayzClient (_client.py) with every call awaited."""

from __future__ import annotations

import asyncio
from typing import Any, Mapping, Sequence

import httpx

from . import _types as t
from ._base import DEFAULT_TIMEOUT, BaseClient, Call, R, error_from, result_of
from ._errors import APIConnectionError, APITimeoutError, GatewayzError
from ._retry import DEFAULT_MAX_RETRIES, is_retryable_status, retry_delay
from ._streaming import AsyncStream


class AsyncGatewayzClient(BaseClient):
    """The Gatewayz task API, asynchronously. Use it with ``async with``, or call ``aclose()``.

    ``api_key`` defaults to ``GATEWAYZ_API_KEY``; ``base_url`` to ``GATEWAYZ_BASE_URL``, else
    ``http://localhost:8080``. ``http_client`` lets you bring your own ``httpx.AsyncClient``.
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        super().__init__(api_key=api_key, base_url=base_url, timeout=timeout, max_retries=max_retries, headers=headers)
        self._http = http_client or httpx.AsyncClient()

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> AsyncGatewayzClient:
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.aclose()

    # Tasks

    async def text_generation(self, *, inputs: str, model: str | None = None, parameters: t.GenerationParameters | None = None) -> t.TextGenerationResponse:
        return await self._call(self._text_generation(inputs, model, parameters, False))

    def text_generation_stream(self, *, inputs: str, model: str | None = None, parameters: t.GenerationParameters | None = None) -> AsyncStream:
        return self._stream(self._text_generation(inputs, model, parameters, True))

    async def conversational(
        self,
        *,
        text: str,
        past_user_inputs: Sequence[str] | None = None,
        generated_responses: Sequence[str] | None = None,
        model: str | None = None,
        parameters: t.GenerationParameters | None = None,
    ) -> t.ConversationalResponse:
        return await self._call(self._conversational(text, past_user_inputs, generated_responses, model, parameters, False))

    def conversational_stream(
        self,
        *,
        text: str,
        past_user_inputs: Sequence[str] | None = None,
        generated_responses: Sequence[str] | None = None,
        model: str | None = None,
        parameters: t.GenerationParameters | None = None,
    ) -> AsyncStream:
        return self._stream(self._conversational(text, past_user_inputs, generated_responses, model, parameters, True))

    async def summarization(self, *, inputs: str, model: str | None = None, parameters: t.GenerationParameters | None = None) -> t.SummarizationResponse:
        return await self._call(self._task("summarization", t.SummarizationResponse, inputs=inputs, model=model, parameters=parameters))

    async def translation(self, *, inputs: str, model: str | None = None, parameters: t.TranslationParameters | None = None) -> t.TranslationResponse:
        return await self._call(self._task("translation", t.TranslationResponse, inputs=inputs, model=model, parameters=parameters))

    async def question_answering(
        self, *, inputs: t.QuestionAnsweringInputs, model: str | None = None, parameters: t.GenerationParameters | None = None
    ) -> t.QuestionAnsweringResponse:
        return await self._call(self._task("question-answering", t.QuestionAnsweringResponse, inputs=inputs, model=model, parameters=parameters))

    async def text_classification(
        self, *, inputs: str, model: str | None = None, parameters: t.TextClassificationParameters | None = None
    ) -> t.TextClassificationResponse:
        return await self._call(self._task("text-classification", t.TextClassificationResponse, inputs=inputs, model=model, parameters=parameters))

    async def token_classification(
        self, *, inputs: str, model: str | None = None, parameters: t.TokenClassificationParameters | None = None
    ) -> t.TokenClassificationResponse:
        return await self._call(self._task("token-classification", t.TokenClassificationResponse, inputs=inputs, model=model, parameters=parameters))

    async def image_generation(
        self, *, inputs: str, model: str | None = None, parameters: t.ImageGenerationParameters | None = None
    ) -> t.ImageGenerationResponse:
        return await self._call(self._task("image-generation", t.ImageGenerationResponse, inputs=inputs, model=model, parameters=parameters))

    async def embedding(self, *, inputs: str | Sequence[str], model: str | None = None, parameters: t.EmbeddingParameters | None = None) -> t.EmbeddingResponse:
        body_inputs = inputs if isinstance(inputs, str) else list(inputs)
        return await self._call(self._task("embedding", t.EmbeddingResponse, inputs=body_inputs, model=model, parameters=parameters))

    async def run(self, *, task: t.TaskType, inputs: Any, model: str | None = None, parameters: Mapping[str, Any] | None = None) -> t.RunResponse:
        return await self._call(self._run(task, inputs, model, parameters, False))

    def run_stream(self, *, task: t.TaskType, inputs: Any, model: str | None = None, parameters: Mapping[str, Any] | None = None) -> AsyncStream:
        return self._stream(self._run(task, inputs, model, parameters, True))

    # Models and billing

    async def list_models(self, *, task_type: t.TaskType | None = None) -> t.ModelList:
        return await self._call(self._list_models(task_type))

    async def map_model(
        self, *, provider_model_id: str, hub_model_id: str, task_type: t.TaskType, parameters: t.MappingParameters | None = None
    ) -> t.MapModelResponse:
        return await self._call(self._map_model(provider_model_id, hub_model_id, task_type, parameters))

    async def calculate_cost(self, requests: Sequence[t.CostRequest]) -> t.CostResponse:
        return await self._call(self._calculate_cost(requests))

    async def get_usage(
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
        return await self._call(Call("GET", "/hf/tasks/billing/usage", t.UsageResponse, query=query))

    async def get_usage_csv(
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
        response = await self._send(Call("GET", "/hf/tasks/billing/usage", str, query=query), accept="text/csv")
        try:
            await response.aread()
            return response.text
        finally:
            await response.aclose()

    # Sending

    async def _call(self, call: Call[R]) -> R:
        response = await self._send(call, accept="application/json")
        try:
            await response.aread()
        except httpx.TransportError as error:
            raise APIConnectionError(f"The response ended before its body was read: {error}", status=response.status_code) from error
        finally:
            await response.aclose()
        return result_of(call, response)

    def _stream(self, call: Call[Any]) -> AsyncStream:
        return AsyncStream(lambda: self._send(call, accept="text/event-stream"))

    async def _send(self, call: Call[Any], *, accept: str) -> httpx.Response:
        """A 2xx response with its body unread (the caller closes it), after the retry policy."""
        for retry in range(self.max_retries + 1):
            last = retry == self.max_retries
            request = self._http.build_request(
                call.method, self._url(call.path), json=call.body, params=call.query, headers=self._request_headers(accept), timeout=self.timeout
            )
            try:
                response = await self._http.send(request, stream=True)
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
                    await response.aread()
                    await response.aclose()
                    raise error_from(response)
                await response.aclose()
                await asyncio.sleep(retry_delay(retry, response.headers))
                continue
            if last:
                raise failure
            await asyncio.sleep(retry_delay(retry, None))
        raise AssertionError("unreachable")
