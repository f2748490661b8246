#!/usr/bin/env python3
"""End-to-end test of `careplan lsp` (issue 14): a scripted editor talks JSON-RPC 2.0 with
Content-Length framing to a real `careplan lsp` process over its standard input and output,
on the real example files. Only the standard library is used.

    python3 scripts/lsp_e2e.py --careplan .build/debug/careplan

Each step prints `ok` or `FAIL` with what differed; the last line is `N passed, N failed`;
the exit status is 1 when anything failed.
"""
import argparse
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading

TODAY = "2026-11-30"
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))


class Server:
    """A `careplan lsp` process and the messages it sends, read on a thread."""

    def __init__(self, careplan):
        self.proc = subprocess.Popen([careplan, "lsp", "--today", TODAY], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.inbox = queue.Queue()
        self.next_id = 1
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                byte = out.read(1)
                if not byte:
                    self.inbox.put(None)
                    return
                header += byte
            length = None
            for line in header.decode("ascii").split("\r\n"):
                if line.lower().startswith("content-length:"):
                    length = int(line.split(":", 1)[1])
            self.inbox.put(json.loads(out.read(length)))

    def write_raw(self, body: bytes):
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def send(self, message):
        self.write_raw(json.dumps(message).encode("utf-8"))

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == rid and "method" not in m)

    def wait(self, accept, timeout=60):
        while True:
            m = self.inbox.get(timeout=timeout)
            if m is None:
                raise RuntimeError("the server closed its output")
            if accept(m):
                return m

    def diagnostics(self, uri):
        m = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri)
        return m["params"]["diagnostics"]


class Results:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, condition, detail=""):
        if condition:
            self.passed += 1
            print(f"ok    {name}")
        else:
            self.failed += 1
            print(f"FAIL  {name}: {detail}")


def utf16_len(s):
    return len(s.encode("utf-16-le")) // 2


def position_of(text, needle, occurrence=0, plus=0):
    """The LSP position (UTF-16) of the `occurrence`th `needle`, `plus` units into it."""
    index = -1
    for _ in range(occurrence + 1):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index)
    line_start = text.rfind("\n", 0, index) + 1
    return {"line": line, "character": utf16_len(text[line_start:index]) + plus}


def apply_edits(text, edits):
    """Applies LSP text edits (UTF-16 positions, ranges may span lines), last first."""
    def offset(pos):
        lines = text.split("\n")
        before = sum(len(l) + 1 for l in lines[: pos["line"]])
        line = lines[pos["line"]] if pos["line"] < len(lines) else ""
        units = line.encode("utf-16-le")[: 2 * pos["character"]]
        return before + len(units.decode("utf-16-le"))
    spans = sorted(((offset(e["range"]["start"]), offset(e["range"]["end"]), e["newText"]) for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def check_codes(careplan, path):
    """The diagnostic codes and lines `careplan check` reports for a file, in order."""
    r = subprocess.run([careplan, "check", "--format", "json", "--today", TODAY, path], capture_output=True, text=True)
    return sorted((d["code"], d.get("line", 0)) for d in json.loads(r.stdout) if os.path.abspath(d.get("file", path)) == os.path.abspath(path))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--careplan", default=os.path.join(ROOT, ".build/debug/careplan"))
    ap.add_argument("--examples", default=os.path.join(ROOT, "examples"))
    args = ap.parse_args()
    careplan = os.path.abspath(args.careplan)
    r = Results()
    work = tempfile.mkdtemp(prefix="careplan-lsp-")
    try:
        # A copy of the examples, so the rename can be written and checked next to its imports.
        examples = os.path.join(work, "examples")
        shutil.copytree(args.examples, examples)
        s = Server(careplan)

        init = s.request("initialize", {"processId": os.getpid(), "rootUri": "file://" + work,
                                        "capabilities": {"general": {"positionEncodings": ["utf-16"]}}})
        caps = init["result"]["capabilities"]
        r.check("initialize: utf-16 positions", caps.get("positionEncoding") == "utf-16", caps.get("positionEncoding"))
        r.check("initialize: completion, hover, definition, references, symbols, rename",
                all(caps.get(k) for k in ["completionProvider", "hoverProvider", "definitionProvider", "referencesProvider",
                                          "documentSymbolProvider", "renameProvider"]), caps)
        s.notify("initialized", {})

        # Diagnostics: the same findings as `careplan check`, for a clean and a flawed example.
        for name in ["stroke-kitchen.careplan", "teaching/ot-stroke-flawed.careplan"]:
            path = os.path.join(examples, name)
            uri = "file://" + path
            s.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "careplan", "version": 1,
                                                               "text": open(path, encoding="utf-8").read()}})
            got = sorted((d["code"], d["range"]["start"]["line"] + 1) for d in s.diagnostics(uri))
            want = check_codes(careplan, path)
            r.check(f"diagnostics of {name} are check's ({len(want)})", got == want, f"{got} != {want}")
            if name.startswith("teaching"):
                r.check("the flawed plan has findings, each with its explain command",
                        len(got) > 0 and all(d["data"]["explain"] == "careplan explain " + d["code"] for d in s_last(s, uri, path)),
                        got)

        # Syntax errors: one diagnostic per mistake, at the mistake (UTF-16 ranges, past an
        # astral character on the same line), and none for what follows from it; fixing one
        # mistake leaves exactly the others.
        clean = open(os.path.join(examples, "stroke-kitchen.careplan"), encoding="utf-8").read()
        at = clean.index("\n", clean.index("goal meals")) + 1
        broken = clean[:at] + '    note "Zoë 🙂 cooks" @\n' + clean[at:]
        at = broken.index("\n", broken.index("intervention ")) + 1
        broken = broken[:at] + '    note "ok" ]\n' + broken[at:] + "let total = (1 + 2\n"
        end = {"line": broken.count("\n"), "character": 0}

        def one_char(needle, plus):
            start = position_of(broken, needle, plus=plus)
            return {"start": start, "end": {"line": start["line"], "character": start["character"] + 1}}
        mistakes = [("CP0004", one_char('🙂 cooks" @', utf16_len('🙂 cooks" '))),   # a stray character
                    ("CP0050", one_char('"ok" ]', utf16_len('"ok" '))),            # a stray `]` ending a field
                    ("CP0050", {"start": end, "end": end})]                        # an unclosed `(` at the end
        broken_uri = "file://" + os.path.join(examples, "three-mistakes.careplan")
        s.notify("textDocument/didOpen", {"textDocument": {"uri": broken_uri, "languageId": "careplan", "version": 1, "text": broken}})
        got = [(d["code"], d["range"]) for d in s.diagnostics(broken_uri)]
        r.check("a document with three syntax errors: exactly one diagnostic for each, at the mistake",
                got == mistakes, f"{got} != {mistakes}")
        fixed = broken.replace(' cooks" @\n', ' cooks"\n')
        s.notify("textDocument/didChange", {"textDocument": {"uri": broken_uri, "version": 2}, "contentChanges": [{"text": fixed}]})
        got = [(d["code"], d["range"]) for d in s.diagnostics(broken_uri)]
        r.check("the stray character removed: exactly the other two remain, where they were",
                got == mistakes[1:], f"{got} != {mistakes[1:]}")
        s.notify("textDocument/didClose", {"textDocument": {"uri": broken_uri}})
        r.check("closing it clears its diagnostics", s.diagnostics(broken_uri) == [])

        path = os.path.join(examples, "stroke-kitchen.careplan")
        uri = "file://" + path
        text = open(path, encoding="utf-8").read()
        doc = {"uri": uri}

        # Completion on a new empty line inside the goal `meals`: only goal fields.
        at = text.index("\n", text.index("goal meals")) + 1
        edited = text[:at] + "    \n" + text[at:]
        s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": edited}]})
        s.diagnostics(uri)
        line = edited.count("\n", 0, at)
        items = s.request("textDocument/completion", {"textDocument": doc, "position": {"line": line, "character": 4}})["result"]["items"]
        labels = [i["label"] for i in items]
        goal_fields = {"occupation", "assist", "condition", "measure", "starts", "by", "focus", "supports", "replaces", "gas", "note", "expressed-by"}
        fields = [i["label"] for i in items if i.get("kind") == 5]
        r.check("completion in a goal block: the goal fields", set(fields) == goal_fields, f"{sorted(fields)}")
        r.check("completion in a goal block: nothing from plans, clients or interventions",
                not {"discipline", "born", "serves", "type", "client", "goal", "intervention"} & set(labels), labels)
        s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": text}]})
        s.diagnostics(uri)

        # Hover on a field keyword: its meaning and example.
        hover = s.request("textDocument/hover", {"textDocument": doc, "position": position_of(text, "occupation iadl", plus=2)})["result"]
        value = hover["contents"]["value"] if hover else ""
        r.check("hover on `occupation`: meaning and example",
                "the area of everyday activity" in value and "occupation iadl" in value, value[:200])

        # Definition of a goal id where an intervention serves it.
        serves = text.index("serves meals")
        d = s.request("textDocument/definition", {"textDocument": doc, "position": position_of(text, "serves meals", plus=8)})["result"]
        want = position_of(text, "goal meals", plus=5)
        r.check("definition of `meals` in `serves meals`: the goal's id",
                d and d["uri"] == uri and d["range"]["start"] == want, f"{d} (want {want})")
        # ... and of the import path: the file.
        d = s.request("textDocument/definition", {"textDocument": doc, "position": position_of(text, "templates/home-safety", plus=3)})["result"]
        r.check("definition on an import path: the imported file",
                d and d["uri"] == "file://" + os.path.join(examples, "templates/home-safety.careplan"), d)

        # Formatting: advertised; an already formatted example needs no edit; a badly laid out
        # document gets one edit whose result is what `careplan fmt` writes; a document with a
        # syntax error (one being typed) is formatted around the statement that holds it, which
        # stays as written.
        fmt = s.request("textDocument/formatting", {"textDocument": doc, "options": {"tabSize": 2, "insertSpaces": True}})
        r.check("formatting: advertised, and a formatted example needs no edit",
                caps.get("documentFormattingProvider") is True and fmt.get("result") == [], fmt)
        messy_uri = "file://" + os.path.join(examples, "messy.careplan")
        messy = 'plan  m "Messy"{\n  discipline OT\nstarts 2026-11-02\n   goal g "Make tea"{ by start+4 weeks }\n}\n'
        s.notify("textDocument/didOpen", {"textDocument": {"uri": messy_uri, "languageId": "careplan", "version": 1, "text": messy}})
        fmt = s.request("textDocument/formatting", {"textDocument": {"uri": messy_uri}, "options": {"tabSize": 2, "insertSpaces": True}})
        with open(os.path.join(examples, "messy.careplan"), "w") as f:
            f.write(messy)
        want = subprocess.run([careplan, "fmt", "--diff", os.path.join(examples, "messy.careplan")], capture_output=True, text=True)
        subprocess.run([careplan, "fmt", os.path.join(examples, "messy.careplan")], capture_output=True, text=True)
        with open(os.path.join(examples, "messy.careplan")) as f:
            formatted = f.read()
        edits = fmt.get("result") or []
        r.check("formatting a badly laid out document: one edit, the text `careplan fmt` writes",
                len(edits) == 1 and apply_edits(messy, edits) == formatted and formatted != messy, (fmt, want.stdout))
        broken_uri = "file://" + os.path.join(examples, "broken.careplan")
        broken_plan = 'plan b "Broken" {\n  goal  g "x" {\n'
        s.notify("textDocument/didOpen", {"textDocument": {"uri": broken_uri, "languageId": "careplan", "version": 1,
                                                           "text": 'let  a=1\n' + broken_plan}})
        fmt = s.request("textDocument/formatting", {"textDocument": {"uri": broken_uri}, "options": {"tabSize": 2, "insertSpaces": True}})
        edits = fmt.get("result") or []
        r.check("formatting a document with a syntax error: the rest formatted, the unclosed plan kept as written",
                len(edits) == 1 and apply_edits('let  a=1\n' + broken_plan, edits) == 'let a = 1\n\n' + broken_plan, fmt)

        # Rename the goal `meals`: apply the edits, write the file, `careplan check` agrees.
        prep = s.request("textDocument/prepareRename", {"textDocument": doc, "position": position_of(text, "goal meals", plus=6)})["result"]
        r.check("prepareRename on a goal id", prep and prep.get("placeholder") == "meals", prep)
        ren = s.request("textDocument/rename", {"textDocument": doc, "position": position_of(text, "goal meals", plus=6), "newName": "hot-meal"})
        edits = ren["result"]["changes"][uri]
        renamed = apply_edits(text, edits)
        before = check_codes(careplan, path)
        with open(path, "w", encoding="utf-8") as f:
            f.write(renamed)
        after = check_codes(careplan, path)
        expected = ["goal hot-meal \"Prepare", "serves hot-meal", "until hot-meal.due", "review hot-meal, bathing",
                    "  hot-meal 7 assist minimal", "goal due ${hot-meal.due}", 'copm "Preparing meals"']
        missing = [e for e in expected if e not in renamed]
        r.check(f"rename meals -> hot-meal: {len(edits)} edits (declaration and every use; strings untouched), check unchanged",
                len(edits) == 10 and not missing and before == after, f"{len(edits)} edits; missing {missing}; before {before} after {after}")

        # Non-ASCII before the position: `Zoë 🙂` in a title on the line of a use of the goal.
        zoe = text.replace("serves meals", 'serves meals\n    note "Zoë 🙂" ; serves meals', 1)
        s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 4}, "contentChanges": [{"text": zoe}]})
        s.diagnostics(uri)
        pos = position_of(zoe, "🙂\" ; serves meals", plus=utf16_len("🙂\" ; serves m"))
        d = s.request("textDocument/definition", {"textDocument": doc, "position": pos})["result"]
        r.check("UTF-16 positions after `Zoë 🙂`", d and d["range"]["start"] == position_of(zoe, "goal meals", plus=5), f"{d} at {pos}")

        # Bad input never kills the server.
        s.write_raw(b"{this is not json")
        bad = s.wait(lambda m: "error" in m and m.get("id") is None)
        r.check("malformed JSON: a parse error response", bad["error"]["code"] == -32700, bad)
        unknown = s.request("careplan/unknown", {})
        r.check("unknown method: MethodNotFound", unknown.get("error", {}).get("code") == -32601, unknown)
        s.notify("$/cancelRequest", {"id": 999})  # an id never sent: ignored
        symbols = s.request("textDocument/documentSymbol", {"textDocument": doc})["result"]
        r.check("still serving after all that: the outline has the plan and its goals",
                any(x["name"] == "kitchen" and {"meals", "bathing"} <= {c["name"] for c in x.get("children", [])} for x in symbols),
                [x["name"] for x in symbols])

        s.request("shutdown", None)
        s.notify("exit", None)
        code = s.proc.wait(timeout=30)
        r.check("shutdown then exit: status 0", code == 0, code)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{r.passed} passed, {r.failed} failed")
    return 1 if r.failed else 0


def s_last(s, uri, path):
    """The diagnostics of `path` again (reopened), with their data."""
    s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                        "contentChanges": [{"text": open(path, encoding="utf-8").read()}]})
    return s.diagnostics(uri)


if __name__ == "__main__":
    sys.exit(main())
