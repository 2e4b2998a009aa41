#!/usr/bin/env bash
# Creates (or refreshes) clients/python/.venv: gatewayz-py-hf installed from clients/python (as a user
# would, `pip install ./clients/python`) plus clients/python/requirements-dev.txt (pytest, respx,
# mypy, build), exactly pinned. Idempotent: a no-op while the requirements and the package's
# sources hash the same as when it was built (its .sources.sha256). Prints the venv's
# python path on stdout; everything else goes to stderr. PYTHON picks the interpreter (python3).
set -euo pipefail
cd "$(dirname "$0")/.."

venv=clients/python/.venv
stamp="$venv/.sources.sha256"
want="$(find clients/python/pyproject.toml clients/python/requirements-dev.txt clients/python/src -type f ! -name '*.pyc' -print0 |
  sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)"

if [[ ! -x "$venv/bin/python" || ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  echo "client-python-env: building $venv from clients/python" >&2
  rm -rf "$venv"
  "${PYTHON:-python3}" -m venv "$venv" >&2
  pip=("$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input)
  "${pip[@]}" -r clients/python/requirements-dev.txt >&2
  "${pip[@]}" ./clients/python >&2
  rm -rf clients/python/build  # left by the install
  # Written last, so an interrupted install is rebuilt on the next run.
  echo "$want" >"$stamp"
fi

echo "$PWD/$venv/bin/python"
