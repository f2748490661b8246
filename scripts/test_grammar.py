#!/usr/bin/env python3
"""Tokenizes every example with the VS Code TextMate grammar
(editors/vscode/syntaxes/careplan.tmLanguage.json) and checks the scopes it gives.

The tokenizer is `textmate-grammar-python` (PyPI; a Python port of vscode-textmate's
engine on the Oniguruma regex library through `onigurumacffi`), installed into .venv by
scripts/setup-venv.sh, so the grammar's patterns run as VS Code runs them.

What is expected is worked out from the text here, without the grammar: a small scanner
splits each line into code, strings and comments (as the careplan lexer does: `#` outside a
string starts a comment, `\\` escapes, `${...}` is code inside a string); the field keywords
come from Syntax/FieldSpec.swift's table. Then:
  - every character of a comment has a comment scope, and of a string a string scope;
  - a date in code (YYYY-MM-DD) is constant.numeric.date;
  - `plan`/`goal`/`intervention ID` declare (storage.type + entity.name.type.goal, ...);
  - statement keywords are keyword.control, a field keyword opening a line keyword.other.field;
  - the goal ids after `serves`, `supports`, `replaces`, `review` are variable.other.goal.
Ends with `N passed, N failed`; exit status 1 on any failure.
"""
import argparse
import glob
import json
import logging
import os
import re
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
NAME = r"[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*"
STATEMENTS = {"let", "import", "use", "template", "if", "else", "for", "check", "print", "export"}


def regions(line):
    """(kind, start, end) for each stretch of a line: 'code', 'string', 'comment'.
    Interpolations inside strings count as code."""
    out, i, start, kind, depth = [], 0, 0, "code", 0
    while i < len(line):
        c = line[i]
        if kind == "code":
            if c == "#" and depth == 0:
                out.append(("code", start, i)); out.append(("comment", i, len(line))); return [r for r in out if r[1] < r[2]]
            if c == '"' and depth == 0:
                out.append(("code", start, i)); kind, start = "string", i
            elif c == "}" and depth > 0:
                out.append(("code", start, i)); kind, start, depth = "string", i, 0
        elif kind == "string":
            if c == "\\":
                i += 2
                continue
            if c == "$" and line[i + 1:i + 2] == "{":
                out.append(("string", start, i + 2)); kind, start, depth = "code", i + 2, 1
                i += 2
                continue
            if c == '"':
                out.append(("string", start, i + 1)); kind, start = "code", i + 1
        i += 1
    out.append((kind, start, len(line)))
    return [r for r in out if r[1] < r[2]]


def field_keywords():
    src = open(os.path.join(ROOT, "Sources/CarePlanSyntax/Syntax/FieldSpec.swift"), encoding="utf-8").read()
    words = set(re.findall(r'example: "([a-z][a-z-]*)', src))
    return words - {"meals"}  # the progress entry's example starts with a goal id


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--grammar", default=os.path.join(ROOT, "editors/vscode/syntaxes/careplan.tmLanguage.json"))
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    logging.disable(logging.WARNING)  # the engine logs every string it skips over
    from textmate_grammar.parsers.base import LanguageParser

    parser = LanguageParser(json.load(open(args.grammar, encoding="utf-8")))
    files = args.files or sorted(glob.glob(os.path.join(ROOT, "examples/**/*.careplan"), recursive=True))
    fields = field_keywords()
    passed = failed = 0
    seen = {k: 0 for k in ["comment", "string", "date", "declaration", "goal id", "statement", "field"]}

    for path in files:
        text = open(path, encoding="utf-8").read()
        scopes = {}
        for (line, col), content, names in parser.parse_string(text).flatten():
            for k in range(len(content)):
                scopes[(line, col + k)] = names
        problems = []

        def expect(kind, line, start, end, scope):
            seen[kind] += 1
            for col in range(start, end):
                got = scopes.get((line, col), [])
                if not any(s == scope or s.startswith(scope + ".") for s in got):
                    problems.append(f"{os.path.relpath(path, ROOT)}:{line + 1}:{col + 1}: {kind} {text.splitlines()[line][start:end]!r} "
                                    f"should be {scope}, got {got}")
                    return

        in_progress = False
        for n, line in enumerate(text.split("\n")):
            parts = regions(line)
            for kind, s, e in parts:
                if kind == "comment":
                    expect("comment", n, s, e, "comment.line.number-sign.careplan")
                elif kind == "string":
                    expect("string", n, s, e, "string.quoted.double.careplan")
                else:
                    for m in re.finditer(r"\b\d{4}-\d{2}-\d{2}\b", line[s:e]):
                        expect("date", n, s + m.start(), s + m.end(), "constant.numeric.date.careplan")
            code = "".join(line[s:e] if k == "code" else " " * (e - s) for k, s, e in parts)
            m = re.match(r"\s*(" + NAME + r")", code)
            if m:
                word = m.group(1)
                soap_plan = word == "plan" and re.fullmatch(r'\s*plan\s*"(?:[^"\\]|\\.)*"\s*(?:#.*)?', line)
                if word in ("plan", "goal", "intervention") and (d := re.match(r"\s*(plan|goal|intervention)\s+(" + NAME + ")", line)):
                    expect("declaration", n, d.start(1), d.end(1), "storage.type." + word)
                    expect("declaration", n, d.start(2), d.end(2), "entity.name.type." + word)
                elif word in STATEMENTS:
                    expect("statement", n, m.start(1), m.end(1), "keyword.control")
                elif word in ("plan", "goal", "intervention") and not soap_plan:
                    expect("declaration", n, m.start(1), m.end(1), "storage.type")
                elif word in fields and not in_progress:
                    expect("field", n, m.start(1), m.end(1), "keyword.other.field.careplan")
                if word == "progress" and "{" in code:
                    in_progress = True
            if in_progress and "}" in code and not code.strip().startswith("progress"):
                in_progress = False
            for g in re.finditer(r"(?<![\w-])(serves|supports|replaces|review)\s+((?:" + NAME + r")(?:\s*,\s*" + NAME + r")*)", code):
                for idm in re.finditer(NAME, g.group(2)):
                    expect("goal id", n, g.start(2) + idm.start(), g.start(2) + idm.end(), "variable.other.goal.careplan")
            for g in re.finditer(r"(?<![\w-])goal\s+(" + NAME + ")", code):
                expect("goal id", n, g.start(1), g.end(1), "entity.name.type.goal.careplan")

        if problems:
            failed += 1
            print(f"FAIL  {os.path.relpath(path, ROOT)}: {len(problems)} wrong scopes")
            for p in problems[:10]:
                print("      " + p)
        else:
            passed += 1
            print(f"ok    {os.path.relpath(path, ROOT)}")
    # Every kind of check ran on the examples: a grammar that matched nothing would fail above,
    # and examples without any of them would make this test meaningless.
    empty = [k for k, v in seen.items() if v == 0]
    if empty:
        failed += 1
        print(f"FAIL  no {', '.join(empty)} found in the examples")
    else:
        passed += 1
        print("ok    checked " + ", ".join(f"{v} {k}s" for k, v in seen.items()))
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
