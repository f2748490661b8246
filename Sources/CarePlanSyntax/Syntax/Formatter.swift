import CarePlanBasics

/// `careplan fmt`: prints a file's syntax tree in the one canonical layout. Two-space
/// indentation; one space around binary operators and after `,` and `:`; blocks open at the end
/// of their line and close on a line of their own; one blank line between top-level
/// declarations with a block, at most one blank line anywhere; a statement longer than
/// `lineWidth` has its lists broken one item a line. Comments stay on the token they were
/// written beside (before it on lines of their own, or after it on its line).
///
/// Only the layout changes: the tokens are the file's, in order (a `;` between statements
/// becomes a line break), so the file means what it meant. Formatting a formatted file changes
/// nothing.
///
/// A file with syntax errors is formatted too (it may be the file being edited): a statement
/// that holds an error is printed as it was written, from its first token to its last (and
/// its indentation, if it starts its line), and the statements around it are formatted. A statement with a block whose errors are all inside
/// statements of the block is formatted, and those statements kept. The formatted file must
/// give the same syntax errors as the original, else it is not written.
///
/// Between a `# fmt: off` comment line and a `# fmt: on` comment line in the same statement
/// list (or the end of the block or file, if none), the text is kept byte for byte: for
/// layouts that are the point (a corpus case about tabs or line continuations, a table).
public enum Formatter {
    /// Columns a statement's own lines may take before its lists are broken.
    public static let lineWidth = 100
    package static let indentUnit = 2

    public enum Outcome: Sendable {
        /// The file in canonical layout (equal to the input when it was formatted already),
        /// and the parser's errors: the statements holding them are kept as written.
        case formatted([UInt8], syntaxErrors: [Diagnostic])
        /// The file cannot be formatted (it is larger than a file may be); it is left as it is.
        /// Named for that one reason: a file with syntax errors is `formatted`.
        case tooLarge([Diagnostic])
        /// The layout would have changed the file's tokens or its syntax errors (a bug in the
        /// formatter); the file is left as it is.
        case internalError(String)
    }

    /// Formats `file`; statements with syntax errors are kept as written.
    public static func format(_ file: SourceFile) -> Outcome {
        let (_, diagnostics) = Parser.parse(file)
        if diagnostics.contains(where: { $0.code == .fileTooLarge }) {
            return .tooLarge(diagnostics.filter { $0.severity == .error })
        }
        return format(SyntaxTree(file), syntaxDiagnostics: diagnostics)
    }

    /// Formats the file of `tree`, whose lexer and parser diagnostics (`Parser.parse`) are
    /// `syntaxDiagnostics`: for a caller that has both already (the language server).
    public static func format(_ tree: SyntaxTree, syntaxDiagnostics diagnostics: [Diagnostic]) -> Outcome {
        let file = tree.file
        if diagnostics.contains(where: { $0.code == .fileTooLarge }) {
            return .tooLarge(diagnostics.filter { $0.severity == .error })
        }
        let errors = diagnostics.filter { $0.severity == .error }
        let formatted = format(tree, errors: errors)
        // Only the layout may change: the same tokens, in order (`;` separators aside). The
        // tree holds every token of the file, so the original is not lexed again.
        let after = SourceFile(name: file.name, bytes: formatted)
        let afterTokens = LosslessLexer.tokens(of: after).tokens
        if tokenTexts(tree.root.tokens, in: file) != tokenTexts(afterTokens, in: after) {
            return .internalError("formatting \(file.name) would change its tokens")
        }
        if commentTexts(tree.root.tokens, in: file) != commentTexts(afterTokens, in: after) {
            return .internalError("formatting \(file.name) would lose or change a comment")
        }
        // And the same syntax errors: a kept statement must fail as it did, a formatted one
        // must not start to fail.
        if !diagnostics.isEmpty || formatted != file.bytes {
            let again = Parser.parse(after).diagnostics
            if again.map(\.code.rawValue).sorted() != diagnostics.map(\.code.rawValue).sorted() {
                return .internalError("formatting \(file.name) would change its syntax errors")
            }
        }
        return .formatted(formatted, syntaxErrors: errors)
    }

    static func tokenTexts(_ tokens: [SyntaxToken], in file: SourceFile) -> [ArraySlice<UInt8>] {
        tokens.filter { $0.kind != .semicolon }.map { file.bytes[$0.range] }
    }

    /// The comments, in order, without the spaces that end their lines.
    static func commentTexts(_ tokens: [SyntaxToken], in file: SourceFile) -> [ArraySlice<UInt8>] {
        tokens.flatMap { $0.leading + $0.trailing }.filter { $0.kind == .comment }.map { c in
            var e = c.range.upperBound
            while e > c.range.lowerBound, [0x20, 0x09, 0x0D].contains(file.bytes[e - 1]) { e -= 1 }
            return file.bytes[c.range.lowerBound..<e]
        }
    }

    /// Formats a tree; the statements holding `errors` (the parser's, for the same file) are
    /// printed as written.
    public static func format(_ tree: SyntaxTree, errors: [Diagnostic] = []) -> [UInt8] {
        var p = LayoutPrinter(file: tree.file)
        for d in errors {
            for label in d.labels where label.span.fileID == tree.file.id { p.errorOffsets.append(label.span.start) }
            // The parser skipped the rest of the file after nesting too deep: nothing after
            // the place is known to parse.
            if d.code == .nestingTooDeep, let at = d.primarySpan?.start { p.abandonedFrom = min(p.abandonedFrom ?? at, at) }
        }
        p.errorOffsets.sort()
        p.sourceFile(tree.root)
        return p.out
    }

    /// Convenience for tests and tools: the formatted text, or nil when the file has syntax
    /// errors or cannot be formatted.
    public static func format(text: String) -> String? {
        guard case .formatted(let bytes, let errors) = format(SourceFile(name: "<fmt>", text: text)), errors.isEmpty else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether a comment's text (`#` to the end of its line) is `# fmt: off` (or `on`).
    static func isDirective(_ bytes: ArraySlice<UInt8>, _ word: String) -> Bool {
        var text = Substring(String(decoding: bytes, as: UTF8.self))
        guard text.first == "#" else { return false }
        text = text.dropFirst().drop { $0 == " " || $0 == "\t" }
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text = text.dropLast() }
        return text == "fmt: " + word
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
    /// Where the parser's errors are (their labels' starts), sorted: the statements holding
    /// them are printed as written.
    package var errorOffsets: [Int] = []
    /// The parser gave up here (nesting too deep) and read nothing after it.
    package var abandonedFrom: Int?
    /// The bytes before this offset have been printed already (a `# fmt: off` region).
    package var verbatimUntil = 0
    /// A `# fmt: off` region ran to the end of the file, its last line break included.
    package var endsVerbatim = false

    package init(file: SourceFile) { self.file = file }

    // MARK: - Lines

    package mutating func newline(indent: Int) {
        if let c = pendingComment {
            if !atLineStart { out.append(0x20) } else { writeIndent() }
            out += commentBytes(c)
            pendingComment = nil
        }
        if !out.isEmpty && !endsVerbatim { out.append(0x0A) }
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

    /// Writes `file.bytes[r]` as it is (a kept statement or a `# fmt: off` region). At the
    /// start of a line, with the indentation it was written with if it started its line (the
    /// parser finds a missing `}` by where lines start, so kept text keeps its own), else
    /// with the current one.
    package mutating func putVerbatim(_ r: Range<Int>) {
        guard !r.isEmpty else { return }
        var r = r
        if atLineStart {
            if let start = lineStart(r.lowerBound) {
                r = start..<r.upperBound
                atLineStart = false
                column = 0
            } else {
                writeIndent()
            }
        }
        let bytes = file.bytes[r]
        out += bytes
        let lastLine = bytes.lastIndex(of: 0x0A).map { bytes[($0 + 1)...] } ?? bytes
        let width = lastLine.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        column = bytes.contains(0x0A) ? width : column + width
    }

    /// Where the line holding `offset` starts, if only spaces and tabs come before `offset` on it.
    package func lineStart(_ offset: Int) -> Int? {
        var i = offset
        while i > 0, file.bytes[i - 1] == 0x20 || file.bytes[i - 1] == 0x09 { i -= 1 }
        return i == 0 || file.bytes[i - 1] == 0x0A ? i : nil
    }

    /// The comments in `token`'s leading trivia (those not printed yet), each with whether a
    /// blank line comes before it; whether a blank line comes between the last of them and
    /// the token; and where the first skipped bytes are, if any (from there to the token, the
    /// text is kept as written: the lexer reported them).
    package func leadingLayout(_ token: SyntaxToken) -> (comments: [(range: Range<Int>, blankBefore: Bool)], blankBeforeToken: Bool, skipped: Int?) {
        var comments: [(range: Range<Int>, blankBefore: Bool)] = []
        var breaks = 0
        for t in token.leading where t.range.lowerBound >= verbatimUntil {
            switch t.kind {
            case .newline: breaks += 1
            case .comment:
                comments.append((t.range, breaks >= 2))
                breaks = 0
            case .skipped: return (comments, breaks >= 2, t.range.lowerBound)
            default: break
            }
        }
        // After a comment, its own line break is the first; before the first comment, the
        // previous token's line break is (the first token of the file has none).
        if token.fullRange.lowerBound == 0, verbatimUntil == 0, let c = comments.first { comments[0] = (c.range, false) }
        return (comments, breaks >= 2, nil)
    }

    // MARK: - Statement lists

    package mutating func sourceFile(_ root: SyntaxNode) {
        if let first = root.firstToken, first.leading.first?.kind == .byteOrderMark { out += [0xEF, 0xBB, 0xBF] }
        let eof: SyntaxToken? = if case .token(let t)? = root.children.last { t } else { nil }
        statements(root.children, level: 0, topLevel: true, inBlock: false, closer: eof)
        if let eof {
            closingComments(eof, level: 0, afterStatements: !out.isEmpty)
        }
        newline(indent: 0)
    }

    /// The statements among `children` (`;` separators become line breaks); `closer` ends the
    /// list (the block's `}`, or the end of the file).
    package mutating func statements(_ children: [SyntaxNode.Child], level: Int, topLevel: Bool, inBlock: Bool, closer: SyntaxToken?) {
        var count = 0
        var previousHadBlock = false
        // Statements joined by `;` are kept together when one of them is kept (`a, ; b` on
        // two lines would be one statement): the last child of such a run printed.
        var keptRunEnd = -1
        for (index, child) in children.enumerated() where index > keptRunEnd {
            switch child {
            case .token(let t) where t.kind == .semicolon:
                guard t.range.lowerBound >= verbatimUntil else { continue }
                let comments = leadingLayout(t).comments
                for c in comments {
                    newline(indent: level)
                    put(commentBytes(c.range), space: false)
                    count += 1
                }
                if let c = t.trailingComment {
                    if pendingComment != nil || !comments.isEmpty { newline(indent: level) }
                    pendingComment = c.range
                    count += 1
                }
            case .token:
                continue  // the block's braces and the end of the file: the caller prints them
            case .node(let s):
                guard let first = s.firstToken, first.range.lowerBound >= verbatimUntil else { continue }
                if count > 0 || inBlock { newline(indent: level) }
                lineIndent = level
                let declaration = topLevel && (previousHadBlock || Self.isDeclaration(s))
                var layout = leadingLayout(first)
                var blank = count > 0 && ((layout.comments.first?.blankBefore ?? layout.blankBeforeToken) || declaration)
                var swallowed = false
                comments: while true {
                    for (i, c) in layout.comments.enumerated() {
                        if (i == 0 ? blank : c.blankBefore) { blankLine() }
                        if Formatter.isDirective(file.bytes[c.range], "off") {
                            keptRegion(from: c.range.lowerBound, in: children[index...], closer: closer)
                            count += 1
                            if first.range.lowerBound < verbatimUntil { swallowed = true; break comments }
                            // `# fmt: on` was among this statement's comments.
                            newline(indent: level)
                            layout = leadingLayout(first)
                            blank = (layout.comments.first?.blankBefore ?? layout.blankBeforeToken) || (topLevel && Self.isDeclaration(s))
                            continue comments
                        }
                        put(commentBytes(c.range), space: false)
                        newline(indent: level)
                    }
                    break
                }
                if swallowed { previousHadBlock = false; continue }
                if !layout.comments.isEmpty ? layout.blankBeforeToken : blank { blankLine() }
                let run = Self.joinedRun(children, from: index)
                if children[index...run].contains(where: { if case .node(let n) = $0 { isKept(n) } else { false } }) {
                    keptRun(children[index...run])
                    keptRunEnd = run
                } else if let indent = keptContentIndent(s) {
                    lineIndent = indent
                    statement(s, level: indent, mayBreak: false)
                } else {
                    statement(s, level: level)
                }
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
            if Formatter.isDirective(file.bytes[c.range], "off") {
                keptRegion(from: c.range.lowerBound, in: [], closer: token)
                return
            }
            put(commentBytes(c.range), space: false)
        }
        if let skipped = layout.skipped {
            newline(indent: level)
            putVerbatim(skipped..<trimmedEnd(before: token.range.lowerBound, from: skipped))
        }
    }

    /// `end`, moved back over spaces and line breaks (not before `start`).
    package func trimmedEnd(before end: Int, from start: Int) -> Int {
        var e = end
        while e > start, [0x20, 0x09, 0x0D, 0x0A].contains(file.bytes[e - 1]) { e -= 1 }
        return e
    }

    // MARK: - Text kept as written

    /// Prints the text from a `# fmt: off` comment at `start` as it is, to the end of the next
    /// `# fmt: on` comment before a statement of `rest` (or before `closer`); without one, to
    /// the end of the list: up to the block's `}`, or to the end of the file.
    package mutating func keptRegion(from start: Int, in rest: ArraySlice<SyntaxNode.Child>, closer: SyntaxToken?) {
        var tokens: [SyntaxToken] = rest.compactMap {
            switch $0 {
            case .node(let n): return n.firstToken
            case .token(let t): return t.kind == .semicolon ? t : nil
            }
        }
        if let closer { tokens.append(closer) }
        for t in tokens {
            for p in t.leading where p.kind == .comment && p.range.lowerBound > start && Formatter.isDirective(file.bytes[p.range], "on") {
                putVerbatim(start..<commentBytes(p.range).endIndex)
                verbatimUntil = p.range.upperBound
                return
            }
        }
        guard let closer, closer.kind != .eof else {
            putVerbatim(start..<file.bytes.count)
            verbatimUntil = file.bytes.count
            endsVerbatim = true
            return
        }
        putVerbatim(start..<trimmedEnd(before: closer.range.lowerBound, from: start))
        verbatimUntil = closer.range.lowerBound
    }

    /// Whether statement `s` is printed as written: it holds a syntax error, or the parser
    /// gave up before its end. A statement whose errors are all inside the statements of its
    /// blocks is formatted (those statements are kept one by one), unless such a block is a
    /// one-line block, which is printed whole.
    package func isKept(_ s: SyntaxNode) -> Bool {
        if s.kind == .unknownStatement || s.kind == .strayClose { return true }
        guard !errorOffsets.isEmpty || abandonedFrom != nil, let first = s.firstToken, let last = s.lastToken else { return false }
        let lower = first.fullRange.lowerBound, upper = last.fullRange.upperBound
        if let a = abandonedFrom, upper >= a { return true }
        if Self.hasMissingClose(s) { return true }
        let inside = errorsInside(s)
        if inside.isEmpty { return false }
        let innerRanges: [ClosedRange<Int>] = s.nodes.filter { $0.kind == .block && !Self.isInline($0) }.flatMap { block in
            block.nodes.compactMap { n -> ClosedRange<Int>? in
                guard let f = n.firstToken, let l = n.lastToken else { return nil }
                return f.fullRange.lowerBound...l.fullRange.upperBound
            }
        }
        return !inside.allSatisfy { o in innerRanges.contains { $0.contains(o) } } || blockLineIndent(s) == nil
    }

    /// The error offsets in `s`, its trivia included.
    package func errorsInside(_ s: SyntaxNode) -> [Int] {
        guard !errorOffsets.isEmpty, let first = s.firstToken, let last = s.lastToken else { return [] }
        let lower = first.fullRange.lowerBound, upper = last.fullRange.upperBound
        return errorOffsets.filter { lower <= $0 && $0 <= upper }
    }

    /// For a statement that is formatted but holds kept statements in its blocks: the
    /// indentation it is printed at, the one it was written with. The parser finds a block's
    /// missing `}` by comparing where the lines in it start with where the line it opens on
    /// starts; the kept lines keep where they start, so that line keeps it too.
    package func keptContentIndent(_ s: SyntaxNode) -> Int? {
        errorsInside(s).isEmpty ? nil : blockLineIndent(s)
    }

    /// The indentation (spaces and tabs, as the parser counts) of the lines the blocks of `s`
    /// that hold errors open on; nil if they differ.
    package func blockLineIndent(_ s: SyntaxNode) -> Int? {
        let inside = errorsInside(s)
        var indent: Int?
        for b in s.nodes where b.kind == .block {
            guard let open = b.firstToken, let close = b.lastToken,
                  inside.contains(where: { open.range.lowerBound <= $0 && $0 <= close.fullRange.upperBound }) else { continue }
            var i = open.range.lowerBound
            while i > 0, file.bytes[i - 1] != 0x0A { i -= 1 }
            var n = 0
            while i + n < file.bytes.count, file.bytes[i + n] == 0x20 || file.bytes[i + n] == 0x09 { n += 1 }
            if let indent, indent != n { return nil }
            indent = n
        }
        return indent
    }

    package static func hasMissingClose(_ n: SyntaxNode) -> Bool {
        n.isMissingClose || n.nodes.contains(where: hasMissingClose)
    }

    /// The index of the last child of the run of statements joined by `;` that starts at
    /// `index` (a `;` that ends the run is in it).
    package static func joinedRun(_ children: [SyntaxNode.Child], from index: Int) -> Int {
        var end = index, j = index + 1
        while j < children.count, case .token(let t) = children[j], t.kind == .semicolon {
            end = j
            j += 1
            if j < children.count, case .node = children[j] {
                end = j
                j += 1
            }
        }
        return end
    }

    /// Statements with a syntax error (and those joined to them by `;`), from the first
    /// token (or the skipped bytes before it) to the last, as written (the indentation too,
    /// if they start their line); a comment after them stays after them.
    package mutating func keptRun(_ run: ArraySlice<SyntaxNode.Child>) {
        func first(_ c: SyntaxNode.Child) -> SyntaxToken? { if case .node(let n) = c { n.firstToken } else if case .token(let t) = c { t } else { nil } }
        func last(_ c: SyntaxNode.Child) -> SyntaxToken? { if case .node(let n) = c { n.lastToken } else if case .token(let t) = c { t } else { nil } }
        guard let head = run.first.flatMap(first), let tail = run.last.flatMap(last) else { return }
        let start = leadingLayout(head).skipped ?? head.range.lowerBound
        var end = tail.range.upperBound
        for p in tail.trailing where p.kind == .skipped { end = max(end, p.range.upperBound) }
        putVerbatim(start..<end)
        resetTokenState()
        if let c = tail.trailingComment, c.range.lowerBound >= end { pendingComment = c.range }
    }

    // MARK: - Statements

    /// One statement. Printed flat first; if one of its own lines is too long and it has a
    /// list, printed again with its lists broken one item a line.
    package mutating func statement(_ s: SyntaxNode, level: Int, mayBreak: Bool = true) {
        let outerOverflow = overflow
        let mark = (count: out.count, column: column, atLineStart: atLineStart, lineIndent: lineIndent, pending: pendingComment)
        overflow = false
        resetTokenState()
        var ctx = Context(level: level, breakLists: false, breakTopCommas: false)
        node(s, &ctx)
        // Printed again at most once per statement; below a sane depth only, so a file nested
        // hundreds of blocks deep (which parses) cannot take exponential time.
        if overflow, mayBreak, level < 16 * Formatter.indentUnit {
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
            statements(inner, level: level + Formatter.indentUnit, topLevel: false, inBlock: true, closer: close)
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
