#!/usr/bin/env bash
# Creates (or refreshes) .venv-schemathesis with schemathesis from test/schemathesis/requirements.txt,
# exactly pinned, in a venv of its own so its dependency tree cannot move the real clients' pins.
# Idempotent (hash-stamped, see scripts/python-env.sh); prints the path of its `schemathesis`.
# A failed install exits non-zero, so under CI=true the run fails rather than skips the fuzzing.
set -euo pipefail
cd "$(dirname "$0")/.."
exec bash scripts/python-env.sh test/schemathesis/requirements.txt .venv-schemathesis schemathesis
