import Foundation
import CarePlanBasics
import CarePlanSyntax

/// Everything a running script needs from the outside world, injectable for tests:
/// the date ("today"), reading imported files, writing exports, printing.
public struct ScriptHost: Sendable {
    /// The date scripts see as `today`; tests fix it, so output never depends on the wall clock.
    public var today: CalendarDate
    /// Reads a file's bytes, or nil when it cannot be read.
    public var readFile: @Sendable (String) -> [UInt8]?
    /// Writes a file atomically (temporary file + rename); throws with a readable message.
    public var writeFile: @Sendable (String, String) throws -> Void
    /// Receives `print` output, one line per call.
    public var print: @Sendable (String) -> Void
    /// The validator and exporters behind `check` and `export`.
    public var services: PlanServices
    /// Imported libraries shared between the checks of many files (nil: read, parse and run
    /// every import).
    public var libraries: LibraryCache? = nil
    /// The names in a folder, or nil: for "did you mean" when an import path has a typo.
    public var listDirectory: @Sendable (String) -> [String]? = ScriptHost.listFromDisk

    /// Takes a waiting Ctrl-C (`Interrupt`): true once after the key was pressed. A test stops
    /// one run with it without raising the process-wide flag other tests' runs would see.
    public var takeInterrupt: @Sendable () -> Bool = { Interrupt.takeRequest() }
    /// Whether something exists at a path: the REPL's `export` does not replace a file it did
    /// not write.
    public var fileExists: @Sendable (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }

    /// The entries of a folder on disk.
    public static let listFromDisk: @Sendable (String) -> [String]? = { path in
        try? FileManager.default.contentsOfDirectory(atPath: path)
    }

    public init(today: CalendarDate,
                services: PlanServices,
                readFile: @escaping @Sendable (String) -> [UInt8]? = ScriptHost.readFromDisk,
                writeFile: @escaping @Sendable (String, String) throws -> Void = ScriptHost.writeAtomically,
                print: @escaping @Sendable (String) -> Void = { _ in }) {
        self.today = today
        self.services = services
        self.readFile = readFile
        self.writeFile = writeFile
        self.print = print
    }

    /// Reads a regular file from disk (not a directory, not a device), at most
    /// `Limits.maxSourceBytes + 1` bytes: enough for the parser to report a file over the
    /// limit, without reading a multi-gigabyte file into memory first.
    ///
    /// Plain `open`/`read` into the array: `FileManager.contents` read into `Data` and was then
    /// copied, which was a tenth of the time of checking a folder of small plans.
    public static let readFromDisk: @Sendable (String) -> [UInt8]? = { path in
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let cap = Limits.maxSourceBytes + 1
        // The size from fstat is a hint (the file may change): ask for one byte more, and keep
        // reading in larger blocks until the end or the cap.
        var bytes: [UInt8] = []
        var block = min(max(Int(info.st_size), 0) + 1, cap)
        while bytes.count < cap {
            var failed = false, atEnd = false
            let want = min(block, cap - bytes.count)
            let part = [UInt8](unsafeUninitializedCapacity: want) { buffer, count in
                count = 0
                while count < want {
                    let n = read(fd, buffer.baseAddress! + count, want - count)
                    if n < 0 && errno == EINTR { continue }
                    if n < 0 { failed = true; return }
                    if n == 0 { atEnd = true; return }
                    count += n
                }
            }
            if failed { return nil }
            if bytes.isEmpty { bytes = part } else { bytes += part }
            if atEnd { break }
            block = max(block, 64 * 1024)
        }
        return bytes
    }

    /// Writes to a temporary file beside the target and renames it into place, so an
    /// interrupted write never leaves a half-written file.
    public static let writeAtomically: @Sendable (String, String) throws -> Void = { path, contents in
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let temp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try Data(contents.utf8).write(to: temp)
            if rename(temp.path, url.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw error
        }
    }

    /// The current date from the system clock, in the local time zone. Only the CLI calls this.
    public static func systemToday() -> CalendarDate {
        let c = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: c.year ?? 2026, month: c.month ?? 1, day: c.day ?? 1)
            ?? CalendarDate(dayNumber: 0)
    }
}
