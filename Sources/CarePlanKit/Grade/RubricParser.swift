import CarePlanBasics
import CarePlanSyntax
import CarePlanModel

/// Reads a rubric file: one statement a line, `#` comments, words, numbers and "quoted text".
///
///     title "OT 501, week 6: a plan for Maria"
///     pass 70                                   # percent of the total needed to pass
///     points measurable 20                      # reweight a default criterion (0 drops it)
///     require 10 "At least one environment modification" intervention environment-modification
///     require 5 "A check-in before week 6" checkin before 6 weeks
///     require 5 "COPM at assessment" copm
///
/// Every mistake is one CP0311 diagnostic with the line, column and a hint; a rubric with any
/// is not used.
public enum RubricParser {
    public static func parse(_ file: SourceFile, base: Rubric = .standard) -> (rubric: Rubric, diagnostics: [Diagnostic]) {
        var rubric = base
        var diagnostics: [Diagnostic] = []
        var usedIDs = Set(base.criteria.map(\.id))
        for line in lines(of: file) {
            guard let head = line.first else { continue }
            func fail(_ message: String, at token: Token? = nil, label: String = "", help: String) {
                diagnostics.append(Diagnostic(.rubricInvalid, message, at: (token ?? head).span, label: label, help: help))
            }
            switch head.text {
            case "title":
                guard line.count == 2, line[1].quoted else { fail("`title` takes one quoted text", at: line.dropFirst().first, help: "write `title \"OT 501: a plan for Maria\"`"); continue }
                rubric.title = line[1].text
            case "pass":
                guard line.count == 2, let n = line[1].number, (0...100).contains(n) else {
                    fail("`pass` takes a percent from 0 to 100", at: line.dropFirst().first, help: "write `pass 70`"); continue
                }
                rubric.passPercent = n
            case "points":
                guard line.count == 3, let n = line[2].number, n >= 0 else {
                    fail("`points` takes a criterion id and a number of points", at: line.dropFirst().first, help: "write `points measurable 20` (0 leaves the criterion out)"); continue
                }
                let ids = rubric.criteria.map(\.id)
                guard let i = ids.firstIndex(of: line[1].text) else {
                    fail("no criterion `\(line[1].text)` in the rubric", at: line[1], label: "unknown criterion",
                         help: Suggestion.didYouMean(line[1].text, in: ids) ?? "criteria: \(ids.joined(separator: ", "))"); continue
                }
                if n == 0 { rubric.criteria.remove(at: i) } else { rubric.criteria[i].points = n }
            case "require":
                guard line.count >= 4, let n = line[1].number, n > 0 else {
                    fail("`require` takes points, a quoted description and what to look for", at: line.dropFirst().first,
                         help: "write `require 10 \"At least one environment modification\" intervention environment-modification`"); continue
                }
                guard line[2].quoted else { fail("the description after the points is quoted text", at: line[2], help: "write it in double quotes: \"COPM at assessment\""); continue }
                switch requirement(Array(line[3...])) {
                case .success(let r):
                    var id = "require-" + slug(line[2].text)
                    while usedIDs.contains(id) { id += "-2" }
                    usedIDs.insert(id)
                    rubric.criteria.append(Rubric.Criterion(id: id, title: line[2].text, points: n, check: .requires(r),
                                                            praise: line[2].text.prefix(1).lowercased() + line[2].text.dropFirst()))
                case .failure(let problem):
                    diagnostics.append(Diagnostic(.rubricInvalid, problem.message, at: problem.token.span, label: problem.label, help: problem.help))
                }
            default:
                fail("`\(head.text)` is not a rubric statement", label: "unknown statement",
                     help: Suggestion.didYouMean(head.text, in: statements) ?? "statements: \(statements.joined(separator: ", "))")
            }
        }
        return (rubric, diagnostics)
    }

    static let statements = ["title", "pass", "points", "require"]
    static let kinds = ["intervention", "checkin", "copm", "observe", "environment", "assessment", "short-term-goal", "progress", "occupation"]

    struct Problem: Error {
        var message: String
        var token: Token
        var label = ""
        var help: String
    }

    /// What comes after `require POINTS "description"`.
    static func requirement(_ t: [Token]) -> Result<Rubric.Requirement, Problem> {
        let kind = t[0]
        func count(at i: Int) -> Result<Int, Problem> {
            guard i < t.count else { return .success(1) }
            guard i == t.count - 1, let n = t[i].number, n >= 1, n == n.rounded() else {
                return .failure(Problem(message: "expected a whole number (how many) at the end", token: t[i], help: "for example `\(kind.text) 2`"))
            }
            return .success(Int(n))
        }
        switch kind.text {
        case "intervention":
            guard t.count >= 2 else { return .failure(Problem(message: "`intervention` needs a type", token: kind, help: "for example `intervention environment-modification`")) }
            guard let type = InterventionType(rawValue: t[1].text) else {
                return .failure(Problem(message: "`\(t[1].text)` is not an intervention type", token: t[1], label: "unknown type",
                                        help: Suggestion.didYouMean(t[1].text, in: InterventionType.spellings) ?? "types: \(InterventionType.spellings.joined(separator: ", "))"))
            }
            return count(at: 2).map { .interventionType(type, count: $0) }
        case "checkin":
            guard t.count == 4, t[1].text == "before", let n = t[2].number, n >= 1, n == n.rounded(), t[3].text == "weeks" || t[3].text == "week" else {
                return .failure(Problem(message: "expected `checkin before N weeks`", token: t.count > 1 ? t[1] : kind, help: "for example `checkin before 6 weeks`"))
            }
            return .success(.checkinBefore(weeks: Int(n)))
        case "occupation":
            guard t.count == 2, let area = OccupationArea(rawValue: t[1].text) else {
                let at = t.count > 1 ? t[1] : kind
                return .failure(Problem(message: "expected an occupation area after `occupation`", token: at,
                                        help: Suggestion.didYouMean(at.text, in: OccupationArea.spellings) ?? "areas: \(OccupationArea.spellings.joined(separator: ", "))"))
            }
            return .success(.occupation(area))
        case "short-term-goal", "short-term-goals":
            return count(at: 1).map { .shortTermGoals(count: $0) }
        case "copm", "observe", "environment", "assessment", "progress":
            if t.count > 1 { return .failure(Problem(message: "`\(kind.text)` takes nothing after it", token: t[1], help: "remove `\(t[1].text)`")) }
            switch kind.text {
            case "copm": return .success(.copm)
            case "observe": return .success(.observe)
            case "environment": return .success(.environment)
            case "assessment": return .success(.assessment)
            default: return .success(.progress)
            }
        default:
            return .failure(Problem(message: "`\(kind.text)` is not something a rubric can require", token: kind, label: "unknown requirement",
                                    help: Suggestion.didYouMean(kind.text, in: kinds) ?? "one of: \(kinds.joined(separator: ", "))"))
        }
    }

    static func slug(_ text: String) -> String {
        var out = ""
        for ch in text.lowercased() {
            if ch.isLetter || ch.isNumber { out.append(ch) } else if !out.isEmpty && out.last != "-" { out.append("-") }
        }
        while out.last == "-" { out.removeLast() }
        return String(out.prefix(40))
    }

    struct Token {
        var text: String
        var quoted: Bool
        var span: Span
        var number: Double? { quoted ? nil : Double(text) }
    }

    /// Splits the file into lines of tokens; an unclosed quote runs to the end of its line
    /// (and is reported by the statement that finds it malformed).
    static func lines(of file: SourceFile) -> [[Token]] {
        let bytes = file.bytes
        var out: [[Token]] = [], line: [Token] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A { out.append(line); line = []; i += 1; continue }
            if b == 0x20 || b == 0x09 || b == 0x0D { i += 1; continue }
            if b == 0x23 { while i < bytes.count && bytes[i] != 0x0A { i += 1 }; continue }   // #
            if b == 0x22 {                                                                // "
                var j = i + 1
                while j < bytes.count && bytes[j] != 0x22 && bytes[j] != 0x0A { j += 1 }
                let text = String(decoding: bytes[(i + 1)..<j], as: UTF8.self)
                let end = j < bytes.count && bytes[j] == 0x22 ? j + 1 : j
                line.append(Token(text: text, quoted: true, span: Span(file: file, start: i, end: end)))
                i = end
                continue
            }
            var j = i
            while j < bytes.count, ![0x20, 0x09, 0x0D, 0x0A, 0x22, 0x23].contains(bytes[j]) { j += 1 }
            line.append(Token(text: String(decoding: bytes[i..<j], as: UTF8.self), quoted: false, span: Span(file: file, start: i, end: j)))
            i = j
        }
        out.append(line)
        return out
    }
}
