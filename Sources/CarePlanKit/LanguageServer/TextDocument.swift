import Foundation
import CarePlanBasics

/// How an LSP position counts characters within a line: UTF-16 code units (LSP's default),
/// or UTF-8 bytes when the client offers it at `initialize`.
public enum PositionEncoding: String, Sendable {
    case utf16 = "utf-16"
    case utf8 = "utf-8"
}

/// An LSP position: zero-based line and character (in the negotiated encoding).
public struct TextPosition: Equatable, Sendable {
    public var line: Int
    public var character: Int
    public init(line: Int, character: Int) { self.line = line; self.character = character }

    var json: JSONValue { .object(["line": .number(Double(line)), "character": .number(Double(character))]) }

    init?(_ json: JSONValue?) {
        guard let line = json?["line"]?.intValue, let character = json?["character"]?.intValue, line >= 0, character >= 0 else { return nil }
        self.init(line: line, character: character)
    }
}

/// An open document: its text as the editor has it (not as saved), converted between LSP
/// positions and the byte offsets that spans use.
final class TextDocument: @unchecked Sendable {
    let uri: String
    /// The file's path (from a `file:` URI), used to name it in diagnostics and to resolve
    /// its imports; the URI itself for other schemes.
    let path: String
    let version: Int
    let source: SourceFile

    init(uri: String, version: Int, text: String) {
        self.uri = uri
        self.path = TextDocument.path(fromURI: uri)
        self.version = version
        self.source = SourceFile(name: path, text: text)
    }

    /// A file read from disk (an imported file), for converting its spans.
    init(path: String, bytes: [UInt8]) {
        self.uri = TextDocument.uri(fromPath: path)
        self.path = path
        self.version = 0
        self.source = SourceFile(name: path, bytes: bytes)
    }

    var bytes: [UInt8] { source.bytes }

    /// The byte offset of `position`; a position past the end of its line (or past the last
    /// line) is clamped, as LSP asks. A position inside a character is moved to its start.
    func offset(of position: TextPosition, _ encoding: PositionEncoding) -> Int {
        let starts = source.lineStarts
        guard position.line < starts.count else { return bytes.count }
        let lineStart = starts[position.line]
        var lineEnd = position.line + 1 < starts.count ? starts[position.line + 1] - 1 : bytes.count
        if lineEnd > lineStart, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        var units = 0, i = lineStart
        while i < lineEnd, units < position.character {
            let length = TextDocument.sequenceLength(bytes[i])
            let next = min(i + length, lineEnd)
            let width = encoding == .utf8 ? next - i : (length == 4 ? 2 : 1)
            if units + width > position.character { break }
            units += width
            i = next
        }
        return i
    }

    /// The position of byte `offset`.
    func position(of offset: Int, _ encoding: PositionEncoding) -> TextPosition {
        let offset = max(0, min(offset, bytes.count))
        let starts = source.lineStarts
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        var units = 0, i = starts[lo]
        while i < offset {
            let length = TextDocument.sequenceLength(bytes[i])
            units += encoding == .utf8 ? min(length, offset - i) : (length == 4 ? 2 : 1)
            i += length
        }
        return TextPosition(line: lo, character: units)
    }

    /// The LSP range of a span in this document.
    func range(_ span: Span, _ encoding: PositionEncoding) -> JSONValue {
        .object(["start": position(of: span.start, encoding).json, "end": position(of: span.end, encoding).json])
    }

    /// Bytes in the UTF-8 sequence a lead byte starts (1 for a stray continuation byte).
    static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...0xF7: return 4
        case 0xE0...0xEF: return 3
        case 0xC0...0xDF: return 2
        default: return 1
        }
    }

    static func path(fromURI uri: String) -> String {
        if uri.hasPrefix("file:"), let url = URL(string: uri), !url.path.isEmpty { return url.path }
        return uri
    }

    static func uri(fromPath path: String) -> String { URL(fileURLWithPath: path).absoluteString }
}
