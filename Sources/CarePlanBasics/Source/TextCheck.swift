import Foundation

/// Decides, before any lexing, whether a source is text at all.
///
/// A binary file (`careplan check /bin/ls`) or random bytes used to be lexed as if they were a
/// plan: one diagnostic per bad byte and per stray token, 95,644 of them for `/bin/ls`
/// (45 MB of output, about 50 s), and 13 GB of memory for 30 MB of random bytes. Input that
/// is not UTF-8 text, or holds a NUL byte, is not a plan with a few typos: it gets one
/// diagnostic naming the first bad byte, and nothing in it is run.
///
/// The scanning is left to code that is compiled optimised even in a debug build, where a
/// byte loop over 30 MB in this module takes seconds: the standard library's UTF-8 validation
/// for the whole file, C's `strlen` for a NUL byte. Only a 64 KiB stretch holding a bad byte
/// is read byte by byte, to say where it is.
public enum TextCheck {
    /// What is wrong at `offset`.
    public enum Problem: Equatable, Sendable {
        case invalidUTF8(byte: UInt8)
        case nul
    }

    /// The first byte that makes `bytes` not careplan text, or nil when it is UTF-8 without NUL.
    public static func firstProblem(in bytes: [UInt8]) -> (offset: Int, problem: Problem)? {
        var invalid: Int? = nil
        // The text up to the first bad byte (all of it when it is UTF-8): a NUL in it comes first.
        var valid = utf8Text(bytes[...])
        if valid == nil {
            invalid = firstInvalidByte(bytes)
            valid = String(decoding: bytes[..<(invalid ?? bytes.count)], as: UTF8.self)
        }
        let text = valid ?? ""
        let nul = strlen(text)   // the bytes before the first NUL (all of them when there is none)
        if nul < text.utf8.count { return (nul, .nul) }
        return invalid.map { ($0, .invalidUTF8(byte: bytes[$0])) }
    }

    /// `bytes` as a string when they are UTF-8, else nil (the standard library's check: no
    /// overlong forms, no surrogates, nothing above U+10FFFF; the lexer's rules too).
    package static func utf8Text(_ bytes: ArraySlice<UInt8>) -> String? {
        if #available(macOS 15, *) { return String(validating: bytes, as: UTF8.self) }
        return String(bytes: bytes, encoding: .utf8)
    }

    /// The offset of the first byte that is not part of a valid UTF-8 sequence, in bytes that
    /// are known not to be UTF-8: the first 64 KiB stretch that fails the standard library's
    /// check (stretches end before a character, not inside one), then that stretch byte by byte.
    /// nil if no byte breaks the lexer's rules (the standard library's are the same).
    package static func firstInvalidByte(_ bytes: [UInt8]) -> Int? {
        let n = bytes.count
        var start = 0
        while start < n {
            var end = min(n, start + 65_536)
            // Back to the start of a character (continuation bytes are 0b10xxxxxx), at most 3 bytes.
            var back = 0
            while end < n, back < 3, bytes[end] & 0xC0 == 0x80 { end -= 1; back += 1 }
            if utf8Text(bytes[start..<end]) == nil { break }
            start = end
        }
        var i = start
        while i < n {
            if bytes[i] < 0x80 { i += 1; continue }
            let len = sequenceLength(bytes, i)
            if len == 0 { return i }
            i += len
        }
        return nil
    }

    /// Length of the valid UTF-8 sequence at `i`, or 0 (the same rules as the lexer's:
    /// no overlong forms, no surrogates, nothing above U+10FFFF).
    package static func sequenceLength(_ bytes: [UInt8], _ i: Int) -> Int {
        let b0 = bytes[i], n = bytes.count
        func cont(_ k: Int) -> Bool { i + k < n && bytes[i + k] & 0xC0 == 0x80 }
        if b0 >= 0xC2 && b0 <= 0xDF { return cont(1) ? 2 : 0 }
        if b0 >= 0xE0 && b0 <= 0xEF {
            guard cont(1), cont(2) else { return 0 }
            let b1 = bytes[i + 1]
            if b0 == 0xE0 && b1 < 0xA0 { return 0 }
            if b0 == 0xED && b1 >= 0xA0 { return 0 }
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

    /// The one diagnostic for a source that is not text, or nil when it is text.
    public static func diagnostic(for file: SourceFile) -> Diagnostic? {
        guard let (offset, problem) = firstProblem(in: file.bytes) else { return nil }
        let (line, column) = file.location(of: offset)
        let place = "byte \(offset) (line \(line), column \(column))"
        let span = Span(file: file, start: offset, end: offset + 1)
        // Mostly NUL bytes or many bad bytes early on: a binary file, not a mis-saved plan.
        let binary = looksBinary(file.bytes)
        let note = "careplan stops at the first such byte: nothing in this file was read or run"
        switch problem {
        case .nul:
            return Diagnostic(.controlCharacter, "\(file.name) is not careplan text: a NUL byte at \(place)",
                              at: span, label: "first NUL byte", notes: [note],
                              help: binary ? "this looks like a binary file; check the file name"
                                           : "delete the NUL byte; plans are plain text")
        case .invalidUTF8(let byte):
            let hex = String(byte, radix: 16, uppercase: true)
            return Diagnostic(.invalidUTF8, "\(file.name) is not careplan text: invalid UTF-8 byte 0x\(hex) at \(place)",
                              at: span, label: "not UTF-8", notes: [note],
                              help: binary ? "this looks like a binary file; check the file name"
                                           : "save the file as UTF-8 in your editor (it may be Latin-1 or Windows-1252)")
        }
    }

    /// Whether the first 4 KiB look like binary data: more than one byte in twenty a NUL or
    /// another control character other than white space (one stray NUL in a plan is not enough) (text in another encoding, such as
    /// Latin-1 or GBK, has high bytes but hardly any control characters).
    package static func looksBinary(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(4096)
        guard !sample.isEmpty else { return false }
        let odd = sample.reduce(0) { n, b in
            n + ((b < 0x20 && b != 0x0A && b != 0x0D && b != 0x09) || b == 0x7F ? 1 : 0)
        }
        return odd * 20 > sample.count
    }
}
