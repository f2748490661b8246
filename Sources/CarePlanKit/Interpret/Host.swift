import Foundation

/// Everything a running script needs from the outside world, injectable for tests:
/// the date ("today"), reading imported files, writing exports, printing.
public struct Host: Sendable {
    /// The date scripts see as `today`; tests fix it, so output never depends on the wall clock.
    public var today: CalendarDate
    /// Reads a file's bytes, or nil when it cannot be read.
    public var readFile: @Sendable (String) -> [UInt8]?
    /// Writes a file atomically (temporary file + rename); throws with a readable message.
    public var writeFile: @Sendable (String, String) throws -> Void
    /// Receives `print` output, one line per call.
    public var print: @Sendable (String) -> Void
    /// Parsed imports shared between the checks of many files (nil: parse every import).
    public var parseCache: ParseCache? = nil

    public init(today: CalendarDate,
                readFile: @escaping @Sendable (String) -> [UInt8]? = Host.readFromDisk,
                writeFile: @escaping @Sendable (String, String) throws -> Void = Host.writeAtomically,
                print: @escaping @Sendable (String) -> Void = { _ in }) {
        self.today = today
        self.readFile = readFile
        self.writeFile = writeFile
        self.print = print
    }

    /// Reads a regular file from disk (not a directory, not a device).
    public static let readFromDisk: @Sendable (String) -> [UInt8]? = { path in
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue,
              let data = FileManager.default.contents(atPath: path) else { return nil }
        return [UInt8](data)
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
