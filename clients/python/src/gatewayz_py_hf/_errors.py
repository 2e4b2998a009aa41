"""One exception class per status family, mirroring gatewayz-js-hf's."""

from __future__ import annotations

from typing import Any, Literal, Mapping


class GatewayzError(Exception):
    """Base of every error: what the gateway said, the HTTP status, the request's Inference-Id."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        error_type: str | None = None,
        inference_id: str | None = None,
        body: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        #: The HTTP status; None when no response arrived.
        self.status = status
        #: The body's ``error_type`` (e.g. ``Unauthorized``, ``RateLimited``).
        self.error_type = error_type
        #: The ``Inference-Id`` header, to quote when reporting a problem.
        self.inference_id = inference_id
        #: The parsed ``{error, error_type, message, ...facts}`` body.
        self.body: Mapping[str, Any] = body or {}
        self.headers: Mapping[str, str] = headers or {}


class APIError(GatewayzError):
    """The response had an error status."""


class BadRequestError(APIError):
    """400 or 422: the request was refused as invalid."""


class AuthenticationError(APIError):
    """401: missing, unknown or revoked API key."""


class PermissionDeniedError(APIError):
    """403: the key lacks the scope the endpoint needs."""


class NotFoundError(APIError):
    """404: unknown model or route."""


class InsufficientCreditsError(APIError):
    """402: the balance or a key's spending limit cannot cover the call."""

    @property
    def limit(self) -> Literal["balance", "key_total", "key_daily"] | None:
        value = self.body.get("limit")
        return "balance" if value == "balance" else "key_total" if value == "key_total" else "key_daily" if value == "key_daily" else None

    @property
    def available_nano_usd(self) -> int | None:
        return _integer(self.body.get("available_nano_usd"))

    @property
    def required_nano_usd(self) -> int | None:
        return _integer(self.body.get("required_nano_usd"))


class RateLimitError(APIError):
    """429: a rate limit refused the call; ``retry_after`` (seconds) says when to try again."""

    def __init__(self, message: str, *, retry_after: float | None = None, **details: Any) -> None:
        super().__init__(message, **details)
        self.retry_after = retry_after

    @property
    def limit_level(self) -> Literal["key", "user", "global"] | None:
        value = self.body.get("limit_level")
        return "key" if value == "key" else "user" if value == "user" else "global" if value == "global" else None

    @property
    def limit_kind(self) -> Literal["requests", "tokens"] | None:
        value = self.body.get("limit_kind")
        return "requests" if value == "requests" else "tokens" if value == "tokens" else None

    @property
    def rate_limit(self) -> dict[str, float | None]:
        """``X-RateLimit-Limit``, ``-Remaining`` and ``-Reset`` (epoch seconds), when sent."""
        return {name: _number(self.headers.get(f"x-ratelimit-{name}")) for name in ("limit", "remaining", "reset")}


class UpstreamError(APIError):
    """5xx, or an error event inside a stream: the gateway or its provider failed."""


class APIConnectionError(GatewayzError):
    """No response: the connection failed (refused, reset, DNS)."""


class APITimeoutError(APIConnectionError):
    """No response within the client's ``timeout``."""


def error_class_for(status: int) -> type[APIError]:
    if status in (400, 422):
        return BadRequestError
    if status == 401:
        return AuthenticationError
    if status == 402:
        return InsufficientCreditsError
    if status == 403:
        return PermissionDeniedError
    if status == 404:
        return NotFoundError
    if status == 429:
        return RateLimitError
    if status >= 500:
        return UpstreamError
    return APIError


def _integer(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)
    return None


def _number(value: str | None) -> float | None:
    try:
        return float(value) if value is not None and value.strip() != "" else None
    except ValueError:
        return None
