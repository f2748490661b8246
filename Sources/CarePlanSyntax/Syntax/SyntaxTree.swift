import CarePlanBasics

/// The concrete syntax tree of a file: every token with its trivia, grouped into statements,
/// blocks and bracket groups. Built from the lossless tokens with error recovery that keeps
/// partial nodes (a block missing its `}`, a statement that starts with no keyword), so an
/// editor can ask what is at an offset and in which block, whatever state the file is in.
///
/// The tree is a shape, not a meaning: it does not check which fields a block allows or what
/// an expression says (the parser in `Parser.swift` does, for the interpreter). Its invariant
/// is losslessness: `text` is the file, byte for byte.
public struct SyntaxTree: Sendable {
    public let file: SourceFile
    public let root: SyntaxNode
    /// The lexer's diagnostics (the tree itself reports nothing; the parser does).
    public let lexerDiagnostics: [Diagnostic]

    public init(_ file: SourceFile) {
        self.file = file
        let (tokens, diagnostics) = LosslessLexer.tokens(of: file)
        lexerDiagnostics = diagnostics
        var builder = Builder(tokens: tokens, file: file)
        root = builder.sourceFile()
    }

    /// The file's bytes, printed back from the tree.
    public var text: [UInt8] { LosslessLexer.text(of: root.tokens, in: file) }

    /// The nodes that contain `offset`, outermost (the file) first. A token's trailing trivia
    /// counts as part of its node, so the end of a line is inside the statement on it.
    public func path(at offset: Int) -> [SyntaxNode] {
        var out = [root]
        var node = root
        descend: while true {
            for case .node(let n) in node.children {
                guard let f = n.firstToken, let l = n.lastToken else { continue }
                let lower = f.range.lowerBound
                let upper = n.endsOpen ? Int.max : l.fullRange.upperBound
                if offset >= lower && offset < upper || (offset == upper && l.kind != .rbrace && l.kind != .rparen && l.kind != .rbracket) {
                    out.append(n)
                    node = n
                    continue descend
                }
            }
            return out
        }
    }

    /// The innermost statement at `offset`, if any.
    public func statement(at offset: Int) -> SyntaxNode? { path(at: offset).last { $0.isStatement } }

    /// The innermost block that contains `offset` and the statement that owns it (the
    /// `goal meals ...` of a goal's block); nil at the top level.
    public func enclosingBlock(at offset: Int) -> (block: SyntaxNode, owner: SyntaxNode?)? {
        let p = path(at: offset)
        guard let i = p.lastIndex(where: { $0.kind == .block }) else { return nil }
        return (p[i], i > 0 && p[i - 1].isStatement ? p[i - 1] : nil)
    }

    /// The token whose bytes contain `offset` (or end there), if any.
    public func token(at offset: Int) -> SyntaxToken? {
        root.tokens.last { $0.range.lowerBound <= offset && offset <= $0.range.upperBound && $0.kind != .eof }
    }

    /// Builds the tree by recursive descent over every token. Nesting deeper than
    /// `Limits.maxNesting` is kept flat (tokens in the current node), so no input overflows
    /// the stack.
    package struct Builder {
        package let tokens: [SyntaxToken]
        package let file: SourceFile
        package var i = 0
        package var depth = 0

        package init(tokens: [SyntaxToken], file: SourceFile) {
            self.tokens = tokens
            self.file = file
        }

        package var current: SyntaxToken { tokens[i] }

        package mutating func take() -> SyntaxNode.Child {
            let t = tokens[i]
            if i < tokens.count - 1 { i += 1 }
            return .token(t)
        }

        package mutating func sourceFile() -> SyntaxNode {
            let root = SyntaxNode(.sourceFile)
            statements(into: root, blockDepth: 0)
            while current.kind != .eof {
                // Only a `}` stops the statement list early: at the top level it closes nothing.
                let stray = SyntaxNode(.strayClose)
                stray.children.append(take())
                root.children.append(.node(stray))
                statements(into: root, blockDepth: 0)
            }
            root.children.append(take())  // .eof, with the trivia at the end of the file
            return root
        }

        /// Statements until a `}` or the end; `;` separators stay in the list as tokens.
        package mutating func statements(into list: SyntaxNode, blockDepth: Int) {
            while current.kind != .eof && current.kind != .rbrace {
                if current.kind == .semicolon { list.children.append(take()); continue }
                list.children.append(.node(statement(blockDepth: blockDepth)))
            }
        }

        package func statementKind(_ t: SyntaxToken, blockDepth: Int) -> SyntaxNode.Kind {
            switch t.keyword {
            case .let: return .letStatement
            case .plan: return blockDepth == 0 ? .element : .field   // in a visit, the SOAP plan
            case .goal, .intervention: return .element
            case .template: return .template
            case .use: return .use
            case .import: return .importStatement
            case .if: return .ifStatement
            case .for: return .forStatement
            case .check: return .check
            case .print: return .print
            case .export: return .export
            case .else, .in, .true, .false, .and, .or, .not: return .unknownStatement
            case nil: return t.kind == .identifier ? .field : .unknownStatement
            }
        }

        /// One statement: its tokens up to a line break that ends it, a `;`, or a `}`.
        package mutating func statement(blockDepth: Int) -> SyntaxNode {
            let node = SyntaxNode(statementKind(current, blockDepth: blockDepth))
            node.children.append(item(blockDepth: blockDepth))
            while current.kind != .eof, current.kind != .semicolon, current.kind != .rbrace, !current.afterStatementBreak {
                node.children.append(item(blockDepth: blockDepth))
            }
            return node
        }

        /// A token, or a block or bracket group starting at it.
        package mutating func item(blockDepth: Int) -> SyntaxNode.Child {
            guard depth < Limits.maxNesting else { return take() }
            switch current.kind {
            case .lbrace: return .node(block(blockDepth: blockDepth + 1))
            case .lparen: return .node(group(.parenGroup, close: .rparen, blockDepth: blockDepth))
            case .lbracket: return .node(group(.bracketGroup, close: .rbracket, blockDepth: blockDepth))
            default: return take()
            }
        }

        package mutating func block(blockDepth: Int) -> SyntaxNode {
            depth += 1
            defer { depth -= 1 }
            let node = SyntaxNode(.block)
            node.children.append(take())
            statements(into: node, blockDepth: blockDepth)
            if current.kind == .rbrace { node.children.append(take()) } else { node.isMissingClose = true }
            return node
        }

        /// `(` or `[` to its closer; a `}` or the end of the input first leaves it open.
        package mutating func group(_ kind: SyntaxNode.Kind, close: TokenKind, blockDepth: Int) -> SyntaxNode {
            depth += 1
            defer { depth -= 1 }
            let node = SyntaxNode(kind)
            node.children.append(take())
            while current.kind != close {
                if current.kind == .eof || current.kind == .rbrace { node.isMissingClose = true; return node }
                node.children.append(item(blockDepth: blockDepth))
            }
            node.children.append(take())
            return node
        }
    }
}
