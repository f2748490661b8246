import CarePlanKit
import Foundation

// libFuzzer entry point. Built with `-sanitize=fuzzer -parse-as-library`, so libFuzzer's own
// `main` drives this function; there is no Swift `main`.
//
// Each input is used twice:
//  1. as a whole file: `Compilation.check` (lexer, parser, interpreter in check mode, validator),
//     with imports that never resolve; when the file yields plans without errors, every export
//     format, the schedule and the progress report are rendered too;
//  2. as a REPL session: the input is split at blank lines and each chunk is submitted to a
//     `ReplSession` (statements in run mode, `:commands`), whose host never touches the disk.

private let today = CalendarDate(year: 2026, month: 11, day: 29)!
private let noFiles: @Sendable (String) -> [UInt8]? = { _ in nil }

private let host = Host(today: today,
                        readFile: noFiles,
                        writeFile: { _, _ in },
                        print: { _ in })

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    Watchdog.shared.begin(bytes)
    defer { Watchdog.shared.end() }

    // 1. The file path.
    let compiled = Compilation.check(SourceFile(name: "fuzz.careplan", bytes: bytes), today: today, readFile: noFiles)
    if !compiled.diagnostics.hasErrors {
        for plan in compiled.plans.prefix(2) {
            for format in ExportFormat.allCases {
                _ = try? Exporter.render(plan, as: format, options: ExportOptions(today: today))
            }
            _ = ProgressReport.text(plan, asOf: today)
            _ = ScheduleListing.text(Schedule.of(plan))
        }
    }

    // 2. The REPL path: chunks separated by blank lines, like entries typed one after another.
    let session = ReplSession(host: host, workingDirectory: "/nonexistent-fuzz-dir")
    let text = String(decoding: bytes, as: UTF8.self)
    var chunk = ""
    var entries = 0
    func flush() {
        if !chunk.isEmpty, entries < 64 {
            _ = session.submit(chunk)
            entries += 1
        }
        chunk = ""
    }
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) {
            flush()
        } else {
            chunk += line
            chunk += "\n"
        }
    }
    flush()
    return 0
}

// SwiftPM (6.x, Linux) links every executable target with `--defsym main=<Target>_main`, even
// one built with -parse-as-library, so libFuzzer's own main() is never used. This is that
// entry point: it hands control to libFuzzer's driver, which parses the usual flags. With a
// SwiftPM that does not rename main, libFuzzer's main() runs instead and this is unused.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@_cdecl("CarePlanFuzz_main")
public func carePlanFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) }
}

/// Catches slow inputs itself. libFuzzer's `-timeout` fires a SIGALRM whose handler allocates
/// while writing the input out; when the alarm lands inside malloc (often, in Swift) the process
/// deadlocks and the input is lost. This thread measures the fuzzing thread's CPU time (so a
/// `nice`d run on a busy machine is not mistaken for a hang), and after
/// CAREPLAN_FUZZ_TIMEOUT seconds (default 3) writes the input to crashes/slow-<hash> and exits.
final class Watchdog: @unchecked Sendable {
    static let shared = Watchdog()
    private let lock = NSLock()
    private var input: [UInt8] = []
    private var running = false
    private var startCPU: Double = 0
    private var clock = clockid_t()
    private let limit = Double(ProcessInfo.processInfo.environment["CAREPLAN_FUZZ_TIMEOUT"] ?? "") ?? 3

    private init() {
        pthread_getcpuclockid(pthread_self(), &clock)
        let thread = Thread { [self] in watch() }
        thread.start()
    }

    private func cpuSeconds() -> Double {
        var ts = timespec()
        clock_gettime(clock, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    func begin(_ bytes: [UInt8]) {
        let now = cpuSeconds()
        lock.lock(); input = bytes; startCPU = now; running = true; lock.unlock()
    }

    func end() {
        lock.lock(); running = false; lock.unlock()
    }

    private func watch() {
        while true {
            usleep(200_000)
            let now = cpuSeconds()
            lock.lock()
            let slow = running && now - startCPU > limit
            let bytes = input
            lock.unlock()
            guard slow else { continue }
            var hash: UInt64 = 0xcbf29ce484222325
            for b in bytes { hash = (hash ^ UInt64(b)) &* 0x100000001b3 }
            let path = "crashes/slow-" + String(hash, radix: 16)
            try? FileManager.default.createDirectory(atPath: "crashes", withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: path, contents: Data(bytes))
            let message = "==\(getpid())== careplan fuzz watchdog: input ran over \(limit) s of CPU; saved \(path)\n"
            FileHandle.standardError.write(Data(message.utf8))
            _exit(70)
        }
    }
}
