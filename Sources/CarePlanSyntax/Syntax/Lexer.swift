import CarePlanBasics

/// Turns UTF-8 bytes into tokens. Works on bytes directly: no regular expressions, no
/// `String` indexing. Errors are reported as diagnostics and the lexer carries on, so one run
/// reports every problem.
public struct Lexer {
    package let file: SourceFile
    package let bytes: [UInt8]
    package var pos: Int
    package let end: Int
    public private(set) var diagnostics: [Diagnostic] = []
    /// Newlines inside ( ) and [ ] do not end statements.
    private var groupDepth = 0

    public init(file: SourceFile, range: Range<Int>? = nil) {
        self.file = file
        self.bytes = file.bytes
        self.pos = range?.lowerBound ?? 0
        self.end = range?.upperBound ?? file.bytes.count
        // Editors on Windows may start UTF-8 files with a byte-order mark; it is not text.
        if range == nil, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { pos = 3 }
    }

    /// Lexes everything, ending with one `.eof` token.
    public mutating func tokenize() -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity((end - pos) / 4)
        while true {
            let t = next()
            if Lexer.keeps(t.kind, after: tokens.last?.kind) { tokens.append(t) }
            if t.kind == .eof { break }
        }
        return tokens
    }

    /// Whether a token of kind `kind` is kept after `last`, the previous token kept (nil at the
    /// start). Blank lines collapse, and a newline at the start or where `LineContinuation`
    /// says the line continues is dropped: the parser sees one separator.
    /// Shared by `tokenize` and the parser's on-demand `TokenStream`.
    package static func keeps(_ kind: TokenKind, after last: TokenKind?) -> Bool {
        guard kind == .newline, let last else { return kind != .newline }
        return last != .newline && !LineContinuation.continues(after: last)
    }

    private func span(_ s: Int, _ e: Int) -> Span { Span(fileID: file.id, start: s, end: e) }

    private mutating func report(_ code: DiagnosticCode, _ message: String, _ s: Int, _ e: Int,
                                 label: String = "", help: String? = nil) {
        diagnostics.append(Diagnostic(code, message, at: span(s, e), label: label, help: help))
    }

    @inline(__always) package static func isIdentStart(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F
    }
    @inline(__always) package static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    @inline(__always) package static func isIdentContinue(_ b: UInt8) -> Bool { isIdentStart(b) || isDigit(b) }

    /// True when the whole of `s` lexes as one identifier token: the one id rule, which the
    /// interpreter (ids written as strings), `careplan import` and the language server's
    /// rename share. ASCII letters, digits and `_`, starting with a letter or `_`; `-` only
    /// directly before a letter (`grab-rail`). Reserved words are the caller's business.
    package static func isIdentifier(_ s: String) -> Bool {
        var it = s.utf8.makeIterator()
        guard let first = it.next(), isIdentStart(first) else { return false }
        var afterHyphen = false
        while let b = it.next() {
            if afterHyphen { guard isIdentStart(b) else { return false }; afterHyphen = false; continue }
            if b == 0x2D { afterHyphen = true; continue }
            guard isIdentContinue(b) else { return false }
        }
        return !afterHyphen
    }

    package mutating func next() -> Token {
        while pos < end {
            let b = bytes[pos]
            switch b {
            case 0x20, 0x09, 0x0D: // space, tab, CR
                pos += 1
            case 0x0A:
                pos += 1
                if groupDepth == 0 { return Token(.newline, pos - 1, pos) }
            case 0x23: // '#' comment to end of line
                while pos < end, bytes[pos] != 0x0A {
                    if bytes[pos] >= 0x80 { if !skipUTF8() { continue } } else {
                        if bytes[pos] == 0 { report(.controlCharacter, "a NUL byte in a comment", pos, pos + 1, label: "NUL byte here", help: "delete it; plans are plain text") }
                        pos += 1
                    }
                }
            default:
                return lexToken(b)
            }
        }
        return Token(.eof, end, end)
    }

    /// Advances over one UTF-8 sequence; reports and skips one byte if it is invalid.
    private mutating func skipUTF8() -> Bool {
        let n = Lexer.utf8SequenceLength(bytes, pos, end)
        if n == 0 {
            report(.invalidUTF8, "invalid UTF-8 byte 0x\(String(bytes[pos], radix: 16, uppercase: true))",
                   pos, pos + 1, label: "not UTF-8", help: "save the file as UTF-8 in your editor")
            pos += 1
            return false
        }
        pos += n
        return true
    }

    /// Length of a valid UTF-8 sequence at `i`, or 0 when the bytes there are not valid UTF-8.
    package static func utf8SequenceLength(_ bytes: [UInt8], _ i: Int, _ end: Int) -> Int {
        let b0 = bytes[i]
        if b0 < 0x80 { return 1 }
        func cont(_ k: Int) -> Bool { i + k < end && bytes[i + k] & 0xC0 == 0x80 }
        if b0 >= 0xC2 && b0 <= 0xDF { return cont(1) ? 2 : 0 }
        if b0 >= 0xE0 && b0 <= 0xEF {
            guard cont(1), cont(2) else { return 0 }
            let b1 = bytes[i + 1]
            if b0 == 0xE0 && b1 < 0xA0 { return 0 }   // overlong
            if b0 == 0xED && b1 >= 0xA0 { return 0 }  // surrogates
            return 3
        }
        if b0 >= 0xF0 && b0 <= 0xF4 {
            guard cont(1), cont(2), cont(3) else { return 0 }
            let b1 = bytes[i + 1]
            if b0 == 0xF0 && b1 < 0x90 { return 0 }
            if b0 == 0xF4 && b1 >= 0x90 { return 0 }
            return 4
        }
        return 0
    }

    private mutating func lexToken(_ b: UInt8) -> Token {
        let s = pos
        if Lexer.isIdentStart(b) {
            pos += 1
            while pos < end {
                let c = bytes[pos]
                if Lexer.isIdentContinue(c) { pos += 1; continue }
                // A hyphen joins words in an id (`grab-rail`) when a letter follows it directly;
                // `start - 2 weeks` and `start -2` stay subtraction.
                if c == 0x2D, pos + 1 < end, Lexer.isIdentStart(bytes[pos + 1]) { pos += 2; continue }
                break
            }
            return Token(.identifier, s, pos)
        }
        if Lexer.isDigit(b) { return lexNumberOrDate() }
        pos += 1
        func two(_ next: UInt8, _ yes: TokenKind, _ no: TokenKind) -> Token {
            if pos < end, bytes[pos] == next { pos += 1; return Token(yes, s, pos) }
            return Token(no, s, pos)
        }
        switch b {
        case 0x22: return lexString(start: s)
        case 0x7B: return Token(.lbrace, s, pos)
        case 0x7D: return Token(.rbrace, s, pos)
        case 0x28: groupDepth += 1; return Token(.lparen, s, pos)
        case 0x29: groupDepth = max(0, groupDepth - 1); return Token(.rparen, s, pos)
        case 0x5B: groupDepth += 1; return Token(.lbracket, s, pos)
        case 0x5D: groupDepth = max(0, groupDepth - 1); return Token(.rbracket, s, pos)
        case 0x2C: return Token(.comma, s, pos)
        case 0x3A: return Token(.colon, s, pos)
        case 0x3B: return Token(.semicolon, s, pos)
        case 0x2B: return Token(.plus, s, pos)
        case 0x2D: return Token(.minus, s, pos)
        case 0x2A: return Token(.star, s, pos)
        case 0x2F: return Token(.slash, s, pos)
        case 0x2E: return Token(.dot, s, pos)
        case 0x3D: return two(0x3D, .equalEqual, .equal)
        case 0x3C: return two(0x3D, .lessEqual, .less)
        case 0x3E: return two(0x3D, .greaterEqual, .greater)
        case 0x21:
            if pos < end, bytes[pos] == 0x3D { pos += 1; return Token(.bangEqual, s, pos) }
            report(.unexpectedCharacter, "unexpected character `!`", s, pos, label: "not understood here",
                   help: "write `not` for negation and `!=` for 'is not equal to'")
            return next()
        default:
            return lexUnexpected(b, start: s)
        }
    }

    private mutating func lexUnexpected(_ b: UInt8, start s: Int) -> Token {
        if b == 0 {
            report(.controlCharacter, "a NUL byte in the text", s, s + 1, label: "NUL byte here",
                   help: "delete it; plans are plain text")
            return next()
        }
        if b >= 0x80 {
            pos = s
            let n = Lexer.utf8SequenceLength(bytes, s, end)
            if n == 0 { _ = skipUTF8(); return next() }
            pos = s + n
            let ch = file.text(s..<pos)
            let smartQuotes: Set<String> = ["\u{201C}", "\u{201D}", "\u{2018}", "\u{2019}"]
            if smartQuotes.contains(ch) {
                report(.unexpectedCharacter, "typographic quote \(ch) cannot start a string", s, pos,
                       label: "smart quote", help: "use plain double quotes: \"like this\"")
            } else {
                report(.unexpectedCharacter, "unexpected character `\(ch)`", s, pos,
                       label: "not understood here",
                       help: "ids use ASCII letters, digits, `-` and `_`; put other text in a string")
            }
            return next()
        }
        if b < 0x20 || b == 0x7F {
            report(.controlCharacter, "control character 0x\(String(b, radix: 16, uppercase: true)) in the text",
                   s, s + 1, label: "invisible character here", help: "delete it; plans are plain text")
            return next()
        }
        let ch = String(UnicodeScalar(b))
        report(.unexpectedCharacter, "unexpected character `\(ch)`", s, s + 1, label: "not understood here",
               help: b == 0x27 ? "strings use double quotes: \"like this\"" : "remove it, or put it inside a string")
        return next()
    }

    private mutating func lexNumberOrDate() -> Token {
        let s = pos
        while pos < end, Lexer.isDigit(bytes[pos]) { pos += 1 }
        // YYYY-MM-DD
        if pos - s == 4, pos + 6 <= end, bytes[pos] == 0x2D,
           Lexer.isDigit(bytes[pos + 1]), Lexer.isDigit(bytes[pos + 2]), bytes[pos + 3] == 0x2D,
           Lexer.isDigit(bytes[pos + 4]), Lexer.isDigit(bytes[pos + 5]) {
            pos += 6
            if pos < end, Lexer.isIdentContinue(bytes[pos]) {
                while pos < end, Lexer.isIdentContinue(bytes[pos]) { pos += 1 }
                report(.invalidDate, "`\(file.text(s..<pos))` is not a date", s, pos,
                       label: "expected YYYY-MM-DD", help: "write dates as 2026-11-02")
            }
            return Token(.date, s, pos)
        }
        if pos + 1 < end, bytes[pos] == 0x2E, Lexer.isDigit(bytes[pos + 1]) {
            pos += 1
            while pos < end, Lexer.isDigit(bytes[pos]) { pos += 1 }
            if pos + 1 < end, bytes[pos] == 0x2E, Lexer.isDigit(bytes[pos + 1]) {
                while pos < end, bytes[pos] == 0x2E || Lexer.isDigit(bytes[pos]) { pos += 1 }
                report(.invalidNumber, "`\(file.text(s..<pos))` is not a number", s, pos,
                       label: "more than one decimal point", help: "write a number like 2.5")
            }
        }
        if pos - s > 16 {
            report(.invalidNumber, "number with \(pos - s) digits is too long", s, pos,
                   label: "too many digits", help: "numbers in a plan have at most 15 significant digits")
        }
        return Token(.number, s, pos)
    }

    /// Strings: `"..."` on one line, escapes `\" \\ \n \t \$`, and `${expr}` interpolation.
    private mutating func lexString(start s: Int) -> Token {
        // Most strings are plain ASCII text, taken as written from the file's bytes by the
        // parser: no byte-by-byte buffer (needed below for escapes and interpolation), no parts.
        var i = pos
        while i < end, i - pos < Limits.maxStringBytes {  // at the limit the loop below reports
            let c = bytes[i]
            if c == 0x22 {
                pos = i + 1
                return Token.plainString(s, pos)
            }
            guard c >= 0x20, c < 0x80, c != 0x5C, c != 0x24 else { break }
            i += 1
        }
        var parts: [StringPart] = []
        var buffer: [UInt8] = []
        func flush() {
            if !buffer.isEmpty { parts.append(.text(String(decoding: buffer, as: UTF8.self))); buffer.removeAll() }
        }
        var tooLongReported = false
        while pos < end {
            let c = bytes[pos]
            if pos - s > Limits.maxStringBytes, !tooLongReported {
                tooLongReported = true
                report(.stringTooLong, "string longer than \(Limits.maxStringBytes / 1024) KiB", s, s + 1,
                       label: "this string", help: "keep plan text short; long notes belong in the clinical record")
            }
            switch c {
            case 0x22:
                pos += 1
                flush()
                return Token(.string, s, pos, parts: tooLongReported ? [] : parts)
            case 0x0A:
                // `goal meals "Prepare a meal {`: the string swallowed the block's `{`. End the
                // string before it, so the block is read as a block (one mistake, one report).
                var brace = pos
                while brace > s + 1, bytes[brace - 1] == 0x20 || bytes[brace - 1] == 0x09 || bytes[brace - 1] == 0x0D { brace -= 1 }
                if brace > s + 1, bytes[brace - 1] == 0x7B {
                    brace -= 1
                    var textEnd = brace
                    while textEnd > s + 1, bytes[textEnd - 1] == 0x20 || bytes[textEnd - 1] == 0x09 { textEnd -= 1 }
                    report(.unterminatedString, "string is not closed before the `{`", s, textEnd,
                           label: "string starts here", help: "add a closing `\"` before the `{`")
                    // Drop the `{` and the blanks before it from the text (all plain ASCII).
                    let dropped = pos - textEnd
                    if buffer.count >= dropped { buffer.removeLast(dropped) }
                    flush()
                    pos = brace
                    return Token(.string, s, textEnd, parts: parts)
                }
                report(.unterminatedString, "string is not closed before the end of the line", s, pos,
                       label: "string starts here", help: "add a closing `\"`")
                flush()
                return Token(.string, s, pos, parts: parts)
            case 0x5C: // backslash
                guard pos + 1 < end else { pos += 1; continue }
                let e = bytes[pos + 1]
                switch e {
                case 0x22: buffer.append(0x22)
                case 0x5C: buffer.append(0x5C)
                case 0x6E: buffer.append(0x0A)
                case 0x74: buffer.append(0x09)
                case 0x24: buffer.append(0x24)
                default:
                    report(.invalidEscape, "unknown escape `\\\(e < 0x80 && e >= 0x20 ? String(UnicodeScalar(e)) : "?")` in a string",
                           pos, pos + 2, label: "not an escape", help: "write `\\\\` for a backslash")
                }
                pos += 2
            case 0x24 where pos + 1 < end && bytes[pos + 1] == 0x7B: // ${
                flush()
                let exprStart = pos + 2
                // Expressions have no braces or strings of their own, so the first `}`
                // closes; a quote or the line's end first means the `${` was left open.
                var i = exprStart
                while i < end, bytes[i] != 0x7D, bytes[i] != 0x22, bytes[i] != 0x0A { i += 1 }
                if i >= end || bytes[i] != 0x7D {
                    report(.unterminatedString, "`${` is not closed by `}`", pos, pos + 2,
                           label: "interpolation starts here", help: "close it: \"${name}\"")
                    pos = i
                    continue
                }
                parts.append(.interpolation(start: exprStart, end: i))
                pos = i + 1
            case 0x00:
                report(.controlCharacter, "a NUL byte in a string", pos, pos + 1, label: "NUL byte here",
                       help: "delete it; plans are plain text")
                pos += 1
            default:
                if c < 0x80 {
                    if !tooLongReported { buffer.append(c) }
                    pos += 1
                } else {
                    let n = Lexer.utf8SequenceLength(bytes, pos, end)
                    if n == 0 { _ = skipUTF8() } else {
                        if !tooLongReported { buffer.append(contentsOf: bytes[pos..<pos + n]) }
                        pos += n
                    }
                }
            }
        }
        report(.unterminatedString, "string is not closed before the end of the input", s, pos,
               label: "string starts here", help: "add a closing `\"`")
        flush()
        return Token(.string, s, pos, parts: parts)
    }
}
