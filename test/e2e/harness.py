"""Shared plumbing for the client scripts: arguments, a sealed environment, one JSON report.

Each script runs every call of one real client against a listening gateway and prints ONE JSON
object, {call name: parsed result}. A failing call is recorded as {"error": "<Class>: <message>"}
so one gateway bug does not hide the rest; the vitest suites assert on the report.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import shutil
import sys
import tempfile
import traceback
from typing import Any, Callable

# Set before any client is imported: constants are read at import time. HF_HUB_OFFLINE cannot be
# used (its request hook blocks loopback too), so instead: no saved token is ever sent, the Hub
# endpoint is a dead loopback port, and the cache is a throwaway folder.
os.environ["HF_HUB_DISABLE_IMPLICIT_TOKEN"] = "1"
os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"
os.environ["HF_ENDPOINT"] = "http://127.0.0.1:9"
_hf_home = tempfile.mkdtemp(prefix="gatewayz-e2e-hf-")
atexit.register(shutil.rmtree, _hf_home, ignore_errors=True)
os.environ["HF_HOME"] = _hf_home
os.environ.pop("HF_TOKEN", None)
os.environ.pop("OPENAI_API_KEY", None)
os.environ.pop("OPENAI_BASE_URL", None)


def parse_arguments(description: str) -> tuple[str, str]:
    """The gateway URL and API key, from argv or GATEWAYZ_URL / GATEWAYZ_API_KEY."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--url", default=os.environ.get("GATEWAYZ_URL"), help="gateway origin, e.g. http://127.0.0.1:8080")
    parser.add_argument("--api-key", default=os.environ.get("GATEWAYZ_API_KEY"), help="a Gatewayz key with inference scope")
    arguments = parser.parse_args()
    if not arguments.url or not arguments.api_key:
        parser.error("--url and --api-key (or GATEWAYZ_URL and GATEWAYZ_API_KEY) are required")
    return arguments.url.rstrip("/"), arguments.api_key


class Report:
    """Collects one entry per call; `run` never raises."""

    def __init__(self) -> None:
        self.results: dict[str, Any] = {}

    def run(self, name: str, call: Callable[[], Any]) -> None:
        try:
            self.results[name] = call()
        except Exception as error:  # noqa: BLE001 — every failure is data for the test
            self.results[name] = {
                "error": f"{type(error).__name__}: {error}",
                "where": traceback.format_exc(limit=-3).strip().splitlines()[-4:],
            }

    def print(self) -> None:
        json.dump(self.results, sys.stdout, default=str)
        sys.stdout.write("\n")
        sys.stdout.flush()


def class_name(value: object) -> str:
    return type(value).__name__


def describe_png(data: bytes) -> dict[str, Any]:
    """What a user would check about an image: that PIL opens it, its format, size and mode."""
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(data))
    image.load()
    return {"class": class_name(image), "format": image.format, "size": list(image.size), "mode": image.mode, "png_signature": data[:8] == b"\x89PNG\r\n\x1a\n"}
