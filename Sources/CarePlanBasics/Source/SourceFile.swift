import Foundation

/// One piece of source text: a file on disk, a REPL entry, or a string given to the API.
///
/// Text is kept as UTF-8 bytes because the lexer works on bytes directly (no per-character
/// `String` indexing in the hot path). Line starts are computed once, lazily, for rendering.
///
/// Every file has a number, `id`, and a `Span` stores that number rather than a reference:
/// spans are copied into every token, tree node, plan field and diagnostic, and a reference
/// in each cost a retain and a release per copy (a fifth of the time of `careplan check`).
/// Whoever keeps spans keeps their files: `ScriptState.sources` holds every file that was run
/// or imported, and a diagnostic's labels hold the files they point into.
public final class SourceFile: @unchecked Sendable {
    /// The name shown in diagnostics (`examples/stroke.careplan`, `<repl:3>`).
    public let name: String
    /// The raw bytes as read. May contain invalid UTF-8; the lexer reports it.
    public let bytes: [UInt8]
    /// This file's number while it is alive (never 0; numbers are not reused).
    public let id: UInt32
    /// The line number of the first line: 1 for a file; the input's line for a statement
    /// piped into the REPL, so that `<stdin>:LINE:COL` names the line of the input.
    public let firstLine: Int
    private var lineStartsCache: [Int]?

    public init(name: String, bytes: [UInt8], firstLine: Int = 1) {
        self.name = name
        self.bytes = bytes
        self.firstLine = firstLine
        self.id = SourceFile.registry.nextID()
        SourceFile.registry.add(self)
    }

    private init(placeholderNamed name: String) {
        self.name = name
        self.bytes = []
        self.firstLine = 1
        self.id = 0
    }

    deinit {
        if id != 0 { SourceFile.registry.remove(id) }
    }

    /// The live file with this number, if any.
    public static func withID(_ id: UInt32) -> SourceFile? { registry.file(id) }

    /// Stands in for a file that is no longer alive, so that a span kept by mistake renders
    /// as "<unknown source>" instead of crashing.
    package static let unknown = SourceFile(placeholderNamed: "<unknown source>")

    package static let registry = Registry()

    /// The live files by number. Weak: a file lives as long as something holds it.
    package final class Registry: @unchecked Sendable {
        private final class Entry { weak var file: SourceFile?; init(_ f: SourceFile) { file = f } }
        private let lock = NSLock()
        private var files: [UInt32: Entry] = [:]
        private var last: UInt32 = 0

        package func nextID() -> UInt32 {
            lock.lock(); defer { lock.unlock() }
            // Wrapping after 4 billion files would take years of REPL entries; skip 0 and any
            // number still in use rather than trap.
            repeat { last &+= 1 } while last == 0 || files[last] != nil
            return last
        }

        package func add(_ file: SourceFile) {
            lock.lock(); defer { lock.unlock() }
            files[file.id] = Entry(file)
        }

        package func remove(_ id: UInt32) {
            lock.lock(); defer { lock.unlock() }
            files[id] = nil
        }

        package func file(_ id: UInt32) -> SourceFile? {
            lock.lock(); defer { lock.unlock() }
            return files[id]?.file
        }
    }

    public convenience init(name: String, text: String, firstLine: Int = 1) {
        self.init(name: name, bytes: Array(text.utf8), firstLine: firstLine)
    }

    /// Byte offsets at which each line starts (line 1 starts at 0).
    public var lineStarts: [Int] {
        if let cached = lineStartsCache { return cached }
        var starts = [0]
        // A plain loop over the buffer: the generic `enumerated()` took seconds on a 30 MB
        // file in a debug build (a binary file's one diagnostic needs its line).
        bytes.withUnsafeBufferPointer { buf in
            for i in 0..<buf.count where buf[i] == 0x0A { starts.append(i + 1) }
        }
        lineStartsCache = starts
        return starts
    }

    /// What a column counts within its line: UTF-8 bytes, UTF-16 code units (LSP's default),
    /// or Unicode scalars (the columns of diagnostics, as editors show them). A byte that is
    /// not valid UTF-8 counts as one unit of each (editors show it as one U+FFFD), as does
    /// the longest invalid start of a sequence (`E2 82` before an ASCII byte).
    public enum ColumnUnit: Sendable {
        case utf8, utf16, scalar
    }

    /// The 0-based index of the line that holds byte `offset` (clamped to the file).
    public func lineIndex(of offset: Int) -> Int {
        let starts = lineStarts
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// The bytes of 0-based line `index`, without its line break (`\n` or `\r\n`); an empty
    /// range at the end of the file for an index past the last line.
    public func lineRange(_ index: Int) -> Range<Int> {
        let starts = lineStarts
        guard index >= 0, index < starts.count else { return bytes.count..<bytes.count }
        let start = starts[index]
        var end = index + 1 < starts.count ? starts[index + 1] - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return start..<end
    }

    /// The 0-based line index and 0-based column of byte `offset` (clamped to the file), the
    /// column counted in `unit` over the characters that start before `offset`.
    public func lineAndColumn(of offset: Int, in unit: ColumnUnit) -> (line: Int, column: Int) {
        let offset = max(0, min(offset, bytes.count))
        let line = lineIndex(of: offset)
        let start = lineStarts[line]
        if unit == .utf8 { return (line, offset - start) }
        var column = 0
        bytes.withUnsafeBufferPointer { buf in
            var i = start
            while i < offset {
                // ASCII first: a plain loop (a 30 MB line took seconds in a debug build otherwise).
                if buf[i] < 0x80 { column += 1; i += 1; continue }
                let (length, valid) = Self.character(buf, i)
                column += unit == .utf16 && valid && length == 4 ? 2 : 1
                i += length
            }
        }
        return (line, column)
    }

    /// The byte offset of 0-based `line` and `column` (counted in `unit`), clamped as LSP
    /// asks: a column past the end of its line is the line's end (before `\r\n`), a line past
    /// the last is the end of the file, and a column inside a character is that character's
    /// start.
    public func offset(line: Int, column: Int, in unit: ColumnUnit) -> Int {
        guard line >= 0, line < lineStarts.count else { return line < 0 ? 0 : bytes.count }
        let range = lineRange(line)
        var units = 0, i = range.lowerBound
        bytes.withUnsafeBufferPointer { buf in
            while i < range.upperBound, units < column {
                let (length, valid) = buf[i] < 0x80 ? (1, true) : Self.character(buf, i)
                let next = min(i + length, range.upperBound)
                let width = switch unit {
                case .utf8: next - i
                case .utf16: valid && length == 4 ? 2 : 1
                case .scalar: 1
                }
                if units + width > column { break }
                units += width
                i = next
            }
        }
        return i
    }

    /// Line (counted from `firstLine`) and 1-based column (counted in Unicode scalars, as
    /// editors do) of a byte offset.
    public func location(of offset: Int) -> (line: Int, column: Int) {
        let (line, column) = lineAndColumn(of: offset, in: .scalar)
        return (line + firstLine, column + 1)
    }

    /// The character starting at byte `i` (not ASCII): the length of its valid UTF-8
    /// sequence, or of the longest start of one that is cut short (at least 1 byte), which a
    /// decoder replaces with one U+FFFD (Unicode's "maximal subpart" practice, as Swift's
    /// `String(decoding:as:)` and editors do).
    private static func character(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int) -> (length: Int, valid: Bool) {
        let b0 = buf[i]
        let needed: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF  // the allowed range of the second byte
        switch b0 {
        case 0xC2...0xDF: needed = 2
        case 0xE0...0xEF:
            needed = 3
            if b0 == 0xE0 { low = 0xA0 } else if b0 == 0xED { high = 0x9F }  // no overlongs, no surrogates
        case 0xF0...0xF4:
            needed = 4
            if b0 == 0xF0 { low = 0x90 } else if b0 == 0xF4 { high = 0x8F }  // nothing above U+10FFFF
        default: return (1, false)
        }
        var length = 1
        while length < needed, i + length < buf.count {
            let b = buf[i + length]
            let ok = length == 1 ? (low...high).contains(b) : b & 0xC0 == 0x80
            guard ok else { break }
            length += 1
        }
        return (length, length == needed)
    }

    /// The text of a 1-based line, without its newline, with invalid UTF-8 repaired for display.
    public func lineText(_ line: Int) -> String {
        let index = line - firstLine
        guard index >= 0, index < lineStarts.count else { return "" }
        return String(decoding: bytes[lineRange(index)], as: UTF8.self)
    }

    /// The text covered by a byte range, for messages.
    public func text(_ range: Range<Int>) -> String {
        let lo = max(0, min(range.lowerBound, bytes.count))
        let hi = max(lo, min(range.upperBound, bytes.count))
        return String(decoding: bytes[lo..<hi], as: UTF8.self)
    }
}

/// A byte range in one source file. Spans are what diagnostics point at.
///
/// Plain data (12 bytes, no reference): see `SourceFile` for why, and for who keeps the file.
/// Offsets fit in 32 bits because no file over `Limits.maxSourceBytes` is read.
public struct Span: Hashable, Sendable {
    /// The `SourceFile.id` of the file.
    public let fileID: UInt32
    private var start32: UInt32
    private var end32: UInt32

    public var start: Int {
        get { Int(start32) }
        set { start32 = UInt32(clamping: newValue) }
    }
    public var end: Int {
        get { Int(end32) }
        set { end32 = UInt32(clamping: newValue) }
    }

    public init(file: SourceFile, start: Int, end: Int) {
        self.init(fileID: file.id, start: start, end: end)
    }

    package init(fileID: UInt32, start: Int, end: Int) {
        self.fileID = fileID
        self.start32 = UInt32(clamping: start)
        self.end32 = UInt32(clamping: max(start, end))
    }

    /// The file, while something keeps it alive (otherwise a placeholder named "<unknown source>").
    public var file: SourceFile { SourceFile.withID(fileID) ?? SourceFile.unknown }

    /// True when both spans are in the same file.
    public func sameFile(_ other: Span) -> Bool { fileID == other.fileID }

    /// The smallest span covering both.
    public func to(_ other: Span) -> Span {
        guard other.fileID == fileID else { return self }
        return Span(fileID: fileID, start: min(start, other.start), end: max(end, other.end))
    }

    public var text: String { file.text(start..<end) }
}
