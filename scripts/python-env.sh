#!/usr/bin/env bash
# Creates (or refreshes) the repo's .venv with the real Python clients the end-to-end suites run:
# test/e2e/requirements.txt, exactly pinned. Idempotent and quiet: a no-op when .venv was built from
# the current requirements (their hash is kept in .venv/.requirements.sha256). Prints the venv's
# python path on stdout; everything else goes to stderr. PYTHON picks the interpreter (python3).
# Usage: python-env.sh [REQUIREMENTS VENV] (scripts/clients-env.sh builds another venv this way).
set -euo pipefail
cd "$(dirname "$0")/.."

requirements="${1:-test/e2e/requirements.txt}"
venv="${2:-.venv}"
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$requirements" | cut -d' ' -f1)"

if [[ ! -x "$venv/bin/python" || ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  echo "$(basename "$0"): building $venv from $requirements" >&2
  rm -rf "$venv"
  "${PYTHON:-python3}" -m venv "$venv" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$requirements" >&2
  # Written last, so an interrupted install is rebuilt on the next run.
  echo "$want" >"$stamp"
fi

echo "$PWD/$venv/bin/python"
