import Foundation

/// Coded values: ICD-10-CM diagnoses and CPT codes. Formats are checked here (a malformed
/// code rejects the statement); near misses of well-formed codes are the validator's warnings.
extension Interpreter {
    /// `diagnosis I69.351 "text"`, `diagnosis Z47.1`, or plain `diagnosis "text", "text"`.
    func diagnoses(_ f: Field) throws -> [Diagnosis] {
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
    func cptCodes(_ e: Expr) throws -> [Located<String>] {
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
