import CarePlanBasics
import CarePlanSyntax
import CarePlanModel
import CarePlanInterpret

/// `textDocument/completion`: the REPL's completion engine (`ReplSession.documentCompletions`)
/// over the cursor's line, with the plans the document builds in the session, so
/// the candidates follow the block and the field at the cursor exactly as at the prompt; the
/// block and field are read from the version's syntax tree (`CompletionContext`).
extension LanguageServer {
    func completion(_ params: JSONValue, _ check: CancellationCheck) throws -> JSONValue {
        let (doc, offset) = try documentAndOffset(params)
        let a = analysis(doc)
        try check.check()
        // Only the cursor's line is read as text: the tree knows the lines above.
        let before = doc.source.text(doc.source.lineStarts[doc.source.lineIndex(of: offset)]..<offset)
        let session = ReplSession(host: ScriptHost(today: today, services: .standard, readFile: readFile))
        var state = a.compilation.state
        if let plan = a.plan(at: offset), state.plan(plan) != nil { state.focus = plan }
        session.state = state
        // Where the cursor stands, from the version's syntax tree (not the text lexed again).
        let (tree, tokens) = a.syntax.tree
        let found = session.documentCompletions(line: before) { wordBytes in
            CompletionContext(tree: tree, tokens: tokens, offset: offset - wordBytes)
        }
        let wordStart = offset - String(before.suffix(found.replaceLength)).utf8.count
        let context = CompletionContext(tree: tree, tokens: tokens, offset: wordStart)
        let range = JSONValue.object(["start": doc.position(of: wordStart, encoding).json,
                                      "end": doc.position(of: offset, encoding).json])
        let items = found.candidates.enumerated().map { n, word -> JSONValue in
            var item: [String: JSONValue] = [
                "label": .string(word),
                "textEdit": .object(["range": range, "newText": .string(word)]),
                // Keep the engine's order (the block's keywords, then its fields, in table order).
                "sortText": .string(String(repeating: "0", count: max(0, 4 - String(n).count)) + String(n)),
            ]
            let (kind, detail, documentation) = describeCandidate(word, context: context, analysis: a)
            item["kind"] = .number(Double(kind))
            if let detail { item["detail"] = .string(detail) }
            if let documentation { item["documentation"] = .object(["kind": "markdown", "value": .string(documentation)]) }
            return .object(item)
        }
        return .object(["isIncomplete": .bool(false), "items": .array(items)])
    }

    /// LSP CompletionItemKind values used here.
    enum CompletionKind {
        static let module = 9, field = 5, keyword = 14, value = 12, enumMember = 20, reference = 18, variable = 6, function = 3
    }

    /// The kind, detail and documentation of one candidate: a field keyword carries its
    /// `:help` text; a goal its title.
    func describeCandidate(_ word: String, context: CompletionContext, analysis a: DocumentAnalysis) -> (Int, String?, String?) {
        if context.words.isEmpty {
            if StatementKeyword.keywords(in: context.block).contains(word) { return (CompletionKind.keyword, "statement", nil) }
            if let spec = FieldSpec.lookup(word, in: context.block) {
                return (CompletionKind.field, "field \(context.block.phrase)", FieldHelp.markdown(spec))
            }
        }
        if let i = a.index.symbols.firstIndex(where: { $0.name == word && $0.kind != .parameter && $0.kind != .loopVariable }) {
            let s = a.index.symbols[i]
            switch s.kind {
            case .plan: return (CompletionKind.module, "plan", nil)
            case .goal: return (CompletionKind.reference, "goal" + (s.plan.map { " of \($0)" } ?? ""), goalSummary(s.name, plan: s.plan, in: a))
            case .intervention: return (CompletionKind.reference, "intervention" + (s.plan.map { " of \($0)" } ?? ""), nil)
            case .template: return (CompletionKind.function, "template", nil)
            default: return (CompletionKind.variable, s.kind.rawValue, nil)
            }
        }
        if Vocabularies.byName.values.contains(where: { $0.contains(word) }) { return (CompletionKind.enumMember, nil, nil) }
        return (CompletionKind.value, nil, nil)
    }
}

extension FieldHelp {
    /// `:help FIELD` as Markdown for an editor: the meaning, then the example in a code block.
    static func markdown(_ spec: FieldSpec) -> String {
        var out = "**\(spec.keyword)** (\(spec.context.phrase))"
        if let meaning = meaning(of: spec) { out += ": \(meaning)" }
        out += "\n\n```careplan\n" + exampleInContext(spec).lines.joined(separator: "\n") + "\n```\n"
        if let values = Vocabularies.byName[spec.expects] { out += "\nvalues: \(values.joined(separator: ", "))\n" }
        return out
    }
}
