import Foundation
import CarePlanBasics
import CarePlanSyntax
import CarePlanModel
import CarePlanExport

/// Tab completion that knows where the cursor is: commands, keywords, ids in scope, the values
/// a field expects, and file names after `:load`, `:save` and `:export`.
extension ReplSession {
    /// What to complete: how many characters before the cursor the candidates replace.
    public struct Completions: Equatable, Sendable {
        public var replaceLength: Int
        public var candidates: [String]
        /// Whether a space follows a completed word: not before a `,`, `;`, `)` or a space.
        public var appendsSpace: Bool

        public init(replaceLength: Int, candidates: [String], appendsSpace: Bool = true) {
            self.replaceLength = replaceLength
            self.candidates = candidates
            self.appendsSpace = appendsSpace
        }
    }

    /// Candidates for the word before `cursor` (an offset in Characters) in `line`.
    /// `earlierLines`: the lines of the statement already entered on `...>` prompts, so a
    /// field inside a goal block opened two lines up completes as a goal field.
    public func completions(line: String, cursor: Int, earlierLines: [String] = []) -> Completions {
        let chars = Array(line)
        let upto = String(chars.prefix(max(0, min(cursor, chars.count))))
        // No space after a completed word when a `,`, `;` or `)` (or a space) follows.
        let next = cursor < chars.count ? chars[cursor] : nil
        let appendsSpace = !(next.map { ",;) ".contains($0) } ?? false)
        var result = completionCandidates(upto, earlierLines: earlierLines)
        result.appendsSpace = appendsSpace
        return result
    }

    /// Candidates in a document being edited (the language server): `line` is the cursor's
    /// line up to the cursor, and `context` says where the cursor stands, given the length in
    /// bytes of the word being typed (from the document's syntax tree, which knows the lines
    /// above). The same engine as at the prompt, without the REPL's commands.
    func documentCompletions(line: String, context: (_ wordBytes: Int) -> CompletionContext) -> Completions {
        withoutActuallyEscaping(context) { context in
            completionCandidates(line, earlierLines: [], commands: false, context: context)
        }
    }

    private func completionCandidates(_ upto: String, earlierLines: [String], commands: Bool = true,
                                      context makeContext: ((Int) -> CompletionContext)? = nil) -> Completions {
        // The word being typed: letters, digits, `-`, `_`, `:`, `.`, `/` (for paths).
        var start = upto.endIndex
        while start > upto.startIndex {
            let prev = upto[upto.index(before: start)]
            if prev.isLetter || prev.isNumber || "-_:./~!".contains(prev) { start = upto.index(before: start) } else { break }
        }
        let word = String(upto[start...])
        let before = String(upto[..<start])
        let words = before.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let trimmedBefore = before.trimmingCharacters(in: .whitespaces)

        // REPL commands and their arguments.
        if commands && earlierLines.isEmpty && trimmedBefore.isEmpty && word.hasPrefix(":") {
            return match(word, Self.commands.map(\.name) + [":save!", ":export!", ":edit!"])
        }
        if commands && earlierLines.isEmpty, let first = words.first, first.hasPrefix(":") {
            switch first {
            case ":load", ":save", ":save!", ":diff": return words.count == 1 ? files(word) : none(word)
            case ":caseload": return files(word)
            case ":export", ":export!":
                if words.count == 1 { return match(word, ExportFormat.allCases.map(\.rawValue)) }
                // Never offer a plan source as an export's target (`:export` refuses it anyway).
                return words.count == 2 ? files(word, excluding: ".careplan") : none(word)
            case ":help": return match(word, ReplHelp.topics + FieldSpec.all.map(\.keyword) + Self.commands.map(\.name))
            case ":explain": return match(word.uppercased(), DiagnosticCode.allCases.map(\.rawValue))
            case ":show": return match(word, idsInFocus + state.plans.map(\.id.value) + state.templates.keys.sorted())
            case ":edit", ":edit!": return match(word, idsInFocus + state.plans.map(\.id.value))
            default: return none(word)
            }
        }
        // Where the cursor is: nothing inside a string or a comment; otherwise the block and
        // the statement so far decide (see `CompletionContext`).
        let context = makeContext?(word.utf8.count) ?? CompletionContext(before: (earlierLines + [before]).joined(separator: "\n"))
        if context.inTextOrComment { return none(word) }
        if word.contains(".") {
            // `meals.d` -> members of what the base names.
            let base = String(word[..<word.lastIndex(of: ".")!])
            let member = String(word[word.index(after: word.lastIndex(of: ".")!)...])
            var members: [String] = []
            if let plan = state.focusedPlan, plan.goal(base) != nil { members = ["due", "title", "id", "start", "occupation"] }
            else if let plan = state.focusedPlan, plan.interventionIndex(base) != nil { members = ["title", "id", "type"] }
            else if state.plan(base) != nil { members = ["start", "title", "id", "client", "discipline"] }
            let m = match(member, members)
            return Completions(replaceLength: m.replaceLength, candidates: m.candidates)
        }
        return match(word, nextWords(context))
    }

    var idsInFocus: [String] {
        guard let p = state.focusedPlan else { return [] }
        return p.goals.map(\.id.value) + p.interventions.map(\.id.value)
    }

    /// Names an expression may use here.
    var namesInScope: [String] {
        idsInFocus + state.plans.map(\.id.value) + state.globals.keys.sorted() + ["start", "today", "true", "false"]
    }

    /// What may come next in the statement described by `context`.
    func nextWords(_ context: CompletionContext) -> [String] {
        let w = context.words, block = context.block
        guard let first = w.first else {
            // A statement starts: the keywords and fields of this block (a progress record's
            // lines also start with a goal id).
            var pool = StatementKeyword.keywords(in: block) + FieldSpec.keywords(in: block)
            if block == .progress { pool = (state.focusedPlan?.goals.map(\.id.value) ?? []) + pool }
            return pool
        }
        let rest = Array(w.dropFirst())
        if let spec = FieldSpec.lookup(first, in: block) { return fieldWords(spec, rest, context) }
        if block == .progress, !StatementKeyword.keywords(in: block).contains(first) {
            return fieldWords(FieldSpec.progressEntry, rest, context)
        }
        switch first {
        case "use": return rest.isEmpty ? state.templates.keys.sorted() : []
        case "plan", "check": return rest.isEmpty ? state.plans.map(\.id.value) : []
        case "goal", "intervention", "template", "import": return []
        case "export":
            if rest.last == "as" { return ExportFormat.allCases.map(\.rawValue) }
            if rest.count >= 2, rest[rest.count - 2] == "as" { return ["to"] }
            return rest.isEmpty ? state.plans.map(\.id.value) + ["as"] : ["as"]
        case "for": return rest.count == 1 ? ["in"] : rest.count >= 2 ? namesInScope : []
        case "let": return rest.count >= 2 ? namesInScope : []
        default: return namesInScope
        }
    }

    /// The words that may follow `keyword rest...`, from the field's entry in `FieldSpec`:
    /// its values right after the keyword, a clause's value after the clause word, the unit
    /// after a number of a duration, and otherwise its clauses not yet written.
    func fieldWords(_ spec: FieldSpec, _ rest: [String], _ context: CompletionContext = CompletionContext()) -> [String] {
        let used = Set(rest)
        let remaining = (spec.clauses + spec.flags).filter { !used.contains($0) }
        let units = DurationUnit.allCases.map(\.plural)
        // The field's own values: a goal is offered once in a list (`serves bend, <Tab>`), and
        // `close` offers the goals still open.
        var own = values(for: spec.expects, context) ?? []
        if spec.list { own.removeAll(where: used.contains) }
        if spec.field == .close, let plan = state.focusedPlan {
            let closed = Set(plan.closures.map(\.goal.value))
            own.removeAll(where: closed.contains)
        }
        guard let last = rest.last else {
            switch spec.value {
            case .none: return remaining
            case .optional: return remaining + own
            case .required: return own
            }
        }
        if last == "," { return spec.list ? own : [] }
        if spec.clauses.contains(last) {
            // The clause's value, by its kind in `FieldSpec.clauseKinds`.
            switch spec.clauseKind(last) {
            case "period": return SchedulePeriod.spellings
            case let kind?: return values(for: kind, context) ?? []
            case nil: return []
            }
        }
        // A number after a clause that takes a duration (`for 8`, `every 2`): its unit.
        if last == "0", rest.count >= 2, spec.clauseKind(rest[rest.count - 2]) == "duration" {
            return units
        }
        return remaining
    }

    func values(for expects: String, _ context: CompletionContext = CompletionContext()) -> [String]? {
        if let vocab = Vocabularies.byName[expects] { return vocab }
        switch expects {
        case "goal":
            // Inside a plan block being typed, its own goals; elsewhere the plan in focus's,
            // and any declared earlier in the entry.
            if context.inPlanBlock { return context.declaredGoals }
            return (state.focusedPlan?.goals.map(\.id.value) ?? []) + context.declaredGoals
        case "plan": return state.plans.map(\.id.value)
        case "date": return ["start", "today"] + state.globals.filter { if case .date = $0.value { return true }; return false }.keys.sorted()
        default: return nil
        }
    }

    func match(_ word: String, _ pool: [String]) -> Completions {
        var seen = Set<String>()
        let found = pool.filter { $0.hasPrefix(word) && seen.insert($0).inserted }
        return Completions(replaceLength: word.count, candidates: found.count == 1 && found[0] == word ? [] : found)
    }

    func none(_ word: String) -> Completions { Completions(replaceLength: word.count, candidates: []) }

    /// File names for `:load` and friends: directories end in `/`; plan files and folders only
    /// after `:load`, any file otherwise.
    func files(_ word: String, excluding suffix: String? = nil) -> Completions {
        let dirPart = word.contains("/") ? String(word[...word.lastIndex(of: "/")!]) : ""
        let prefix = String(word.dropFirst(dirPart.count))
        let folder = absolute(dirPart.isEmpty ? "." : dirPart)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var out: [String] = []
        for name in names.sorted() where name.hasPrefix(prefix) && (!name.hasPrefix(".") || prefix.hasPrefix(".")) {
            var isDir: ObjCBool = false
            FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isDir)
            if let suffix, !isDir.boolValue, name.hasSuffix(suffix) { continue }
            out.append(dirPart + name + (isDir.boolValue ? "/" : ""))
        }
        return Completions(replaceLength: word.count, candidates: out)
    }
}
