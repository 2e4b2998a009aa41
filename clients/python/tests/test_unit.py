"""The clients against a mocked transport (respx): requests, results, error mapping, retries, streams."""

from __future__ import annotations

import json
import time
from typing import Any, Iterator

import httpx
import pytest
import respx

from gatewayz_py_hf import (
    APIConnectionError,
    APITimeoutError,
    AsyncGatewayzClient,
    AuthenticationError,
    BadRequestError,
    GatewayzClient,
    InsufficientCreditsError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    TextGenerationResponse,
    UpstreamError,
)

BASE = "http://gateway.test"


def error(status: int, error_type: str, headers: dict[str, str] | None = None, **facts: Any) -> httpx.Response:
    body = {"error": "Refused", "error_type": error_type, "message": "details", **facts}
    return httpx.Response(status, json=body, headers={"inference-id": "id-1", **(headers or {})})


@pytest.fixture
def client() -> Iterator[GatewayzClient]:
    with GatewayzClient(api_key="key-1", base_url=BASE + "/") as client:
        yield client


@respx.mock
def test_sends_key_and_body_and_decodes_a_typed_result_with_cost(client: GatewayzClient) -> None:
    route = respx.post(f"{BASE}/hf/tasks/text-generation").mock(
        return_value=httpx.Response(200, json={"output": [{"generated_text": "Hi"}]}, headers={"x-gatewayz-cost-nano-usd": "125000", "inference-id": "id-1"})
    )
    result = client.text_generation(inputs="Hello", model="gpt-3.5-turbo", parameters={"max_tokens": 5})
    assert isinstance(result, TextGenerationResponse)
    assert result.output[0].generated_text == "Hi"
    assert (result.cost_nano_usd, result.inference_id) == (125000, "id-1")
    sent = route.calls.last.request
    assert sent.headers["authorization"] == "Bearer key-1"
    assert json.loads(sent.content) == {"inputs": "Hello", "model": "gpt-3.5-turbo", "parameters": {"max_tokens": 5}}


@respx.mock
def test_usage_passes_limit_offset_and_every_filter(client: GatewayzClient) -> None:
    route = respx.get(f"{BASE}/hf/tasks/billing/usage").mock(return_value=httpx.Response(200, json={"records": [], "total_records": 0, "total_cost_nano_usd": 0}))
    client.get_usage(limit=50)
    client.get_usage(limit=5, offset=10, from_="2026-01-01T00:00:00Z", to="2026-02-01T00:00:00Z", model="m", task="embedding", provider="p", status="error")
    assert dict(route.calls[0].request.url.params) == {"limit": "50"}
    assert dict(route.calls[1].request.url.params) == {
        "limit": "5",
        "offset": "10",
        "from": "2026-01-01T00:00:00Z",
        "to": "2026-02-01T00:00:00Z",
        "model": "m",
        "task": "embedding",
        "provider": "p",
        "status": "error",
    }


@respx.mock
@pytest.mark.parametrize(
    ("status", "kind"),
    [(400, BadRequestError), (422, BadRequestError), (401, AuthenticationError), (403, PermissionDeniedError), (404, NotFoundError), (500, UpstreamError)],
)
def test_maps_each_status_to_its_exception(status: int, kind: type[Exception]) -> None:
    respx.post(f"{BASE}/hf/tasks/summarization").mock(return_value=error(status, "Some"))
    with GatewayzClient(api_key="k", base_url=BASE, max_retries=0) as client, pytest.raises(kind) as raised:
        client.summarization(inputs="x")
    assert (raised.value.status, raised.value.error_type, raised.value.inference_id) == (status, "Some", "id-1")  # type: ignore[attr-defined]
    assert str(raised.value) == "Refused: details"


@respx.mock
def test_402_carries_the_balance_facts_and_is_not_retried(client: GatewayzClient) -> None:
    route = respx.post(f"{BASE}/hf/tasks/embedding").mock(
        return_value=error(402, "InsufficientCredits", limit="key_total", available_nano_usd=10, required_nano_usd=125000)
    )
    with pytest.raises(InsufficientCreditsError) as raised:
        client.embedding(inputs="x")
    assert (raised.value.limit, raised.value.available_nano_usd, raised.value.required_nano_usd) == ("key_total", 10, 125000)
    assert route.call_count == 1


@respx.mock
def test_429_is_retried_after_retry_after_then_raised_with_the_limit_facts() -> None:
    headers = {"retry-after": "0.05", "x-ratelimit-limit": "10", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1700000000"}
    route = respx.post(f"{BASE}/hf/tasks/embedding").mock(return_value=error(429, "RateLimited", headers, limit_level="user", limit_kind="tokens"))
    started = time.monotonic()
    with GatewayzClient(api_key="k", base_url=BASE, max_retries=2) as client, pytest.raises(RateLimitError) as raised:
        client.embedding(inputs="x")
    assert route.call_count == 3
    assert time.monotonic() - started >= 0.095
    assert (raised.value.limit_level, raised.value.limit_kind, raised.value.retry_after) == ("user", "tokens", 0.05)
    assert raised.value.rate_limit == {"limit": 10.0, "remaining": 0.0, "reset": 1700000000.0}


@respx.mock
def test_retries_connection_errors_and_503_then_succeeds_but_never_a_400(client: GatewayzClient) -> None:
    route = respx.post(f"{BASE}/hf/tasks/summarization").mock(
        side_effect=[httpx.ConnectError("refused"), error(503, "Unavailable", {"retry-after": "0"}), httpx.Response(200, json={"output": {"summary_text": "s"}})]
    )
    assert client.summarization(inputs="x").output.summary_text == "s"
    assert route.call_count == 3
    refused = respx.post(f"{BASE}/hf/tasks/translation").mock(return_value=error(400, "InvalidRequest"))
    with pytest.raises(BadRequestError):
        client.translation(inputs="x")
    assert refused.call_count == 1


@respx.mock
def test_honours_x_ratelimit_reset_without_retry_after(client: GatewayzClient) -> None:
    reset = int(time.time()) + 1
    respx.post(f"{BASE}/hf/tasks/token-classification").mock(
        side_effect=[error(429, "RateLimited", {"x-ratelimit-reset": str(reset)}), httpx.Response(200, json={"output": []})]
    )
    assert client.token_classification(inputs="x").output == []
    assert time.time() >= reset - 0.01


@respx.mock
def test_timeouts_and_connection_failures_raise_once_retries_run_out() -> None:
    respx.get(f"{BASE}/hf/tasks/models").mock(side_effect=httpx.ReadTimeout("slow"))
    with GatewayzClient(api_key="k", base_url=BASE, max_retries=0) as client, pytest.raises(APITimeoutError):
        client.list_models()
    respx.get(f"{BASE}/hf/tasks/models").mock(side_effect=httpx.ConnectError("refused"))
    with GatewayzClient(api_key="k", base_url=BASE, max_retries=0) as client, pytest.raises(APIConnectionError):
        client.list_models()


class _Body(httpx.SyncByteStream):
    """An endless SSE body in 7-byte pieces that records being closed."""

    def __init__(self, events: list[str]) -> None:
        self.pieces = [piece.encode() for text in ["".join(events)] for piece in (text[i : i + 7] for i in range(0, len(text), 7))]
        self.closed = False

    def __iter__(self) -> Iterator[bytes]:
        yield from self.pieces
        while not self.closed:
            yield b": keep-alive\n"

    def close(self) -> None:
        self.closed = True


def event(index: int, text: str, **extra: Any) -> str:
    return "data: " + json.dumps({"index": index, "token": {"id": index, "text": text, "logprob": 0, "special": False}, "generated_text": None, "details": None, **extra}) + "\r\n\r\n"


@respx.mock
def test_a_stream_left_early_closes_its_response(client: GatewayzClient) -> None:
    body = _Body([event(1, "t1"), event(2, "t2"), event(3, "t3")])
    route = respx.post(f"{BASE}/hf/tasks/text-generation").mock(return_value=httpx.Response(200, stream=body))
    seen = []
    with client.text_generation_stream(inputs="x") as stream:
        for item in stream:
            seen.append(item["token"]["text"])
            if len(seen) == 2:
                break
    assert seen == ["t1", "t2"]
    assert body.closed
    assert json.loads(route.calls.last.request.content) == {"inputs": "x", "stream": True}


@respx.mock
def test_a_bare_loop_that_breaks_closes_the_response_too(client: GatewayzClient) -> None:
    body = _Body([event(1, "t1"), event(2, "t2")])
    respx.post(f"{BASE}/hf/tasks/text-generation").mock(return_value=httpx.Response(200, stream=body))
    for _ in client.text_generation_stream(inputs="x"):
        break
    assert body.closed  # the dropped iterator's finally ran (CPython frees it at once)


@respx.mock
def test_a_stream_reads_to_done_with_its_cost_and_raises_an_in_stream_error(client: GatewayzClient) -> None:
    final = "data: " + json.dumps({"index": 2, "token": {"id": 0, "text": "", "logprob": 0, "special": True}, "usage": {"input_tokens": 1, "output_tokens": 1, "cost_nano_usd": 77}}) + "\n\n"
    respx.post(f"{BASE}/hf/tasks/conversational").mock(return_value=httpx.Response(200, text=event(1, "ab") + final + "data: [DONE]\n\n"))
    stream = client.conversational_stream(text="hi")
    assert stream.text() == "ab"
    assert stream.cost_nano_usd == 77
    failing = 'data: {"error": "Upstream failed", "error_type": "UpstreamError", "message": "cut"}\n\n'
    respx.post(f"{BASE}/hf/tasks/text-generation").mock(return_value=httpx.Response(200, text=event(1, "a") + failing))
    with pytest.raises(UpstreamError):
        client.text_generation_stream(inputs="hi").text()


@respx.mock
def test_async_client_mirrors_the_sync_one() -> None:
    import asyncio

    async def main() -> None:
        respx.post(f"{BASE}/hf/tasks/billing/cost").mock(
            side_effect=[error(503, "Unavailable", {"retry-after": "0"}), httpx.Response(200, json={"total_cost_nano_usd": 5, "costs": [], "currency": "USD"})]
        )
        respx.post(f"{BASE}/hf/tasks/text-generation").mock(return_value=httpx.Response(200, text=event(1, "a") + event(2, "b") + "data: [DONE]\n\n"))
        respx.get(f"{BASE}/hf/tasks/models").mock(return_value=error(401, "Unauthorized"))
        async with AsyncGatewayzClient(api_key="k", base_url=BASE) as client:
            assert (await client.calculate_cost([{"task": "text-generation", "model": "m", "input_tokens": 1, "output_tokens": 1}])).total_cost_nano_usd == 5
            async with client.text_generation_stream(inputs="x") as stream:
                assert [item["token"]["text"] async for item in stream] == ["a", "b"]
            with pytest.raises(AuthenticationError):
                await client.list_models()

    asyncio.run(main())


def test_reads_key_and_base_url_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GATEWAYZ_API_KEY", "from-env")
    monkeypatch.setenv("GATEWAYZ_BASE_URL", "http://env.test:1234")
    assert GatewayzClient().base_url == "http://env.test:1234"
    monkeypatch.delenv("GATEWAYZ_BASE_URL")
    assert GatewayzClient().base_url == "http://localhost:8080"
    monkeypatch.delenv("GATEWAYZ_API_KEY")
    with pytest.raises(Exception, match="GATEWAYZ_API_KEY"):
        GatewayzClient()
