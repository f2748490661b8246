import CarePlanBasics
import CarePlanSyntax

/// Go to definition, find references, the outline and renaming a goal: all from the
/// document's `SymbolIndex` (and, for names declared in imported files, theirs).
extension LanguageServer {
    func definition(_ params: JSONValue, _ check: CancellationCheck) throws -> JSONValue {
        let (doc, offset) = try documentAndOffset(params)
        let a = analysis(doc)
        try check.check()
        // `import "templates/home-safety.careplan"`: the file itself.
        if let imp = a.index.importAt(offset) {
            let path = a.resolve(importPath: imp.path)
            guard readFile(path) != nil || documents.values.contains(where: { $0.path == path }) else { return .null }
            let start = TextPosition(line: 0, character: 0).json
            return location(uri: documents.values.first { $0.path == path }?.uri ?? TextDocument.uri(fromPath: path),
                            range: .object(["start": start, "end": start]))
        }
        if let i = a.index.symbol(at: offset) {
            let s = a.index.symbols[i]
            return location(uri: doc.uri, range: doc.range(s.nameSpan, encoding))
        }
        // A name declared in an imported file: a template, a `let`, a plan or its goals.
        if let reference = a.index.reference(at: offset),
           let (file, symbol) = a.importedDeclaration(reference.name, kinds: [.template, .binding, .plan, .goal, .intervention]) {
            return location(uri: documents.values.first { $0.path == file.document.path }?.uri ?? file.document.uri,
                            range: file.document.range(symbol.nameSpan, encoding))
        }
        return .null
    }

    func references(_ params: JSONValue, _ check: CancellationCheck) throws -> JSONValue {
        let (doc, offset) = try documentAndOffset(params)
        let a = analysis(doc)
        try check.check()
        let includeDeclaration = params["context"]?["includeDeclaration"]?.boolValue ?? true
        if let i = a.index.symbol(at: offset) {
            var spans = a.index.uses(of: i)
            if includeDeclaration { spans.insert(a.index.symbols[i].nameSpan, at: 0) }
            return .array(spans.sorted { $0.start < $1.start }.map { location(uri: doc.uri, range: doc.range($0, encoding)) })
        }
        // A name from an imported file: its uses here (unresolved in this file's own index).
        if let reference = a.index.reference(at: offset),
           let (file, symbol) = a.importedDeclaration(reference.name, kinds: [.template, .binding, .plan, .goal, .intervention]) {
            var out: [JSONValue] = []
            if includeDeclaration { out.append(location(uri: file.document.uri, range: file.document.range(symbol.nameSpan, encoding))) }
            for r in a.index.references where r.symbol == nil && r.name == reference.name {
                out.append(location(uri: doc.uri, range: doc.range(r.span, encoding)))
            }
            return .array(out)
        }
        return .null
    }

    /// The outline: plans with their goals and interventions, templates, top-level `let`s.
    func documentSymbols(_ params: JSONValue, _ check: CancellationCheck) throws -> JSONValue {
        let doc = try document(params)
        let a = analysis(doc)
        try check.check()
        let symbols = a.index.symbols
        func node(_ i: Int) -> JSONValue {
            let s = symbols[i]
            var out: [String: JSONValue] = [
                "name": .string(s.name),
                "kind": .number(Double(Self.symbolKind(s.kind))),
                "range": doc.range(Self.trimmed(s.span.to(s.nameSpan), in: doc), encoding),
                "selectionRange": doc.range(s.nameSpan, encoding),
                "detail": .string(detail(s, in: a)),
            ]
            let children = symbols.indices.filter { symbols[$0].parent == i && Self.outlined(symbols[$0].kind) }
            if !children.isEmpty { out["children"] = .array(children.map(node)) }
            return .object(out)
        }
        let top = symbols.indices.filter { i in
            let s = symbols[i]
            guard Self.outlined(s.kind) else { return false }
            // Goals added to the plan in focus from the top level sit under that plan.
            return s.parent == nil
        }
        return .array(top.map(node))
    }

    /// A statement's span without the line break and blanks it ends with.
    static func trimmed(_ span: Span, in doc: TextDocument) -> Span {
        var s = span
        while s.end > s.start, s.end <= doc.bytes.count, [0x20, 0x09, 0x0A, 0x0D, 0x3B].contains(doc.bytes[s.end - 1]) { s.end -= 1 }
        return s
    }

    static func outlined(_ kind: SymbolIndex.Kind) -> Bool {
        switch kind {
        case .plan, .goal, .intervention, .template, .binding: return true
        case .parameter, .loopVariable: return false
        }
    }

    /// LSP SymbolKind: a plan is a module (it holds the rest), a goal an event (it has a
    /// date), an intervention a method (something done), a template a function.
    static func symbolKind(_ kind: SymbolIndex.Kind) -> Int {
        switch kind {
        case .plan: return 2
        case .goal: return 24
        case .intervention: return 6
        case .template: return 12
        case .binding, .loopVariable: return 13
        case .parameter: return 7
        }
    }

    /// The outline's second column: a title, where there is one.
    func detail(_ s: SymbolIndex.Symbol, in a: DocumentAnalysis) -> String {
        let state = a.compilation.state
        switch s.kind {
        case .plan: return state.plan(s.name)?.title.value ?? "plan"
        case .goal: return s.plan.flatMap { state.plan($0)?.goal(s.name)?.title.value } ?? "goal"
        case .intervention:
            if let p = s.plan.flatMap({ state.plan($0) }), let i = p.interventionIndex(s.name) { return p.interventions[i].title.value }
            return "intervention"
        default: return s.kind.rawValue
        }
    }

    // MARK: - Rename

    /// The goal id at the cursor and its range, or null when the cursor is not on a goal.
    func prepareRename(_ params: JSONValue, _ check: CancellationCheck) throws -> JSONValue {
        let (doc, offset) = try documentAndOffset(params)
        let a = analysis(doc)
        try check.check()
        guard let (_, span) = goal(at: offset, in: a) else { return .null }
        return .object(["range": doc.range(span, encoding), "placeholder": .string(span.text)])
    }

    /// Renames a goal: its declaration and every use of it in the file (`serves`, `supports`,
    /// `review`, progress lines, `meals.due`, `${meals.title}`).
    func rename(_ params: JSONValue, _ check: CancellationCheck) throws -> JSONValue {
        let (doc, offset) = try documentAndOffset(params)
        guard let newName = params["newName"]?.stringValue else {
            throw ResponseError(code: ErrorCode.invalidParams, message: "`newName` is missing")
        }
        let a = analysis(doc)
        try check.check()
        guard let (i, _) = goal(at: offset, in: a) else {
            throw ResponseError(code: ErrorCode.requestFailed, message: "only a goal id can be renamed: put the cursor on a goal's id or a use of it")
        }
        let goal = a.index.symbols[i]
        guard Self.isName(newName) else {
            throw ResponseError(code: ErrorCode.requestFailed, message: "`\(newName)` is not a goal id: use letters, digits and `-` or `_`, starting with a letter (`meals`, `walk-outdoors`)")
        }
        if newName != goal.name, a.index.symbols.contains(where: { ($0.kind == .goal || $0.kind == .intervention) && $0.name == newName && $0.plan == goal.plan }) {
            throw ResponseError(code: ErrorCode.requestFailed, message: "plan `\(goal.plan ?? "?")` already has a goal or intervention named `\(newName)`")
        }
        let spans = [goal.nameSpan] + a.index.uses(of: i)
        let edits = spans.sorted { $0.start < $1.start }.map { span -> JSONValue in
            .object(["range": doc.range(span, encoding), "newText": .string(newName)])
        }
        return .object(["changes": .object([doc.uri: .array(edits)])])
    }

    /// The goal whose id (declared or used) is at `offset`, and the span of that id.
    func goal(at offset: Int, in a: DocumentAnalysis) -> (Int, Span)? {
        let index = a.index
        if let i = index.symbols.firstIndex(where: { $0.kind == .goal && $0.nameSpan.start <= offset && offset <= $0.nameSpan.end }) {
            return (i, index.symbols[i].nameSpan)
        }
        if let r = index.reference(at: offset), let i = r.symbol, index.symbols[i].kind == .goal { return (i, r.span) }
        return nil
    }

    /// A valid id: the lexer's identifier rule (`Lexer.isIdentifier`), and not a reserved word.
    static func isName(_ s: String) -> Bool {
        Lexer.isIdentifier(s) && !StatementKeyword.reservedNames.contains(s)
    }
}
