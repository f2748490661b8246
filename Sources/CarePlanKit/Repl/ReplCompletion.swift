import Foundation

/// Tab completion that knows where the cursor is: commands, keywords, ids in scope, the values
/// a field expects, and file names after `:load`, `:save` and `:export`.
extension ReplSession {
    /// What to complete: how many characters before the cursor the candidates replace.
    public struct Completions: Equatable, Sendable {
        public var replaceLength: Int
        public var candidates: [String]

        public init(replaceLength: Int, candidates: [String]) {
            self.replaceLength = replaceLength
            self.candidates = candidates
        }
    }

    /// Candidates for the word before `cursor` (an offset in Characters) in `line`.
    public func completions(line: String, cursor: Int) -> Completions {
        let chars = Array(line)
        let upto = String(chars.prefix(max(0, min(cursor, chars.count))))
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
        if trimmedBefore.isEmpty && word.hasPrefix(":") {
            return match(word, Self.commands.map(\.name) + [":save!", ":export!"])
        }
        if let first = words.first, first.hasPrefix(":") {
            switch first {
            case ":load", ":save", ":save!": return words.count == 1 ? files(word) : none(word)
            case ":export", ":export!":
                if words.count == 1 { return match(word, ExportFormat.allCases.map(\.rawValue)) }
                // Never offer a plan source as an export's target (`:export` refuses it anyway).
                return words.count == 2 ? files(word, excluding: ".careplan") : none(word)
            case ":help": return match(word, ReplHelp.topics + FieldSpec.all.map(\.keyword) + Self.commands.map(\.name))
            case ":explain": return match(word.uppercased(), DiagnosticCode.allCases.map(\.rawValue))
            case ":show": return match(word, idsInFocus + state.plans.map(\.id.value) + state.templates.keys.sorted())
            case ":edit": return match(word, idsInFocus + state.plans.map(\.id.value))
            default: return none(word)
            }
        }
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
        // A value after a field keyword (or after one of its clause words, or after a comma).
        if let expects = expectedValue(words: words, before: before) {
            return match(word, expects)
        }
        if let last = words.last, last == "use" { return match(word, state.templates.keys.sorted()) }
        // Statement start (or anything else): keywords, then names in scope.
        let atStatementStart = trimmedBefore.isEmpty || trimmedBefore.hasSuffix("{") || trimmedBefore.hasSuffix(";")
        var pool: [String] = []
        if atStatementStart {
            pool = StatementKeyword.keywords(in: .script) + FieldSpec.all.map(\.keyword)
        }
        pool += idsInFocus + state.plans.map(\.id.value) + state.globals.keys.sorted() + ["start", "today", "true", "false"]
        return match(word, pool)
    }

    var idsInFocus: [String] {
        guard let p = state.focusedPlan else { return [] }
        return p.goals.map(\.id.value) + p.interventions.map(\.id.value)
    }

    /// The vocabulary (or ids) the field before the cursor expects, if any.
    func expectedValue(words: [String], before: String) -> [String]? {
        // Walk back to the nearest field keyword on this line.
        for (k, w) in words.enumerated().reversed() {
            let specs = FieldSpec.all.filter { $0.keyword == w }
            guard let spec = specs.first else { continue }
            let after = Array(words[(k + 1)...])
            // `assist from <TAB>` / `assist to <TAB>`: the clause value has the field's type.
            if let last = after.last, spec.clauses.contains(last) {
                if spec.keyword == "frequency" && last == "per" { return SchedulePeriod.spellings }
                if spec.keyword == "checkin" || spec.keyword == "reassess" || spec.keyword == "frequency" { return nil }
                return values(for: spec.expects)
            }
            // Right after the keyword, or after a comma in a list field.
            if after.isEmpty || (spec.list && before.trimmingCharacters(in: .whitespaces).hasSuffix(",")) {
                return values(for: spec.expects)
            }
            if spec.keyword == "close" && after.count == 1 { return GoalClosure.spellings }
            return nil
        }
        return nil
    }

    func values(for expects: String) -> [String]? {
        if let vocab = Vocabularies.byName[expects] { return vocab }
        switch expects {
        case "goal": return state.focusedPlan?.goals.map(\.id.value) ?? []
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
