import CarePlanBasics
import CarePlanSyntax

/// `textDocument/hover`: what the thing under the cursor means. A diagnostic there brings
/// its explanation (`careplan explain`); a field keyword its meaning and example (`:help`);
/// a goal its COAST summary; other names what they are and where they come from.
extension LanguageServer {
    func hover(_ params: JSONValue, _ check: CancellationCheck) throws -> JSONValue {
        let (doc, offset) = try documentAndOffset(params)
        let a = analysis(doc)
        try check.check()
        var sections: [String] = []
        var range: Span?

        for d in a.compilation.diagnostics {
            guard let span = d.primarySpan, span.fileID == doc.source.id, span.start <= offset, offset <= max(span.end, span.start + 1) else { continue }
            sections.append("**\(d.code.rawValue)** (\(d.severity.rawValue)): \(d.message)\n\n\(d.code.explanation)\n\n_`careplan explain \(d.code.rawValue)`_")
        }
        if let word = Self.word(at: offset, in: doc.bytes) {
            let wordSpan = Span(file: doc.source, start: word.lowerBound, end: word.upperBound)
            let text = doc.source.text(word)
            if let i = a.index.symbol(at: offset) {
                sections.append(describe(a.index.symbols[i], in: a))
                range = wordSpan
            } else if let imp = a.index.importAt(offset) {
                sections.append("imports `\(a.resolve(importPath: imp.path))`")
                range = imp.span
            } else if let spec = fieldSpec(at: word.lowerBound, text, in: a.syntax) {
                sections.append(FieldHelp.markdown(spec))
                range = wordSpan
            } else if let reference = a.index.reference(at: offset),
                      let (file, symbol) = a.importedDeclaration(reference.name, kinds: [.template, .binding, .plan, .goal, .intervention]) {
                sections.append(describe(symbol, in: a) + "\n\nfrom `\(file.document.path)`")
                range = wordSpan
            }
        }
        guard !sections.isEmpty else { return .null }
        var out: [String: JSONValue] = ["contents": .object(["kind": "markdown", "value": .string(sections.joined(separator: "\n\n---\n\n"))])]
        if let range { out["range"] = doc.range(range, encoding) }
        return .object(out)
    }

    /// The byte range of the name under `offset` (letters, digits, `-`, `_`), if any.
    static func word(at offset: Int, in bytes: [UInt8]) -> Range<Int>? {
        func isWord(_ b: UInt8) -> Bool {
            (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || b == 0x2D || b == 0x5F || b >= 0x80
        }
        var start = min(offset, bytes.count), end = start
        while start > 0, isWord(bytes[start - 1]) { start -= 1 }
        while end < bytes.count, isWord(bytes[end]) { end += 1 }
        return start < end ? start..<end : nil
    }

    /// The field whose keyword starts a statement at `start`, in the block found there by
    /// the same context the completion engine uses (on the version's syntax tree).
    func fieldSpec(at start: Int, _ word: String, in syntax: DocumentSyntax) -> FieldSpec? {
        let (tree, tokens) = syntax.tree
        let context = CompletionContext(tree: tree, tokens: tokens, offset: start)
        guard context.words.isEmpty, !context.inTextOrComment else { return nil }
        return FieldSpec.lookup(word, in: context.block)
    }

    /// Markdown about a declared name.
    func describe(_ s: SymbolIndex.Symbol, in a: DocumentAnalysis) -> String {
        switch s.kind {
        case .goal:
            return goalSummary(s.name, plan: s.plan, in: a) ?? "goal `\(s.name)`"
        case .intervention:
            guard let plan = s.plan.flatMap({ a.compilation.state.plan($0) }), let i = plan.interventionIndex(s.name) else {
                return "intervention `\(s.name)`"
            }
            let iv = plan.interventions[i]
            var out = "**intervention \(s.name)**: \(iv.title.value) (plan `\(plan.id.value)`)"
            let serves = iv.serves.map(\.value)
            if !serves.isEmpty { out += "\n\nserves: " + serves.map { "`\($0)`" }.joined(separator: ", ") }
            return out
        case .plan:
            guard let plan = a.compilation.state.plan(s.name) else { return "plan `\(s.name)`" }
            var out = "**plan \(s.name)**: \(plan.title.value)"
            if let d = plan.discipline { out += " (\(d.value.rawValue))" }
            out += "\n\n\(plan.goals.count) goal\(plan.goals.count == 1 ? "" : "s"), \(plan.interventions.count) intervention\(plan.interventions.count == 1 ? "" : "s")"
            return out
        case .template:
            return "**template \(s.name)**\n\n```careplan\n\(s.span.file.lineText(s.span.file.location(of: s.span.start).line).trimmingSpaces)\n```"
        case .binding:
            return "**let \(s.name)**\n\n```careplan\n\(s.span.text)\n```"
        case .parameter, .loopVariable:
            return "\(s.kind.rawValue) `\(s.name)`"
        }
    }

    /// A goal's COAST summary (Client will perform Occupation with Assist level under a
    /// Specific condition by a Timeline), from the plan the document builds; parts not
    /// written are named as missing, as the validator's CP0300 would.
    func goalSummary(_ id: String, plan: String?, in a: DocumentAnalysis) -> String? {
        let state = a.compilation.state
        let plans = plan.flatMap { state.plan($0) }.map { [$0] } ?? state.plans
        guard let owner = plans.first(where: { $0.goal(id) != nil }), let g = owner.goal(id) else { return nil }
        var lines = ["**goal \(id)**: \(g.title.value) (plan `\(owner.id.value)`)", ""]
        func part(_ letter: String, _ name: String, _ value: String?) {
            lines.append("- **\(letter)** \(name): " + (value ?? "_not written_"))
        }
        part("O", "occupation", g.occupation.map { $0.value.rawValue })
        let assist: String? = switch (g.assistFrom, g.assistTo) {
        case let (from?, to?): "from \(from.value.rawValue) to \(to.value.rawValue)"
        case let (nil, to?): "to \(to.value.rawValue)"
        case let (from?, nil): "from \(from.value.rawValue)"
        case (nil, nil): nil
        }
        part("A", "assist", assist)
        part("S", "condition", g.condition)
        part("T", "timeline", g.due.map { "by \($0.value)" })
        if let m = g.measure {
            lines.append("- measure: \(m.name) from \(JSONValue.format(m.baseline.value)) to \(JSONValue.format(m.target.value))")
        }
        if let s = g.supports { lines.append("- supports `\(s.value)`") }
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}
