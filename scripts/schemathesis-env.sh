#!/usr/bin/env bash
# Creates (or refreshes) .venv-schemathesis with schemathesis from test/schemathesis/requirements.txt,
# exactly pinned. Idempotent and quiet: a no-op when the venv was built from the current requirements
# (their hash is kept in .venv-schemathesis/.requirements.sha256). Prints the path of the venv's
# `schemathesis` on stdout; everything else goes to stderr. PYTHON picks the interpreter (python3).
# A failed install exits non-zero (set -e), so under CI the run fails rather than skips the fuzzing.
set -euo pipefail
cd "$(dirname "$0")/.."

requirements=test/schemathesis/requirements.txt
venv=.venv-schemathesis
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$requirements" | cut -d' ' -f1)"

if [[ ! -x "$venv/bin/schemathesis" || ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  echo "schemathesis-env: building $venv from $requirements" >&2
  rm -rf "$venv"
  "${PYTHON:-python3}" -m venv "$venv" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$requirements" >&2
  # Written last, so an interrupted install is rebuilt on the next run.
  echo "$want" >"$stamp"
fi

echo "$PWD/$venv/bin/schemathesis"
