"""402 and 429 against a real HTTP server on 127.0.0.1 answering exactly the documented shapes
(the shared contract's headers and ``{error, error_type, message, ...facts}`` bodies). A faithful
fake of the documented wire contract, not of this client; it stands in for the gateway until its
credits and rate limits land, when these cases can move to the live-gateway suite."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator

import pytest

from gatewayz_py_hf import GatewayzClient, InsufficientCreditsError, RateLimitError

SEEN: list[tuple[str, float]] = []


class _Gateway(BaseHTTPRequestHandler):
    limited_once = False

    def log_message(self, *_: object) -> None:
        pass

    def _send(self, status: int, body: object, headers: dict[str, str] | None = None) -> None:
        payload = json.dumps(body).encode()
        self.send_response(status)
        for name, value in {"content-type": "application/json", "inference-id": "00000000-0000-4000-8000-000000000001", **(headers or {})}.items():
            self.send_header(name, value)
        self.send_header("content-length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("content-length") or 0))
        SEEN.append((self.path, time.monotonic()))
        if self.path == "/hf/tasks/summarization":
            return self._send(402, {"error": "Insufficient credits", "error_type": "InsufficientCredits", "message": "The balance cannot cover this call", "limit": "balance", "available_nano_usd": 1000, "required_nano_usd": 125000})
        if self.path == "/hf/tasks/text-generation" and not _Gateway.limited_once:
            _Gateway.limited_once = True
            limits = {"retry-after": "1", "x-ratelimit-limit": "1", "x-ratelimit-remaining": "0", "x-ratelimit-reset": str(int(time.time()) + 1)}
            return self._send(429, {"error": "Rate limited", "error_type": "RateLimited", "message": "Too many requests", "limit_level": "key", "limit_kind": "requests"}, limits)
        if self.path == "/hf/tasks/text-generation":
            return self._send(200, {"output": [{"generated_text": "ok"}]}, {"x-gatewayz-cost-nano-usd": "42"})
        self._send(429, {"error": "Rate limited", "error_type": "RateLimited", "message": "Global limit", "limit_level": "global", "limit_kind": "tokens"}, {"retry-after": "0"})


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_429_is_honoured_then_the_call_succeeds_with_its_cost(base_url: str) -> None:
    with GatewayzClient(api_key="k", base_url=base_url) as client:
        result = client.text_generation(inputs="x")
    attempts = [at for path, at in SEEN if path == "/hf/tasks/text-generation"]
    assert len(attempts) == 2 and attempts[1] - attempts[0] >= 0.95
    assert result.output[0].generated_text == "ok" and result.cost_nano_usd == 42


def test_a_429_past_the_retries_raises_with_the_limit_facts(base_url: str) -> None:
    with GatewayzClient(api_key="k", base_url=base_url, max_retries=1) as client, pytest.raises(RateLimitError) as raised:
        client.embedding(inputs="x")
    error = raised.value
    assert (error.status, error.error_type, error.limit_level, error.limit_kind, error.retry_after) == (429, "RateLimited", "global", "tokens", 0.0)
    assert len([path for path, _ in SEEN if path == "/hf/tasks/embedding"]) == 2


def test_a_402_raises_with_the_balance_facts_without_retrying(base_url: str) -> None:
    with GatewayzClient(api_key="k", base_url=base_url) as client, pytest.raises(InsufficientCreditsError) as raised:
        client.summarization(inputs="x")
    error = raised.value
    assert (error.status, error.limit, error.available_nano_usd, error.required_nano_usd) == (402, "balance", 1000, 125000)
    assert error.inference_id == "00000000-0000-4000-8000-000000000001"
    assert len([path for path, _ in SEEN if path == "/hf/tasks/summarization"]) == 1
