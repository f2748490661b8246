@testable import CarePlanKit
import Testing

/// Byte offsets to lines and columns and back (`SourceFile.lineAndColumn`, `offset(line:)`):
/// the one implementation behind diagnostics' `line:col` and the language server's LSP
/// positions, at the edges: astral characters, CRLF, the end of the file, invalid UTF-8.
struct SourceColumnsTests {
    /// What an editor counts before `offset` on its line: the decoded text's units.
    static func decodedColumn(_ file: SourceFile, _ offset: Int, _ unit: SourceFile.ColumnUnit) -> Int {
        let start = file.lineStarts[file.lineIndex(of: offset)]
        let text = String(decoding: file.bytes[start..<offset], as: UTF8.self)
        switch unit {
        case .utf8: return offset - start
        case .utf16: return text.utf16.count
        case .scalar: return text.unicodeScalars.count
        }
    }

    @Test func anAstralCharacterIsTwoUTF16UnitsFourBytesOneColumn() {
        let file = SourceFile(name: "t", text: "ab\nx🙂y\n")
        let y = 3 + 1 + 4  // line 1: `x`, then the emoji's 4 bytes
        #expect(file.lineAndColumn(of: y, in: .utf16) == (1, 3))
        #expect(file.lineAndColumn(of: y, in: .utf8) == (1, 5))
        #expect(file.lineAndColumn(of: y, in: .scalar) == (1, 2))
        #expect(file.location(of: y) == (2, 3))
        for unit in [SourceFile.ColumnUnit.utf8, .utf16, .scalar] {
            let column = file.lineAndColumn(of: y, in: unit).column
            #expect(file.offset(line: 1, column: column, in: unit) == y, "\(unit)")
        }
        // Inside the emoji (between its surrogates, or between its bytes): its start.
        #expect(file.offset(line: 1, column: 2, in: .utf16) == 4)
        #expect(file.offset(line: 1, column: 3, in: .utf8) == 4)
        #expect(file.offset(line: 1, column: 2, in: .scalar) == y)
    }

    @Test func crlfLineEndsAreNotPartOfTheLine() {
        let file = SourceFile(name: "t", text: "ab\r\ncd\r\n")
        #expect(file.lineRange(0) == 0..<2)
        #expect(file.lineRange(1) == 4..<6)
        #expect(file.lineText(1) == "ab")
        // A column past the end of the line stops before the `\r`, not on it or past it.
        #expect(file.offset(line: 0, column: 99, in: .utf16) == 2)
        #expect(file.offset(line: 1, column: 2, in: .utf8) == 6)
        #expect(file.lineAndColumn(of: 4, in: .utf16) == (1, 0))
        #expect(file.location(of: 5) == (2, 2))
    }

    @Test func theEndOfTheFile() {
        let open = SourceFile(name: "t", text: "ab\ncd")
        #expect(open.lineAndColumn(of: 5, in: .utf16) == (1, 2))
        #expect(open.lineAndColumn(of: 500, in: .utf16) == (1, 2))  // clamped
        #expect(open.offset(line: 1, column: 99, in: .utf16) == 5)
        #expect(open.offset(line: 7, column: 0, in: .utf16) == 5)   // past the last line
        let closed = SourceFile(name: "t", text: "ab\n")
        #expect(closed.lineAndColumn(of: 3, in: .utf16) == (1, 0))  // the empty line after `\n`
        #expect(closed.offset(line: 1, column: 4, in: .utf8) == 3)
        #expect(closed.lineRange(1) == 3..<3)
        #expect(closed.lineRange(2) == 3..<3)
        let empty = SourceFile(name: "t", text: "")
        #expect(empty.lineAndColumn(of: 0, in: .utf16) == (0, 0))
        #expect(empty.offset(line: 0, column: 3, in: .utf16) == 0)
        #expect(empty.location(of: 0) == (1, 1))
    }

    /// Each invalid byte, and each cut-short sequence, counts as the one U+FFFD an editor
    /// shows for it; valid text counts as decoded. Checked against Swift's decoder at every
    /// offset of every line.
    @Test func columnsAreThoseOfTheDecodedText() {
        let samples: [[UInt8]] = [
            Array("let x = \"Zoë 🙂 ✓\" # ok\r\n  goal a\n".utf8),
            [0x61, 0xE2, 0x82, 0x41, 0x0A, 0x80, 0x80, 0x62],      // cut short; stray continuations
            [0xF0, 0x9F, 0x99, 0x0A, 0xC0, 0x80, 0xED, 0xA0, 0x80, 0x7A],  // cut astral; overlong; surrogate
            [0xF4, 0x90, 0x80, 0x80, 0x20, 0xF0, 0x9F, 0x99, 0x82],      // above U+10FFFF; a valid emoji
        ]
        for bytes in samples {
            let file = SourceFile(name: "t", bytes: bytes)
            for offset in 0...bytes.count {
                // Only offsets that start a character (or end the file) are compared: in the
                // middle of one, the character counts whole here, while a decoder cuts it.
                let atStart = offset == bytes.count || bytes[offset] & 0xC0 != 0x80
                    || String(decoding: bytes[..<offset], as: UTF8.self).unicodeScalars.count
                        != String(decoding: bytes[..<(offset + 1)], as: UTF8.self).unicodeScalars.count
                guard atStart else { continue }
                for unit in [SourceFile.ColumnUnit.utf8, .utf16, .scalar] {
                    let (line, column) = file.lineAndColumn(of: offset, in: unit)
                    #expect(column == Self.decodedColumn(file, offset, unit), "\(bytes) at \(offset), \(unit)")
                    #expect(file.offset(line: line, column: column, in: unit) == offset
                            || file.lineRange(line).upperBound < offset, "\(bytes) at \(offset), \(unit)")
                }
            }
        }
    }

    /// The language server's positions are these columns (one implementation): the emoji
    /// line of the server's own test, in both encodings.
    @Test func lspPositionsAreTheSameColumns() {
        let text = "plan p \"Zoë 🙂\" {\r\n  discipline OT\r\n}"
        let doc = TextDocument(path: "/t.careplan", bytes: Array(text.utf8))
        for (encoding, unit) in [(PositionEncoding.utf16, SourceFile.ColumnUnit.utf16), (.utf8, .utf8)] {
            for offset in 0...doc.bytes.count {
                let p = doc.position(of: offset, encoding)
                let (line, column) = doc.source.lineAndColumn(of: offset, in: unit)
                #expect(p == TextPosition(line: line, character: column))
            }
            let end = doc.position(of: doc.bytes.count, encoding)
            #expect(end == TextPosition(line: 2, character: 1))
            #expect(doc.offset(of: TextPosition(line: 0, character: 500), encoding) == text.utf8.count - "\r\n  discipline OT\r\n}".utf8.count)
            #expect(doc.offset(of: TextPosition(line: 9, character: 0), encoding) == doc.bytes.count)
        }
    }
}
