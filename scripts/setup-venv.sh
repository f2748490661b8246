#!/usr/bin/env bash
# Creates .venv with the independent export validators (fhir.resources, icalendar, jsonschema)
# at the versions in scripts/requirements-validate.txt. Safe to run again: it only installs
# when the venv is missing or the requirements changed. Needs python3 with venv, and PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${CAREPLAN_VENV:-.venv}"
requirements=scripts/requirements-validate.txt
stamp="$venv/.careplan-requirements"

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
if ! cmp -s "$requirements" "$stamp"; then
    "$venv/bin/python" -m pip install --disable-pip-version-check --quiet -r "$requirements"
    cp "$requirements" "$stamp"
fi
"$venv/bin/python" -c 'import fhir.resources, icalendar, jsonschema' \
    && echo "setup-venv: $venv ready (fhir.resources $("$venv/bin/python" -c 'import fhir.resources as f; print(f.__version__)'), icalendar $("$venv/bin/python" -c 'import icalendar; print(icalendar.__version__)'), jsonschema $("$venv/bin/python" -c 'from importlib.metadata import version; print(version("jsonschema"))'))"
