/// What the lossless lexer keeps between tokens: spaces, line breaks, comments, a byte-order
/// mark, and bytes the lexer skipped with a diagnostic. With them, a file's tokens print back
/// as the file, byte for byte.
public struct Trivia: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Spaces, tabs, and a carriage return not followed by a line feed.
        case whitespace
        /// `\n` or `\r\n`.
        case newline
        /// `#` to the end of the line (the line break not included).
        case comment
        /// The UTF-8 byte-order mark at the very start of a file.
        case byteOrderMark
        /// Bytes that are no token (a stray character, invalid UTF-8): the lexer reported them.
        case skipped
    }

    public var kind: Kind
    /// The byte range in the file.
    public var range: Range<Int>

    public init(_ kind: Kind, _ range: Range<Int>) {
        self.kind = kind
        self.range = range
    }

    /// Splits `bytes[range]`, the text between two tokens, into trivia pieces.
    package static func pieces(_ bytes: [UInt8], _ range: Range<Int>) -> [Trivia] {
        var out: [Trivia] = []
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let s = i
            let b = bytes[i]
            if i == 0, end >= 3, b == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
                i = 3
                out.append(Trivia(.byteOrderMark, s..<i))
            } else if b == 0x0A {
                i += 1
                out.append(Trivia(.newline, s..<i))
            } else if b == 0x0D, i + 1 < end, bytes[i + 1] == 0x0A {
                i += 2
                out.append(Trivia(.newline, s..<i))
            } else if b == 0x20 || b == 0x09 || b == 0x0D {
                while i < end, bytes[i] == 0x20 || bytes[i] == 0x09 || (bytes[i] == 0x0D && !(i + 1 < end && bytes[i + 1] == 0x0A)) { i += 1 }
                out.append(Trivia(.whitespace, s..<i))
            } else if b == 0x23 {
                while i < end, bytes[i] != 0x0A, !(bytes[i] == 0x0D && i + 1 < end && bytes[i + 1] == 0x0A) { i += 1 }
                out.append(Trivia(.comment, s..<i))
            } else {
                while i < end, ![0x0A, 0x0D, 0x20, 0x09, 0x23].contains(bytes[i]) { i += 1 }
                out.append(Trivia(.skipped, s..<i))
            }
        }
        return out
    }
}
