import Foundation
import CarePlanBasics
import CarePlanSyntax

/// Imported libraries shared by every file checked in one process: each library is read,
/// parsed and run once, and every importer reuses its definitions.
///
/// `careplan check DIR` and `careplan caseload DIR` check every file with its own interpreter,
/// and the files of a caseload import the same template libraries. Two levels of sharing:
///
/// - **Parsed files**, by path: a library is parsed once. On disk (`recognisesFilesOnDisk`),
///   an unchanged file is recognised by its identity (device, inode, size, modification time)
///   without reading it again; otherwise, or when the identity changed, it is read and its
///   bytes compared with the parsed ones.
/// - **Preludes**: the state a fresh interpreter reaches by running a file's leading imports
///   (the templates they declare, the files they import). A file that starts with the same
///   imports gets that state (copy-on-write: the template table is shared, not copied) instead
///   of running the libraries again. A prelude is kept only when running it reported nothing
///   and declared no plan, so reusing it is indistinguishable from running it; it is reused
///   only while every file it read is unchanged and when none of them is the importer itself.
///
/// Thread-safe: the files are checked concurrently.
public final class LibraryCache: @unchecked Sendable {
    /// How a file on disk is recognised as unchanged without reading it (what `make` and git's
    /// index look at).
    package struct Identity: Equatable {
        package var device: UInt64, inode: UInt64, size: Int64
        /// Modification time, and change time (which a change of permissions also moves).
        package var modified: timespec, changed: timespec

        package static func == (a: Identity, b: Identity) -> Bool {
            a.device == b.device && a.inode == b.inode && a.size == b.size
                && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
                && a.changed.tv_sec == b.changed.tv_sec && a.changed.tv_nsec == b.changed.tv_nsec
        }

        /// The identity of the regular file at `path`, or nil (missing, not a regular file).
        package static func of(_ path: String) -> Identity? {
            var info = stat()
            guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
            return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                            modified: info.st_mtim, changed: info.st_ctim)
        }
    }

    /// One parsed library.
    package struct Parsed {
        package var file: SourceFile
        package var statements: [Stmt]
        package var diagnostics: [Diagnostic]
        /// The file's identity when it was read (nil when files are not recognised on disk).
        package var identity: Identity?
    }

    /// The state after running a file's leading imports from a fresh interpreter.
    package struct Prelude {
        package var templates: [String: TemplateDecl]
        package var importedFiles: Set<String>
        /// The library files run, in order (the importer's state keeps them alive).
        package var sources: [SourceFile]
        package var steps: Int
        package var loopIterations: Int
        /// Every file read, to recognise them unchanged.
        package var read: [Parsed]
        /// Every path the imports read: an importer that is one of them would meet an import
        /// cycle, so it runs the imports itself. (Such a prelude reports the cycle when it is
        /// recorded too, so it is not kept; this is the check that does not rely on that.)
        package var named: Set<String>
    }

    /// What identifies a prelude: the imports' resolved paths in order, and what running
    /// depends on besides the files (the date scripts see, the mode).
    package struct PreludeKey: Hashable {
        package var paths: [String]
        package var today: CalendarDate
        package var check: Bool
    }

    /// Whether files are recognised as unchanged by their identity on disk (the reader is
    /// `ScriptHost.readFromDisk`); otherwise every use reads the file and compares its bytes.
    public let recognisesFilesOnDisk: Bool
    private let lock = NSLock()
    private var parsed: [String: Parsed] = [:]
    private var preludes: [PreludeKey: Prelude] = [:]
    private var counts = Counts()

    /// What the cache saved and what it did not, for tests and benchmarks.
    public struct Counts: Sendable, Equatable {
        /// Libraries read from disk (or from the host's reader).
        public var reads = 0
        /// Libraries parsed.
        public var parses = 0
        /// Leading imports whose outcome was taken from an earlier file instead of running them.
        public var preludesReused = 0
    }

    /// The counts so far.
    public var counted: Counts {
        lock.lock(); defer { lock.unlock() }
        return counts
    }

    private func count(_ change: (inout Counts) -> Void) {
        lock.lock()
        change(&counts)
        lock.unlock()
    }

    /// `recognisesFilesOnDisk`: pass true only when imports are read from disk.
    public init(recognisesFilesOnDisk: Bool = false) {
        self.recognisesFilesOnDisk = recognisesFilesOnDisk
    }

    /// The parse of the library at `path`: from the cache when the file is unchanged, else read
    /// with `read` and parsed now. nil when it cannot be read.
    package func library(at path: String, read: (String) -> [UInt8]?) -> Parsed? {
        lock.lock()
        let cached = parsed[path]
        lock.unlock()
        let identity = recognisesFilesOnDisk ? Identity.of(path) : nil
        if let cached, let identity, cached.identity == identity { return cached }
        // Taken before reading: a change while reading makes the next use read again.
        guard let bytes = read(path) else { return nil }
        count { $0.reads += 1 }
        if let cached, cached.file.bytes == bytes {
            if identity != nil, identity != cached.identity {
                var renewed = cached
                renewed.identity = identity
                store(renewed, at: path)
                return renewed
            }
            return cached
        }
        let file = SourceFile(name: path, bytes: bytes)
        let (statements, diagnostics) = Parser.parse(file)
        count { $0.parses += 1 }
        // Line starts are computed lazily on first use; do it now, while the file is not yet
        // shared, so that threads using it later only read.
        _ = file.lineStarts
        let entry = Parsed(file: file, statements: statements, diagnostics: diagnostics, identity: identity)
        store(entry, at: path)
        return entry
    }

    private func store(_ entry: Parsed, at path: String) {
        lock.lock()
        parsed[path] = entry
        lock.unlock()
    }

    /// The prelude for `key`, when every file it read is unchanged and `importer` is not one
    /// of the files it named.
    package func prelude(_ key: PreludeKey, importer: String, read: (String) -> [UInt8]?) -> Prelude? {
        lock.lock()
        let found = preludes[key]
        lock.unlock()
        guard let found, !found.named.contains(importer) else { return nil }
        for f in found.read {
            if let identity = f.identity {
                guard Identity.of(f.file.name) == identity else { return nil }
            } else {
                let bytes = read(f.file.name)
                count { $0.reads += 1 }
                guard bytes == f.file.bytes else { return nil }
            }
        }
        count { $0.preludesReused += 1 }
        return found
    }

    package func storePrelude(_ prelude: Prelude, for key: PreludeKey) {
        lock.lock()
        preludes[key] = prelude
        lock.unlock()
    }
}
