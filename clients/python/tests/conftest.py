"""Integration tests need a live gateway: clients/python/tests/python-client.test.ts (vitest) starts one
and runs pytest with GATEWAYZ_BASE_URL, GATEWAYZ_API_KEY and GATEWAYZ_ADMIN_KEY set. Without them the
integration tests skip, except under CI=true, where they fail."""

from __future__ import annotations

import os

import pytest


@pytest.fixture
def gateway() -> dict[str, str]:
    names = ("GATEWAYZ_BASE_URL", "GATEWAYZ_API_KEY", "GATEWAYZ_ADMIN_KEY")
    missing = [name for name in names if not os.environ.get(name)]
    if missing:
        message = f"no live gateway: {', '.join(missing)} unset (run through clients/python/tests/python-client.test.ts)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return {"url": os.environ["GATEWAYZ_BASE_URL"], "key": os.environ["GATEWAYZ_API_KEY"], "admin": os.environ["GATEWAYZ_ADMIN_KEY"]}
