import Foundation
import CarePlanBasics
import CarePlanSyntax
import CarePlanModel
import CarePlanInterpret
import CarePlanAnalysis
import CarePlanExport

/// The REPL's brain, with no terminal: statements and `:commands` in, text out. The CLI's
/// loop (libedit) and the tests drive the same object.
public final class ReplSession {
    /// What one entry produced.
    public struct Response: Sendable {
        /// Text for standard output (confirmations, `:show`, help). Ends with a newline if not empty.
        public var output: String = ""
        /// Diagnostics to render (against the REPL entry's text).
        public var diagnostics: [Diagnostic] = []
        /// False when the statement was rejected (errors) and the session is unchanged.
        public var accepted: Bool = true
        /// `:quit` was entered.
        public var quit: Bool = false
        /// `:quit!`: leave and throw away what was not saved (the journal is closed).
        public var discard: Bool = false
        /// `:edit`: text to put on the next input line, ready to change.
        public var edit: String? = nil
        /// `:learn`: the terminal loop hands over to the guided lessons (`LessonRunner`), and
        /// comes back to this session when the learner leaves them.
        public var learn: Bool = false
        /// `:learn DIR`: the lessons folder named (made absolute against the session's folder).
        public var lessons: String? = nil
    }

    /// One accepted entry, kept for `:save`, `:reload` and `:undo`.
    enum Entry {
        case statement(String)
        /// A loaded file (absolute path), with the `let`s it left in the session: a saved
        /// script imports the file, and imports keep their `let`s private, so `:save` writes
        /// them out after the import for the statements that follow to see.
        /// `bytes`: the file's text as it was run, written back by a `:save!` into the file.
        case load(String, lets: [(name: String, value: Value)], bytes: [UInt8])
    }

    /// The session before one accepted entry (or `:reset`), for `:undo`.
    struct Snapshot {
        var state: ScriptState
        var entries: [Entry]
        /// What `:undo` takes back when it is not an entry (`:reset`, an `:edit`).
        var what: String? = nil
    }

    /// The element `:edit` brought back, waiting for its new text: the entry that declared it
    /// and the byte range of the declaration in that entry's text.
    struct EditTarget {
        var entryIndex: Int
        var range: Range<Int>
        var kind: ElementKind
        var id: String
    }

    public internal(set) var state = ScriptState()
    /// The validator's findings and timeline of each plan of `state`, recomputed only for the
    /// plans a statement changed (see `FindingsCache`); statements, `:check`, `:export` and
    /// `:schedule` read them here.
    lazy var findings = FindingsCache(today: host.today)
    var entries: [Entry] = []
    var snapshots: [Snapshot] = []
    var entryCount = 0
    var lastLoaded: String?
    /// Set by `:edit`: the next statement replaces that element.
    var pendingEdit: EditTarget?
    /// Set while a journal is replayed: those entries printed and exported when first typed.
    var recovering = false
    /// The session as last written by `:save` (nil: never saved), and the folder it was
    /// written relative to, to tell whether anything would be lost on leaving.
    var savedScript: String?
    var savedFolder = ""
    /// The files this session's exports wrote (absolute, normalised): a typed `export` may
    /// write over these, and no other existing file (`Interpreter.Replaces`).
    var writtenFiles = Set<String>()
    public let host: ScriptHost
    /// The folder relative paths (`:load`, `:save`, `:export`) are resolved against.
    public let workingDirectory: String
    /// Where accepted statements are journalled (nil: no journal).
    public var journal: SessionJournal?
    /// Colour in rendered diagnostics and prompts.
    public var color: Bool
    /// A person at a terminal (not a piped script): hints mention the arrow keys.
    public var interactive = true
    /// The name diagnostics give a statement: nil for `<repl:N>` (the entry's number), or
    /// the input's name (`<stdin>`) when statements come with their line in it (`submit(_:line:)`).
    public var inputName: String?
    /// The input line the entry being submitted starts on (with `inputName`).
    var inputLine = 1

    var editHint: String { interactive ? "; press ↑ to edit the statement" : "" }

    public init(host: ScriptHost, workingDirectory: String = FileManager.default.currentDirectoryPath,
                journal: SessionJournal? = nil, color: Bool = false) {
        self.host = host
        self.workingDirectory = workingDirectory
        self.journal = journal
        self.color = color
    }

    /// The prompt: `careplan> `, or `careplan[kitchen]> ` with a plan in focus.
    /// While `:edit` waits for the new text, `careplan[kitchen]:edit meals> `: the next
    /// statement replaces `meals` rather than adding to the plan.
    public var prompt: String {
        let text = "careplan" + promptTail
        return color ? "\u{1B}[1;36m\(text)>\u{1B}[0m " : "\(text)> "
    }

    /// What follows `careplan` in the prompt: the plan in focus and a pending edit.
    var promptTail: String {
        (state.focus.map { "[\($0)]" } ?? "") + (pendingEdit.map { ":edit \($0.id)" } ?? "")
    }

    /// The prompt while a statement continues over several lines.
    public var continuationPrompt: String {
        let width = "careplan".count + promptTail.count
        return String(repeating: " ", count: max(0, width - 3)) + "...> "
    }

    /// True when `text` can be run: commands are one line; statements need balanced brackets.
    public static func isComplete(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix(":") { return true }
        return Parser.isComplete(text)
    }

    /// `submit(_:)` for an entry that starts on input line `line` (named with `inputName`).
    public func submit(_ text: String, line: Int) -> Response {
        inputLine = line
        defer { inputLine = 1 }
        return submit(text)
    }

    /// Runs one entry: a `:command` or careplan statements. After `:edit`, the next statement
    /// replaces the element being edited.
    public func submit(_ text: String) -> Response {
        let trimmed = String(text.trimmedWhitespace)
        if trimmed.isEmpty { return Response() }
        if trimmed.hasPrefix(":") {
            pendingEdit = nil
            return command(trimmed)
        }
        if let target = pendingEdit { return applyEdit(target, text) }
        return statement(text)
    }

    /// True when leaving now would lose accepted work: the session has entries that were not
    /// written by `:save` (or has changed since).
    public var hasUnsavedChanges: Bool {
        guard let savedScript else { return !entries.isEmpty }
        return script(relativeTo: savedFolder) != savedScript
    }

    /// The number of accepted entries in the session (statements and loaded files).
    public var entryTotal: Int { entries.count }

    /// Forgets a pending `:edit` (Ctrl-C on the edited line): the element stays as it was.
    public func cancelEdit() { pendingEdit = nil }

    func absolute(_ path: String) -> String {
        // `~` is the home folder as $HOME sets it, as a shell expands it.
        let home = ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let expanded = path.hasPrefix("~/") ? home + path.dropFirst(1) : path
        return Paths.join(workingDirectory, expanded)
    }

    // MARK: - Statements

    func statement(_ text: String) -> Response {
        // Only comments and blank lines: nothing to run, nothing to undo or save. Lexing is
        // enough to tell, and cheaper than parsing the entry twice.
        var lexer = Lexer(file: SourceFile(name: "<repl>", text: text))
        if lexer.tokenize().allSatisfy({ $0.kind == .newline || $0.kind == .eof }) && lexer.diagnostics.isEmpty {
            return Response()
        }
        entryCount += 1
        let file = inputName.map { SourceFile(name: $0, text: text, firstLine: inputLine) }
            ?? SourceFile(name: "<repl:\(entryCount)>", text: text)
        return accept(file, entry: .statement(text), journalRecord: .statement(text))
    }

    /// Runs a source against a copy of the state; keeps the result only if it has no errors.
    /// `replaying`: the entry was accepted before (`:reload`, `:edit`); its prints and files are
    /// not repeated.
    func accept(_ file: SourceFile, entry: Entry, journalRecord: SessionJournal.Record?, quietSummary: Bool = false,
                replaying: Bool = false) -> Response {
        let before = state
        let printed = Collector()
        // Relative paths (an `import` typed at the prompt, the imports inside a `:load`ed
        // file, `export ... to`) resolve against the session's folder, not the process's.
        let folder = workingDirectory, base = host
        var capturing = ScriptHost(today: host.today, services: host.services,
                             readFile: { base.readFile(Paths.join(folder, $0)) },
                             writeFile: { try base.writeFile(Paths.join(folder, $0), $1) },
                             print: { printed.add($0) })
        capturing.fileExists = { base.fileExists(Paths.join(folder, $0)) }
        capturing.takeInterrupt = base.takeInterrupt
        // The entry is one transaction: its prints and writes wait until it is accepted. An
        // `export` replaces only files this session wrote; an entry run again (`:reload`,
        // `:edit`, a journal replayed) writes nothing, so it has nothing to refuse.
        let replaces: Interpreter.Replaces = replaying || recovering ? .any : .only(writtenFiles)
        let runner = Interpreter(state: state, host: capturing,
                                 options: .init(mode: .run, outputDirectory: workingDirectory, commit: .byCaller, replaces: replaces))
        var diagnostics = runner.execute(file)
        var response = Response()
        if diagnostics.hasErrors {
            diagnostics = Self.withoutClashCascade(diagnostics, session: before)
            response.accepted = false
            response.diagnostics = diagnostics
            response.output += "not accepted: \(diagnostics.errorCount) error\(diagnostics.errorCount == 1 ? "" : "s") (the session is unchanged\(editHint))\n"
            return response
        }
        // Instant validation: show problems this statement introduced, except the ones every
        // plan has while it is still being written (no goals yet, a goal not yet served).
        // Only the plans the statement changed are validated again (`FindingsCache`).
        findings.refresh(before)
        let (after, validated) = findings.findings(of: runner.state)
        let newFindings = Self.introduced(before: findings.byPlan, after: after, in: runner.state)
        diagnostics += newFindings
        if newFindings.hasErrors {
            // An error the statement introduces (an unknown goal in `serves`, a due date before
            // the start) is refused like a syntax error, so the fix can be typed again as is.
            response.accepted = false
            response.diagnostics = diagnostics
            response.output += "not accepted: \(diagnostics.errorCount) error\(diagnostics.errorCount == 1 ? "" : "s") (the session is unchanged\(editHint))\n"
            return response
        }
        // Accepted: now the prints and the files happen. A file that cannot be written
        // refuses the entry like any other error (the session stays as it was).
        let failedWrites = replaying || recovering ? [] : runner.commitEffects()
        if failedWrites.hasErrors {
            response.accepted = false
            response.diagnostics = diagnostics + failedWrites
            response.output = "not accepted: \(failedWrites.errorCount) error\(failedWrites.errorCount == 1 ? "" : "s") (the session is unchanged\(editHint))\n"
            return response
        }
        writtenFiles.formUnion(runner.written.map { Paths.normalize(Paths.join(folder, $0)) })
        response.output = printed.text
        snapshots.append(Snapshot(state: before, entries: entries))
        state = runner.state
        findings.adopt(after, validated: validated)
        entries.append(entry)
        if let journalRecord { journal?.append(journalRecord) }
        response.diagnostics = diagnostics
        if !quietSummary {
            // A statement that only printed something needs no "ok" after it.
            let line = summary(from: before, to: state)
            if !(line == "ok\n" && !response.output.isEmpty) { response.output += line }
        }
        return response
    }

    /// An entry (most often a `:load`ed file) that declares a plan the session already has is
    /// refused at that declaration (CP0101), and its later statements then run against the
    /// session's plan, not the entry's: each use of one of the entry's goals was one more
    /// "no goal or intervention named" (CP0105), one mistake giving many diagnostics. The
    /// clash is kept with what came before it and the syntax errors; what else came after it in
    /// the same text is counted in a note, to be seen once the clash is resolved. The clash is told by its label: the
    /// "first declared" span is the id of a plan in `session` (not text of the message).
    static func withoutClashCascade(_ diagnostics: [Diagnostic], session: ScriptState) -> [Diagnostic] {
        guard let k = diagnostics.firstIndex(where: { d in
                  d.code == .duplicateID && d.labels.contains { l in !l.isPrimary && session.plans.contains { $0.id.span == l.span } }
              }), let at = diagnostics[k].primarySpan else { return diagnostics }
        // Reading and grammar mistakes (CP00xx) do not depend on which plan is in force: kept.
        func after(_ d: Diagnostic) -> Bool {
            !d.code.rawValue.hasPrefix("CP00") && (d.primarySpan.map { $0.fileID == at.fileID && $0.start > at.start } ?? false)
        }
        let dropped = diagnostics.filter(after).count
        guard dropped > 0 else { return diagnostics }
        var clash = diagnostics[k]
        clash.notes.append("\(Words.count(dropped, "more problem")) after it \(dropped == 1 ? "is" : "are") not shown: the statements after it "
                           + "ran against the session's plan, not this one; they are listed once the clash is resolved")
        return diagnostics.indices.compactMap { i in i == k ? clash : after(diagnostics[i]) ? nil : diagnostics[i] }
    }

    /// Codes that describe a plan under construction; `:check` still reports them.
    static let stillComposing: Set<DiagnosticCode> = [.goalNotServed, .interventionServesNothing, .emptyPlan, .missingField,
                                                      .coastMissing, .otPlanWithoutOccupations, .dueDateNotReviewed,
                                                      .progressReportOverdue, .planWithoutDiagnosis]

    /// The findings of `state`'s plans that are in `after` but were not in `before` for the same
    /// plan, still-composing ones left out, in plan order. A plan whose revision did not change
    /// has the same findings as before and is skipped without comparing them.
    static func introduced(before: [String: PlanFindings], after: [String: PlanFindings], in state: ScriptState) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for plan in state.plans {
            guard let now = after[plan.id.value] else { continue }
            let old = before[plan.id.value]
            if now.revision == old?.revision { continue }
            out += novel(now.diagnostics, comparedWith: old?.diagnostics ?? [])
        }
        return out
    }

    /// The findings of `now` that say what no finding of `old` says (`FindingKey`), still-composing
    /// ones left out.
    ///
    /// Both lists come from the validator in its fixed order, and a statement adds or removes a
    /// few findings among a plan's thousands, so they are walked side by side: a finding equal to
    /// the next one of `old` is not new. Only one that breaks step is searched for in `old`
    /// (forward first, so the walk picks up again after a removed finding). Hashing every
    /// finding of the plan into a set instead cost 2M instructions a statement at 1,000 goals
    /// (callgrind); the set is still built when many findings break step (a reordered plan).
    static func novel(_ now: [Diagnostic], comparedWith old: [Diagnostic]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var next = 0, searches = 0
        var oldKeys: Set<FindingKey>?
        for i in now.indices {
            // Fields read in place: passing the two findings whole copied them (their labels,
            // notes and help), 1.1M instructions a statement at 1,000 goals.
            if next < old.count, now[i].code == old[next].code, now[i].message == old[next].message { next += 1; continue }
            let d = now[i]
            if stillComposing.contains(d.code) { continue }
            if oldKeys == nil && searches < 16 {
                searches += 1
                if let k = old[next...].firstIndex(where: { FindingKey.same(d, $0) }) {
                    next = k + 1
                } else if !old[..<min(next, old.count)].contains(where: { FindingKey.same(d, $0) }) {
                    out.append(d)
                }
                continue
            }
            if oldKeys == nil { oldKeys = Set(old.map(FindingKey.init)) }
            if !oldKeys!.contains(FindingKey(d)) { out.append(d) }
        }
        return out
    }

    /// A one-line confirmation describing what changed.
    func summary(from old: ScriptState, to new: ScriptState) -> String {
        var parts: [String] = []
        let counts = Self.counts
        for p in new.plans {
            guard let o = old.plan(p.id.value) else {
                parts.append("plan \(p.id.value) created \(counts(p))")
                continue
            }
            let newGoals = Self.added(o.goals.map(\.id.value), p.goals.map(\.id.value))
            let newInterventions = Self.added(o.interventions.map(\.id.value), p.interventions.map(\.id.value))
            if !newGoals.isEmpty { parts.append("goal\(newGoals.count == 1 ? "" : "s") \(newGoals.joined(separator: ", ")) added to \(p.id.value)") }
            if !newInterventions.isEmpty { parts.append("intervention\(newInterventions.count == 1 ? "" : "s") \(newInterventions.joined(separator: ", ")) added to \(p.id.value)") }
            if newGoals.isEmpty && newInterventions.isEmpty && (p.attempted != o.attempted || p.progress.count != o.progress.count
                || p.closures.count != o.closures.count || p.checkins.count != o.checkins.count) {
                let fields = p.attempted.subtracting(o.attempted).sorted()
                parts.append("plan \(p.id.value) updated\(fields.isEmpty ? "" : ": " + fields.joined(separator: ", "))")
            }
            if !newGoals.isEmpty || !newInterventions.isEmpty { parts[parts.count - 1] += " " + counts(p) }
        }
        for name in new.templates.keys.sorted() where old.templates[name] == nil { parts.append("template \(name) defined") }
        for name in new.globals.keys.sorted() where old.globals[name] != new.globals[name] {
            parts.append("\(name) = \(Self.describe(new.globals[name]!))")
        }
        if new.focus != old.focus, let f = new.focus, old.plan(f) != nil { parts.append("now working on plan \(f)") }
        return parts.isEmpty ? "ok\n" : parts.joined(separator: "; ") + "\n"
    }

    /// The ids of `new` that `old` does not have. A statement usually appends to a plan, so a
    /// list that only grew at its end is compared without hashing its thousand ids; otherwise a
    /// set of the old ids keeps it linear.
    static func added(_ old: [String], _ new: [String]) -> [String] {
        if new.count >= old.count, new.starts(with: old) { return Array(new[old.count...]) }
        let before = Set(old)
        return new.filter { !before.contains($0) }
    }

    /// "(2 goals, 1 intervention)".
    static func counts(_ p: Plan) -> String {
        "(\(p.goals.count) goal\(p.goals.count == 1 ? "" : "s"), \(p.interventions.count) intervention\(p.interventions.count == 1 ? "" : "s"))"
    }

    /// A value as careplan source text, or nil when it has no literal form.
    static func literal(_ v: Value) -> String? {
        switch v {
        case .string(let s): return PlanPrinter.q(s)
        case .number(let n): return JSONValue.format(n)
        case .date(let d): return d.description
        case .duration(let d): return d.description
        case .bool(let b): return b ? "true" : "false"
        case .list(let items):
            let parts = items.compactMap(literal)
            return parts.count == items.count ? "[" + parts.joined(separator: ", ") + "]" : nil
        case .symbol(let s), .plan(let s): return s
        case .goal(_, let id), .intervention(_, let id): return id
        }
    }

    static func describe(_ v: Value) -> String {
        switch v {
        case .string(let s): return "\"\(s)\""
        case .list(let items): return "[" + items.map(describe).joined(separator: ", ") + "]"
        default: return v.display
        }
    }

    // MARK: - Commands

    /// Every REPL command, with a one-line description (for `:help` and completion).
    public static let commands: [(name: String, args: String, help: String)] = [
        (":help", "[topic]", "this help; topics: keywords, commands, structure, goals, types, assist, occupations, or any keyword"),
        (":show", "[id]", "the plan in focus, or one goal or intervention, as careplan text"),
        (":tree", "", "the plan's structure: goals, the interventions serving them, the next dates"),
        (":check", "", "validate every plan and list all problems"),
        (":undo", "", "take back the last accepted statement (repeatable)"),
        (":load", "FILE", "run a careplan file into the session"),
        (":reload", "", "run the session again, re-reading loaded files"),
        (":save", "FILE", "write the session as a script (`:save! FILE` overwrites)"),
        (":export", "FORMAT [FILE]", "export the plan in focus: json, fhir, ics, markdown, html (`:export!` overwrites a file)"),
        (":edit", "ID", "bring a goal, intervention or plan back as text to change; Return replaces it in place"),
        (":schedule", "", "the dated events of the plan in focus"),
        (":simulate", "CHANGE", "what if: `cancel 2 from 2026-12-01`, `frequency 1 per week from 2026-12-01`"),
        (":report", "", "the progress report of the plan in focus"),
        (":diff", "FILE", "what changed from FILE to the session's plans: goals, interventions, plan fields, dates"),
        (":caseload", "DIR...", "what is due across the plans in folders: certifications, goals, clients not seen"),
        (":explain", "CODE", "the long explanation of a diagnostic code, e.g. :explain CP0102"),
        (":reset", "", "start an empty session"),
        (":learn", "[DIR]", "guided lessons: build a plan step by step, checked as you go (this session is kept)"),
        (":quit", "", "leave (Ctrl-D on an empty line also leaves); asks first if there are unsaved changes"),
        (":quit!", "", "leave at once, throwing away what was not saved"),
    ]

    func command(_ line: String) -> Response {
        let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
        let name = parts[0]
        let arg = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        var r = Response()
        switch name {
        case ":help", ":h", ":?": r.output = ReplHelp.text(topic: arg)
        case ":quit", ":q", ":exit": r.quit = true
        case ":quit!", ":q!", ":exit!": r.quit = true; r.discard = true
        case ":learn":
            r.learn = true
            if !arg.isEmpty { r.lessons = absolute(arg) }
        case ":edit": r = edit(arg)
        case ":edit!": r = edit(arg, force: true)
        case ":show": r = show(arg)
        case ":tree":
            guard let plan = state.focusedPlan else { return noPlan() }
            r.output = PlanTree.render(plan, findings.current(plan, in: state).timeline)
        case ":check": r = check()
        case ":undo": r = undo()
        case ":load": r = load(arg)
        case ":reload": r = reload()
        case ":save": r = save(arg, overwrite: false)
        case ":save!": r = save(arg, overwrite: true)
        case ":export": r = export(arg, overwrite: false)
        case ":export!": r = export(arg, overwrite: true)
        case ":schedule":
            guard let plan = state.focusedPlan else { return noPlan() }
            r.output = ScheduleListing.text(findings.current(plan, in: state).timeline, plan: plan)
        case ":simulate":
            guard let plan = state.focusedPlan else { return noPlan() }
            guard let change = WhatIf.parse(arg, defaultFrom: host.today) else {
                return Response(output: "usage: :simulate cancel N [from DATE] | frequency N per week [from DATE]\n", accepted: false)
            }
            r.output = "what if \(arg):\n" + Simulation.text(Simulation.run(plan, change, today: host.today))
        case ":report":
            guard let plan = state.focusedPlan else { return noPlan() }
            r.output = ProgressReport.text(plan, asOf: host.today)
        case ":diff": r = diff(arg)
        case ":caseload": r = caseload(arg)
        case ":explain":
            guard let code = DiagnosticCode.parse(arg) else {
                // A code that is not one of careplan's is named as such (as `careplan explain`
                // does), not answered with the usage line.
                r.output = arg.isEmpty ? "usage: :explain CODE (for example :explain CP0102)\n"
                    : "unknown diagnostic code `\(arg)`; `careplan explain` lists them all (for example :explain CP0102)\n"
                r.accepted = false
                return r
            }
            r.output = Explanation.text(for: code)
        case ":reset":
            snapshots.append(Snapshot(state: state, entries: entries, what: "`:reset`"))
            state = ScriptState()
            entries = []
            journal?.append(.reset)
            r.output = "session reset\n"
        default:
            r.accepted = false
            let names = Self.commands.map(\.name) + [":save!", ":export!", ":quit!", ":edit!"]
            r.output = "unknown command \(name)" + (Suggestion.didYouMean(name, in: names).map { "; \($0)" } ?? "") + " (:help lists the commands)\n"
        }
        return r
    }

    /// `:caseload DIR...`: what is due across the plans in folders, as `careplan caseload`.
    /// Paths are the session's, like `:load`'s. A path that does not exist is an error (a
    /// typo in the folder's name listed "nothing due", as if the caseload were clear).
    func caseload(_ arg: String) -> Response {
        let typed = arg.split(separator: " ").map(String.init)
        guard !typed.isEmpty else { return Response(output: "usage: :caseload DIR... (folders or plan files)\n", accepted: false) }
        let missing = typed.filter { !FileManager.default.fileExists(atPath: absolute($0)) }
        if !missing.isEmpty {
            return Response(output: missing.map { path in
                let full = absolute(path), folder = Paths.directory(of: full)
                let near = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "/" : folder))
                    .flatMap { Suggestion.didYouMean(Paths.fileName(of: full), in: $0.sorted()) }
                return "no such file or folder: \(path)" + (near.map { "; \($0)" } ?? "") + "\n"
            }.joined(), accepted: false)
        }
        let options = Caseload.Options(today: host.today)
        let folder = CaseloadFolder.read(typed.map(absolute), options: options, shownRelativeTo: workingDirectory,
                                         takeInterrupt: host.takeInterrupt)
        if folder.interrupted {
            return Response(output: "interrupted (Ctrl-C): the caseload was not read to the end, so nothing is listed; "
                            + ":caseload again reads it all\n", accepted: false)
        }
        return Response(output: CaseloadRenderer.table(folder.items, options: options, plans: folder.plans))
    }

    func noPlan() -> Response {
        Response(output: "no plan yet: declare one with `plan id \"Title\" { discipline OT }` or :load a file\n", accepted: false)
    }

    func show(_ id: String) -> Response {
        // Bindings and templates exist before any plan does.
        if state.focusedPlan == nil, !id.isEmpty, state.templates[id] != nil || state.globals[id] != nil {
            return showNameOutsidePlan(id)
        }
        guard let plan = state.focusedPlan else { return noPlan() }
        if id.isEmpty { return Response(output: PlanPrinter.plan(plan)) }
        if let g = plan.goal(id) { return Response(output: PlanPrinter.goal(g) + "\n") }
        if let i = plan.interventionIndex(id) { return Response(output: PlanPrinter.intervention(plan.interventions[i]) + "\n") }
        if let p = state.plan(id) { return Response(output: PlanPrinter.plan(p)) }
        if state.templates[id] != nil || state.globals[id] != nil { return showNameOutsidePlan(id) }
        let names = plan.goals.map(\.id.value) + plan.interventions.map(\.id.value) + state.plans.map(\.id.value)
        return Response(output: "nothing named `\(id)`" + (Suggestion.didYouMean(id, in: names).map { "; \($0)" } ?? "") + "\n", accepted: false)
    }

    /// `:show` of a template or a `let` binding.
    func showNameOutsidePlan(_ id: String) -> Response {
        if let t = state.templates[id] {
            return Response(output: "template \(id)(\(t.params.map(\.name.name).joined(separator: ", "))) from \(t.name.span.file.name)\n")
        }
        if let v = state.globals[id] { return Response(output: "\(id) = \(Self.describe(v))\n") }
        return Response(output: "nothing named `\(id)`\n", accepted: false)
    }

    func check() -> Response {
        var r = Response()
        let found = findings.all(state)
        r.diagnostics = found
        if state.plans.isEmpty { r.output = "no plans to check\n" }
        else if found.isEmpty { r.output = "\(state.plans.map(\.id.value).joined(separator: ", ")): no problems found\n" }
        else { r.output = DiagnosticRenderer.summaryLine(found) }
        return r
    }

    func undo() -> Response {
        guard let previous = snapshots.popLast() else {
            return Response(output: "nothing to undo\n", accepted: false)
        }
        // Say what was taken back: after a rejected statement, :undo takes back the last
        // accepted one, which is easy to mistake for the rejected attempt.
        let what = previous.what ?? (previous.entries.count < entries.count ? entries.last.map(headline) ?? "the last entry" : "`:reset`")
        state = previous.state
        entries = previous.entries
        journal?.append(.undo)
        return Response(output: "undone \(what); \(entries.count) statement\(entries.count == 1 ? "" : "s") in the session\n")
    }

    /// An entry in a few words, for `:undo`: the first line of a statement, shortened.
    func headline(_ entry: Entry) -> String {
        switch entry {
        case .load(let path, _, _):
            return "`:load \(Paths.isInside(path, workingDirectory) ? Paths.relative(path, from: Paths.normalize(workingDirectory)) : path)`"
        case .statement(let text):
            let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("#") }
            var first = lines.first ?? text.trimmingCharacters(in: .whitespacesAndNewlines)
            var shortened = lines.count > 1
            if first.count > 60 { first = String(first.prefix(57)); shortened = true }
            return "`" + first + (shortened ? " …" : "") + "`"
        }
    }

    func load(_ path: String) -> Response {
        guard !path.isEmpty else { return Response(output: "usage: :load FILE\n", accepted: false) }
        let full = absolute(path)
        // A second `:load` would run the file's statements (and prints) again and clash
        // with the plans it already declared.
        if entries.contains(where: { if case .load(let p, _, _) = $0 { return p == full }; return false }) {
            return Response(output: "\(path) is already loaded; :reload runs the session again with the file's changes\n", accepted: false)
        }
        guard let bytes = host.readFile(full) else {
            return Response(output: "cannot read \(path): \(FileProblem.reason(full))\n", accepted: false)
        }
        lastLoaded = path
        let before = state
        var r = runLoad(full, bytes: bytes, journal: true)
        // Keep what the file printed, then say what it loaded.
        if r.accepted { r.output += "loaded \(path): " + Self.loadedPlans(before: before, after: state) + "\n" }
        return r
    }

    /// The plans a `:load` declared or changed, for its confirmation: each with its counts when
    /// there are a few, else how many with the first few ids (a file of 20,000 plans made one
    /// line of 649 KB, and plans loaded earlier were listed as if the file had them).
    static func loadedPlans(before: ScriptState, after: ScriptState, listed: Int = 5) -> String {
        let plans = after.plans.indices.filter { i in
            guard let old = before.planIndex(of: after.plans[i].id.value) else { return true }
            return before.revision(ofPlanAt: old) != after.revision(ofPlanAt: i)
        }.map { after.plans[$0] }
        if plans.isEmpty { return "no plans" }
        if plans.count <= listed { return plans.map { "\($0.id.value) " + counts($0) }.joined(separator: ", ") }
        let goals = plans.reduce(0) { $0 + $1.goals.count }, interventions = plans.reduce(0) { $0 + $1.interventions.count }
        let first = plans.prefix(3).map(\.id.value).joined(separator: ", ")
        return "\(Words.count(plans.count, "plan")) (\(Words.count(goals, "goal")), \(Words.count(interventions, "intervention"))): \(first) and \(plans.count - 3) more"
    }

    /// Runs a file into the session (for `:load` and `:reload`), remembering the `let`s it set.
    func runLoad(_ full: String, bytes: [UInt8], journal: Bool, replaying: Bool = false) -> Response {
        // Diagnostics name files below the session's folder relatively, as typed.
        let name = Paths.isInside(full, workingDirectory) ? Paths.relative(full, from: Paths.normalize(workingDirectory)) : full
        let globalsBefore = state.globals
        let r = accept(SourceFile(name: name, bytes: bytes), entry: .load(full, lets: [], bytes: bytes),
                       journalRecord: journal ? .load(full) : nil, quietSummary: true, replaying: replaying)
        if r.accepted {
            let lets = state.globals.keys.sorted().filter { globalsBefore[$0] != state.globals[$0] }.map { (name: $0, value: state.globals[$0]!) }
            entries[entries.count - 1] = .load(full, lets: lets, bytes: bytes)
        }
        return r
    }

    /// Runs the session again with the loaded files read afresh. One transaction, like any
    /// entry: if the result has an error (a mistake in a file, a file gone, a typed entry that no
    /// longer fits the file), nothing changes and the first failing entry's errors are reported
    /// (the root cause: the entries after it would only fail in its wake, "outside any plan").
    /// `:undo` takes an accepted reload back.
    func reload() -> Response {
        guard entries.contains(where: { if case .load = $0 { return true }; return false }) else {
            return Response(output: "nothing loaded yet: use :load FILE\n", accepted: false)
        }
        let before = state
        let replay = entries
        if let (k, r) = rebuild(replay, what: "`:reload`", reread: true) {
            let entry = replay[k]
            var out = Response(accepted: false)
            out.diagnostics = r.diagnostics
            let errors = "\(r.diagnostics.errorCount) error\(r.diagnostics.errorCount == 1 ? "" : "s")"
            // Ctrl-C is not a mistake in the file: say so, with nothing to fix.
            if let stop = r.diagnostics.first(where: { $0.code == .interrupted }) {
                out.diagnostics = [stop]
                out.output = "not reloaded: interrupted (Ctrl-C); the session is unchanged\n"
                return out
            }
            switch entry {
            case .load(let path, _, _):
                let name = displayName(path)
                out.output = !FileManager.default.isReadableFile(atPath: path)
                    ? "not reloaded: cannot read \(name) (the session is unchanged); put the file back and :reload again\n"
                    : "not reloaded: \(name) has \(errors) (the session is unchanged); fix the file and :reload again\n"
            case .statement:
                out.output = "not reloaded: with the files as they are now, your entry \(headline(entry)) has \(errors) "
                    + "(the session is unchanged); change the file so that it fits, and :reload again\n"
            }
            return out
        }
        journal?.append(.reload)
        let files = replay.compactMap { if case .load(let p, _, _) = $0 { return displayName(p) }; return nil }
        let change = summary(from: before, to: state)
        let typed = replay.count - files.count
        return Response(output: "reloaded \(files.joined(separator: ", "))"
                        + (typed == 0 ? "" : " and replayed \(typed) typed entr\(typed == 1 ? "y" : "ies")")
                        + (change == "ok\n" ? "\n" : ": " + change))
    }

    /// A file's path as the user typed it: relative below the session's folder, else absolute.
    func displayName(_ full: String) -> String {
        Paths.isInside(full, workingDirectory) ? Paths.relative(full, from: Paths.normalize(workingDirectory)) : full
    }

    /// The session as a script that `careplan check` accepts.
    public func script(relativeTo folder: String) -> String {
        "# careplan session saved \(host.today)\n" + entries.map { Self.scriptText($0, relativeTo: folder) }.joined()
    }

    /// One entry as script text: a statement as typed; a loaded file as an import, with the
    /// `let`s it left in the session (an import keeps its `let`s to itself).
    static func scriptText(_ entry: Entry, relativeTo folder: String) -> String {
        switch entry {
        case .statement(let text): return text.hasSuffix("\n") ? text : text + "\n"
        case .load(let path, let lets, _):
            var out = "import \(PlanPrinter.q(Paths.relative(path, from: folder)))\n"
            for (name, value) in lets {
                if let literal = literal(value) { out += "let \(name) = \(literal)\n" }
            }
            return out
        }
    }

    /// The files the session's entries imported (by a loaded file or an `import` typed at the
    /// prompt), as absolute paths.
    var importedPaths: Set<String> {
        Set(state.importedFiles.map { Paths.normalize(Paths.join(workingDirectory, $0)) })
    }

    func save(_ path: String, overwrite: Bool) -> Response {
        guard !path.isEmpty else { return Response(output: "usage: :save FILE\n", accepted: false) }
        let full = Paths.normalize(absolute(path))
        // A script saved into a file it imports would import itself, and the file's own text
        // (templates, a plan) would be gone: the tester's `:save!` over a loaded plan did that.
        if importedPaths.contains(full) {
            return Response(output: "not saved: \(path) is imported by the session (a loaded file or an `import` uses it), so the session "
                            + "saved into it would import itself and its own text would be lost; save under another name, "
                            + "e.g. :save session.careplan\n", accepted: false)
        }
        let loadedIndex = entries.firstIndex { if case .load(let p, _, _) = $0 { return Paths.normalize(p) == full }; return false }
        if !overwrite && FileManager.default.fileExists(atPath: full) {
            if loadedIndex != nil {
                return Response(output: "\(path) already exists: it is the file you loaded; :save! \(path) writes it back in full with "
                                + "your changes, or :save NEW.careplan keeps it as it is\n", accepted: false)
            }
            return Response(output: "\(path) already exists; use :save! \(path) to overwrite it\n", accepted: false)
        }
        // A missing folder is most often a typo in the path: say so rather than create it.
        if let problem = FileProblem.writeProblem(full) {
            return Response(output: "cannot save to \(path): \(problem)\n", accepted: false)
        }
        if let loadedIndex { return saveBack(into: loadedIndex, full: full, typed: path) }
        do {
            let folder = Paths.directory(of: full), text = script(relativeTo: folder)
            try host.writeFile(full, text)
            savedScript = text
            savedFolder = folder
            return Response(output: "saved \(entries.count) entr\(entries.count == 1 ? "y" : "ies") to \(path)\n")
        } catch {
            return Response(output: "could not save \(path): \(error.localizedDescription)\n", accepted: false)
        }
    }

    /// `:save!` into a file the session loaded: "open, change, save back". The file is written
    /// out in full, not as an import of itself: its text as it was loaded, then the entries typed
    /// since (refused when the session holds anything else: another loaded file, entries from
    /// before the file was loaded). The
    /// session then runs from the saved file alone, so a later `:reload` does not replay the
    /// typed entries a second time on top of the file that now holds them; the undo history
    /// starts again there, and the journal is rewritten to match.
    func saveBack(into index: Int, full: String, typed path: String) -> Response {
        guard case .load(_, _, let loaded) = entries[index] else { return Response(accepted: false) }
        // The file gets what was typed after it was opened, nothing else: entries before it or
        // other loaded files (other plans, a template library) would be mixed into it.
        let others = entries.enumerated().filter { k, e in
            if k == index { return false }
            if case .load = e { return true }
            return k < index
        }.map { headline($0.element) }
        if !others.isEmpty {
            return Response(output: "not saved: the session holds more than \(path) and what was typed after it (\(others.prefix(3).joined(separator: ", "))"
                            + (others.count > 3 ? " and \(others.count - 3) more" : "") + "), which would all be written into it; "
                            + ":save NEW.careplan saves the whole session as a script that imports \(path)\n", accepted: false)
        }
        // Someone changed the file since it was loaded (an editor, another session): writing the
        // session's copy would throw their change away without a word.
        if host.readFile(full) != loaded {
            return Response(output: "not saved: \(path) has changed on disk since it was loaded; :reload takes the change in "
                            + "(then :save! \(path) again), or :save NEW.careplan keeps both\n", accepted: false)
        }
        let folder = Paths.directory(of: full)
        var text = ""
        for (k, entry) in entries.enumerated() {
            if k == index {
                let own = String(decoding: loaded, as: UTF8.self)
                text += own.isEmpty || own.hasSuffix("\n") ? own : own + "\n"
            } else {
                text += Self.scriptText(entry, relativeTo: folder)
            }
        }
        do {
            try host.writeFile(full, text)
        } catch {
            return Response(output: "could not save \(path): \(error.localizedDescription)\n", accepted: false)
        }
        let typed = entries.count - 1
        let lets = state.globals.keys.sorted().map { (name: $0, value: state.globals[$0]!) }
        entries = [.load(full, lets: lets, bytes: Array(text.utf8))]
        snapshots = []
        journal?.restart(with: [.load(full)])
        savedScript = script(relativeTo: folder)
        savedFolder = folder
        return Response(output: "saved \(path) in full: the file as loaded, then the \(typed == 1 ? "entry" : "\(typed) entries") typed since; "
                        + "the session now continues from the saved file (:undo starts again from here)\n")
    }

    func export(_ arg: String, overwrite: Bool) -> Response {
        let parts = arg.split(separator: " ", maxSplits: 1).map(String.init)
        guard let f = parts.first, let format = ExportFormat(rawValue: f) else {
            let hint = parts.first.flatMap { Suggestion.didYouMean($0, in: ExportFormat.allCases.map(\.rawValue)) }
            return Response(output: "usage: :export FORMAT [FILE] with FORMAT one of \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", "))\(hint.map { "; \($0)" } ?? "")\n", accepted: false)
        }
        guard let plan = state.focusedPlan else { return noPlan() }
        let target = parts.count > 1 ? parts[1] : nil
        let full = target.map(absolute)
        if let target, let full {
            // An export over the plan's own source replaced a morning's work with HTML.
            if full.hasSuffix(".careplan") {
                return Response(output: "not exported: \(target) is a careplan file name, and exports never write over plan sources; "
                                + "name it \(Paths.fileName(of: String(full.dropLast(9)))).\(format.fileExtension)\n", accepted: false)
            }
            if !overwrite && FileManager.default.fileExists(atPath: full) {
                return Response(output: "not exported: \(target) already exists; :export! \(format.rawValue) \(target) overwrites it\n", accepted: false)
            }
            // Unlike `:save`, an export may make its folder (`:export json out/kitchen.json`).
            if FileManager.default.fileExists(atPath: Paths.directory(of: full)), let problem = FileProblem.writeProblem(full) {
                return Response(output: "not exported: cannot write \(target): \(problem)\n", accepted: false)
            }
        }
        let problems = findings.current(plan, in: state).diagnostics
        if problems.hasErrors {
            return Response(output: "plan \(plan.id.value) has errors; not exported (see :check)\n", diagnostics: problems, accepted: false)
        }
        do {
            let text = try Exporter.render(plan, as: format, options: ExportOptions(today: host.today))
            guard let target, let full else { return Response(output: text.hasSuffix("\n") ? text : text + "\n") }
            try host.writeFile(full, text)
            writtenFiles.insert(Paths.normalize(full))
            return Response(output: "wrote \(target) (\(format.rawValue), \(text.utf8.count) bytes)\n")
        } catch {
            return Response(output: "export failed: \(error)\n", accepted: false)
        }
    }

    // MARK: - Recovery

    /// What replaying a journal did (`replay(_:progress:)`).
    public struct Recovery: Sendable {
        /// One line for the user: how many entries came back, which could not be replayed.
        public var summary: String
        /// Records that rebuild the session as it is now: a new journal holding them recovers the
        /// same session again (the failed entries, and the pairs of an entry and the `undo`
        /// that took it back, left out).
        public var kept: [SessionJournal.Record]
        /// The entries that could not be replayed (a loaded file that has gone or gained a
        /// mistake, a statement that relied on one), to be kept for the user.
        public var failed: [SessionJournal.Record]
    }

    /// Replays a journal's records into this (empty) session; returns a summary line.
    public func recover(_ records: [SessionJournal.Record]) -> String {
        replay(records).summary
    }

    /// Replays a journal's records into this (empty) session. `progress(done, total, what)` is
    /// called before each entry is run, for a long replay to show where it is.
    ///
    /// An entry that a later `undo` took back is not run at all (with that undo): the session
    /// it leaves is the same, and a big file loaded by mistake and undone costs nothing.
    public func replay(_ records: [SessionJournal.Record],
                       progress: ((_ done: Int, _ total: Int, _ what: String) -> Void)? = nil) -> Recovery {
        let skipped = SessionJournal.undonePairs(records)
        let todo = records.indices.filter { !skipped.contains($0) }
        var kept: [SessionJournal.Record] = []
        var failed: [SessionJournal.Record] = []
        var failedNames: [String] = []
        // An `edit` names an entry by its position in the session it was typed in; entries that
        // could not be replayed are missing here, so the positions after them move up.
        var originalCount = 0
        var missing: [Int] = []
        recovering = true
        defer { recovering = false }
        for (done, k) in todo.enumerated() {
            let record = records[k]
            progress?(done, todo.count, SessionJournal.describe(record))
            switch record {
            case .statement(let text):
                if statement(text).accepted { kept.append(record) } else {
                    failed.append(record); failedNames.append(headline(.statement(text))); missing.append(originalCount)
                }
                originalCount += 1
            case .load(let path):
                if load(path).accepted { kept.append(record) } else {
                    failed.append(record); failedNames.append("`:load \(displayName(path))`"); missing.append(originalCount)
                }
                originalCount += 1
            case .undo:
                // Only an undo of nothing is left after `undonePairs`: it changed nothing then.
                break
            case .reset:
                _ = command(":reset")
                kept.append(record)
                originalCount = 0
                missing = []
            case .reload:
                // The files were read afresh by the replay already: the reload has nothing to
                // change, but it is an entry an `undo` after it takes back.
                snapshots.append(Snapshot(state: state, entries: entries, what: "`:reload`"))
                kept.append(record)
            case .edit(let index, let text):
                let here = index - missing.filter { $0 < index }.count
                if !missing.contains(index), here < entries.count, replaceEntry(here, with: text, what: "an edit").accepted {
                    kept.append(.edit(index: here, text: text))
                } else {
                    failed.append(record); failedNames.append("an `:edit`")
                }
            }
        }
        var line = "recovered \(entries.count) entr\(entries.count == 1 ? "y" : "ies") from the last session"
        if !failed.isEmpty {
            line += "; \(failed.count) could not be replayed: " + failedNames.joined(separator: ", ")
        }
        return Recovery(summary: line + "\n", kept: kept, failed: failed)
    }
}

/// Collects printed lines.
final class Collector: @unchecked Sendable {
    private var lines: [String] = []
    private let lock = NSLock()
    func add(_ s: String) { lock.lock(); lines.append(s); lock.unlock() }
    var text: String { lock.lock(); defer { lock.unlock() }; return lines.map { $0 + "\n" }.joined() }
}
