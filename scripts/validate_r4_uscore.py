#!/usr/bin/env python3
"""Validates FHIR Bundles with the R4 (4.0.1) models of fhir.resources 6.4.0 and the US Core
models of fhir.uscore 0.1.2 (Patient and Condition, US Core 4.0.0), which need pydantic 1 and
so live apart from the main venv (scripts/setup-venv.sh installs them into .venv/r4-uscore).

Run by scripts/validate_exports.py with PYTHONPATH=.venv/r4-uscore; prints one JSON object,
{file: [problem, ...]}, for the files named on the command line.

careplan targets US Core 6.1.0; fhir.uscore implements 4.0.0. Their Patient and Condition
rules checked here (identifier with system and value, name, gender; Condition category from
the US Core condition category value set, code, subject) are the same in both releases, so each
Condition is checked with the 4.0.0 profile URL put in place of 6.1.0's
us-core-condition-problems-health-concerns. fhir.uscore's code check asks a terminology server
on the network; here it is replaced by an offline check that the code is ICD-10-CM or SNOMED CT
(validate_exports.py checks the ICD-10-CM codes' format itself).

The visits' Encounter, Procedure and DocumentReference resources are parsed by the R4 models
with the rest of the Bundle; fhir.uscore 0.1.2 has no models for their US Core profiles, so
validate_exports.py checks those profiles' rules itself.
"""

import copy
import json
import keyword
import sys

import pydantic.main
import pydantic.utils

# pydantic 1.8 gives each model a signature with a parameter per field alias; the alias of
# Encounter.class is the Python keyword `class`, which Python 3.11's inspect.Parameter refuses,
# so the Encounter model (and with it the Bundle) would not even import. pydantic 1.9 leaves
# such aliases out of the signature; so does this (the signature is for introspection only:
# parsing and validation do not use it).
_model_signature = pydantic.utils.generate_model_signature


def _signature_without_keyword_aliases(init, fields, config):
    return _model_signature(init, {k: f for k, f in fields.items() if not keyword.iskeyword(f.alias)}, config)


pydantic.main.generate_model_signature = _signature_without_keyword_aliases

from fhir.resources.bundle import Bundle  # noqa: E402 (after the patch above)
import fhir.resources  # noqa: E402
from fhir.uscore.STU4.profiles import uscorecondition  # noqa: E402
from fhir.uscore.STU4.profiles.uscorepatient import USCorePatient  # noqa: E402

assert fhir.resources.__fhir_version__ == "4.0.1", fhir.resources.__fhir_version__

US_CORE_400_CONDITION = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-condition"
ALLOWED_CONDITION_CODE_SYSTEMS = {"http://hl7.org/fhir/sid/icd-10-cm", "http://snomed.info/sct"}


def offline_code_check(cc, vs):
    for c in cc.coding or []:
        if c.system not in ALLOWED_CONDITION_CODE_SYSTEMS:
            return ValueError(f"Condition.code coding system {c.system} is neither ICD-10-CM nor SNOMED CT")
    if not cc.coding and not cc.text:
        return ValueError("Condition.code has neither a coding nor text")
    return None


uscorecondition.validate_code_tx_server = offline_code_check

# The fhir.uscore 0.1.2 wheel does not ship the value set files its Condition validators read
# (hl7.fhir.us.core#4.0.0/ValueSet-*.json): the value sets are given here instead, as US Core
# 4.0.0 defines them (the category set is the same in 6.1.0's problems-health-concerns profile,
# which narrows it to problem-list-item and health-concern).
VALUE_SETS = {
    "ValueSet-us-core-condition-category.json": {
        "resourceType": "ValueSet", "id": "us-core-condition-category", "status": "active",
        "title": "US Core Condition Category Codes",
        "compose": {"include": [
            {"system": "http://terminology.hl7.org/CodeSystem/condition-category",
             "concept": [{"code": "problem-list-item", "display": "Problem List Item"},
                         {"code": "encounter-diagnosis", "display": "Encounter Diagnosis"}]},
            {"system": "http://hl7.org/fhir/us/core/CodeSystem/condition-category",
             "concept": [{"code": "health-concern", "display": "Health Concern"}]},
        ]},
    },
    "ValueSet-us-core-condition-code.json": {
        "resourceType": "ValueSet", "id": "us-core-condition-code", "status": "active",
        "title": "US Core Condition Code",
        "compose": {"include": [{"system": "http://snomed.info/sct"}, {"system": "http://hl7.org/fhir/sid/icd-10-cm"}]},
    },
}


class OfflineValueSet:
    @staticmethod
    def parse_file(filename, **_):
        from fhir.resources.valueset import ValueSet
        return ValueSet.parse_obj(VALUE_SETS[filename.rsplit("/", 1)[-1]])


uscorecondition.ValueSet = OfflineValueSet


def problems(text):
    out = []
    try:
        Bundle.parse_raw(text)
    except Exception as e:  # pydantic.ValidationError
        return [f"fhir.resources 6.4.0 R4 models reject the Bundle: {e}"]
    for entry in json.loads(text).get("entry", []):
        res = entry.get("resource", {})
        kind = res.get("resourceType")
        try:
            if kind == "Patient":
                USCorePatient.parse_obj(res)
            elif kind == "Condition":
                c = copy.deepcopy(res)
                c["meta"] = {"profile": [US_CORE_400_CONDITION]}
                uscorecondition.USCoreCondition.parse_obj(c)
        except Exception as e:
            out.append(f"fhir.uscore rejects {kind} {res.get('id')}: {e}")
    return out


def main():
    result = {}
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            result[path] = problems(f.read())
    print(json.dumps(result))


if __name__ == "__main__":
    main()
