import CarePlanBasics
import CarePlanSyntax

/// `textDocument/formatting`: the layout of `careplan fmt`, as one edit over the whole text.
/// A document with syntax errors (one being typed) is formatted too: the statements holding
/// the errors are kept as written.
extension LanguageServer {
    func formatting(_ params: JSONValue, _ check: CancellationCheck) throws -> JSONValue {
        let doc = try document(params)
        try check.check()
        // The version's own tree and syntax errors: the text is not parsed again (only the
        // formatted result is, to check it).
        let syntax = syntax(doc)
        if !syntax.parsed.isText, let why = syntax.parsed.diagnostics.first {
            throw ResponseError(code: ErrorCode.requestFailed, message: "not formatted: \(why.message)")
        }
        switch Formatter.format(syntax.tree.tree, syntaxDiagnostics: syntax.parsed.diagnostics) {
        case .formatted(let bytes, _):
            if bytes == doc.bytes { return .array([]) }
            // One edit from the start to the end: the formatter re-lays the whole file, and
            // clients apply a single full-range edit without shifting positions.
            let end = doc.position(of: doc.bytes.count, encoding)
            return .array([.object([
                "range": .object(["start": TextPosition(line: 0, character: 0).json, "end": end.json]),
                "newText": .string(String(decoding: bytes, as: UTF8.self)),
            ])])
        case .tooLarge(let errors):
            let first = errors.first.map { ": \($0.message)" } ?? ""
            throw ResponseError(code: ErrorCode.requestFailed, message: "not formatted\(first)")
        case .internalError(let why):
            throw ResponseError(code: ErrorCode.internalError, message: "not formatted: \(why)")
        }
    }
}
