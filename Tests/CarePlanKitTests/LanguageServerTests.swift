@testable import CarePlanKit
import Foundation
import Testing

/// `careplan lsp` in process (issue 14): the server is driven message by message, as an
/// editor would, without pipes. The end-to-end test over a real process is
/// scripts/lsp_e2e.py.
struct LanguageServerTests {
    /// An editor talking to the server: requests get their response back; everything the
    /// server sends is kept.
    final class Client: @unchecked Sendable {
        private let lock = NSLock()
        private var outbox: [JSONValue] = []
        var server: LanguageServer!
        private var nextID = 1

        init(files: [String: String] = [:], utf8: Bool = false, initialize: Bool = true) throws {
            let disk = files.mapValues { Array($0.utf8) }
            server = LanguageServer(today: CalendarDate(iso: "2026-11-30")!, readFile: { disk[$0] }) { [unowned self] body in
                let value = try! JSONParser.parse(body)
                self.lock.lock(); self.outbox.append(value); self.lock.unlock()
            }
            if initialize {
                let general: JSONValue = utf8 ? .object(["positionEncodings": .array(["utf-8", "utf-16"])]) : .object([:])
                _ = request("initialize", .object(["capabilities": .object(["general": general])]))
                notify("initialized", .object([:]))
            }
        }

        /// Everything sent since the last call.
        func drain() -> [JSONValue] {
            lock.lock(); defer { lock.unlock() }
            let out = outbox
            outbox = []
            return out
        }

        func send(_ message: JSONValue) { server.handle(Array(message.serialized(pretty: false).utf8)) }

        func notify(_ method: String, _ params: JSONValue) {
            send(.object(["jsonrpc": "2.0", "method": .string(method), "params": params]))
        }

        /// The response to a request (its `result` or `error` object).
        @discardableResult
        func request(_ method: String, _ params: JSONValue) -> JSONValue {
            let id = nextID
            nextID += 1
            send(.object(["jsonrpc": "2.0", "id": .number(Double(id)), "method": .string(method), "params": params]))
            return drain().last { $0["id"]?.intValue == id } ?? .null
        }

        /// Opens `text` as `path` and returns the diagnostics published for it.
        @discardableResult
        func open(_ path: String, _ text: String, version: Int = 1) -> [JSONValue] {
            notify("textDocument/didOpen", .object(["textDocument": .object([
                "uri": .string("file://" + path), "languageId": "careplan", "version": .number(Double(version)), "text": .string(text)])]))
            return drain().last { $0["method"]?.stringValue == "textDocument/publishDiagnostics" }?["params"]?["diagnostics"]?.arrayValue ?? []
        }

        func at(_ path: String, _ line: Int, _ character: Int, _ extra: [String: JSONValue] = [:]) -> JSONValue {
            var o: [String: JSONValue] = ["textDocument": .object(["uri": .string("file://" + path)]),
                                          "position": .object(["line": .number(Double(line)), "character": .number(Double(character))])]
            for (k, v) in extra { o[k] = v }
            return .object(o)
        }
    }

    static let kitchen = """
        let start = 2026-11-02
        plan kitchen "Back to cooking" {
          discipline OT
          client "Maria Lopez" { born 1954-03-12 }
          starts start
          diagnosis "Left MCA stroke"
          goal meals "Prepare a simple hot meal" {
            occupation iadl
            assist from moderate to independent
            condition "using labelled cabinets"
            by start + 12 weeks
          }
          intervention labels "Label the cabinets" {
            type environment-modification
            serves meals
            frequency 1 per week for 4 weeks
          }
          checkin every 2 weeks until meals.due { review meals }
          note "${meals.title} first"
        }
        progress kitchen on 2026-11-16 {
          meals assist minimal note "one cue"
        }

        """

    /// (line, character) of the `n`th occurrence of `needle` (0-based line, UTF-16 character).
    static func find(_ text: String, _ needle: String, _ n: Int = 0, plus: Int = 0) -> (Int, Int) {
        var count = 0
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = Substring(line)
            while let r = rest.range(of: needle) {
                if count == n { return (i, line[..<r.lowerBound].utf16.count + plus) }
                count += 1
                rest = rest[r.upperBound...]
            }
        }
        Issue.record("`\(needle)` #\(n) not found")
        return (0, 0)
    }

    static func range(_ v: JSONValue?) -> [Int] {
        [v?["start"]?["line"]?.intValue ?? -1, v?["start"]?["character"]?.intValue ?? -1,
         v?["end"]?["line"]?.intValue ?? -1, v?["end"]?["character"]?.intValue ?? -1]
    }

    @Test func initializeNegotiatesThePositionEncoding() throws {
        let plain = try Client(initialize: false)
        let r16 = plain.request("initialize", .object(["capabilities": .object([:])]))
        #expect(r16["result"]?["capabilities"]?["positionEncoding"]?.stringValue == "utf-16")
        // Formatting is `careplan fmt`'s layout.
        #expect(r16["result"]?["capabilities"]?["documentFormattingProvider"] == .bool(true))
        #expect(r16["result"]?["capabilities"]?["renameProvider"]?["prepareProvider"]?.boolValue == true)
        let utf8 = try Client(initialize: false)
        let r8 = utf8.request("initialize", .object(["capabilities": .object(["general": .object(["positionEncodings": .array(["utf-8", "utf-16"])])])]))
        #expect(r8["result"]?["capabilities"]?["positionEncoding"]?.stringValue == "utf-8")
        #expect(utf8.server.encoding == .utf8)
    }

    @Test func diagnosticsAreThoseOfCheck() throws {
        let c = try Client()
        let text = Self.kitchen.replacingOccurrences(of: "serves meals\n", with: "serves meal\n")
        let published = c.open("/plans/kitchen.careplan", text)
        let expected = Compilation.check(source: text, name: "/plans/kitchen.careplan", today: CalendarDate(iso: "2026-11-30")!).diagnostics
        #expect(published.count == expected.count)
        let unknown = try #require(published.first { $0["code"]?.stringValue == "CP0102" })
        #expect(unknown["severity"]?.intValue == 1)
        #expect(unknown["source"]?.stringValue == "careplan")
        #expect(unknown["message"]?.stringValue?.contains("did you mean `meals`?") == true)
        #expect(unknown["data"]?["explain"]?.stringValue == "careplan explain CP0102")
        let (line, character) = Self.find(text, "serves meal", plus: 7)
        #expect(Self.range(unknown["range"]) == [line, character, line, character + 4])
        // Fixing it republishes: no CP0102 any more.
        c.notify("textDocument/didChange", .object([
            "textDocument": .object(["uri": "file:///plans/kitchen.careplan", "version": 2]),
            "contentChanges": .array([.object(["text": .string(Self.kitchen)])])]))
        let again = c.drain().last { $0["method"]?.stringValue == "textDocument/publishDiagnostics" }
        #expect(again?["params"]?["version"]?.intValue == 2)
        #expect(again?["params"]?["diagnostics"]?.arrayValue?.contains { $0["code"]?.stringValue == "CP0102" } == false)
        c.notify("textDocument/didClose", .object(["textDocument": .object(["uri": "file:///plans/kitchen.careplan"])]))
        #expect(c.drain().last?["params"]?["diagnostics"]?.arrayValue?.isEmpty == true)
    }

    @Test func aDiagnosticInAnImportedFileIsShownOnTheImport() throws {
        let c = try Client(files: ["/plans/lib.careplan": "template rail(serving) {\n  intervention rail \"Rail\" { type environment-modification; serves serving; bogus 3 }\n}\n"])
        let text = "import \"lib.careplan\"\n" + Self.kitchen
        let published = c.open("/plans/kitchen.careplan", text)
        let fromImport = try #require(published.first { $0["code"]?.stringValue == "CP0051" })
        #expect(Self.range(fromImport["range"]) == [0, 7, 0, 21])
        #expect(fromImport["message"]?.stringValue?.hasPrefix("in /plans/lib.careplan:2:") == true)
        #expect(fromImport["relatedInformation"]?.arrayValue?.first?["location"]?["uri"]?.stringValue == "file:///plans/lib.careplan")
    }

    @Test func completionInsideAGoalOffersOnlyGoalFields() throws {
        let c = try Client()
        let text = Self.kitchen.replacingOccurrences(of: "    by start + 12 weeks\n", with: "    by start + 12 weeks\n    \n")
        c.open("/plans/kitchen.careplan", text)
        let (line, _) = Self.find(text, "by start + 12 weeks")
        let result = c.request("textDocument/completion", c.at("/plans/kitchen.careplan", line + 1, 4))
        let labels = result["result"]?["items"]?.arrayValue?.compactMap { $0["label"]?.stringValue } ?? []
        #expect(labels == StatementKeyword.keywords(in: .goal) + FieldSpec.keywords(in: .goal))
        #expect(!labels.contains("discipline") && !labels.contains("serves") && !labels.contains("born"))
        // A field's item carries its help.
        let occupation = result["result"]?["items"]?.arrayValue?.first { $0["label"]?.stringValue == "occupation" }
        #expect(occupation?["kind"]?.intValue == 5)
        #expect(occupation?["documentation"]?["value"]?.stringValue?.contains("OTPF-4") == true)
        // The word typed so far is replaced: `ass` -> `assist` on `    ass`.
        let typed = text.replacingOccurrences(of: "    by start + 12 weeks\n    \n", with: "    by start + 12 weeks\n    ass\n")
        c.open("/plans/kitchen.careplan", typed, version: 2)
        let partial = c.request("textDocument/completion", c.at("/plans/kitchen.careplan", line + 1, 7))
        let items = partial["result"]?["items"]?.arrayValue ?? []
        #expect(items.compactMap { $0["label"]?.stringValue } == ["assist"])
        #expect(Self.range(items.first?["textEdit"]?["range"]) == [line + 1, 4, line + 1, 7])
        // In an intervention's `serves`, the plan's goals.
        let (sl, sc) = Self.find(typed, "serves meals", plus: 7)
        let serves = c.request("textDocument/completion", c.at("/plans/kitchen.careplan", sl, sc))
        #expect(serves["result"]?["items"]?.arrayValue?.compactMap { $0["label"]?.stringValue } == ["meals"])
    }

    /// Each version of a document is parsed once (and its syntax tree built at most once),
    /// whatever is asked about it: diagnostics, completion, hover, navigation, the outline,
    /// rename, formatting; a save re-checks it (imports may have changed) without parsing.
    @Test func aVersionIsParsedOnceForEveryRequest() throws {
        let c = try Client()
        let counts = ParseCounts()
        c.server.parseCounts = counts
        let path = "/plans/kitchen.careplan", uri = "file:///plans/kitchen.careplan"
        // The imported file is open too: its version is parsed once as well, not again for
        // the declarations the importer's hover and definition look up.
        let lib = "template rail(serving) {\n  intervention rail \"Rail\" { type environment-modification; serves serving }\n}\n"
        let libURI = "file:///plans/lib.careplan"
        c.open("/plans/lib.careplan", lib)
        let text = "import \"lib.careplan\"\n" + Self.kitchen.replacingOccurrences(of: "  checkin", with: "  use rail(serving: meals)\n  checkin")
        c.open(path, text)
        func everyRequest() {
            let (fl, fc) = Self.find(text, "occupation iadl", plus: 3)
            let (gl, gc) = Self.find(text, "serves meals", plus: 8)
            let (wl, wc) = Self.find(text, "use rail", plus: 5)
            let imported = c.request("textDocument/definition", c.at(path, wl, wc))["result"]
            #expect(imported?["uri"]?.stringValue == libURI)
            _ = c.request("textDocument/hover", c.at(path, wl, wc))
            _ = c.request("textDocument/completion", c.at(path, fl, fc - 3))
            _ = c.request("textDocument/hover", c.at(path, fl, fc))
            _ = c.request("textDocument/hover", c.at(path, gl, gc))
            _ = c.request("textDocument/definition", c.at(path, gl, gc))
            _ = c.request("textDocument/references", c.at(path, gl, gc))
            _ = c.request("textDocument/documentSymbol", .object(["textDocument": .object(["uri": .string(uri)])]))
            _ = c.request("textDocument/prepareRename", c.at(path, gl, gc))
            _ = c.request("textDocument/rename", c.at(path, gl, gc, ["newName": "hot-meal"]))
            _ = c.request("textDocument/formatting", .object(["textDocument": .object(["uri": .string(uri)]),
                                                              "options": .object(["tabSize": 2, "insertSpaces": .bool(true)])]))
        }
        everyRequest()
        c.notify("textDocument/didSave", .object(["textDocument": .object(["uri": .string(uri)])]))
        #expect(c.drain().contains { $0["method"]?.stringValue == "textDocument/publishDiagnostics" })
        everyRequest()
        let v1 = ParseCounts.Version(uri: uri, version: 1), lib1 = ParseCounts.Version(uri: libURI, version: 1)
        #expect(counts.parses == [v1: 1, lib1: 1])
        #expect(counts.trees == [v1: 1])
        // A new version is parsed once more, and only once.
        c.notify("textDocument/didChange", .object(["textDocument": .object(["uri": .string(uri), "version": 2]),
                                                    "contentChanges": .array([.object(["text": .string(text + "let more = 1\n")])])]))
        everyRequest()
        #expect(counts.parses == [v1: 1, lib1: 1, ParseCounts.Version(uri: uri, version: 2): 1])
        #expect(counts.trees == [v1: 1, ParseCounts.Version(uri: uri, version: 2): 1])
    }

    /// Completion reads the block at the cursor from the syntax tree of the version it is
    /// asked about: after an edit that adds lines above and opens a check-in block over several
    /// lines, a cursor inside that block (in the plan's block) is offered the check-in's words;
    /// that line of the first version is the `}` of the progress record (the top level).
    @Test func completionInANestedBlockAfterAnEdit() throws {
        let c = try Client()
        let path = "/plans/kitchen.careplan", uri = "file:///plans/kitchen.careplan"
        c.open(path, Self.kitchen)
        func change(_ text: String, _ version: Int) {
            c.notify("textDocument/didChange", .object(["textDocument": .object(["uri": .string(uri), "version": .number(Double(version))]),
                                                        "contentChanges": .array([.object(["text": .string(text)])])]))
            _ = c.drain()
        }
        func labels(_ line: Int, _ character: Int) -> [String] {
            c.request("textDocument/completion", c.at(path, line, character))["result"]?["items"]?.arrayValue?
                .compactMap { $0["label"]?.stringValue } ?? []
        }
        let edited = Self.kitchen
            .replacingOccurrences(of: "  goal meals", with: "  goal dress \"Dress for the day\" {\n    occupation adl\n  }\n  goal meals")
            .replacingOccurrences(of: "  checkin every 2 weeks until meals.due { review meals }\n",
                                  with: "  checkin every 2 weeks until meals.due {\n    review meals\n    \n  }\n")
        change(edited, 2)
        let (line, _) = Self.find(edited, "    review meals")
        let inCheckin = labels(line + 1, 4)
        #expect(inCheckin == StatementKeyword.keywords(in: .checkin) + FieldSpec.keywords(in: .checkin))
        #expect(!inCheckin.contains("frequency") && !inCheckin.contains("discipline"))
        // The same place in the first version: after the progress record's `}`.
        #expect(Self.kitchen.split(separator: "\n", omittingEmptySubsequences: false)[line + 1] == "}")
        // A word being typed there, in a third version: the check-in's own field.
        let typing = edited.replacingOccurrences(of: "    review meals\n    \n", with: "    review meals\n    rev\n")
        change(typing, 3)
        #expect(labels(line + 1, 7) == ["review"])
        // After the check-in's `}`: the plan's words again.
        let (note, _) = Self.find(typing, "  note \"")
        let afterCheckin = labels(note - 1, 3)
        #expect(afterCheckin.contains("discipline") && afterCheckin.contains("goal") && !afterCheckin.contains("review"))
    }

    @Test func hoverExplainsFieldsGoalsAndDiagnostics() throws {
        let c = try Client()
        c.open("/plans/kitchen.careplan", Self.kitchen)
        let (fl, fc) = Self.find(Self.kitchen, "occupation iadl", plus: 3)
        let field = c.request("textDocument/hover", c.at("/plans/kitchen.careplan", fl, fc))["result"]
        let fieldText = field?["contents"]?["value"]?.stringValue ?? ""
        #expect(fieldText.contains("**occupation** (in a goal): the area of everyday activity"))
        #expect(fieldText.contains("occupation iadl"))
        #expect(Self.range(field?["range"]) == [fl, fc - 3, fl, fc - 3 + "occupation".count])
        // A goal id (here where it is served): its COAST summary.
        let (gl, gc) = Self.find(Self.kitchen, "serves meals", plus: 8)
        let goal = c.request("textDocument/hover", c.at("/plans/kitchen.careplan", gl, gc))["result"]?["contents"]?["value"]?.stringValue ?? ""
        #expect(goal.contains("**goal meals**: Prepare a simple hot meal (plan `kitchen`)"))
        #expect(goal.contains("**O** occupation: iadl"))
        #expect(goal.contains("**A** assist: from moderate to independent"))
        #expect(goal.contains("**S** condition: using labelled cabinets"))
        #expect(goal.contains("**T** timeline: by 2027-01-25"))
        // A diagnostic under the cursor: its explanation.
        let bad = Self.kitchen.replacingOccurrences(of: "occupation iadl", with: "occupation iadll")
        c.open("/plans/kitchen.careplan", bad, version: 2)
        let (bl, bc) = Self.find(bad, "iadll", plus: 2)
        let diag = c.request("textDocument/hover", c.at("/plans/kitchen.careplan", bl, bc))["result"]?["contents"]?["value"]?.stringValue ?? ""
        #expect(diag.contains("**CP0103** (error)"))
        #expect(diag.contains(DiagnosticCode.unknownEnumValue.explanation))
    }

    @Test func positionsCountUTF16UnitsOrNegotiatedUTF8Bytes() throws {
        // `Zoë` (ë: 1 UTF-16 unit, 2 bytes) and 🙂 (2 units, 4 bytes) before the goal id.
        let text = Self.kitchen.replacingOccurrences(of: "  intervention labels \"Label the cabinets\" {\n    type environment-modification\n    serves meals\n",
                                                     with: "  intervention labels \"Zoë 🙂\" { type environment-modification; serves meals\n")
        let prefix = "  intervention labels \"Zoë 🙂\" { type environment-modification; serves "
        for utf8 in [false, true] {
            let c = try Client(utf8: utf8)
            c.open("/plans/kitchen.careplan", text)
            let (line, _) = Self.find(text, "Zoë")
            let character = utf8 ? prefix.utf8.count : prefix.utf16.count
            #expect(character == (utf8 ? 74 : 71))
            let def = c.request("textDocument/definition", c.at("/plans/kitchen.careplan", line, character + 1))["result"]
            let (gl, gc) = Self.find(text, "goal meals", plus: 5)
            #expect(Self.range(def?["range"]) == [gl, gc, gl, gc + 5], "utf8: \(utf8)")
            let refs = c.request("textDocument/references", c.at("/plans/kitchen.careplan", gl, gc + 1))["result"]?.arrayValue ?? []
            #expect(refs.contains { Self.range($0["range"]) == [line, character, line, character + 5] }, "utf8: \(utf8)")
            // The middle of a character is moved to its start, not past it.
            let doc = try #require(c.server.documents["file:///plans/kitchen.careplan"])
            let emojiStart = doc.offset(of: TextPosition(line: line, character: utf8 ? 28 : 27), utf8 ? .utf8 : .utf16)
            let inside = doc.offset(of: TextPosition(line: line, character: utf8 ? 29 : 28), utf8 ? .utf8 : .utf16)
            #expect(doc.bytes[emojiStart] == 0xF0)
            #expect(inside == emojiStart)
        }
    }

    @Test func definitionAndReferencesForEachKindOfName() throws {
        let lib = "template grab-rail(serving, room = \"bathroom\") {\n  intervention rail \"Grab rail in the ${room}\" { type environment-modification; serves serving }\n}\n"
        let c = try Client(files: ["/plans/templates/safety.careplan": lib])
        let text = "import \"templates/safety.careplan\"\n" + Self.kitchen.replacingOccurrences(of: "  checkin", with: "  use grab-rail(serving: meals)\n  checkin")
        c.open("/plans/kitchen.careplan", text)
        let uri = "file:///plans/kitchen.careplan"
        func definition(_ needle: String, _ n: Int = 0, plus: Int = 1) -> (String?, [Int]) {
            let (l, ch) = Self.find(text, needle, n, plus: plus)
            let r = c.request("textDocument/definition", c.at("/plans/kitchen.careplan", l, ch))["result"]
            return (r?["uri"]?.stringValue, Self.range(r?["range"]))
        }
        // A goal used in `until meals.due`, in `review`, in a progress line and in `${...}`.
        let (gl, gc) = Self.find(text, "goal meals", plus: 5)
        for (needle, n) in [("meals.due", 0), ("review meals", 0), ("meals assist minimal", 0), ("${meals", 0)] {
            let plus = needle.hasPrefix("review") ? 7 : needle.hasPrefix("${") ? 3 : 1
            let (u, r) = definition(needle, n, plus: plus)
            #expect(u == uri && r == [gl, gc, gl, gc + 5], "\(needle)")
        }
        // A `let` and a plan.
        let (ll, lc) = Self.find(text, "let start", plus: 4)
        #expect(definition("starts start", plus: 8).1 == [ll, lc, ll, lc + 5])
        let (pl, pc) = Self.find(text, "plan kitchen", plus: 5)
        #expect(definition("progress kitchen", plus: 10).1 == [pl, pc, pl, pc + 7])
        // The import opens the file; a template from it goes to its declaration there.
        #expect(definition("\"templates/safety").0 == "file:///plans/templates/safety.careplan")
        let (tu, tr) = definition("grab-rail(", plus: 2)
        #expect(tu == "file:///plans/templates/safety.careplan" && tr == [0, 9, 0, 18])
        // References of the goal: declaration and every use, in order.
        let refs = c.request("textDocument/references", c.at("/plans/kitchen.careplan", gl, gc + 2, ["context": .object(["includeDeclaration": .bool(true)])]))
        let lines = refs["result"]?.arrayValue?.map { Self.range($0["range"])[0] } ?? []
        #expect(lines.count == 7, "\(lines)")  // goal, serves, use(serving: meals), until meals.due, review, ${meals.title}, progress line
        #expect(lines == lines.sorted())
        // An intervention's references.
        let (il, ic) = Self.find(text, "intervention labels", plus: 14)
        let irefs = c.request("textDocument/references", c.at("/plans/kitchen.careplan", il, ic))["result"]?.arrayValue ?? []
        #expect(irefs.count == 1)
    }

    @Test func documentSymbolsNestGoalsAndInterventionsInTheirPlan() throws {
        let c = try Client()
        c.open("/plans/kitchen.careplan", Self.kitchen)
        let symbols = c.request("textDocument/documentSymbol", .object(["textDocument": .object(["uri": "file:///plans/kitchen.careplan"])]))["result"]?.arrayValue ?? []
        #expect(symbols.compactMap { $0["name"]?.stringValue } == ["start", "kitchen"])
        let plan = try #require(symbols.first { $0["name"]?.stringValue == "kitchen" })
        #expect(plan["detail"]?.stringValue == "Back to cooking")
        let children = plan["children"]?.arrayValue ?? []
        #expect(children.compactMap { $0["name"]?.stringValue } == ["meals", "labels"])
        #expect(children.compactMap { $0["kind"]?.intValue } == [24, 6])
        let (gl, _) = Self.find(Self.kitchen, "goal meals")
        let (el, _) = Self.find(Self.kitchen, "    by start + 12 weeks")
        #expect(Self.range(children[0]["range"])[0] == gl)
        #expect(Array(Self.range(children[0]["range"])[2...]) == [el + 1, 3])
    }

    @Test func renameAGoalEverywhereInTheFile() throws {
        let c = try Client()
        c.open("/plans/kitchen.careplan", Self.kitchen)
        let uri = "file:///plans/kitchen.careplan"
        let (gl, gc) = Self.find(Self.kitchen, "review meals", plus: 9)
        let prepared = c.request("textDocument/prepareRename", c.at("/plans/kitchen.careplan", gl, gc))["result"]
        #expect(prepared?["placeholder"]?.stringValue == "meals")
        #expect(Self.range(prepared?["range"]) == [gl, gc - 2, gl, gc + 3])
        // Not a goal: nothing to rename.
        let (fl, fc) = Self.find(Self.kitchen, "occupation iadl", plus: 2)
        #expect(c.request("textDocument/prepareRename", c.at("/plans/kitchen.careplan", fl, fc))["result"] == .null)
        let result = c.request("textDocument/rename", c.at("/plans/kitchen.careplan", gl, gc, ["newName": "hot-meal"]))
        let edits = result["result"]?["changes"]?[uri]?.arrayValue ?? []
        #expect(edits.count == 6)
        // Applying the edits gives a plan that checks exactly as before.
        let renamed = Self.apply(edits, to: Self.kitchen)
        #expect(renamed.contains("goal hot-meal \"Prepare") && renamed.contains("serves hot-meal") && renamed.contains("until hot-meal.due")
                && renamed.contains("review hot-meal") && renamed.contains("${hot-meal.title}") && renamed.contains("  hot-meal assist minimal"))
        #expect(!renamed.contains("meals"))
        let today = CalendarDate(iso: "2026-11-30")!
        let before = Compilation.check(source: Self.kitchen, today: today).diagnostics.map(\.code)
        let after = Compilation.check(source: renamed, today: today).diagnostics.map(\.code)
        #expect(before == after)
        // A name already taken, or not a name: refused with a reason.
        let taken = c.request("textDocument/rename", c.at("/plans/kitchen.careplan", gl, gc, ["newName": "labels"]))
        #expect(taken["error"]?["code"]?.intValue == -32803)
        #expect(taken["error"]?["message"]?.stringValue?.contains("already has") == true)
        let invalid = c.request("textDocument/rename", c.at("/plans/kitchen.careplan", gl, gc, ["newName": "hot meal"]))
        #expect(invalid["error"]?["code"]?.intValue == -32803)
    }

    /// Applies LSP text edits (UTF-16 positions) to `text`.
    static func apply(_ edits: [JSONValue], to text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array(String($0).utf16) }
        let sorted = edits.sorted { Self.range($0["range"]).lexicographicallyPrecedes(Self.range($1["range"])) }.reversed()
        for e in sorted {
            let r = Self.range(e["range"])
            #expect(r[0] == r[2], "edit within a line")
            let new = Array((e["newText"]?.stringValue ?? "").utf16)
            lines[r[0]].replaceSubrange(r[1]..<r[3], with: new)
        }
        return lines.map { String(decoding: $0, as: UTF16.self) }.joined(separator: "\n")
    }

    @Test func cancellationIsPerRequest() throws {
        let c = try Client()
        c.open("/plans/kitchen.careplan", Self.kitchen)
        func message(_ id: Int) -> [UInt8] {
            Array(JSONValue.object(["jsonrpc": "2.0", "id": .number(Double(id)), "method": "textDocument/documentSymbol",
                                    "params": .object(["textDocument": .object(["uri": "file:///plans/kitchen.careplan"])])]).serialized(pretty: false).utf8)
        }
        // Two requests read, then a cancel for the first arrives before either is answered.
        let first = try #require(c.server.receive(message(70)))
        let second = try #require(c.server.receive(message(71)))
        let cancel = Array(#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":70}}"#.utf8)
        #expect(c.server.receive(cancel) == nil)
        c.server.process(first)
        c.server.process(second)
        let out = c.drain()
        #expect(out.first { $0["id"]?.intValue == 70 }?["error"]?["code"]?.intValue == -32800)
        #expect(out.first { $0["id"]?.intValue == 71 }?["result"]?.arrayValue?.isEmpty == false)
        // The id is forgotten once answered: a later request with it is served.
        c.server.process(try #require(c.server.receive(message(70))))
        #expect(c.drain().first?["result"]?.arrayValue?.isEmpty == false)
    }

    @Test func malformedAndUnknownMessagesGetErrorsNotCrashes() throws {
        let c = try Client(initialize: false)
        let early = c.request("textDocument/hover", .object([:]))
        #expect(early["error"]?["code"]?.intValue == -32002)
        c.request("initialize", .object(["capabilities": .object([:])]))
        for garbage in ["{not json", "", "[1,2]", "\"text\"", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\"", String(repeating: "[", count: 10_000)] {
            c.server.handle(Array(garbage.utf8))
            let reply = c.drain()
            #expect(reply.count == 1, "\(garbage.prefix(20))")
            #expect([-32700, -32600].contains(reply.first?["error"]?["code"]?.intValue ?? 0), "\(garbage.prefix(20))")
            #expect(reply.first?["id"] == .null)
        }
        #expect(c.request("textDocument/formatting", .object([:]))["error"]?["code"]?.intValue == -32602)
        #expect(c.request("workspace/bogus", .object([:]))["error"]?["code"]?.intValue == -32601)
        // A request about a document that is not open, or without a position.
        #expect(c.request("textDocument/hover", c.at("/nowhere.careplan", 0, 0))["error"]?["code"]?.intValue == -32602)
        c.open("/plans/kitchen.careplan", Self.kitchen)
        #expect(c.request("textDocument/hover", .object(["textDocument": .object(["uri": "file:///plans/kitchen.careplan"])]))["error"]?["code"]?.intValue == -32602)
        // Positions past the end are clamped, not trapped on.
        #expect(c.request("textDocument/hover", c.at("/plans/kitchen.careplan", 9_999, 9_999))["error"] == nil)
        // shutdown, then only exit; exit after shutdown is 0.
        #expect(c.request("shutdown", .null)["result"] == .null)
        #expect(c.request("textDocument/hover", c.at("/plans/kitchen.careplan", 0, 0))["error"]?["code"]?.intValue == -32600)
        c.notify("exit", .null)
        #expect(c.server.exitCode == 0)
        let abrupt = try Client()
        abrupt.notify("exit", .null)
        #expect(abrupt.server.exitCode == 1)
    }

    @Test func framingSplitsAndJoinsMessages() {
        var framer = MessageFramer()
        let a = MessageFramer.frame(Array("{\"a\":1}".utf8)), b = MessageFramer.frame(Array("{\"b\":\"Zoë\"}".utf8))
        let both = a + b
        // Byte by byte, then all at once: the same two bodies.
        var items: [MessageFramer.Item] = []
        for byte in both { items += framer.feed([byte]) }
        #expect(items == [.message(Array("{\"a\":1}".utf8)), .message(Array("{\"b\":\"Zoë\"}".utf8))])
        var again = MessageFramer()
        #expect(again.feed(both) == items)
        // Content-Type is allowed; a header without a length is reported and skipped.
        var typed = MessageFramer()
        #expect(typed.feed(Array("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length: 2\r\n\r\n{}".utf8)) == [.message(Array("{}".utf8))])
        var bad = MessageFramer()
        let got = bad.feed(Array("X-Nothing: 1\r\n\r\n".utf8) + a)
        #expect(got.count == 2)
        if case .badHeader = got.first {} else { Issue.record("expected a bad header first") }
        #expect(got.last == .message(Array("{\"a\":1}".utf8)))
    }
}
