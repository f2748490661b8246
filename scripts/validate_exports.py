#!/usr/bin/env python3
"""Checks careplan's exports with independent validators.

For every golden export in Tests/CarePlanKitTests/Golden/exports (which `swift test` keeps
byte-identical to what the exporter writes):

- FHIR (*.fhir.json): parsed by fhir.resources' R4B models (8.3.0) and by the R4 4.0.1 models
  of fhir.resources 6.4.0 with the US Core Patient and Condition models of fhir.uscore
  (scripts/validate_r4_uscore.py, run in .venv/r4-uscore), then checked here for what those
  models do not check: code values from the required value sets, one scheduled[x] per
  activity, target detail needing a measure, every urn:uuid reference resolving inside the
  Bundle, no name or birth date when de-identified, no empty or blank string, and US Core
  6.1.0's rules for every resource (meta.profile; Patient identifier, name and gender;
  Condition category, verificationStatus and ICD-10-CM codes; CarePlan narrative and
  category; Goal categories, goal-relationship extensions and outcome Observations;
  Observation status, category, code, subject, date and value; the visits' Encounter,
  Procedure and DocumentReference, see below; UCUM quantities, CPT and LOINC code formats).
  fhir.uscore has no Encounter, Procedure or DocumentReference model, so their US Core 6.1.0
  profiles are checked here element by element: Encounter status, class (v3 ActEncounterCode),
  type, subject, reasonCancelled only when cancelled; Procedure status, code, subject and
  us-core-7 (performed[x] when completed or in progress), its encounter an Encounter of the
  Bundle; DocumentReference status, type, clinical-note category, subject, content with a
  contentType and data or url (us-core-6) that decodes, no contentType twice (repeated content
  entries are renditions of one document, not sections), context.encounter an Encounter of the
  Bundle; each CarePlan activity's outcomeReference an Encounter of the Bundle. fhircraft's R4 models evaluate FHIR's invariants; any invariant it
  warns about (such as dom-6, a resource without narrative) fails the file.
- iCalendar (*.ics): parsed by icalendar; CRLF line endings and 75-octet lines checked on the
  raw bytes; every VEVENT's occurrences (RRULE expanded by python-dateutil) compared, date by
  date and kind by kind, with the plan's schedule (<plan>.events.json, written by the Swift
  tests from Schedule, not from the ICS writer).
- JSON (*.json): validated against schema/careplan-1.schema.json (draft 2020-12, formats on).
- HTML (*.html): tags balanced, lang set, nothing loaded from elsewhere.

With --careplan BINARY it also runs `careplan export` on every example and fixture and requires
its output to equal the golden bytes, checks that -o reports and writes the file, and that a
plan with errors is refused with exit status 1 and nothing written.

Prints one line per failure and a closing `N passed, M failed`; exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import html.parser
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from dateutil.rrule import rrulestr
from fhir.resources.R4B.bundle import Bundle
import icalendar
import jsonschema

ROOT = Path(__file__).resolve().parent.parent
R4_USCORE_LIB = ROOT / ".venv/r4-uscore"
GOLDEN = ROOT / "Tests/CarePlanKitTests/Golden/exports"
SCHEMA = ROOT / "schema/careplan-1.schema.json"
SOURCES = [ROOT / "examples", ROOT / "Tests/CarePlanKitTests/Fixtures/exports"]
TODAY = "2026-11-29"

# R4 value sets with required bindings (hl7.org/fhir/R4), which fhir.resources does not enforce.
CAREPLAN_STATUS = {"draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown"}
CAREPLAN_INTENT = {"proposal", "plan", "order", "option"}
ACTIVITY_STATUS = {"not-started", "scheduled", "in-progress", "on-hold", "completed", "cancelled",
                   "stopped", "unknown", "entered-in-error"}
ACTIVITY_KIND = {"Appointment", "CommunicationRequest", "DeviceRequest", "MedicationRequest",
                 "NutritionOrder", "Task", "ServiceRequest", "VisionPrescription"}
GOAL_LIFECYCLE = {"proposed", "planned", "accepted", "active", "on-hold", "completed", "cancelled",
                  "entered-in-error", "rejected"}
GOAL_ACHIEVEMENT_SYSTEM = "http://terminology.hl7.org/CodeSystem/goal-achievement"
GOAL_ACHIEVEMENT = {"in-progress", "improving", "worsening", "no-change", "achieved", "sustaining",
                    "not-achieved", "no-progress", "not-attainable"}
UNITS_OF_TIME = {"s", "min", "h", "d", "wk", "mo", "a"}
UCUM = "http://unitsofmeasure.org"
GENDER = {"male", "female", "other", "unknown"}
CONDITION_CLINICAL_SYSTEM = "http://terminology.hl7.org/CodeSystem/condition-clinical"
CONDITION_CLINICAL = {"active", "recurrence", "relapse", "inactive", "remission", "resolved"}
COMPARATOR = {"<", "<=", ">=", ">"}
US_CORE = "http://hl7.org/fhir/us/core/StructureDefinition/"
PROFILES = {"Patient": US_CORE + "us-core-patient", "Condition": US_CORE + "us-core-condition-problems-health-concerns",
            "Goal": US_CORE + "us-core-goal", "CarePlan": US_CORE + "us-core-careplan",
            "Observation": US_CORE + "us-core-simple-observation",
            "DeviceRequest": "http://hl7.org/fhir/StructureDefinition/DeviceRequest",
            "Encounter": US_CORE + "us-core-encounter", "Procedure": US_CORE + "us-core-procedure",
            "DocumentReference": US_CORE + "us-core-documentreference"}
ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm"
ICD10CM_CODE = re.compile(r"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")
CPT = "http://www.ama-assn.org/go/cpt"
CPT_CODE = re.compile(r"^[0-9]{4}[0-9FT]$")
LOINC = "http://loinc.org"
LOINC_CODE = re.compile(r"^(LA)?[0-9]{1,7}-[0-9]$")
CONDITION_CATEGORY = ("http://terminology.hl7.org/CodeSystem/condition-category", {"problem-list-item", "encounter-diagnosis"})
US_CORE_CONDITION_CATEGORY = ("http://hl7.org/fhir/us/core/CodeSystem/condition-category", {"health-concern"})
CONDITION_VERIFICATION = ("http://terminology.hl7.org/CodeSystem/condition-ver-status",
                          {"unconfirmed", "provisional", "differential", "confirmed", "refuted", "entered-in-error"})
GOAL_CATEGORY = ("http://terminology.hl7.org/CodeSystem/goal-category", {"dietary", "safety", "behavioral", "nursing", "physiotherapy"})
GOAL_RELATIONSHIP = "http://hl7.org/fhir/StructureDefinition/goal-relationship"
GOAL_RELATIONSHIP_TYPE = ("http://terminology.hl7.org/CodeSystem/goal-relationship-type",
                          {"predecessor", "successor", "replacement", "milestone", "other"})
CAREPLAN_CATEGORY = ("http://hl7.org/fhir/us/core/CodeSystem/careplan-category", {"assess-plan"})
OBSERVATION_STATUS = {"registered", "preliminary", "final", "amended", "corrected", "cancelled", "entered-in-error", "unknown"}
OBSERVATION_CATEGORY = ("http://terminology.hl7.org/CodeSystem/observation-category",
                        {"social-history", "vital-signs", "imaging", "laboratory", "procedure", "survey", "exam", "therapy", "activity"})
NARRATIVE_STATUS = {"generated", "extensions", "additional", "empty"}
REQUEST_STATUS = {"draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown"}
REQUEST_INTENT = {"proposal", "plan", "directive", "order", "original-order", "reflex-order", "filler-order", "instance-order", "option"}
# The visits (R4 value sets with required bindings; US Core 6.1.0 profiles).
ENCOUNTER_STATUS = {"planned", "arrived", "triaged", "in-progress", "onleave", "finished", "cancelled", "entered-in-error", "unknown"}
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
ENCOUNTER_CLASS = {"AMB", "EMER", "FLD", "HH", "IMP", "ACUTE", "NONAC", "OBSENC", "PRENC", "SS", "VR"}
REASON_CANCELLED = "http://hl7.org/fhir/StructureDefinition/encounter-reasonCancelled"
PROCEDURE_STATUS = {"preparation", "in-progress", "not-done", "on-hold", "stopped", "completed", "entered-in-error", "unknown"}
PROCEDURE_CODE_SYSTEMS = {CPT, "http://snomed.info/sct", "http://www.cms.gov/Medicare/Coding/ICD10", LOINC,
                          "urn:oid:2.16.840.1.113883.6.285", "http://ada.org/cdt"}
DOCUMENT_STATUS = {"current", "superseded", "entered-in-error"}
DOCUMENT_CATEGORY = ("http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category", {"clinical-note"})
UUID_URN = re.compile(r"^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# ICS CATEGORIES (the schedule kind's label) back to Schedule.Kind raw values.
KIND_OF_CATEGORY = {"session": "session", "check-in": "checkin", "re-assessment": "reassessment",
                    "re-certification": "recertification", "certification ends": "certification-end",
                    "goal due": "goal-due"}

FORMATS = {"json": "json", "fhir": "fhir.json", "ics": "ics", "markdown": "md", "html": "html"}


class Results:
    def __init__(self) -> None:
        self.passed = 0
        self.failed = 0

    def check(self, name: str, problems: list[str]) -> None:
        if problems:
            self.failed += 1
            for p in problems:
                print(f"FAIL {name}: {p}")
        else:
            self.passed += 1
            print(f"ok   {name}")


# ---------------------------------------------------------------------------------------- FHIR

def fhir_problems(text: str, deidentified: bool) -> list[str]:
    problems: list[str] = []
    try:
        Bundle.model_validate_json(text)
    except Exception as e:  # pydantic.ValidationError, or anything the models raise
        return [f"fhir.resources R4B rejects the Bundle: {e}"]
    bundle = json.loads(text)
    if bundle.get("type") != "collection":
        problems.append(f"Bundle.type is {bundle.get('type')!r}, expected 'collection'")
    entries = bundle.get("entry", [])
    urls = [e.get("fullUrl") for e in entries]
    if len(set(urls)) != len(urls):
        problems.append("duplicate fullUrl in the Bundle")
    kinds = Counter()
    for e in entries:
        url, res = e.get("fullUrl", ""), e.get("resource", {})
        rtype = res.get("resourceType")
        kinds[rtype] += 1
        where = f"{rtype} {res.get('id')}"
        if not UUID_URN.match(url):
            problems.append(f"{where}: fullUrl {url!r} is not a urn:uuid")
        elif res.get("id") != url.removeprefix("urn:uuid:"):
            problems.append(f"{where}: id does not match fullUrl {url}")
        problems += [f"{where}: {p}" for p in resource_problems(res, deidentified)]
    for need in ("Patient", "CarePlan"):
        if kinds[need] != 1:
            problems.append(f"expected one {need}, found {kinds[need]}")
    for ref in references(bundle):
        if ref.startswith("urn:uuid:") and ref not in urls:
            problems.append(f"reference {ref} does not resolve inside the Bundle")
    problems += visit_link_problems(entries)
    for d in dates(bundle):
        try:
            dt.date.fromisoformat(d)
        except ValueError:
            problems.append(f"invalid date {d!r}")
    return problems


def resource_problems(res: dict, deidentified: bool) -> list[str]:
    rtype = res.get("resourceType")
    p: list[str] = []
    if rtype == "CarePlan":
        if res.get("status") not in CAREPLAN_STATUS:
            p.append(f"status {res.get('status')!r} not in the request-status value set")
        if res.get("intent") not in CAREPLAN_INTENT:
            p.append(f"intent {res.get('intent')!r} not in the care-plan-intent value set")
        for i, a in enumerate(res.get("activity", [])):
            d = a.get("detail")
            if d is None and "reference" in a:
                continue  # equipment: a DeviceRequest by reference (checked as a resource)
            if d is None or "reference" in a:
                p.append(f"activity[{i}] must have a detail or a reference, not both")
                continue
            if d.get("status") not in ACTIVITY_STATUS:
                p.append(f"activity[{i}].detail.status {d.get('status')!r} not in care-plan-activity-status")
            if "kind" in d and d["kind"] not in ACTIVITY_KIND:
                p.append(f"activity[{i}].detail.kind {d['kind']!r} not in care-plan-activity-kind")
            scheduled = [k for k in d if k.startswith("scheduled")]
            if len(scheduled) > 1:
                p.append(f"activity[{i}].detail has {scheduled}: at most one scheduled[x]")
            if "scheduledTiming" in d:
                p += [f"activity[{i}].detail.scheduledTiming: {x}" for x in timing_problems(d["scheduledTiming"])]
            if "scheduledPeriod" in d:
                sp = d["scheduledPeriod"]
                if "start" in sp and "end" in sp and sp["start"] > sp["end"]:
                    p.append(f"activity[{i}].detail.scheduledPeriod ends before it starts")
    elif rtype == "Goal":
        if res.get("lifecycleStatus") not in GOAL_LIFECYCLE:
            p.append(f"lifecycleStatus {res.get('lifecycleStatus')!r} not in goal-status")
        for c in res.get("achievementStatus", {}).get("coding", []):
            if c.get("system") != GOAL_ACHIEVEMENT_SYSTEM or c.get("code") not in GOAL_ACHIEVEMENT:
                p.append(f"achievementStatus {c.get('system')}|{c.get('code')} not in goal-achievement")
        for j, t in enumerate(res.get("target", [])):
            details = [k for k in t if k.startswith("detail")]
            dues = [k for k in t if k.startswith("due")]
            if len(details) > 1 or len(dues) > 1:
                p.append(f"target[{j}] has several detail[x] or due[x]")
            if details and "measure" not in t:
                p.append(f"target[{j}] has a detail but no measure (gol-1)")
            q = t.get("detailQuantity")
            if q and "comparator" in q and q["comparator"] not in COMPARATOR:
                p.append(f"target[{j}].detailQuantity.comparator {q['comparator']!r} not in quantity-comparator")
    elif rtype == "Patient":
        if "gender" in res and res["gender"] not in GENDER:
            p.append(f"gender {res['gender']!r} not in administrative-gender")
        named = [n for n in res.get("name", []) if n.get("text") or n.get("family") or n.get("given")]
        if deidentified and (named or "birthDate" in res or any("type" not in i for i in res.get("identifier", []))):
            p.append("a de-identified Patient still has a name, a birth date or the client's identifier")
    elif rtype == "Condition":
        for c in res.get("clinicalStatus", {}).get("coding", []):
            if c.get("system") != CONDITION_CLINICAL_SYSTEM or c.get("code") not in CONDITION_CLINICAL:
                p.append(f"clinicalStatus {c.get('code')!r} not in condition-clinical")
    elif rtype == "Encounter":
        if res.get("status") not in ENCOUNTER_STATUS:
            p.append(f"status {res.get('status')!r} not in encounter-status")
    elif rtype == "Procedure":
        if res.get("status") not in PROCEDURE_STATUS:
            p.append(f"status {res.get('status')!r} not in event-status")
    elif rtype == "DocumentReference":
        if res.get("status") not in DOCUMENT_STATUS:
            p.append(f"status {res.get('status')!r} not in document-reference-status")
    elif rtype in ("Observation", "DeviceRequest"):
        pass  # US Core checks below
    else:
        p.append(f"unexpected resource type {rtype!r}")
    return p + us_core_problems(res)


def codings(concept):
    return concept.get("coding", []) if isinstance(concept, dict) else []


def coded(concepts, system_codes):
    system, codes = system_codes
    return any(c.get("system") == system and c.get("code") in codes for cc in concepts for c in codings(cc))


def us_core_problems(res: dict) -> list[str]:
    """US Core 6.1.0: what each profile requires (1..1 and 1..* elements, required bindings),
    and the formats of the code systems careplan uses."""
    rtype = res.get("resourceType")
    p: list[str] = []
    if rtype != "Bundle" and not res.get("text", {}).get("div"):
        p.append("no narrative (dom-6: a resource should have narrative)")
    want = PROFILES.get(rtype)
    if want and want not in res.get("meta", {}).get("profile", []):
        p.append(f"meta.profile lacks {want}")
    for s in blank_strings(res):
        p.append(f"empty or blank string at {s}")
    for c in all_codings(res):
        system, code = c.get("system"), c.get("code", "")
        if system == ICD10CM and not ICD10CM_CODE.match(code):
            p.append(f"ICD-10-CM code {code!r} is malformed")
        if system == CPT and not CPT_CODE.match(code):
            p.append(f"CPT code {code!r} is malformed")
        if system == LOINC and not LOINC_CODE.match(code):
            p.append(f"LOINC code {code!r} is malformed")
        if system and not code:
            p.append(f"a coding of {system} without a code")
    for q in quantities(res):
        if q.get("system") == UCUM and not q.get("code"):
            p.append(f"UCUM quantity without a code: {q}")
    if rtype == "Patient":
        ids = res.get("identifier", [])
        if not ids or any(not i.get("system") or not i.get("value") for i in ids):
            p.append("US Core Patient needs identifier[] with system and value")
        names = res.get("name", [])
        masked = lambda n: any(e.get("url") == "http://hl7.org/fhir/StructureDefinition/data-absent-reason" for e in n.get("extension", []))
        if not names or any(not (n.get("family") or n.get("given") or masked(n)) for n in names):
            p.append("US Core Patient needs name with family or given, or a data-absent-reason (us-core-6)")
        if "gender" not in res:
            p.append("US Core Patient needs gender")
    elif rtype == "Condition":
        cats = res.get("category", [])
        if not (coded(cats, CONDITION_CATEGORY) or coded(cats, US_CORE_CONDITION_CATEGORY)):
            p.append("US Core Condition needs a category problem-list-item, encounter-diagnosis or health-concern")
        if "code" not in res:
            p.append("US Core Condition needs code")
        vs = res.get("verificationStatus")
        if vs is not None and not coded([vs], CONDITION_VERIFICATION):
            p.append("verificationStatus not in condition-ver-status")
        if "subject" not in res:
            p.append("US Core Condition needs subject")
    elif rtype == "CarePlan":
        text = res.get("text", {})
        if text.get("status") not in NARRATIVE_STATUS:
            p.append("US Core CarePlan needs text.status (generated, extensions, additional or empty)")
        div = text.get("div", "")
        if not div.startswith('<div xmlns="http://www.w3.org/1999/xhtml">'):
            p.append("text.div is not an XHTML div")
        else:
            try:
                ET.fromstring(div)
            except ET.ParseError as e:
                p.append(f"text.div is not well-formed XML: {e}")
        if not coded(res.get("category", []), CAREPLAN_CATEGORY):
            p.append("US Core CarePlan needs category assess-plan")
    elif rtype == "Goal":
        if "description" not in res or "subject" not in res:
            p.append("US Core Goal needs description and subject")
        if not res.get("startDate") and not any("dueDate" in t for t in res.get("target", [])):
            p.append("US Core Goal needs startDate or target.dueDate")
        for cc in res.get("category", []):
            for c in codings(cc):
                if c.get("system") == GOAL_CATEGORY[0] and c.get("code") not in GOAL_CATEGORY[1]:
                    p.append(f"goal category {c.get('code')!r} not in goal-category")
        for e in res.get("extension", []):
            if e.get("url") != GOAL_RELATIONSHIP:
                continue
            parts = {x.get("url"): x for x in e.get("extension", [])}
            if not coded([parts.get("type", {}).get("valueCodeableConcept", {})], GOAL_RELATIONSHIP_TYPE):
                p.append("goal-relationship without a type from goal-relationship-type")
            if "valueReference" not in parts.get("target", {}):
                p.append("goal-relationship without a target reference")
    elif rtype == "Observation":
        if res.get("status") not in OBSERVATION_STATUS:
            p.append(f"Observation status {res.get('status')!r} not in observation-status")
        if not coded(res.get("category", []), OBSERVATION_CATEGORY):
            p.append("US Core Observation needs a category from observation-category")
        for need in ("code", "subject"):
            if need not in res:
                p.append(f"US Core Observation needs {need}")
        if not any(k.startswith("effective") for k in res):
            p.append("US Core Observation needs effective[x]")
        if not any(k.startswith("value") for k in res) and "dataAbsentReason" not in res:
            p.append("US Core Observation needs value[x] or dataAbsentReason")
    elif rtype == "Encounter":
        for need in ("status", "class", "subject"):
            if need not in res:
                p.append(f"US Core Encounter needs {need}")
        cls = res.get("class", {})
        if cls.get("system") != ACT_CODE or cls.get("code") not in ENCOUNTER_CLASS:
            p.append(f"Encounter class {cls.get('system')}|{cls.get('code')} not in v3 ActEncounterCode")
        if not res.get("type") or any(not (t.get("text") or t.get("coding")) for t in res.get("type", [])):
            p.append("US Core Encounter needs type (1..*), each coded or named")
        period = res.get("period", {})
        if "start" in period and "end" in period and period["start"] > period["end"]:
            p.append("period ends before it starts")
        for e in res.get("extension", []):
            if e.get("url") == REASON_CANCELLED and res.get("status") != "cancelled":
                p.append("reasonCancelled on an Encounter that is not cancelled")
        length = res.get("length")
        if length is not None and (length.get("system") != UCUM or length.get("code") not in UNITS_OF_TIME or length.get("value", 0) <= 0):
            p.append(f"length {length} is not a positive UCUM time quantity")
    elif rtype == "Procedure":
        for need in ("status", "code", "subject"):
            if need not in res:
                p.append(f"US Core Procedure needs {need}")
        if res.get("status") in ("completed", "in-progress") and not any(k.startswith("performed") for k in res):
            p.append("us-core-7: performed[x] is required when the procedure is completed or in progress")
        code = res.get("code", {})
        if not code.get("text") and not any(c.get("system") in PROCEDURE_CODE_SYSTEMS for c in codings(code)):
            p.append("Procedure.code has no code from the US Core procedure code systems (CPT, SNOMED CT, ICD-10-PCS, LOINC, HCPCS, CDT)")
        for e in res.get("extension", []):
            if "valueDuration" in e:
                d = e["valueDuration"]
                if d.get("system") != UCUM or d.get("code") not in UNITS_OF_TIME or d.get("value", 0) <= 0:
                    p.append(f"extension {e.get('url')}: {d} is not a positive UCUM time quantity")
    elif rtype == "DocumentReference":
        for need in ("status", "type", "subject"):
            if need not in res:
                p.append(f"US Core DocumentReference needs {need}")
        if not coded(res.get("category", []), DOCUMENT_CATEGORY):
            p.append("US Core DocumentReference needs category clinical-note")
        content = res.get("content", [])
        if not content:
            p.append("US Core DocumentReference needs content (1..*)")
        types = [c.get("attachment", {}).get("contentType") for c in content]
        if len(set(types)) != len(types):
            # R4: repeated content entries are renditions of one document in other formats,
            # not sections of it (a SOAP note is one text with its headings).
            p.append(f"content repeats a contentType ({types}): renditions, not sections")
        for i, c in enumerate(content):
            a = c.get("attachment", {})
            if not a.get("contentType"):
                p.append(f"content[{i}].attachment has no contentType")
            if not a.get("data") and not a.get("url"):
                p.append(f"us-core-6: content[{i}].attachment needs data or url")
            if a.get("data"):
                try:
                    base64.b64decode(a["data"], validate=True).decode("utf-8")
                except Exception as e:  # binascii.Error, UnicodeDecodeError
                    p.append(f"content[{i}].attachment.data is not Base64 of UTF-8 text: {e}")
        if len(res.get("context", {}).get("encounter", [])) > 1:
            p.append("US Core DocumentReference: context.encounter 0..1")
    elif rtype == "DeviceRequest":
        if res.get("intent") not in REQUEST_INTENT:
            p.append(f"DeviceRequest intent {res.get('intent')!r} not in request-intent")
        if "status" in res and res["status"] not in REQUEST_STATUS:
            p.append(f"DeviceRequest status {res.get('status')!r} not in request-status")
        if not any(k.startswith("code") for k in res) or "subject" not in res:
            p.append("DeviceRequest needs code[x] and subject")
    return p


def visit_link_problems(entries: list) -> list[str]:
    """The visits' links point at resources of the right type: a Procedure's encounter and a
    DocumentReference's context.encounter at an Encounter, a Procedure's basedOn at the
    CarePlan, a CarePlan activity's outcomeReference at an Encounter (R4 CarePlan.activity.
    outcomeReference: the events that resulted from the activity)."""
    kind = {e.get("fullUrl"): e.get("resource", {}).get("resourceType") for e in entries}
    p: list[str] = []

    def want(where: str, ref: dict | None, types: set[str]) -> None:
        target = kind.get((ref or {}).get("reference"))
        if target is not None and target not in types:
            p.append(f"{where} points at a {target}, expected {' or '.join(sorted(types))}")

    for e in entries:
        res = e.get("resource", {})
        where = f"{res.get('resourceType')} {res.get('id')}"
        if res.get("resourceType") == "Procedure":
            want(f"{where}: encounter", res.get("encounter"), {"Encounter"})
            for b in res.get("basedOn", []):
                want(f"{where}: basedOn", b, {"CarePlan", "ServiceRequest"})
        elif res.get("resourceType") == "DocumentReference":
            for enc in res.get("context", {}).get("encounter", []):
                want(f"{where}: context.encounter", enc, {"Encounter", "EpisodeOfCare"})
        elif res.get("resourceType") == "CarePlan":
            for i, a in enumerate(res.get("activity", [])):
                for o in a.get("outcomeReference", []):
                    want(f"{where}: activity[{i}].outcomeReference", o, {"Encounter"})
    return p


def blank_strings(node, path="$"):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from blank_strings(v, f"{path}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from blank_strings(v, f"{path}[{i}]")
    elif isinstance(node, str) and not node.strip():
        yield path


def all_codings(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "coding" and isinstance(v, list):
                yield from (c for c in v if isinstance(c, dict))
            else:
                yield from all_codings(v)
    elif isinstance(node, list):
        for v in node:
            yield from all_codings(v)


def quantities(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k in ("valueQuantity", "detailQuantity", "boundsDuration", "length", "valueDuration") and isinstance(v, dict):
                yield v
            yield from quantities(v)
    elif isinstance(node, list):
        for v in node:
            yield from quantities(v)


def fhircraft_problems(paths: list[Path]) -> dict[str, list[str]]:
    """fhircraft's R4 models, which evaluate FHIR's invariants (FHIRPath) and report the
    best-practice ones, such as dom-6 "a resource should have narrative", as warnings: any
    warning naming an invariant is a problem here."""
    import warnings
    from fhircraft.fhir.resources.datatypes.R4.core.bundle import Bundle as CraftBundle
    out: dict[str, list[str]] = {}
    for path in paths:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            problems = []
            try:
                CraftBundle.model_validate(json.loads(path.read_text(encoding="utf-8")))
            except Exception as e:
                problems.append(f"fhircraft R4 rejects the Bundle: {str(e)[:500]}")
        problems += sorted({f"fhircraft: {w.message}" for w in caught if re.match(r"\[[a-z]+-\d+\]", str(w.message))})
        out[str(path)] = problems
    return out


def r4_us_core(paths: list[Path]) -> dict[str, list[str]]:
    """fhir.resources 6.4.0 (R4 4.0.1) and fhir.uscore, in their own interpreter (pydantic 1)."""
    if not (R4_USCORE_LIB / "fhir").exists():
        return {str(x): [f"{R4_USCORE_LIB} missing: run scripts/setup-venv.sh"] for x in paths}
    env = dict(os.environ, PYTHONPATH=str(R4_USCORE_LIB))
    r = subprocess.run([sys.executable, "-S", str(ROOT / "scripts/validate_r4_uscore.py"), *map(str, paths)],
                       capture_output=True, env=env, timeout=300)
    if r.returncode != 0:
        return {str(x): [f"validate_r4_uscore.py failed: {r.stderr.decode(errors='replace')[-500:]}"] for x in paths}
    return json.loads(r.stdout)


def timing_problems(timing: dict) -> list[str]:
    p: list[str] = []
    r = timing.get("repeat")
    if r is None:
        if not timing.get("event"):
            p.append("a Timing with neither repeat nor event")
        return p
    for key in ("periodUnit", "durationUnit"):
        if key in r and r[key] not in UNITS_OF_TIME:
            p.append(f"{key} {r[key]!r} not in units-of-time")
    if "period" in r and "periodUnit" not in r:
        p.append("period without periodUnit (tim-1)")
    if "duration" in r and "durationUnit" not in r:
        p.append("duration without durationUnit (tim-2)")
    for key in ("frequency", "count"):
        if key in r and (not isinstance(r[key], int) or r[key] < 1):
            p.append(f"{key} must be a positive integer, got {r[key]!r}")
    bounds = [k for k in r if k.startswith("bounds")]
    if len(bounds) > 1:
        p.append(f"several bounds[x]: {bounds}")
    bd = r.get("boundsDuration")
    if bd is not None and (bd.get("system") != UCUM or bd.get("code") not in UNITS_OF_TIME or bd.get("value", 0) <= 0):
        p.append(f"boundsDuration {bd} is not a positive UCUM time quantity")
    return p


def references(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "reference" and isinstance(v, str):
                yield v
            else:
                yield from references(v)
    elif isinstance(node, list):
        for v in node:
            yield from references(v)


DATE_KEYS = {"start", "end", "birthDate", "startDate", "dueDate", "statusDate", "time", "performedDateTime"}


def dates(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k in DATE_KEYS and isinstance(v, str):
                yield v
            elif k == "event" and isinstance(v, list):
                yield from (x for x in v if isinstance(x, str))
            else:
                yield from dates(v)
    elif isinstance(node, list):
        for v in node:
            yield from dates(v)


# ----------------------------------------------------------------------------------------- ICS

def ics_problems(data: bytes, expected: dict) -> list[str]:
    p: list[str] = []
    if not data.endswith(b"\r\n"):
        p.append("does not end with CRLF")
    for n, line in enumerate(data.split(b"\r\n")[:-1], 1):
        if b"\n" in line or b"\r" in line:
            p.append(f"line {n}: bare CR or LF")
        if len(line) > 75:
            p.append(f"line {n}: {len(line)} octets, more than 75")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            p.append(f"line {n}: folding split a UTF-8 sequence")
    try:
        cal = icalendar.Calendar.from_ical(data)
    except Exception as e:
        return p + [f"icalendar cannot parse it: {e}"]
    if str(cal.get("VERSION")) != "2.0" or not cal.get("PRODID"):
        p.append("VCALENDAR needs VERSION:2.0 and PRODID")
    events = cal.walk("VEVENT")
    uids = [str(e.get("UID")) for e in events]
    if len(set(uids)) != len(uids):
        p.append("duplicate UIDs")
    occurrences: list[tuple[str, str]] = []
    for e in events:
        for need in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            if e.get(need) is None:
                p.append(f"VEVENT {e.get('UID')} has no {need}")
        start = e.decoded("DTSTART")
        if isinstance(start, dt.datetime) or not isinstance(start, dt.date):
            p.append(f"VEVENT {e.get('UID')}: DTSTART is not an all-day DATE")
            continue
        kind = KIND_OF_CATEGORY.get(str(e.get("CATEGORIES").cats[0]) if e.get("CATEGORIES") else "", "?")
        if e.get("RRULE") is not None:
            rule = e.get("RRULE").to_ical().decode()
            if "COUNT=" not in rule:
                p.append(f"VEVENT {e.get('UID')}: RRULE without COUNT")
                continue
            days = [d.date() for d in rrulestr(rule, dtstart=dt.datetime.combine(start, dt.time()))]
        else:
            days = [start]
        occurrences += [(d.isoformat(), kind) for d in days]
    want = Counter((ev["date"], ev["kind"]) for ev in expected["events"])
    got = Counter(occurrences)
    if sum(got.values()) != expected["count"]:
        p.append(f"{sum(got.values())} occurrences in {len(events)} VEVENTs, the schedule has {expected['count']} events")
    if got != want:
        missing = sorted((want - got).elements())[:5]
        extra = sorted((got - want).elements())[:5]
        p.append(f"occurrences differ from the schedule: missing {missing}, unexpected {extra}")
    return p


# ---------------------------------------------------------------------------------------- HTML

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        # SVG elements written self-closing
        "line", "circle", "path"}


class TagChecker(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.lang = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        for k, v in a.items():
            if k in ("src", "href") or (v and ("url(" in v)):
                self.problems.append(f"<{tag} {k}=...> loads something from elsewhere")
        if tag in ("script", "link", "img", "iframe"):
            self.problems.append(f"<{tag}> in a self-contained page")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> does not close <{self.stack[-1] if self.stack else 'nothing'}>")
        else:
            self.stack.pop()


def html_problems(text: str) -> list[str]:
    c = TagChecker()
    c.feed(text)
    c.close()
    p = list(c.problems)
    if c.stack:
        p.append(f"unclosed tags: {c.stack}")
    if c.lang != "en":
        p.append("<html> has no lang=\"en\"")
    if "@media print" not in text:
        p.append("no print styles")
    return p


# ----------------------------------------------------------------------------------------- CLI

def sources() -> list[Path]:
    out: list[Path] = []
    for d in SOURCES:
        out += sorted(d.glob("*.careplan"))
    return out


def cli_checks(results: Results, binary: Path) -> None:
    env = dict(os.environ, NO_COLOR="1")
    for src in sources():
        # One events.json per plan: <stem>.events.json, or <stem>.<plan>.events.json for several.
        bases = sorted(f.name.removesuffix(".events.json") for f in GOLDEN.glob(src.stem + ".*events.json")
                       if f.name.removesuffix(".events.json").split(".")[0] == src.stem)
        for base in bases:
            plan_args = ["--plan", base[len(src.stem) + 1:]] if base != src.stem else []
            runs = [(fmt, ext, []) for fmt, ext in FORMATS.items()]
            if (GOLDEN / f"{base}.deidentified.fhir.json").exists():
                runs.append(("fhir", "deidentified.fhir.json", ["--deidentify"]))
            for fmt, ext, extra in runs:
                golden = GOLDEN / f"{base}.{ext}"
                cmd = [str(binary), "export", str(src), "--format", fmt, "--today", TODAY, "-q", *plan_args, *extra]
                r = subprocess.run(cmd, capture_output=True, env=env, timeout=60)
                problems = []
                if r.returncode != 0:
                    problems.append(f"exit {r.returncode}: {r.stderr.decode(errors='replace').strip()[:300]}")
                elif not golden.exists():
                    problems.append(f"no golden {golden.name}")
                elif r.stdout != golden.read_bytes():
                    problems.append(f"stdout differs from {golden.name}")
                results.check(f"cli export {src.name} --format {fmt}{' ' + ' '.join(extra) if extra else ''}", problems)

    with tempfile.TemporaryDirectory() as tmp:
        src = ROOT / "examples/stroke-kitchen.careplan"
        out = Path(tmp) / "sub" / "kitchen.fhir.json"
        r = subprocess.run([str(binary), "export", str(src), "--format", "fhir", "--today", TODAY, "-q", "-o", str(out)],
                           capture_output=True, env=env, timeout=60)
        problems = []
        size = out.stat().st_size if out.exists() else -1
        if r.returncode != 0 or not out.exists():
            problems.append(f"exit {r.returncode}, file written: {out.exists()}")
        elif r.stderr.decode().strip() != f"wrote {out} (fhir, {size} bytes)":
            problems.append(f"unexpected report: {r.stderr.decode().strip()!r}")
        elif out.read_bytes() != (GOLDEN / "stroke-kitchen.fhir.json").read_bytes():
            problems.append("written file differs from the golden")
        leftovers = [f.name for f in out.parent.iterdir() if f.name != out.name] if out.parent.exists() else []
        if leftovers:
            problems.append(f"temporary files left behind: {leftovers}")
        results.check("cli export -o writes atomically and says what it wrote", problems)

        bad = Path(tmp) / "bad.careplan"
        bad.write_text('plan p "Broken" {\n  discipline OT\n  goal g "A goal" { by 2026-13-40 }\n}\n', encoding="utf-8")
        target = Path(tmp) / "bad.fhir.json"
        r = subprocess.run([str(binary), "export", str(bad), "--format", "fhir", "--today", TODAY, "-o", str(target)],
                           capture_output=True, env=env, timeout=60)
        problems = []
        if r.returncode != 1:
            problems.append(f"exit {r.returncode}, expected 1")
        if target.exists() or r.stdout:
            problems.append("something was exported from a plan with errors")
        if b"error" not in r.stderr:
            problems.append("no diagnostics printed")
        results.check("cli export refuses a plan with errors", problems)


# ---------------------------------------------------------------------------------------- main

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--careplan", type=Path, help="also run this careplan binary end to end")
    args = ap.parse_args()

    results = Results()
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)

    files = sorted(GOLDEN.iterdir())
    if not files:
        print(f"FAIL no golden exports in {GOLDEN}; run swift test first")
        results.failed += 1
    for src in sources():
        if not any(f.name.startswith(src.stem + ".") for f in files):
            results.check(f"goldens for {src.name}", [f"none in {GOLDEN.relative_to(ROOT)}; run swift test to write them"])

    fhir_files = [f for f in files if f.name.endswith(".fhir.json")]
    r4 = r4_us_core(fhir_files)
    craft = fhircraft_problems(fhir_files)
    for f in files:
        name = f.name
        if name.endswith(".fhir.json"):
            results.check(f"fhir {name}", fhir_problems(f.read_text(encoding="utf-8"), ".deidentified." in name)
                          + r4.get(str(f), ["not checked by the R4 and US Core models"]) + craft.get(str(f), []))
        elif name.endswith(".ics"):
            events = f.with_name(name.removesuffix(".ics") + ".events.json")
            if not events.exists():
                results.check(f"ics {name}", [f"no {events.name} with the expected events"])
                continue
            results.check(f"ics {name}", ics_problems(f.read_bytes(), json.loads(events.read_text(encoding="utf-8"))))
        elif name.endswith(".events.json"):
            continue
        elif name.endswith(".json"):
            errors = sorted(validator.iter_errors(json.loads(f.read_text(encoding="utf-8"))), key=lambda e: list(e.path))
            results.check(f"json schema {name}", [f"{'/'.join(map(str, e.path)) or '(root)'}: {e.message}" for e in errors])
        elif name.endswith(".html"):
            results.check(f"html {name}", html_problems(f.read_text(encoding="utf-8")))

    # The caseload of the test clinic folder: JSON against its schema, the calendar like the
    # plan calendars (one all-day event per item, on the item's date).
    caseload_schema = json.loads((ROOT / "schema/caseload-1.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(caseload_schema)
    caseload_validator = jsonschema.Draft202012Validator(caseload_schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    caseload_dir = ROOT / "Tests/CarePlanKitTests/Golden/caseload"
    caseload = json.loads((caseload_dir / "clinic.json").read_text(encoding="utf-8"))
    errors = sorted(caseload_validator.iter_errors(caseload), key=lambda e: list(e.path))
    results.check("json schema caseload clinic.json", [f"{'/'.join(map(str, e.path)) or '(root)'}: {e.message}" for e in errors])
    # What is already late is on the caseload's today in the calendar, the rest on its date.
    expected = {"count": len(caseload["items"]), "events": [{"date": max(i["date"], caseload["today"]), "kind": "?"} for i in caseload["items"]]}
    results.check("ics caseload clinic.ics", ics_problems((caseload_dir / "clinic.ics").read_bytes(), expected))
    results.check("html caseload clinic.html", html_problems((caseload_dir / "clinic.html").read_text(encoding="utf-8")))
    # `careplan diff --format json` of every pair of versions in the diff goldens.
    diff_schema = json.loads((ROOT / "schema/careplan-diff-1.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(diff_schema)
    diff_validator = jsonschema.Draft202012Validator(diff_schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    for f in sorted((ROOT / "Tests/CarePlanKitTests/Golden/diff").glob("*/expected.json")):
        errors = sorted(diff_validator.iter_errors(json.loads(f.read_text(encoding="utf-8"))), key=lambda e: list(e.path))
        results.check(f"json schema diff {f.parent.name}", [f"{'/'.join(map(str, e.path)) or '(root)'}: {e.message}" for e in errors])
    for f in sorted((ROOT / "Tests/CarePlanKitTests/Golden/documents").glob("*.html")):
        results.check(f"html document {f.name}", html_problems(f.read_text(encoding="utf-8")))

    if args.careplan:
        if not args.careplan.exists():
            results.check("cli", [f"{args.careplan} not found; build it with swift build"])
        else:
            cli_checks(results, args.careplan)

    print(f"{results.passed} passed, {results.failed} failed")
    return 1 if results.failed or results.passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
