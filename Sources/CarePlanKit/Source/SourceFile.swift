/// One piece of source text: a file on disk, a REPL entry, or a string given to the API.
///
/// Text is kept as UTF-8 bytes because the lexer works on bytes directly (no per-character
/// `String` indexing in the hot path). Line starts are computed once, lazily, for rendering.
public final class SourceFile: @unchecked Sendable {
    /// The name shown in diagnostics (`examples/stroke.careplan`, `<repl:3>`).
    public let name: String
    /// The raw bytes as read. May contain invalid UTF-8; the lexer reports it.
    public let bytes: [UInt8]
    private var lineStartsCache: [Int]?

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    public convenience init(name: String, text: String) {
        self.init(name: name, bytes: Array(text.utf8))
    }

    /// Byte offsets at which each line starts (line 1 starts at 0).
    public var lineStarts: [Int] {
        if let cached = lineStartsCache { return cached }
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == 0x0A { starts.append(i + 1) }
        lineStartsCache = starts
        return starts
    }

    /// 1-based line and column (column counted in Unicode scalars, as editors do) of a byte offset.
    public func location(of offset: Int) -> (line: Int, column: Int) {
        let starts = lineStarts
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        let lineStart = starts[lo]
        var column = 1
        var i = lineStart
        let end = min(offset, bytes.count)
        while i < end {
            // Count only lead bytes so a multi-byte character is one column.
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return (lo + 1, column)
    }

    /// The text of a 1-based line, without its newline, with invalid UTF-8 repaired for display.
    public func lineText(_ line: Int) -> String {
        let starts = lineStarts
        guard line >= 1, line <= starts.count else { return "" }
        let start = starts[line - 1]
        var end = line < starts.count ? starts[line] - 1 : bytes.count
        if end > start, end <= bytes.count, bytes[end - 1] == 0x0D { end -= 1 }
        guard end > start else { return "" }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The text covered by a byte range, for messages.
    public func text(_ range: Range<Int>) -> String {
        let lo = max(0, min(range.lowerBound, bytes.count))
        let hi = max(lo, min(range.upperBound, bytes.count))
        return String(decoding: bytes[lo..<hi], as: UTF8.self)
    }
}

/// A byte range in one source file. Spans are what diagnostics point at.
public struct Span: Hashable, Sendable {
    public var file: SourceFile
    public var start: Int
    public var end: Int

    public init(file: SourceFile, start: Int, end: Int) {
        self.file = file
        self.start = start
        self.end = max(start, end)
    }

    /// The smallest span covering both.
    public func to(_ other: Span) -> Span {
        guard other.file === file else { return self }
        return Span(file: file, start: min(start, other.start), end: max(end, other.end))
    }

    public static func == (a: Span, b: Span) -> Bool {
        a.file === b.file && a.start == b.start && a.end == b.end
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(file))
        hasher.combine(start)
        hasher.combine(end)
    }

    public var text: String { file.text(start..<end) }
}
