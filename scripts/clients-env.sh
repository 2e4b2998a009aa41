#!/usr/bin/env bash
# Creates (or refreshes) .venv-clients with the real Python clients of the conformance suite
# (test/client-conformance.test.ts): test/clients/requirements.txt, exactly pinned, in a venv of its
# own so that they never move the end-to-end suites' .venv. Idempotent; prints the venv's python.
# A failed install exits non-zero, so .ci/run (set -e) fails the run.
set -euo pipefail
exec bash "$(dirname "$0")/python-env.sh" test/clients/requirements.txt .venv-clients
