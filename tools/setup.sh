#!/usr/bin/env bash
# Set up the spec on a fresh machine: a virtual environment in .venv with
# everything requirements.txt names. Safe to run again (it only adds what is
# missing). Uses python3 unless PYTHON names another interpreter.
#
# The spec runs from a virtual environment on purpose: a base interpreter may
# import modules at start-up (a .pth file), which changes what some claims see.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -r requirements.txt -r requirements-dev.txt
.venv/bin/python - <<'PY'
from claimspec import runtime
info = runtime.describe()
print(f"ready: {info['implementation']} {info['version']}, GIL {'on' if info['gil_enabled'] else 'off'}, "
      f"{info['usable_cores']} usable cores, start methods {', '.join(info['start_methods'])}")
PY
