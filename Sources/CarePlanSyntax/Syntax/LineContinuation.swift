/// The one rule for where a line break ends a statement, shared by the lexer (which drops the
/// newlines that do not), the lossless syntax tree and the REPL (which keeps reading on a
/// `...>` prompt while an entry is unfinished).
///
/// A newline ends a statement except inside `( )` and `[ ]`, and after a token that asks for
/// more on the next line: `,` `=` `{` `(` `[`. Nothing else continues a line: `let d = start +`
/// followed by a newline is an unfinished expression, reported at once (the REPL does not wait
/// for a second line the lexer would not join to the first).
public enum LineContinuation {
    /// Whether a newline right after a token of kind `kind` is not a statement end.
    @inline(__always)
    public static func continues(after kind: TokenKind) -> Bool {
        switch kind {
        case .comma, .equal, .lbrace, .lparen, .lbracket: return true
        default: return false
        }
    }

    /// Whether `tokens` (a lexer's output, any newlines included) make whole statements: every
    /// `{`, `(` and `[` is closed and the last token does not continue the line. Too many
    /// closers count as complete, so the parser reports them.
    public static func isComplete(_ tokens: [Token]) -> Bool {
        var depth = 0
        var last: TokenKind?
        for t in tokens where t.kind != .eof {
            switch t.kind {
            case .lbrace, .lparen, .lbracket: depth += 1
            case .rbrace, .rparen, .rbracket: depth -= 1
            default: break
            }
            if t.kind != .newline { last = t.kind }
        }
        if depth > 0 { return false }
        return last.map { !continues(after: $0) || $0 == .lbrace } ?? true
    }
}
