#!/usr/bin/env bash
# Creates (or refreshes) clients/python/.venv: clients/python/requirements-dev.txt (pytest, respx,
# mypy, build; exactly pinned), and gatewayz-py-hf installed from clients/python as a user would
# (`pip install ./clients/python`). Idempotent: the venv is rebuilt only when the requirements
# change, the package reinstalled only when its sources change (hashes kept in the venv). Prints
# the venv's python path on stdout; everything else goes to stderr. PYTHON picks the interpreter.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=clients/python/.venv
hash_of() { find "$@" -type f ! -name '*.pyc' -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1; }
want_requirements="$(hash_of clients/python/requirements-dev.txt)"
want_sources="$(hash_of clients/python/pyproject.toml clients/python/README.md clients/python/src)"
pip=("$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input)

if [[ ! -x "$venv/bin/python" || "$(cat "$venv/.requirements.sha256" 2>/dev/null)" != "$want_requirements" ]]; then
  echo "client-python-env: building $venv from clients/python/requirements-dev.txt" >&2
  rm -rf "$venv"
  "${PYTHON:-python3}" -m venv "$venv" >&2
  "${pip[@]}" -r clients/python/requirements-dev.txt >&2
  echo "$want_requirements" >"$venv/.requirements.sha256" # written last: an interrupted install is redone
fi
if [[ "$(cat "$venv/.sources.sha256" 2>/dev/null)" != "$want_sources" ]]; then
  echo "client-python-env: installing ./clients/python into $venv" >&2
  "${pip[@]}" --force-reinstall --no-deps ./clients/python >&2
  rm -rf clients/python/build
  echo "$want_sources" >"$venv/.sources.sha256"
fi

echo "$PWD/$venv/bin/python"
