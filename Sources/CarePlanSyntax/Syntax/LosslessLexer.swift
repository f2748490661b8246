import CarePlanBasics

/// Lexes a file into `SyntaxToken`s that keep every byte: comments, blank lines, line breaks
/// and skipped characters become trivia on the tokens, so printing the tokens with their
/// trivia gives the file back. It drives the same `Lexer` as the parser (same tokens, same
/// diagnostics) and asks `LineContinuation` which line breaks end statements.
public enum LosslessLexer {
    /// The tokens of `file`, ending with an `.eof` token that holds the trivia after the last
    /// token; and the lexer's diagnostics.
    public static func tokens(of file: SourceFile) -> (tokens: [SyntaxToken], diagnostics: [Diagnostic]) {
        let bytes = file.bytes
        var lexer = Lexer(file: file)
        var out: [SyntaxToken] = []
        out.reserveCapacity(bytes.count / 4)
        var previousEnd = 0
        var sawBreak = false
        while true {
            let t = lexer.next()
            if t.kind == .newline { sawBreak = true; continue }
            var pieces = Trivia.pieces(bytes, previousEnd..<t.start)
            if !out.isEmpty {
                // What follows the previous token on its own line is its trailing trivia.
                let firstBreak = pieces.firstIndex { $0.kind == .newline } ?? pieces.count
                out[out.count - 1].trailing = Array(pieces[..<firstBreak])
                pieces.removeFirst(firstBreak)
            }
            let keyword = t.kind == .identifier ? Keyword(word: file.text(t.start..<t.end)) : nil
            let statementBreak = sawBreak && (out.last.map { !LineContinuation.continues(after: $0.kind) } ?? false)
            out.append(SyntaxToken(kind: t.kind, keyword: keyword, range: t.start..<t.end, leading: pieces,
                                   trailing: [], afterStatementBreak: statementBreak))
            sawBreak = false
            previousEnd = t.end
            if t.kind == .eof { break }
        }
        return (out, lexer.diagnostics)
    }

    /// The text of `tokens` with all their trivia: the file they were lexed from.
    public static func text(of tokens: [SyntaxToken], in file: SourceFile) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(file.bytes.count)
        for t in tokens {
            for p in t.leading { out += file.bytes[p.range] }
            out += file.bytes[t.range]
            for p in t.trailing { out += file.bytes[p.range] }
        }
        return out
    }
}
