import CarePlanBasics

/// The parser's tokens, lexed on demand and dropped once parsed.
///
/// A file's tokens used to be lexed up front into one array, 32 bytes a token: about 5x the
/// file's size, all alive until the last statement had run (a 27 MB caseload file peaked at
/// 460 MB). The parser only ever looks at the current token and the one before it, so the
/// stream lexes as the parser asks and `discard(before:)` frees what a finished top-level
/// statement used. Indexes stay absolute, so the parser's `tokens[index]` is unchanged.
///
/// A class, so the parser's non-mutating helpers (`current`, `check`) can lex further. One
/// parser owns each stream and never reenters it, so the stored properties opt out of the
/// runtime's exclusivity checks, which otherwise cost a call on every token access.
package final class TokenStream {
    @exclusivity(unchecked) private var lexer: Lexer?
    @exclusivity(unchecked) private var buffer: [Token] = []
    /// Absolute index of `buffer[0]`. `discard` always leaves the last token in `buffer`.
    @exclusivity(unchecked) private var base = 0
    @exclusivity(unchecked) private var finished = false
    /// Ctrl-C stopped the lexing: the stream ended early with `.eof` (see `lexOne`).
    @exclusivity(unchecked) package private(set) var interrupted = false

    /// A stream over a whole file, lexed as needed.
    package init(lexing file: SourceFile) {
        lexer = Lexer(file: file)
    }

    /// A stream over tokens lexed already (ending with `.eof`).
    package init(_ tokens: [Token]) {
        buffer = tokens
        finished = true
    }

    /// The lexer's diagnostics so far (all of them once the stream has reached the end).
    package var lexerDiagnostics: [Diagnostic] { lexer?.diagnostics ?? [] }

    /// Token `i` (past the end: the parser never moves beyond `.eof`, so the `.eof` token).
    package subscript(i: Int) -> Token { buffer[position(i)] }

    /// Just the kind or the byte range of token `i`: the parser's hottest questions, answered
    /// without copying the token (which would retain its string parts).
    package func kind(at i: Int) -> TokenKind { buffer[position(i)].kind }
    package func start(at i: Int) -> Int { buffer[position(i)].start }
    package func end(at i: Int) -> Int { buffer[position(i)].end }

    @inline(__always) private func position(_ i: Int) -> Int {
        if i >= base + buffer.count && !finished { lex(through: i) }
        return min(i - base, buffer.count - 1)
    }

    @inline(never) private func lex(through i: Int) {
        while i >= base + buffer.count && !finished { lexOne() }
    }

    /// Lexes to the end and returns the index of the `.eof` token.
    package func skipToEnd() -> Int {
        while !finished { lexOne() }
        return base + buffer.count - 1
    }

    /// Lexes until the first token that starts after `offset`'s line (or the end), so every
    /// lexer diagnostic on that line has been made.
    package func lexPastLine(of offset: Int, in file: SourceFile) {
        let bytes = file.bytes
        var lineEnd = max(0, offset)
        while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
        while !finished && (buffer.last.map { $0.start <= lineEnd } ?? true) { lexOne() }
    }

    /// Frees the tokens before absolute index `i` (they will not be asked for again).
    package func discard(before i: Int) {
        let n = min(i - base, buffer.count - 1)
        // In batches: removing from the front of an array moves what is left.
        guard n >= 256 else { return }
        buffer.removeFirst(n)
        base += n
    }

    /// One step of `Lexer.tokenize`, with the same rule for newlines (`Lexer.keeps`).
    private func lexOne() {
        // Ctrl-C during a `:load` of a large file: end the stream here, so the parser
        // finishes in microseconds instead of lexing megabytes first.
        if Interrupt.isPending, lexer != nil {
            let at = buffer.last?.end ?? 0
            interrupted = true
            finished = true
            buffer.append(Token(.eof, at, at))
            return
        }
        let t = lexer!.next()
        if Lexer.keeps(t.kind, after: buffer.last?.kind) { buffer.append(t) }
        if t.kind == .eof { finished = true }
    }
}
