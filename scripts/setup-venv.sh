#!/usr/bin/env bash
# Creates .venv with the independent export validators (fhir.resources, icalendar, jsonschema)
# and the TextMate tokenizer that tests the editor grammar (textmate-grammar-python, onigurumacffi)
# at the versions in scripts/requirements-validate.txt, and .venv/r4-uscore with the FHIR R4
# and US Core models (scripts/requirements-r4-uscore.txt; pydantic 1, so kept apart). Safe to run again: it only installs
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
r4=scripts/requirements-r4-uscore.txt
if ! cmp -s "$r4" "$venv/r4-uscore/.careplan-requirements"; then
    rm -rf "$venv/r4-uscore"
    "$venv/bin/python" -m pip install --disable-pip-version-check --quiet --no-deps --target "$venv/r4-uscore" -r "$r4"
    cp "$r4" "$venv/r4-uscore/.careplan-requirements"
fi
PYTHONPATH="$venv/r4-uscore" "$venv/bin/python" -S -c 'import fhir.resources, fhir.uscore.STU4.profiles.uscorepatient; assert fhir.resources.__fhir_version__ == "4.0.1"' \
    && echo "setup-venv: $venv/r4-uscore ready (fhir.resources 6.4.0 R4 4.0.1 models, fhir.uscore 0.1.2, pydantic 1.8.2)"
"$venv/bin/python" -c 'import fhir.resources, fhircraft, icalendar, jsonschema, textmate_grammar' \
    && echo "setup-venv: $venv ready (fhir.resources $("$venv/bin/python" -c 'import fhir.resources as f; print(f.__version__)'), icalendar $("$venv/bin/python" -c 'import icalendar; print(icalendar.__version__)'), jsonschema $("$venv/bin/python" -c 'from importlib.metadata import version; print(version("jsonschema"))'))"
