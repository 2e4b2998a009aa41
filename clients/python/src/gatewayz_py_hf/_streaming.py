"""Task streams: server-sent events read into TaskStreamEvent dicts. Both kinds close their
response when the stream ends, fails, or is left early: ``with`` / ``async with`` (or ``close()``)
make that immediate; a plain ``for`` loop that breaks closes it when the loop drops the iterator."""

from __future__ import annotations

import json
from typing import AsyncIterable, AsyncIterator, Awaitable, Callable, Iterable, Iterator

import httpx

from ._base import stream_error
from ._errors import GatewayzError
from ._types import TaskStreamEvent


class _ServerSentData:
    """Joins `data:` lines into payloads; a blank line dispatches (the WHATWG rules we need)."""

    def __init__(self) -> None:
        self._data: list[str] = []

    def feed(self, line: str) -> str | None:
        if line == "":
            payload = "\n".join(self._data) if self._data else None
            self._data = []
            return payload
        if line.startswith("data:"):
            self._data.append(line[6:] if line.startswith("data: ") else line[5:])
        return None


class _StreamState:
    def __init__(self) -> None:
        #: The call's cost in nano-USD, from the final event's usage.
        self.cost_nano_usd: int | None = None
        self.inference_id: str | None = None
        self._started = False

    def _start(self) -> None:
        if self._started:
            raise GatewayzError("A stream can be iterated once")
        self._started = True

    def _event(self, data: str) -> TaskStreamEvent | None:
        if data == "[DONE]":
            return None
        event = json.loads(data)
        if isinstance(event.get("error"), str):
            raise stream_error(event, self.inference_id)
        usage = event.get("usage")
        if isinstance(usage, dict) and isinstance(usage.get("cost_nano_usd"), int):
            self.cost_nano_usd = usage["cost_nano_usd"]
        return event  # type: ignore[no-any-return]


class Stream(_StreamState, Iterable[TaskStreamEvent]):
    """``for event in stream``; the request is sent when iteration starts."""

    def __init__(self, open_response: Callable[[], httpx.Response]) -> None:
        super().__init__()
        self._open = open_response
        self._response: httpx.Response | None = None

    def __iter__(self) -> Iterator[TaskStreamEvent]:
        self._start()
        self._response = response = self._open()
        self.inference_id = response.headers.get("inference-id")
        parser = _ServerSentData()
        try:
            for line in response.iter_lines():
                data = parser.feed(line)
                if data is None:
                    continue
                event = self._event(data)
                if event is None:
                    return
                yield event
        finally:
            response.close()

    def text(self) -> str:
        """Reads the stream to its end and returns the generated text."""
        return "".join(event["token"]["text"] for event in self if not event["token"]["special"])

    def close(self) -> None:
        if self._response is not None:
            self._response.close()

    def __enter__(self) -> Stream:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


class AsyncStream(_StreamState, AsyncIterable[TaskStreamEvent]):
    """``async for event in stream``; the request is sent when iteration starts."""

    def __init__(self, open_response: Callable[[], Awaitable[httpx.Response]]) -> None:
        super().__init__()
        self._open = open_response
        self._response: httpx.Response | None = None

    async def __aiter__(self) -> AsyncIterator[TaskStreamEvent]:
        self._start()
        self._response = response = await self._open()
        self.inference_id = response.headers.get("inference-id")
        parser = _ServerSentData()
        try:
            async for line in response.aiter_lines():
                data = parser.feed(line)
                if data is None:
                    continue
                event = self._event(data)
                if event is None:
                    return
                yield event
        finally:
            await response.aclose()

    async def text(self) -> str:
        """Reads the stream to its end and returns the generated text."""
        return "".join([event["token"]["text"] async for event in self if not event["token"]["special"]])

    async def aclose(self) -> None:
        if self._response is not None:
            await self._response.aclose()

    async def __aenter__(self) -> AsyncStream:
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.aclose()
