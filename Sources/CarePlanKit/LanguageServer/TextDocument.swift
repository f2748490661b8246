import Foundation
import CarePlanBasics

/// How an LSP position counts characters within a line: UTF-16 code units (LSP's default),
/// or UTF-8 bytes when the client offers it at `initialize`.
public enum PositionEncoding: String, Sendable {
    case utf16 = "utf-16"
    case utf8 = "utf-8"

    /// How `SourceFile` counts columns in this encoding.
    var unit: SourceFile.ColumnUnit { self == .utf8 ? .utf8 : .utf16 }
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
        source.offset(line: position.line, column: position.character, in: encoding.unit)
    }

    /// The position of byte `offset`.
    func position(of offset: Int, _ encoding: PositionEncoding) -> TextPosition {
        let (line, column) = source.lineAndColumn(of: offset, in: encoding.unit)
        return TextPosition(line: line, character: column)
    }

    /// The LSP range of a span in this document.
    func range(_ span: Span, _ encoding: PositionEncoding) -> JSONValue {
        .object(["start": position(of: span.start, encoding).json, "end": position(of: span.end, encoding).json])
    }

    static func path(fromURI uri: String) -> String {
        if uri.hasPrefix("file:"), let url = URL(string: uri), !url.path.isEmpty { return url.path }
        return uri
    }

    static func uri(fromPath path: String) -> String { URL(fileURLWithPath: path).absoluteString }
}
