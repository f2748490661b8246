/// A node of the concrete syntax tree: a kind and its children in source order, each a token
/// (with its trivia) or a node. Every token of the file is in the tree exactly once, so the
/// tree prints back as the file (`SyntaxTree.text`), also when the file has errors.
public final class SyntaxNode: @unchecked Sendable {
    public enum Kind: String, Sendable {
        case sourceFile
        /// `{ statements }`; `isMissingClose` when the input ended before its `}`.
        case block
        /// `( ... )` and `[ ... ]` inside a statement (arguments, parameters, lists, grouping).
        case parenGroup, bracketGroup
        case letStatement, element, template, use, importStatement, ifStatement, forStatement
        case check, print, export, field
        /// A statement that starts with no keyword or name (`42`, `"text"`, a stray `)`).
        case unknownStatement
        /// A `}` with no open block.
        case strayClose
    }

    public let kind: Kind
    public package(set) var children: [Child] = []
    /// For blocks and groups: the closing token is missing (error recovery kept the node).
    public package(set) var isMissingClose = false

    public enum Child: Sendable {
        case token(SyntaxToken)
        case node(SyntaxNode)
    }

    package init(_ kind: Kind) { self.kind = kind }

    /// The tokens under this node, in order.
    public var tokens: [SyntaxToken] {
        var out: [SyntaxToken] = []
        collect(into: &out)
        return out
    }

    private func collect(into out: inout [SyntaxToken]) {
        for c in children {
            switch c {
            case .token(let t): out.append(t)
            case .node(let n): n.collect(into: &out)
            }
        }
    }

    public var firstToken: SyntaxToken? {
        for c in children {
            switch c {
            case .token(let t): return t
            case .node(let n): if let t = n.firstToken { return t }
            }
        }
        return nil
    }

    public var lastToken: SyntaxToken? {
        for c in children.reversed() {
            switch c {
            case .token(let t): return t
            case .node(let n): if let t = n.lastToken { return t }
            }
        }
        return nil
    }

    /// From the first token's start to the last token's end (trivia not included).
    public var range: Range<Int> {
        guard let f = firstToken, let l = lastToken else { return 0..<0 }
        return f.range.lowerBound..<max(f.range.lowerBound, l.range.upperBound)
    }

    /// The child nodes (tokens left out).
    public var nodes: [SyntaxNode] {
        children.compactMap { if case .node(let n) = $0 { return n } else { return nil } }
    }

    /// The block of a statement (`goal meals "..." { ... }`), if it has one.
    public var block: SyntaxNode? { nodes.first { $0.kind == .block } }

    /// The node runs to the end of the input: it is a block or group missing its closer, or
    /// its last part is (a `goal ... {` whose block was never closed holds the lines typed
    /// after its last field, too).
    public var endsOpen: Bool {
        if isMissingClose { return true }
        guard case .node(let last)? = children.last else { return false }
        return last.endsOpen
    }

    /// Whether this is a statement node (not the file, a block or a group).
    public var isStatement: Bool {
        switch kind {
        case .sourceFile, .block, .parenGroup, .bracketGroup: return false
        default: return true
        }
    }
}
