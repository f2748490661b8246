import Foundation
import CarePlanBasics
import CarePlanSyntax
import CarePlanModel

/// Coded values: ICD-10-CM diagnoses and CPT codes. Formats are checked here (a malformed
/// code rejects the statement); near misses of well-formed codes are the validator's warnings.
extension Interpreter {
    /// `diagnosis I69.351 "text"`, `diagnosis Z47.1`, or plain `diagnosis "text", "text"`.
    package func diagnoses(_ f: Field) throws -> [Diagnosis] {
        guard let codeExpr = f.clause("code")?.value else {
            let v = try required(f)
            if case .list(let items, _) = v {
                return try items.map { Diagnosis(code: nil, text: try string($0, "a diagnosis").value, span: $0.span) }
            }
            let texts = try strings(v, "a diagnosis")
            return texts.map { Diagnosis(code: nil, text: $0, span: v.span) }
        }
        guard case .text(let code, let span) = codeExpr else { return [] }
        let text = try f.value.map { try string($0, "the diagnosis text") }
        guard ICD10CM.isWellFormed(code) else {
            let near = ICD10CM.nearest(code)
            throw fail(.icdMalformed, "`\(code)` is not an ICD-10-CM code", span,
                       label: "not a code's shape",
                       help: near.map { "did you mean `\($0.code)` (\($0.display))?" }
                           ?? "an ICD-10-CM code is a letter, two digits, then a dot and up to four more: `Z47.1`, `I69.351`",
                       notes: ["ICD-10-CM codes: a letter, a digit, a digit or letter; then `.` and 1-4 letters or digits"])
        }
        let known = ICD10CM.lookup(code)
        if known == nil, text == nil || text!.value.allSatisfy(\.isWhitespace) {
            let near = ICD10CM.nearest(code)
            throw fail(.icdNeedsText, "ICD-10-CM code `\(code)` is not one careplan knows, and no text is given", span,
                       label: "what is it?",
                       help: near.map { "did you mean `\($0.code)` (\($0.display))? Otherwise write its text: `diagnosis \(code) \"...\"`" }
                           ?? "write its text after it: `diagnosis \(code) \"...\"`")
        }
        let written = text.map { $0.value.trimmingCharacters(in: .whitespaces) } ?? ""
        return [Diagnosis(code: Located(code, span), text: written.isEmpty ? known!.display : written,
                          span: text.map { span.to($0.span) } ?? span)]
    }

    /// `cpt 97530` or `cpt 97530, 97535`: numbers (or strings) of CPT's five-character format.
    package func cptCodes(_ e: Expr) throws -> [Located<String>] {
        let items: [Expr]
        if case .list(let list, _) = e { items = list } else { items = [e] }
        return try items.map { item in
            let v = try eval(item)
            let code: String
            switch v {
            case .number(let n) where n == n.rounded() && n >= 0 && n < 1e9:
                code = String(Int(n))
            case .string(let s): code = s
            default:
                throw fail(.cptMalformed, "a CPT code is five digits, found \(v.kindName)", item.span, label: "not a CPT code",
                           help: "for example: cpt 97530")
            }
            guard CPTCode.isWellFormed(code) else {
                throw fail(.cptMalformed, "`\(code)` is not a CPT code", item.span, label: "five digits expected",
                           help: CPTCode.nearest(code).map { "did you mean `\($0.code)` (\($0.display))?" } ?? "CPT codes have five digits: `cpt 97530`")
            }
            return Located(code, item.span)
        }
    }
}

/// Standardised outcome measures named by id: `measure tug from 19 to 10`, `score berg: 38`.
extension Interpreter {
    /// The measure a goal's `measure` or an assessment's `score` names: a library id written
    /// bare, or free text in quotes.
    package func measureName(_ e: Expr) throws -> (Located<String>, OutcomeMeasure?) {
        if case .name(let n, let span) = e, !isBound(n) {
            guard let m = OutcomeMeasure.parse(n) else {
                throw fail(.measureUnknown, "`\(n)` is not a standardised measure careplan knows", span,
                           label: "unknown measure",
                           help: (Suggestion.didYouMean(n, in: OutcomeMeasure.spellings).map { $0 + " " } ?? "")
                               + "For another measure write its name in quotes: \"\(n)\"",
                           notes: ["known measures: \(OutcomeMeasure.spellings.joined(separator: ", "))"])
            }
            return (Located(m.info.name, span), m)
        }
        return (try string(e, "the measure's name"), nil)
    }

    /// A value on a standardised measure must lie in its range.
    package func checkRange(_ m: OutcomeMeasure, _ v: Located<Double>, _ what: String) throws {
        let r = m.info.range
        guard !r.contains(v.value) else { return }
        throw fail(.measureOutOfRange,
                   "\(what) \(JSONValue.format(v.value)) is outside the \(m.info.name)'s range, \(JSONValue.format(r.lowerBound))-\(JSONValue.format(r.upperBound)) \(m.info.unitLabel)",
                   v.span, label: "out of range",
                   help: "check the number, or write another instrument's name in quotes")
    }

    /// A goal on a standardised measure: both numbers in range, the target better than the baseline.
    package func checkMeasureGoal(_ m: OutcomeMeasure, from: Located<Double>, to: Located<Double>) throws {
        try checkRange(m, from, "the baseline")
        try checkRange(m, to, "the target")
        if from.value != to.value, !m.better(to.value, than: from.value) {
            throw EvalError(diagnostic: Diagnostic(.measureWrongDirection,
                "on the \(m.info.name) \(m.info.lowerIsBetter ? "lower" : "higher") is better, so a target of \(m.format(to.value)) from \(m.format(from.value)) is a decline",
                labels: [Label(to.span, "worse than the baseline"), Label(from.span, "baseline", primary: false)],
                help: "did you mean `from \(JSONValue.format(to.value)) to \(JSONValue.format(from.value))`?"))
        }
    }

    /// `score berg: 38` (a standardised measure: a number in its range) or `score "Label": value`.
    package func score(_ subject: Expr, _ finding: Expr) throws -> Assessment.Score {
        let (name, standard) = try measureName(subject)
        let v = try eval(finding)
        var number: Double? = nil
        if case .number(let x) = v { number = x }
        if let standard {
            guard let x = number else {
                throw fail(.measureScoreNotNumber, "a \(standard.info.name) score must be a number, found \(v.kindName)", finding.span,
                           label: "not a number", help: "write the total score, e.g. `score \(standard.rawValue): \(JSONValue.format(standard.info.range.upperBound / 2))`")
            }
            try checkRange(standard, Located(x, finding.span), "the score")
        }
        return Assessment.Score(instrument: name.value, value: v.display, measure: standard, number: number,
                                span: subject.span.to(finding.span))
    }
}
