/// A token of the lossless syntax tree: its kind, its keyword if it is a reserved word, its byte
/// range, and the trivia around it. Leading trivia is everything since the previous token's
/// line ended (blank lines, comment lines, indentation); trailing trivia is what follows the
/// token on its own line (spaces, a comment), up to but not including the line break.
public struct SyntaxToken: Sendable {
    public var kind: TokenKind
    /// The reserved word this identifier is, if any (`let`, `goal`, `and`, ...).
    public var keyword: Keyword?
    /// The token's own bytes.
    public var range: Range<Int>
    public var leading: [Trivia]
    public var trailing: [Trivia]
    /// A line break before this token ends the statement before it (`LineContinuation`):
    /// the token starts a new statement unless it closes a block.
    public var afterStatementBreak: Bool

    /// The bytes of the token with its trivia.
    public var fullRange: Range<Int> {
        (leading.first?.range.lowerBound ?? range.lowerBound)..<(trailing.last?.range.upperBound ?? range.upperBound)
    }

    /// The comments before the token (on lines of their own) and after it (on its line).
    public var leadingComments: [Trivia] { leading.filter { $0.kind == .comment } }
    public var trailingComment: Trivia? { trailing.first { $0.kind == .comment } }
}
