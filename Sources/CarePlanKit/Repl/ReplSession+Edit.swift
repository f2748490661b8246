import Foundation
import CarePlanBasics
import CarePlanSyntax
import CarePlanInterpret
import CarePlanModel

/// `:edit ID`: an accepted goal, intervention or plan comes back as text; the next statement
/// replaces it where it was. The session is rebuilt from its entries with the one declaration
/// swapped, so every later statement still applies on top of the new text, and `:save`,
/// `:reload` and the journal see an ordinary session. One `:undo` takes the edit back.
extension ReplSession {
    ///
    /// A goal in use (progress recorded against it, or closed) is not rewritten: its readings
    /// were measured against the goal as it was, so the record would stop being true. It is
    /// closed and replaced instead (`replaces`), as goals are in practice. `force` (`:edit!`)
    /// corrects a typing mistake in it anyway.
    func edit(_ id: String, force: Bool = false) -> Response {
        guard !id.isEmpty else { return Response(output: "usage: :edit ID (a goal, an intervention or a plan)\n", accepted: false) }
        let found: (ElementKind, Span)?
        var inUse: String? = nil
        if let plan = state.focusedPlan, let g = plan.goal(id) {
            if !force { inUse = Self.inUse(id, in: plan, today: host.today) }
            found = (.goal, g.span)
        } else if let plan = state.focusedPlan, let i = plan.interventionIndex(id) {
            found = (.intervention, plan.interventions[i].span)
        } else if let p = state.plan(id) {
            found = (.plan, p.span)
        } else {
            found = nil
        }
        guard let (kind, span) = found else {
            let names = idsInFocus + state.plans.map(\.id.value)
            return Response(output: "nothing named `\(id)` to edit" + (Suggestion.didYouMean(id, in: names).map { "; \($0)" } ?? "") + "\n",
                            accepted: false)
        }
        let file = span.file
        // The entry typed at the prompt that holds the declaration (the newest, if the same
        // text was typed twice).
        let index = entries.lastIndex { entry in
            if case .statement(let text) = entry { return file.name.hasPrefix("<") && Array(text.utf8) == file.bytes }
            return false
        }
        guard let index, span.end <= file.bytes.count else {
            return Response(output: "\(kind.rawValue) `\(id)` comes from \(file.name), not from a statement typed here: "
                            + "change it in that file, then :reload\n", accepted: false)
        }
        if let inUse { return Response(output: inUse, accepted: false) }
        let text = String(decoding: file.bytes[span.start..<span.end], as: UTF8.self)
        // Written out by hand, not stamped by a template or a loop with `${...}` in the id.
        guard Self.declares(text, kind, id) else {
            return Response(output: "\(kind.rawValue) `\(id)` was made by a template or a loop, so it has no text of its own to edit; "
                            + "change the template, or :undo and type it again\n", accepted: false)
        }
        pendingEdit = EditTarget(entryIndex: index, range: span.start..<span.end, kind: kind, id: id)
        var r = Response()
        r.edit = Self.oneLine(text)
        r.output = interactive
            ? "editing \(kind.rawValue) `\(id)`: change it and press Return to replace it (Ctrl-C keeps it as it is)\n"
            : "editing \(kind.rawValue) `\(id)`; the next statement replaces it:\n\(r.edit!)\n"
        return r
    }

    /// Why goal `id` of `plan` cannot be edited in place, or nil when nothing was recorded
    /// against it yet.
    static func inUse(_ id: String, in plan: Plan, today: CalendarDate) -> String? {
        let readings = plan.progress.filter { record in record.entries.contains { $0.goal.value == id } }
        let closure = plan.closures.first { $0.goal.value == id }
        guard closure != nil || !readings.isEmpty else { return nil }
        var why: String
        if let closure {
            why = "goal `\(id)` was closed (\(closure.status.rawValue) on \(closure.date.value))"
        } else {
            let n = readings.count
            why = "goal `\(id)` is in use: \(n) progress record\(n == 1 ? "" : "s") (from \(readings[0].date.value)) measured it"
        }
        why += "; a goal in use is closed and replaced, not rewritten, so its record stays true. "
        if closure == nil {
            why += "Close it, then write the new goal:\n  close \(id) discontinued on \(today) because \"...\"\n"
        } else {
            why += "Write the new goal:\n"
        }
        why += "  goal \(id)-2 \"...\" { replaces \(id); ... }\n"
        why += "(:edit! \(id) corrects a typing mistake in it anyway)\n"
        return why
    }

    /// True when `text` starts with `KIND ID` (the id written out, not computed).
    static func declares(_ text: String, _ kind: ElementKind, _ id: String) -> Bool {
        let file = SourceFile(name: "<edit>", text: text)
        var lexer = Lexer(file: file)
        let words = lexer.tokenize().filter { $0.kind != .newline }.prefix(2).map { file.text($0.start..<$0.end) }
        return words.count == 2 && words[0] == kind.rawValue && words[1] == id
    }

    /// Runs the edited text in place of the declaration being edited.
    func applyEdit(_ target: EditTarget, _ text: String) -> Response {
        guard Self.declares(text, target.kind, target.id) else {
            var r = Response(accepted: false)
            r.output = "not accepted: the edited text must declare \(target.kind.rawValue) `\(target.id)` again "
                + "(still editing it\(editHint); Ctrl-C or a :command stops)\n"
            return r
        }
        guard case .statement(let old) = entries[target.entryIndex] else { pendingEdit = nil; return Response(accepted: false) }
        let bytes = Array(old.utf8)
        let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        let replaced = String(decoding: bytes[..<target.range.lowerBound] + Array(body.utf8) + bytes[target.range.upperBound...], as: UTF8.self)
        var r = replaceEntry(target.entryIndex, with: replaced, what: "the edit of `\(target.id)`")
        if r.accepted {
            pendingEdit = nil
            let where_ = state.focusedPlan.map { target.kind == .plan ? "" : " in \($0.id.value) " + Self.counts($0) } ?? ""
            r.output = "\(target.kind.rawValue) \(target.id) replaced\(where_)\n" + r.output
        } else {
            r.output += "(still editing \(target.kind.rawValue) `\(target.id)`\(editHint); Ctrl-C or a :command stops)\n"
        }
        return r
    }

    /// Rebuilds the session with entry `index` replaced by `text`; keeps the result only if
    /// every entry is still accepted. Prints and exports of the entries are not repeated.
    func replaceEntry(_ index: Int, with text: String, what: String) -> Response {
        var replay = entries
        replay[index] = .statement(text)
        var warnings: [Diagnostic] = []
        // The edited entry's warnings are news; the others' were shown when they were typed.
        if let (k, r) = rebuild(replay, what: what, accepted: { k, r in if k == index { warnings = r.diagnostics } }) {
            var out = Response(accepted: false)
            out.diagnostics = r.diagnostics
            out.output = k == index
                ? "not accepted: \(r.diagnostics.errorCount) error\(r.diagnostics.errorCount == 1 ? "" : "s") (the session is unchanged)\n"
                : "not accepted: with this change a later statement, \(headline(replay[k])), fails (the session is unchanged)\n"
            return out
        }
        journal?.append(.edit(index: index, text: text))
        var r = Response()
        r.diagnostics = warnings
        return r
    }

    /// Runs `replay` as the whole session, from scratch: `:edit` and `:reload` rebuild the
    /// session this way. The result is kept, as one `:undo` step named `what`, only if every
    /// entry is accepted (`accepted` sees each one's response); otherwise the session is left
    /// as it was and the index and response of the entry that failed come back.
    func rebuild(_ replay: [Entry], what: String, reread: Bool = false,
                 accepted: (Int, Response) -> Void = { _, _ in }) -> (index: Int, response: Response)? {
        let saved = (state: state, entries: entries, snapshots: snapshots)
        state = ScriptState()
        entries = []
        snapshots = []
        for (k, entry) in replay.enumerated() {
            let r = replayEntry(entry, reread: reread)
            guard r.accepted else {
                state = saved.state
                entries = saved.entries
                snapshots = saved.snapshots
                return (k, r)
            }
            accepted(k, r)
        }
        snapshots = saved.snapshots + [Snapshot(state: saved.state, entries: saved.entries, what: what)]
        return nil
    }

    /// Runs one earlier entry again without its effects. A loaded file is run from the text it
    /// had when it was loaded, unless `reread` (`:reload`): an `:edit` must not pull in, unasked,
    /// a change made to the file since (or fail on a mistake made in it since).
    func replayEntry(_ entry: Entry, reread: Bool = false) -> Response {
        switch entry {
        case .statement(let text):
            entryCount += 1
            return accept(SourceFile(name: "<repl:\(entryCount)>", text: text), entry: entry, journalRecord: nil,
                          quietSummary: true, replaying: true)
        case .load(let path, _, let loaded):
            guard let bytes = reread ? host.readFile(path) : loaded else {
                return Response(output: "", diagnostics: [Diagnostic(.importNotFound, "cannot read \(displayName(path)): \(FileProblem.reason(path))", at: nil)],
                                accepted: false)
            }
            return runLoad(path, bytes: bytes, journal: false, replaying: true)
        }
    }

    /// A declaration on one line, for the line editor: lines joined with `; ` where they
    /// separate statements and with a space inside brackets, after `{`, before `}` or `else`;
    /// comments dropped (on one line they would swallow the rest).
    public static func oneLine(_ text: String) -> String {
        var pieces: [String] = []
        var depth = 0  // ( and [ still open at the end of the line
        var inString = false
        var joinWithSpace: [Bool] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var escaped = false
            for c in raw {
                if inString {
                    line.append(c)
                    if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
                    continue
                }
                if c == "#" { break }
                if c == "\"" { inString = true }
                if c == "(" || c == "[" { depth += 1 }
                if c == ")" || c == "]" { depth = max(0, depth - 1) }
                line.append(c)
            }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            pieces.append(trimmed)
            joinWithSpace.append(depth > 0 || inString || trimmed.hasSuffix("{") || trimmed.hasSuffix(",") || trimmed.hasSuffix(";"))
        }
        var out = ""
        for (k, piece) in pieces.enumerated() {
            if k > 0 {
                let space = joinWithSpace[k - 1] || piece.hasPrefix("}") || piece.hasPrefix("else") || piece.hasPrefix(")") || piece.hasPrefix("]")
                out += space ? " " : "; "
            }
            out += piece
        }
        return out
    }
}
