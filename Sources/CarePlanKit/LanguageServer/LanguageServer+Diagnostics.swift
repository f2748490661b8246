import CarePlanBasics

/// `textDocument/publishDiagnostics`: the diagnostics `careplan check` reports for the
/// document, as LSP diagnostics.
extension LanguageServer {
    func publishDiagnostics(_ uri: String) {
        guard let doc = documents[uri] else { return }
        let a = analysis(doc)
        let list = a.compilation.diagnostics.sortedForDisplay().map { lspDiagnostic($0, in: a) }
        notify("textDocument/publishDiagnostics", .object([
            "uri": .string(uri), "version": .number(Double(doc.version)), "diagnostics": .array(list),
        ]))
    }

    /// One diagnostic: its code and severity, the message with its help and notes (as the
    /// terminal shows them), secondary labels as related information, and in `data` the
    /// command that explains the code. A diagnostic found in an imported file is shown on
    /// the `import` line that brought it in, with its own place as related information.
    func lspDiagnostic(_ d: Diagnostic, in a: DocumentAnalysis) -> JSONValue {
        let doc = a.document
        var message = d.message
        var range: JSONValue
        var related: [JSONValue] = []
        if let span = d.primarySpan, span.fileID == doc.source.id {
            range = doc.range(span, encoding)
        } else if let span = d.primarySpan {
            // In another file: anchor it on the import that reads that file (or the first).
            let file = span.file
            let (line, column) = file.location(of: span.start)
            message = "in \(file.name):\(line):\(column): \(message)"
            let anchor = a.index.imports.first { a.resolve(importPath: $0.path) == Paths.normalize(file.name) } ?? a.index.imports.first
            range = anchor.map { doc.range($0.span, encoding) } ?? doc.range(Span(file: doc.source, start: 0, end: 0), encoding)
            if let other = fileDocument(file) {
                related.append(.object(["location": location(uri: other.uri, range: other.range(span, encoding)),
                                        "message": .string(d.labels.first(where: \.isPrimary)?.message ?? d.message)]))
            }
        } else {
            range = doc.range(Span(file: doc.source, start: 0, end: 0), encoding)
        }
        for label in d.labels where !label.isPrimary {
            guard let target = label.span.fileID == doc.source.id ? doc : fileDocument(label.span.file) else { continue }
            related.append(.object(["location": location(uri: target.uri, range: target.range(label.span, encoding)),
                                    "message": .string(label.message.isEmpty ? "see here" : label.message)]))
        }
        if let primary = d.labels.first(where: \.isPrimary), !primary.message.isEmpty { message += " (\(primary.message))" }
        for note in d.notes { message += "\nnote: \(note)" }
        if let help = d.help { message += "\nhelp: \(help)" }
        if d.occurrences > 1 { message += "\n(reported \(d.occurrences) times)" }
        var out: [String: JSONValue] = [
            "range": range,
            "severity": .number(Double(Self.severity(d.severity))),
            "code": .string(d.code.rawValue),
            "source": "careplan",
            "message": .string(message),
            "data": .object(["explain": .string("careplan explain \(d.code.rawValue)"), "title": .string(d.code.title)]),
        ]
        if !related.isEmpty { out["relatedInformation"] = .array(related) }
        return .object(out)
    }

    /// LSP's DiagnosticSeverity: 1 error, 2 warning, 3 information.
    static func severity(_ s: Severity) -> Int {
        switch s {
        case .error: return 1
        case .warning: return 2
        case .note: return 3
        }
    }

    /// A document for converting spans in another file: the open one, else the file itself.
    func fileDocument(_ file: SourceFile) -> TextDocument? {
        if let open = documents.values.first(where: { $0.source.id == file.id || $0.path == file.name }) {
            return open.source.id == file.id ? open : TextDocument(path: file.name, bytes: file.bytes)
        }
        guard !file.name.hasPrefix("<") else { return nil }
        return TextDocument(path: file.name, bytes: file.bytes)
    }
}
