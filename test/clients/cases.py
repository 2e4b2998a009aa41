"""What every Python client of the conformance suite is asked, and the result shape of each case.

The same cases and shapes as test/clients/cases.ts (read its comments); each script prints one JSON
report {case: result} through test/e2e/harness.py, and test/client-conformance.test.ts asserts it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, AsyncIterable, Awaitable, Callable, Iterable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "e2e"))

from harness import Report, parse_arguments  # noqa: E402  (sets the sealed HF environment first)

__all__ = ["Report", "parse_arguments", "refusal", "refusal_async", "is_png"]

CHAT_MODEL = "gpt-4o-mini"
HUB_CHAT_MODEL = "meta-llama/Llama-3.1-8B-Instruct"
EMBEDDING_MODEL = "text-embedding-3-small"
HUB_EMBEDDING_MODEL = "BAAI/bge-base-en-v1.5"
IMAGE_MODEL = "flux.1-schnell"
HUB_IMAGE_MODEL = "black-forest-labs/FLUX.1-schnell"
# No slash: openai-agents reads "org/" as a provider prefix and refuses before any request.
UNKNOWN_MODEL = "no-such-model"
HUB_UNKNOWN_MODEL = "no-such-org/no-such-model"
BAD_KEY = "gw_live_not-a-real-key-000000000000000000000"
INVALID_TEMPERATURE = 5

QUESTION = "Name one primary color."
WEATHER_QUESTION = "What is the weather in Paris? Use the get_weather tool."
WEATHER_RESULT = '{"city": "Paris", "forecast": "sunny", "celsius": 21}'
WEATHER_PARAMETERS: dict[str, Any] = {
    "type": "object",
    "properties": {"city": {"type": "string", "description": "The city name"}},
    "required": ["city"],
    "additionalProperties": False,
}
WEATHER_TOOL: dict[str, Any] = {"type": "function", "function": {"name": "get_weather", "description": "Current weather of a city", "parameters": WEATHER_PARAMETERS}}
CITY_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"city": {"type": "string"}, "population": {"type": "integer"}},
    "required": ["city", "population"],
    "additionalProperties": False,
}
CITY_QUESTION = "Give the largest city of France and its population as JSON."
CITY_FORMAT: dict[str, Any] = {"type": "json_schema", "json_schema": {"name": "city", "strict": True, "schema": CITY_SCHEMA}}


def _described(error: BaseException) -> dict[str, Any]:
    status = getattr(error, "status_code", None) or getattr(getattr(error, "response", None), "status_code", None) or getattr(error, "status", None)
    return {"raised": type(error).__name__, "status": status if isinstance(status, int) else None, "message": str(error)}


def refusal(call: Callable[[], Any]) -> dict[str, Any]:
    """Runs a call that must be refused and reports what the client's exception carried."""
    try:
        call()
    except Exception as error:  # noqa: BLE001 — the exception is the result
        return _described(error)
    return {"raised": None, "status": None, "message": "the call succeeded"}


async def refusal_async(call: Callable[[], Awaitable[Any]]) -> dict[str, Any]:
    try:
        await call()
    except Exception as error:  # noqa: BLE001
        return _described(error)
    return {"raised": None, "status": None, "message": "the call succeeded"}


def is_png(data: bytes) -> bool:
    return data[:8] == b"\x89PNG\r\n\x1a\n"


def arguments_of(raw: str | dict[str, Any]) -> Any:
    return json.loads(raw) if isinstance(raw, str) else raw


def _usage(usage: Any) -> dict[str, int] | None:
    return None if usage is None else {"prompt_tokens": usage.prompt_tokens, "completion_tokens": usage.completion_tokens}


def stream_result(chunks: Iterable[Any]) -> dict[str, Any]:
    """The stream case from OpenAI-shaped chat chunks (openai, huggingface_hub and litellm all yield them)."""
    text, count, usage = "", 0, None
    for chunk in chunks:
        count += 1
        if chunk.choices:
            text += chunk.choices[0].delta.content or ""
        usage = _usage(getattr(chunk, "usage", None)) or usage
    return {"text": text, "chunks": count, "usage": usage}


async def stream_result_async(chunks: AsyncIterable[Any]) -> dict[str, Any]:
    return stream_result([chunk async for chunk in chunks])


def tool_loop(complete: Callable[[list[Any]], Any], as_message: Callable[[Any], Any]) -> dict[str, Any]:
    """The tool round trip by hand: answer every get_weather call until the model answers text.

    `complete(messages)` returns the assistant message; `as_message` turns it back into a request message."""
    messages: list[Any] = [{"role": "user", "content": WEATHER_QUESTION}]
    calls = 0
    for _ in range(4):
        message = complete(messages)
        if not message.tool_calls:
            return {"text": message.content or "", "tool_calls": calls}
        messages.append(as_message(message))
        for call in message.tool_calls:
            calls += 1
            messages.append({"role": "tool", "tool_call_id": call.id, "content": WEATHER_RESULT})
    raise AssertionError(f"no text answer after 4 turns and {calls} tool calls")


def tool_call_result(message: Any) -> dict[str, Any]:
    call = message.tool_calls[0]
    return {"name": call.function.name, "arguments": arguments_of(call.function.arguments)}


def structured_result(message: Any) -> dict[str, Any]:
    return {"value": json.loads(message.content or "null")}
