import CarePlanBasics
import CarePlanSyntax
import CarePlanModel

/// What a lesson's plan must have to be done: one clause of a `goal:` line, clauses separated
/// by `;`. Besides the rubric's requirements (`intervention TYPE [N]`, `checkin before N
/// weeks`, `copm`, `observe`, `environment`, `assessment`, `short-term-goal [N]`, `progress`,
/// `occupation AREA`), a lesson can ask for `discipline`, `client`, `start`, `diagnosis`,
/// `history` (the client's history or referral), `goals N`, `interventions N`, `frequency`,
/// `checkin`, `closed`, `replaces`, `has ID` (a goal or intervention with that id) and
/// `no CODE...` (the validator reports none of these codes for the plan).
public enum LessonCondition: Sendable, Equatable {
    case field(String)
    case goals(Int)
    case interventions(Int)
    case has(String)
    case requirement(Rubric.Requirement)
    case none(Set<DiagnosticCode>)

    static let fields = ["discipline", "client", "start", "diagnosis", "history", "frequency", "checkin", "closed", "replaces"]

    /// Parses the text after `goal:`; `offset` is where it starts in `file`, for the spans.
    static func parse(_ text: String, file: SourceFile, offset: Int) -> ([LessonCondition], [Diagnostic]) {
        var out: [LessonCondition] = [], problems: [Diagnostic] = []
        var clauseStart = offset
        for clause in text.split(separator: ";", omittingEmptySubsequences: false) {
            defer { clauseStart += clause.utf8.count + 1 }
            // Tokens with their spans, as the rubric parser's requirement reader wants them.
            var tokens: [RubricParser.Token] = []
            var i = clauseStart
            for piece in clause.split(separator: " ", omittingEmptySubsequences: false) {
                if !piece.isEmpty { tokens.append(.init(text: String(piece), quoted: false, span: Span(file: file, start: i, end: i + piece.utf8.count))) }
                i += piece.utf8.count + 1
            }
            guard let head = tokens.first else { continue }
            func fail(_ message: String, _ at: RubricParser.Token, help: String) {
                problems.append(Diagnostic(.lessonInvalid, message, at: at.span, help: help))
            }
            func count() -> Int? {
                guard tokens.count == 2, let n = tokens[1].number, n >= 1, n == n.rounded() else { return nil }
                return Int(n)
            }
            switch head.text {
            case _ where fields.contains(head.text) && !(head.text == "checkin" && tokens.count > 1):
                if tokens.count > 1 { fail("`\(head.text)` takes nothing after it", tokens[1], help: "end the clause with `;`") } else { out.append(.field(head.text)) }
            case "goals", "interventions":
                guard let n = count() else { fail("`\(head.text)` takes a count", head, help: "write `\(head.text) 1`"); continue }
                out.append(head.text == "goals" ? .goals(n) : .interventions(n))
            case "has":
                guard tokens.count == 2 else { fail("`has` takes one id", head, help: "write `has rail-bathroom`"); continue }
                out.append(.has(tokens[1].text))
            case "no":
                var codes = Set<DiagnosticCode>()
                for t in tokens.dropFirst() {
                    guard let code = DiagnosticCode.parse(t.text) else { fail("`\(t.text)` is not a diagnostic code", t, help: "codes look like CP0300; `careplan explain` lists them"); continue }
                    codes.insert(code)
                }
                if tokens.count == 1 { fail("`no` takes diagnostic codes", head, help: "write `no CP0300 CP0305`") } else { out.append(.none(codes)) }
            default:
                switch RubricParser.requirement(tokens) {
                case .success(let r): out.append(.requirement(r))
                case .failure(let p):
                    let words = fields + ["goals", "interventions", "has", "no"] + RubricParser.kinds
                    problems.append(Diagnostic(.lessonInvalid, p.message.replacingOccurrences(of: "a rubric can require", with: "a lesson can ask for"), at: p.token.span, label: p.label,
                                               help: p.token.span == head.span ? (Suggestion.didYouMean(head.text, in: words) ?? "one of: \(words.joined(separator: ", "))") : p.help))
                }
            }
        }
        return (out, problems)
    }

    /// Whether `plan` (with `diagnostics`, its full validation) meets the condition, and what
    /// to tell the learner if not.
    public func evaluate(_ plan: Plan, _ diagnostics: [Diagnostic]) -> (met: Bool, todo: String) {
        switch self {
        case .field(let f):
            switch f {
            case "discipline": return (plan.discipline != nil, "say which discipline the plan is: `discipline OT` or `discipline PT`")
            case "client": return (plan.client != nil, "say who the plan is for: `client \"Full Name\" { born 1954-03-12 }`")
            case "start": return (plan.start != nil, "give the plan a start date: `starts 2026-11-02`")
            case "diagnosis": return (!plan.diagnoses.isEmpty, "name what is being treated: `diagnosis \"Left MCA ischaemic stroke\"`")
            case "history": return (plan.client?.history != nil || plan.client?.referral != nil,
                                    "add the client's story: `referral \"...\"` or `history \"...\"` inside the client block")
            case "frequency": return (plan.frequency != nil || plan.interventions.contains { $0.frequency != nil },
                                      "say how often sessions happen: `frequency 2 per week for 8 weeks`")
            case "checkin": return (!plan.checkins.isEmpty, "plan when progress is checked: `checkin every 2 weeks { review GOAL }`")
            case "closed": return (!plan.closures.isEmpty, "close a goal: `close GOAL achieved on DATE` (or `discontinued on DATE because \"...\"`)")
            default: return (plan.goals.contains { $0.replaces != nil }, "write a new goal that takes over from the closed one: `replaces GOAL` inside it")
            }
        case .goals(let n):
            return (plan.goals.count >= n, "the plan needs \(n == 1 ? "a goal" : "\(n) goals") (it has \(plan.goals.count)): `goal id \"Title\" { ... }`")
        case .interventions(let n):
            return (plan.interventions.count >= n, "the plan needs \(n == 1 ? "an intervention" : "\(n) interventions") (it has \(plan.interventions.count)): `intervention id \"Title\" { type ...; serves GOAL }`")
        case .has(let id):
            return (plan.goalIndex(id) != nil || plan.interventionIndex(id) != nil, "the plan needs an element with the id `\(id)`")
        case .requirement(let r):
            let (met, missing) = r.evaluate(plan)
            return (met, "the plan needs " + missing)
        case .none(let codes):
            guard let d = diagnostics.first(where: { codes.contains($0.code) }) else { return (true, "") }
            return (false, "\(d.message) (\(d.code.rawValue)\(d.help.map { "; \($0)" } ?? "")); `:undo` takes a statement back to write it again")
        }
    }
}
