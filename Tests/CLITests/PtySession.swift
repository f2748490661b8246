import CPty
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A failure while driving a child through a pseudo-terminal; the description carries the
/// tail of the transcript so a failing test shows what the child actually printed.
struct PtyError: Error, CustomStringConvertible {
    var description: String
}

/// Drives a child process through a pseudo-terminal, for end-to-end terminal tests.
///
/// Every read has a timeout, and the child is killed (SIGKILL) and reaped on `terminate()` or
/// deinit, so a hung child can never hang `swift test`.
///
///     let s = try PtySession(executable: path, historyPath: hist)
///     try s.expect("> ")
///     try s.send("1 + 1\r")
///     try s.expect("2")
final class PtySession {
    /// Default time to wait in `expect` and `waitForExit`.
    static let defaultTimeout: Duration = .seconds(5)

    let pid: pid_t
    private var masterFD: Int32
    private var bytes: [UInt8] = []
    /// Byte offset in `bytes` where the next `expect` starts searching.
    private var cursor = 0
    private var reachedEOF = false
    private var exitStatus: Int32?
    private var reaped = false

    /// Everything the child has written so far (lossy UTF-8 decoding).
    var transcript: String { String(decoding: bytes, as: UTF8.self) }

    /// Spawns `executable` on a new pty of `rows` x `cols`.
    /// The environment is exactly: TERM=xterm, LANG=C.UTF-8, PATH, HOME (a fresh temporary
    /// directory unless given), CAREPLAN_HISTORY=historyPath (if non-nil), plus `environment`.
    init(
        executable: String, arguments: [String] = [], historyPath: String?,
        environment: [String: String] = [:], rows: UInt16 = 24, cols: UInt16 = 80
    ) throws {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw PtyError(description: "no executable at \(executable) (build it first)")
        }
        var env: [String: String] = [
            "TERM": "xterm",
            "LANG": "C.UTF-8",
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": FileManager.default.temporaryDirectory.path,
        ]
        if let historyPath { env["CAREPLAN_HISTORY"] = historyPath }
        env.merge(environment) { _, new in new }

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var fd: Int32 = -1
        let child = cpty_spawn(executable, argv, envp, rows, cols, &fd)
        guard child > 0 else {
            throw PtyError(description: "cpty_spawn failed: \(String(cString: strerror(errno)))")
        }
        pid = child
        masterFD = fd
    }

    deinit { terminate() }

    /// Writes `keys` (UTF-8) to the child's terminal, e.g. "medi\t", "\r", "\u{3}" (Ctrl-C),
    /// "\u{4}" (Ctrl-D), "\u{1B}[A" (up arrow).
    func send(_ keys: String, timeout: Duration = defaultTimeout) throws {
        let deadline = ContinuousClock.now + timeout
        var data = Array(keys.utf8)[...]
        while !data.isEmpty {
            guard masterFD >= 0 else { throw failure("send(\(keys.debugDescription)): pty closed") }
            let n = data.withUnsafeBytes { write(masterFD, $0.baseAddress, $0.count) }
            if n > 0 {
                data = data.dropFirst(n)
            } else if n < 0, errno == EAGAIN || errno == EINTR {
                guard ContinuousClock.now < deadline else {
                    throw failure("send(\(keys.debugDescription)): timed out")
                }
                var p = pollfd(fd: masterFD, events: Int16(POLLOUT), revents: 0)
                _ = poll(&p, 1, 20)
            } else {
                throw failure("send(\(keys.debugDescription)): \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Reads until `text` appears in the output after the previous match, and returns the
    /// output from the previous match up to and including this one. Throws on timeout or when
    /// the child closes the terminal first.
    @discardableResult
    func expect(_ text: String, timeout: Duration = defaultTimeout) throws -> String {
        let needle = Array(text.utf8)
        let deadline = ContinuousClock.now + timeout
        while true {
            if let range = find(needle, from: cursor) {
                let consumed = String(decoding: bytes[cursor..<range.upperBound], as: UTF8.self)
                cursor = range.upperBound
                return consumed
            }
            if reachedEOF { throw failure("expect(\(text.debugDescription)): child closed the terminal") }
            let now = ContinuousClock.now
            guard now < deadline else { throw failure("expect(\(text.debugDescription)): timed out") }
            readAvailable(waitingAtMost: deadline - now)
        }
    }

    /// Reads for `duration` and returns the output that arrived since the last match (without
    /// consuming it), for asserting that something does NOT appear.
    func output(after duration: Duration) -> String {
        let deadline = ContinuousClock.now + duration
        while !reachedEOF {
            let now = ContinuousClock.now
            guard now < deadline else { break }
            readAvailable(waitingAtMost: deadline - now)
        }
        return String(decoding: bytes[cursor...], as: UTF8.self)
    }

    /// Waits for the child to exit (draining its output meanwhile) and returns its exit code;
    /// throws on timeout or if it died from a signal.
    @discardableResult
    func waitForExit(timeout: Duration = defaultTimeout) throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let status = reap() {
                if status & 0x7F == 0 { return (status >> 8) & 0xFF }
                throw failure("child killed by signal \(status & 0x7F)")
            }
            guard ContinuousClock.now < deadline else { throw failure("waitForExit: timed out") }
            readAvailable(waitingAtMost: .milliseconds(20))
        }
    }

    /// Kills the child if it is still running, reaps it and closes the pty. Idempotent.
    func terminate() {
        if !reaped, reap() == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1, errno == EINTR {}
            reaped = true
        }
        if masterFD >= 0 {
            close(masterFD)
            masterFD = -1
        }
    }

    /// Changes the terminal size (the child gets SIGWINCH).
    func setWindowSize(rows: UInt16, cols: UInt16) {
        if masterFD >= 0 { _ = cpty_set_window_size(masterFD, rows, cols) }
    }

    // MARK: - Private

    /// Non-blocking waitpid; the raw status once the child has exited.
    private func reap() -> Int32? {
        if let exitStatus { return exitStatus }
        if reaped { return nil }
        var status: Int32 = 0
        let r = waitpid(pid, &status, WNOHANG)
        if r == pid {
            reaped = true
            exitStatus = status
            return status
        }
        if r == -1, errno == ECHILD { reaped = true }
        return nil
    }

    /// Waits up to `limit` for output and appends whatever is available.
    private func readAvailable(waitingAtMost limit: Duration) {
        guard masterFD >= 0, !reachedEOF else { return }
        let (seconds, attoseconds) = limit.components
        let ms = Int32(clamping: max(1, seconds * 1000 + attoseconds / 1_000_000_000_000_000))
        var p = pollfd(fd: masterFD, events: Int16(POLLIN), revents: 0)
        let r = poll(&p, 1, min(ms, 100))
        guard r > 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(masterFD, $0.baseAddress, $0.count) }
            if n > 0 {
                bytes.append(contentsOf: buffer[0..<n])
            } else if n < 0, errno == EINTR {
                continue
            } else if n < 0, errno == EAGAIN {
                return
            } else {
                // 0, or EIO on Linux: the child side of the pty is closed.
                reachedEOF = true
                return
            }
        }
    }

    private func find(_ needle: [UInt8], from start: Int) -> Range<Int>? {
        guard !needle.isEmpty else { return start..<start }
        guard bytes.count - start >= needle.count else { return nil }
        var i = start
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0], bytes[i..<(i + needle.count)].elementsEqual(needle) {
                return i..<(i + needle.count)
            }
            i += 1
        }
        return nil
    }

    private func failure(_ message: String) -> PtyError {
        let tail = String(decoding: bytes.suffix(600), as: UTF8.self)
        let visible = tail.unicodeScalars.map { s -> String in
            switch s {
            case "\u{1B}": return "\\e"
            case "\r": return "\\r"
            case "\n": return "\\n\n"
            case _ where s.value < 0x20: return "^" + String(Unicode.Scalar(s.value + 0x40)!)
            default: return String(s)
            }
        }.joined()
        return PtyError(description: "\(message)\n--- last output (pid \(pid)) ---\n\(visible)\n---")
    }
}
