"""The retry policy, the same as gatewayz-js-hf's and openai-python's.

A failed attempt is retried on a connection error or timeout and on 408, 409, 429 and 5xx, for
every method: the gateway bills only calls that succeed, so retrying an inference POST cannot
double-charge. A stream is retried only before its first byte. The wait honours ``Retry-After``
(seconds or an HTTP date), then ``X-RateLimit-Reset`` (epoch seconds), up to 60 s; otherwise
exponential backoff from 0.5 s (doubling, capped at 8 s) with up to 25 % jitter taken off.
"""

from __future__ import annotations

import random
import time
from email.utils import parsedate_to_datetime
from typing import Mapping

DEFAULT_MAX_RETRIES = 2
_INITIAL_DELAY = 0.5
_MAX_DELAY = 8.0
_MAX_SERVER_DELAY = 60.0


def is_retryable_status(status: int) -> bool:
    return status in (408, 409, 429) or status >= 500


def requested_delay(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """The wait the server asked for, in seconds; None when neither header parses."""
    now = time.time() if now is None else now
    retry_after = (headers.get("retry-after") or "").strip()
    if retry_after:
        try:
            return max(0.0, float(retry_after))
        except ValueError:
            try:
                return max(0.0, parsedate_to_datetime(retry_after).timestamp() - now)
            except (TypeError, ValueError):
                pass
    reset = (headers.get("x-ratelimit-reset") or "").strip()
    if reset:
        try:
            return max(0.0, float(reset) - now)
        except ValueError:
            return None
    return None


def retry_delay(retry: int, headers: Mapping[str, str] | None) -> float:
    """The wait before retry number ``retry`` (0 for the first)."""
    requested = requested_delay(headers) if headers is not None else None
    if requested is not None and requested <= _MAX_SERVER_DELAY:
        return requested
    backoff: float = min(_INITIAL_DELAY * 2.0**retry, _MAX_DELAY)
    return backoff * (1 - 0.25 * random.random())
