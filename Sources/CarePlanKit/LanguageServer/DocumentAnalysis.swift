import CarePlanBasics
import CarePlanSyntax

/// What the server knows about one version of an open document: its syntax, parsed once
/// (`DocumentSyntax`: statements, names, syntax tree), and the result of checking it as
/// `careplan check` would (`Compilation`: the plans built and every diagnostic), run on
/// those statements. Made once per version (again after a save, with the same syntax) and
/// shared by every request about it.
final class DocumentAnalysis {
    let syntax: DocumentSyntax
    let compilation: Compilation
    private let readFile: @Sendable (String) -> [UInt8]?
    /// The syntax of a file open in the editor, by path: an import that is open is not
    /// parsed again for its declarations.
    private let openSyntax: (String) -> DocumentSyntax?
    private let counts: ParseCounts?
    private var importedCache: [ImportedFile]?

    var document: TextDocument { syntax.document }
    var index: SymbolIndex { syntax.index }

    /// An imported file, parsed for its declarations (templates, lets, plans, goals).
    struct ImportedFile {
        let document: TextDocument
        let index: SymbolIndex
    }

    init(syntax: DocumentSyntax, today: CalendarDate, readFile: @escaping @Sendable (String) -> [UInt8]?,
         counts: ParseCounts? = nil, openSyntax: @escaping (String) -> DocumentSyntax? = { _ in nil }) {
        self.syntax = syntax
        self.readFile = readFile
        self.counts = counts
        self.openSyntax = openSyntax
        compilation = Compilation.check(syntax.parsed, today: today, readFile: readFile)
    }

    /// Where an import path written in this document points.
    func resolve(importPath path: String) -> String {
        Paths.join(Paths.directory(of: document.path), path)
    }

    /// Every file this document imports, directly or through other imports, each once, in
    /// the order the interpreter reads them.
    var importedFiles: [ImportedFile] {
        if let importedCache { return importedCache }
        var out: [ImportedFile] = []
        var seen: Set<String> = [Paths.normalize(document.path)]
        func visit(_ paths: [String], depth: Int) {
            guard depth < Limits.maxImportDepth else { return }
            for path in paths where seen.insert(path).inserted {
                let file: ImportedFile
                if let open = openSyntax(path) {
                    file = ImportedFile(document: open.document, index: open.index)
                } else {
                    guard let bytes = readFile(path) else { continue }
                    let doc = TextDocument(path: path, bytes: bytes)
                    file = ImportedFile(document: doc, index: SymbolIndex(Parser.parse(doc.source).statements))
                    counts?.noteParse(doc)
                }
                out.append(file)
                let index = file.index
                visit(index.imports.map { Paths.join(Paths.directory(of: path), $0.path) }, depth: depth + 1)
            }
        }
        visit(index.imports.map { resolve(importPath: $0.path) }, depth: 0)
        importedCache = out
        return out
    }

    /// A declaration of `name` in an imported file (the last file to declare it wins, as
    /// the last definition does when the interpreter runs them).
    func importedDeclaration(_ name: String, kinds: Set<SymbolIndex.Kind>) -> (ImportedFile, SymbolIndex.Symbol)? {
        for file in importedFiles.reversed() {
            if let i = file.index.exported(named: name, kinds: kinds) { return (file, file.index.symbols[i]) }
        }
        return nil
    }

    /// The plan whose block holds `offset`, else the plan in focus there (the last `plan`
    /// statement before it), as the REPL's prompt would show.
    func plan(at offset: Int) -> String? {
        let plans = index.symbols.filter { $0.kind == .plan }
        if let inside = plans.last(where: { $0.span.start <= offset && offset <= $0.span.end }) { return inside.name }
        return plans.last(where: { $0.span.start <= offset })?.name
    }
}
