#!/usr/bin/env python3
"""Checks careplan's exports with independent validators.

For every golden export in Tests/CarePlanKitTests/Golden/exports (which `swift test` keeps
byte-identical to what the exporter writes):

- FHIR (*.fhir.json): parsed by fhir.resources' R4B models (structure, required fields,
  datatypes), then checked here for what those models do not check: code values from the
  required value sets, one scheduled[x] per activity, target detail needing a measure,
  every urn:uuid reference resolving inside the Bundle, and no name or birth date when
  de-identified.
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
import datetime as dt
import html.parser
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from dateutil.rrule import rrulestr
from fhir.resources.R4B.bundle import Bundle
import icalendar
import jsonschema

ROOT = Path(__file__).resolve().parent.parent
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
            if d is None or "reference" in a:
                p.append(f"activity[{i}] must have a detail and no reference")
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
        if deidentified and ("name" in res or "birthDate" in res):
            p.append("a de-identified Patient still has a name or birth date")
    elif rtype == "Condition":
        for c in res.get("clinicalStatus", {}).get("coding", []):
            if c.get("system") != CONDITION_CLINICAL_SYSTEM or c.get("code") not in CONDITION_CLINICAL:
                p.append(f"clinicalStatus {c.get('code')!r} not in condition-clinical")
    else:
        p.append(f"unexpected resource type {rtype!r}")
    return p


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


DATE_KEYS = {"start", "end", "birthDate", "startDate", "dueDate", "statusDate", "time"}


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

    for f in files:
        name = f.name
        if name.endswith(".fhir.json"):
            results.check(f"fhir {name}", fhir_problems(f.read_text(encoding="utf-8"), ".deidentified." in name))
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

    if args.careplan:
        if not args.careplan.exists():
            results.check("cli", [f"{args.careplan} not found; build it with swift build"])
        else:
            cli_checks(results, args.careplan)

    print(f"{results.passed} passed, {results.failed} failed")
    return 1 if results.failed or results.passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
