"""gatewayz-py-hf: the Gatewayz Hugging Face task API, sync (GatewayzClient) and async (AsyncGatewayzClient)."""

from ._async_client import AsyncGatewayzClient
from ._client import GatewayzClient
from ._errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    GatewayzError,
    InsufficientCreditsError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UpstreamError,
)
from ._retry import DEFAULT_MAX_RETRIES
from ._streaming import AsyncStream, Stream
from ._types import *  # noqa: F403  (the request and response types)

__version__ = "0.1.0"
__all__ = [
    "AsyncGatewayzClient",
    "GatewayzClient",
    "Stream",
    "AsyncStream",
    "DEFAULT_MAX_RETRIES",
    "GatewayzError",
    "APIError",
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "InsufficientCreditsError",
    "RateLimitError",
    "UpstreamError",
    "APIConnectionError",
    "APITimeoutError",
]
