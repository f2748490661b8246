import CarePlanBasics

/// `careplan fmt`: prints a file's syntax tree in the one canonical layout. Two-space
/// indentation; one space around binary operators and after `,` and `:`; blocks open at the end
/// of their line and close on a line of their own; one blank line between top-level
/// declarations with a block, at most one blank line anywhere; a statement longer than
/// `lineWidth` has its lists broken one item a line. Comments stay on the token they were
/// written beside (before it on lines of their own, or after it on its line).
///
/// Only the layout changes: the tokens are the file's, in order (a `;` between statements
/// becomes a line break), so the file means what it meant. Files with syntax errors are not
/// formatted. Formatting a formatted file changes nothing.
public enum Formatter {
    /// Columns a statement's own lines may take before its lists are broken.
    public static let lineWidth = 100
    package static let indentUnit = 2

    public enum Outcome: Sendable {
        /// The file in canonical layout (equal to the input when it was formatted already).
        case formatted([UInt8])
        /// The file has syntax errors (the parser's diagnostics); it is left as it is.
        case syntaxErrors([Diagnostic])
        /// The layout would have changed the file's tokens (a bug in the formatter); the file
        /// is left as it is.
        case internalError(String)
    }

    /// Formats `file`, unless it has syntax errors.
    public static func format(_ file: SourceFile) -> Outcome {
        let (_, diagnostics) = Parser.parse(file)
        if diagnostics.hasErrors { return .syntaxErrors(diagnostics.filter { $0.severity == .error }) }
        let tree = SyntaxTree(file)
        let formatted = format(tree)
        // Only the layout may change: the same tokens, in order (`;` separators aside). The
        // tree holds every token of the file, so the original is not lexed again.
        let after = SourceFile(name: file.name, bytes: formatted)
        if tokenTexts(tree.root.tokens, in: file) != tokenTexts(LosslessLexer.tokens(of: after).tokens, in: after) {
            return .internalError("formatting \(file.name) would change its tokens")
        }
        return .formatted(formatted)
    }

    static func tokenTexts(_ tokens: [SyntaxToken], in file: SourceFile) -> [ArraySlice<UInt8>] {
        tokens.filter { $0.kind != .semicolon }.map { file.bytes[$0.range] }
    }

    /// Formats a tree (of a file without syntax errors; others print, but not usefully).
    public static func format(_ tree: SyntaxTree) -> [UInt8] {
        var p = LayoutPrinter(file: tree.file)
        p.sourceFile(tree.root)
        return p.out
    }

    /// Convenience for tests and tools.
    public static func format(text: String) -> String? {
        guard case .formatted(let bytes) = format(SourceFile(name: "<fmt>", text: text)) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The printer behind `Formatter`: writes lines, indenting lazily so no line ends in spaces.
package struct LayoutPrinter {
    package let file: SourceFile
    package var out: [UInt8] = []
    /// Characters on the current line so far.
    package var column = 0
    package var atLineStart = true
    /// Indentation of the current line (or of the next, when `atLineStart`).
    package var lineIndent = 0
    /// A comment that ends the current line once it ends.
    package var pendingComment: Range<Int>?
    /// The last token written in the current statement (spacing looks back at it).
    package var previous: SyntaxToken?
    /// The `+`/`-` just written is a sign (`-2`, `(-x)`): no space after it.
    package var signPending = false
    /// The `+`/`-` just written is an operator written `x -2` (a space before, none after):
    /// kept so, since after a field's clause word (`baseline -1`) it reads as a sign.
    package var tightOperator = false
    /// A line of the statement being printed went past `Formatter.lineWidth`.
    package var overflow = false

    package init(file: SourceFile) { self.file = file }

    // MARK: - Lines

    package mutating func newline(indent: Int) {
        if let c = pendingComment {
            if !atLineStart { out.append(0x20) } else { writeIndent() }
            out += commentBytes(c)
            pendingComment = nil
        }
        if !out.isEmpty { out.append(0x0A) }
        atLineStart = true
        column = 0
        lineIndent = indent
    }

    /// Ends the current line unless nothing is on it yet; the next line is indented `indent`.
    package mutating func breakLine(indent: Int) {
        if atLineStart && pendingComment == nil { lineIndent = indent } else { newline(indent: indent) }
    }

    /// A blank line, unless the output already ends with one (at most one anywhere).
    package mutating func blankLine() {
        guard !out.isEmpty, !(out.count >= 2 && out[out.count - 1] == 0x0A && out[out.count - 2] == 0x0A) else { return }
        out.append(0x0A)
    }

    package mutating func writeIndent() {
        out += [UInt8](repeating: 0x20, count: lineIndent)
        column = lineIndent
        atLineStart = false
    }

    package mutating func put(_ bytes: ArraySlice<UInt8>, space: Bool) {
        if atLineStart { writeIndent() } else if space { out.append(0x20); column += 1 }
        out += bytes
        column += bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        if column > Formatter.lineWidth { overflow = true }
    }

    package func commentBytes(_ r: Range<Int>) -> ArraySlice<UInt8> {
        var e = r.upperBound
        while e > r.lowerBound, [0x20, 0x09, 0x0D].contains(file.bytes[e - 1]) { e -= 1 }
        return file.bytes[r.lowerBound..<e]
    }

    /// The comments in `token`'s leading trivia, each with whether a blank line comes before
    /// it; and whether a blank line comes between the last of them and the token.
    package func leadingLayout(_ token: SyntaxToken) -> (comments: [(Range<Int>, blankBefore: Bool)], blankBeforeToken: Bool) {
        var comments: [(Range<Int>, blankBefore: Bool)] = []
        var breaks = 0
        for t in token.leading {
            switch t.kind {
            case .newline: breaks += 1
            case .comment:
                comments.append((t.range, breaks >= 2))
                breaks = 0
            default: break
            }
        }
        // After a comment, its own line break is the first; before the first comment, the
        // previous token's line break is (the first token of the file has none).
        if token.fullRange.lowerBound == 0, let c = comments.first { comments[0] = (c.0, false) }
        return (comments, breaks >= 2)
    }

    // MARK: - Statement lists

    package mutating func sourceFile(_ root: SyntaxNode) {
        if let first = root.firstToken, first.leading.first?.kind == .byteOrderMark { out += [0xEF, 0xBB, 0xBF] }
        statements(root.children, level: 0, topLevel: true, inBlock: false)
        if case .token(let eof)? = root.children.last {
            closingComments(eof, level: 0, afterStatements: !out.isEmpty)
        }
        newline(indent: 0)
    }

    /// The statements among `children` (`;` separators become line breaks).
    package mutating func statements(_ children: [SyntaxNode.Child], level: Int, topLevel: Bool, inBlock: Bool) {
        var count = 0
        var previousHadBlock = false
        for child in children {
            switch child {
            case .token(let t) where t.kind == .semicolon:
                for (c, _) in leadingLayout(t).comments { newline(indent: level); put(commentBytes(c), space: false) }
                if let c = t.trailingComment {
                    if pendingComment != nil { newline(indent: level) }
                    pendingComment = c.range
                }
            case .token:
                continue  // the block's braces and the end of the file: the caller prints them
            case .node(let s):
                guard let first = s.firstToken else { continue }
                let layout = leadingLayout(first)
                if count > 0 || inBlock { newline(indent: level) }
                lineIndent = level
                let declaration = topLevel && (previousHadBlock || Self.isDeclaration(s))
                let blank = count > 0 && ((layout.comments.first?.blankBefore ?? layout.blankBeforeToken) || declaration)
                for (i, c) in layout.comments.enumerated() {
                    if (i == 0 ? blank : c.blankBefore) { blankLine() }
                    put(commentBytes(c.0), space: false)
                    newline(indent: level)
                }
                if !layout.comments.isEmpty ? layout.blankBeforeToken : blank { blankLine() }
                statement(s, level: level)
                count += 1
                previousHadBlock = Self.isDeclaration(s)
            }
        }
    }

    /// A plan, goal, intervention or template with a block: set apart by blank lines at the
    /// top level.
    package static func isDeclaration(_ s: SyntaxNode) -> Bool {
        (s.kind == .element || s.kind == .template) && s.block != nil
    }

    /// Comments before a block's `}` or the end of the file, at the block's inner level.
    package mutating func closingComments(_ token: SyntaxToken, level: Int, afterStatements: Bool) {
        let layout = leadingLayout(token)
        for (i, c) in layout.comments.enumerated() {
            newline(indent: level)
            if afterStatements || i > 0, c.blankBefore { blankLine() }
            put(commentBytes(c.0), space: false)
        }
    }

    // MARK: - Statements

    /// One statement. Printed flat first; if one of its own lines is too long and it has a
    /// list, printed again with its lists broken one item a line.
    package mutating func statement(_ s: SyntaxNode, level: Int) {
        let outerOverflow = overflow
        let mark = (count: out.count, column: column, atLineStart: atLineStart, lineIndent: lineIndent, pending: pendingComment)
        overflow = false
        resetTokenState()
        var ctx = Context(level: level, breakLists: false, breakTopCommas: false)
        node(s, &ctx)
        // Printed again at most once per statement; below a sane depth only, so a file nested
        // hundreds of blocks deep (which parses) cannot take exponential time.
        if overflow, level < 16 * Formatter.indentUnit {
            let groups = s.nodes.contains { $0.kind != .block && Self.hasTopLevelComma($0) }
            if groups || Self.hasTopLevelComma(s) {
                out.removeSubrange(mark.count...)
                (column, atLineStart, lineIndent, pendingComment) = (mark.column, mark.atLineStart, mark.lineIndent, mark.pending)
                resetTokenState()
                var broken = Context(level: level, breakLists: groups, breakTopCommas: !groups)
                node(s, &broken)
            }
        }
        overflow = outerOverflow
    }

    package mutating func resetTokenState() {
        previous = nil
        signPending = false
        tightOperator = false
    }

    package struct Context {
        package var level: Int
        /// Break the outermost `( )`/`[ ]` lists of the statement, one item a line.
        package var breakLists: Bool
        /// Break after the statement's own commas (a field's list without brackets).
        package var breakTopCommas: Bool
        package var continuation: Int { level + 2 * Formatter.indentUnit }
    }

    package static func hasTopLevelComma(_ n: SyntaxNode) -> Bool {
        n.children.contains { if case .token(let t) = $0 { t.kind == .comma } else { false } }
    }

    package static func hasComments(_ n: SyntaxNode) -> Bool {
        n.tokens.dropLast().contains { !$0.leadingComments.isEmpty || $0.trailingComment != nil }
            || (n.tokens.last.map { !$0.leadingComments.isEmpty } ?? false)
    }

    package mutating func node(_ n: SyntaxNode, _ ctx: inout Context) {
        for child in n.children {
            switch child {
            case .token(let t):
                token(t, ctx)
                if t.kind == .comma, ctx.breakTopCommas, n.isStatement { newline(indent: ctx.continuation) }
            case .node(let c) where c.kind == .block:
                block(c, ctx)
            case .node(let c):
                group(c, &ctx)
            }
        }
    }

    /// `( ... )` or `[ ... ]`: flat, or one item a line when breaking lists (or when it holds
    /// comments, which need lines of their own).
    package mutating func group(_ g: SyntaxNode, _ ctx: inout Context) {
        let breaks = Self.hasTopLevelComma(g) && (ctx.breakLists || Self.hasComments(g))
        guard breaks else {
            var inner = ctx
            inner.breakLists = false
            inner.breakTopCommas = false
            node(g, &inner)
            return
        }
        let outer = lineIndent
        var inner = Context(level: outer + Formatter.indentUnit, breakLists: false, breakTopCommas: false)
        for (i, child) in g.children.enumerated() {
            let isClose = i == g.children.count - 1 && !g.isMissingClose
            switch child {
            case .token(let t):
                if isClose {
                    breakLine(indent: outer)
                    token(t, inner)
                    lineIndent = outer
                } else {
                    token(t, inner)
                    if i == 0 || t.kind == .comma { newline(indent: inner.level) }
                }
            case .node(let c) where c.kind == .block: block(c, inner)
            case .node(let c): group(c, &inner)
            }
        }
    }

    /// `{ statements }`: the statements one a line, one level in; `{}` when empty.
    package mutating func block(_ b: SyntaxNode, _ ctx: Context) {
        guard case .token(let open)? = b.children.first else { return }
        token(open, ctx)
        let close: SyntaxToken? = b.isMissingClose ? nil : { if case .token(let t)? = b.children.last { return t } else { return nil } }()
        let inner = Array(b.children.dropFirst().dropLast(b.isMissingClose ? 0 : 1))
        let hasStatements = inner.contains { if case .node = $0 { true } else { false } }
        let closeComments = close.map { !$0.leadingComments.isEmpty } ?? false
        let level = lineIndent
        let keepOverflow = overflow
        // A block of one short statement written on one line stays on one line
        // (`visit knee on 2026-11-04 attended { gave rom, quads }`) if it fits.
        if let close, inner.count == 1, case .node(let only)? = inner.first, Self.isInline(b) {
            let mark = (count: out.count, column: column)
            overflow = false
            put([0x20][...], space: false)
            statement(only, level: level + Formatter.indentUnit)
            previous = open
            token(close, Context(level: level, breakLists: false, breakTopCommas: false), spaceOverride: true, leadingComments: false)
            if column <= Formatter.lineWidth && !out[mark.count...].contains(0x0A) {
                overflow = keepOverflow
                return
            }
            out.removeSubrange(mark.count...)
            column = mark.column
            atLineStart = false
        }
        if hasStatements || closeComments || pendingComment != nil || inner.contains(where: { if case .token = $0 { true } else { false } }) {
            statements(inner, level: level + Formatter.indentUnit, topLevel: false, inBlock: true)
            if let close { closingComments(close, level: level + Formatter.indentUnit, afterStatements: hasStatements) }
            newline(indent: level)
        }
        overflow = keepOverflow
        if let close {
            previous = open
            token(close, Context(level: level, breakLists: false, breakTopCommas: false), spaceOverride: false, leadingComments: false)
        }
    }

    /// A block written on one line with one statement, no nested block and no comment.
    package static func isInline(_ b: SyntaxNode) -> Bool {
        let tokens = b.tokens
        guard tokens.count >= 3, b.nodes.count == 1, b.nodes[0].isStatement, b.nodes[0].block == nil else { return false }
        if tokens.contains(where: { $0.trailingComment != nil }) { return false }
        return tokens.dropFirst().allSatisfy { !$0.leading.contains { $0.kind != .whitespace } }
    }

    // MARK: - Tokens

    package static func isWord(_ t: SyntaxToken) -> Bool {
        switch t.kind {
        case .identifier, .number, .date, .string: return true
        default: return false
        }
    }

    /// A token a value ends with: after it, `+`/`-` is an operator, not a sign.
    package static func isOperand(_ t: SyntaxToken) -> Bool {
        switch t.kind {
        case .number, .date, .string, .rparen, .rbracket: return true
        case .identifier:
            switch t.keyword {
            case nil, .true, .false: return true
            default: return false
            }
        default: return false
        }
    }

    package static func adjacent(_ a: SyntaxToken, _ b: SyntaxToken) -> Bool { a.trailing.isEmpty && b.leading.isEmpty }

    /// Whether one space goes between `a` and `b` (both in one statement).
    package func space(_ a: SyntaxToken, _ b: SyntaxToken) -> Bool {
        switch b.kind {
        case .comma, .rparen, .rbracket, .dot, .colon: return false
        default: break
        }
        switch a.kind {
        case .lparen, .lbracket, .dot: return false
        case .plus, .minus: if signPending || tightOperator && Self.adjacent(a, b) { return false }
        default: break
        }
        if b.kind == .lparen || b.kind == .lbracket { return !(a.kind == .identifier && a.keyword == nil && Self.adjacent(a, b)) }
        if Self.isWord(a) && Self.isWord(b) { return !Self.adjacent(a, b) }
        return true
    }

    package mutating func token(_ t: SyntaxToken, _ ctx: Context, spaceOverride: Bool? = nil, leadingComments: Bool = true) {
        if t.kind == .eof { return }
        if let prev = previous {
            let comments = leadingComments ? t.leadingComments : []
            if !comments.isEmpty {
                // Comment lines inside a statement: at the indentation of the line they start
                // (an item of a broken list), else one continuation in.
                let at = atLineStart && pendingComment == nil ? lineIndent : ctx.continuation
                breakLine(indent: at)
                for c in comments { put(commentBytes(c.range), space: false); newline(indent: at) }
            } else if pendingComment != nil {
                newline(indent: ctx.continuation)
            }
            put(file.bytes[t.range], space: spaceOverride ?? space(prev, t))
        } else {
            put(file.bytes[t.range], space: false)
        }
        if let c = t.trailingComment { pendingComment = c.range }
        if t.kind == .plus || t.kind == .minus {
            let binary = previous.map(Self.isOperand) ?? false
            signPending = !binary
            tightOperator = binary && previous.map { !Self.adjacent($0, t) } ?? false
        } else {
            signPending = false
            tightOperator = false
        }
        previous = t
    }
}
