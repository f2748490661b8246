import Foundation

/// Parsed imported files, shared by the checks of many files in one process.
///
/// `careplan check DIR` checks every file with its own interpreter, and every file of a
/// caseload imports the same template libraries: without this, each library was lexed and
/// parsed again for every file (a third of the work per file). An entry is used only when the
/// file's bytes are exactly the bytes it was parsed from, so the result is the same as parsing
/// again. Thread-safe: the files are checked concurrently.
public final class ParseCache: @unchecked Sendable {
    struct Entry {
        var file: SourceFile
        var statements: [Stmt]
        var diagnostics: [Diagnostic]
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]

    public init() {}

    /// The parse of `bytes` read from `path`, from the cache or parsed now.
    func parse(path: String, bytes: [UInt8]) -> (file: SourceFile, statements: [Stmt], diagnostics: [Diagnostic]) {
        lock.lock()
        let cached = entries[path]
        lock.unlock()
        if let cached, cached.file.bytes == bytes {
            return (cached.file, cached.statements, cached.diagnostics)
        }
        let file = SourceFile(name: path, bytes: bytes)
        let (statements, diagnostics) = Parser.parse(file)
        // Line starts are computed lazily on first use; do it now, while the file is not yet
        // shared, so that threads using it later only read.
        _ = file.lineStarts
        lock.lock()
        entries[path] = Entry(file: file, statements: statements, diagnostics: diagnostics)
        lock.unlock()
        return (file, statements, diagnostics)
    }
}
