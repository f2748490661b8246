import CarePlanBasics
import CarePlanSyntax

/// One version of an open document, parsed once: its statements and syntax diagnostics
/// (which the check runs: `Compilation.check(ParsedSource)`), its names (`SymbolIndex`),
/// and, made on the first request that needs it, its lossless syntax tree (completion,
/// hover, formatting). Every request on the version shares it; a save re-checks the
/// document (its imports may have changed on disk) without parsing it again.
final class DocumentSyntax {
    let document: TextDocument
    let parsed: ParsedSource
    let index: SymbolIndex
    private let counts: ParseCounts?
    private var treeCache: (tree: SyntaxTree, tokens: [SyntaxToken])?

    init(_ document: TextDocument, counts: ParseCounts?) {
        self.document = document
        self.counts = counts
        parsed = ParsedSource(document.source)
        index = SymbolIndex(parsed.statements)
        counts?.noteParse(document)
    }

    /// The lossless syntax tree of the text and its tokens in order.
    var tree: (tree: SyntaxTree, tokens: [SyntaxToken]) {
        if let treeCache { return treeCache }
        let tree = SyntaxTree(document.source)
        let made = (tree, tree.root.tokens)
        counts?.noteTree(document)
        treeCache = made
        return made
    }
}

/// How often the server parsed each version of each document (and built its syntax tree),
/// and each imported file it read from disk for its declarations (as version 0): injected by
/// tests (`LanguageServer.parseCounts`), which expect once per version.
final class ParseCounts: @unchecked Sendable {
    struct Version: Hashable {
        var uri: String
        var version: Int
    }

    private(set) var parses: [Version: Int] = [:]
    private(set) var trees: [Version: Int] = [:]

    func noteParse(_ d: TextDocument) { parses[Version(uri: d.uri, version: d.version), default: 0] += 1 }
    func noteTree(_ d: TextDocument) { trees[Version(uri: d.uri, version: d.version), default: 0] += 1 }
}
