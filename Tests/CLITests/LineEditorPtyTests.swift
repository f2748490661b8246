import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// End-to-end tests of LineEditor (libedit) through a real pseudo-terminal, against the
/// LineEditorDemo executable: it echoes each statement as "got: <text>", treats a statement
/// as complete when braces balance, and completes from
/// ["meals", "medication", "mobility", ":help", ":quit"].
///
/// Every test waits for the prompt before typing (keys typed before libedit enters raw mode
/// can be lost), and every read has a timeout.
@Suite("LineEditorPty", .serialized, .timeLimit(.minutes(1)))
struct LineEditorPtyTests {
    static let prompt = "demo>"
    static let continuationPrompt = "...> "

    /// The demo binary: $LINEEDITOR_DEMO, else next to the running test bundle (same build
    /// directory), else <package root>/.build/debug/LineEditorDemo, with the package root two
    /// levels above Tests/CLITests.
    static func demoPath() throws -> String {
        let fm = FileManager.default
        if let path = ProcessInfo.processInfo.environment["LINEEDITOR_DEMO"] { return path }
        var candidates: [String] = []
        if let exe = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
            if dir.lastPathComponent.hasSuffix(".xctest") { dir.deleteLastPathComponent() }
            candidates.append(dir.appendingPathComponent("LineEditorDemo").path)
        }
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // CLITests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // package root
        candidates.append(root.appendingPathComponent(".build/debug/LineEditorDemo").path)
        if let found = candidates.first(where: { fm.isExecutableFile(atPath: $0) }) { return found }
        throw PtyError(
            description: "LineEditorDemo not built; looked at \(candidates). "
                + "Run `swift build --product LineEditorDemo`.")
    }

    /// A fresh directory for one test's history file; the file's parent does not exist yet,
    /// so LineEditor must create it.
    static func historyPath() -> (dir: URL, file: String) {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("lineeditor-pty-\(UUID().uuidString)")
        return (dir, dir.appendingPathComponent("nested/history").path)
    }

    static func start(history: String) throws -> PtySession {
        let session = try PtySession(executable: try demoPath(), historyPath: history)
        try session.expect(prompt)
        return session
    }

    /// Ctrl-D at the prompt; the demo must exit with status 0. Call only after the prompt has
    /// been seen: a ^D typed while the terminal is still in cooked mode (between statements)
    /// is swallowed by the tty line discipline when libedit switches to raw mode.
    static func quit(_ session: PtySession) throws {
        try session.send("\u{4}")
        let status = try session.waitForExit()
        #expect(status == 0)
    }

    @Test func tabCompletesUniqueWord() throws {
        let (dir, history) = Self.historyPath()
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = try Self.start(history: history)
        defer { s.terminate() }

        try s.send("medi\t")
        try s.expect("cation ")
        try s.send("\r")
        try s.expect("got: medication \r\n")
        try s.expect(Self.prompt)
        try Self.quit(s)
    }

    @Test func tabListsAmbiguousCandidatesAndInsertsCommonPrefix() throws {
        let (dir, history) = Self.historyPath()
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = try Self.start(history: history)
        defer { s.terminate() }

        try s.send("me\t")  // meals, medication: common prefix "me", both listed
        let listing = try s.expect("medication")
        #expect(listing.contains("meals"))
        try s.expect(Self.prompt)  // redisplayed below the list
        try s.send("d\t")  // now unique
        try s.expect("ication ")
        try s.send("\r")
        try s.expect("got: medication \r\n")
        try s.expect(Self.prompt)
        try Self.quit(s)
    }

    @Test func unbalancedBraceShowsContinuationPrompt() throws {
        let (dir, history) = Self.historyPath()
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = try Self.start(history: history)
        defer { s.terminate() }

        try s.send("plan {\r")
        try s.expect(Self.continuationPrompt)
        try s.send("meals }\r")
        try s.expect("got: plan {\r\nmeals }\r\n")
        try s.expect(Self.prompt)
        try Self.quit(s)
    }

    @Test func ctrlCCancelsAndDemoKeepsRunning() throws {
        let (dir, history) = Self.historyPath()
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = try Self.start(history: history)
        defer { s.terminate() }

        // On a single line.
        try s.send("abc")
        try s.expect("abc")
        try s.send("\u{3}")
        try s.expect(Self.prompt)
        try s.send("def\r")
        let out = try s.expect("got: def\r\n")
        #expect(!out.contains("got: abc"))

        // In the middle of a multi-line statement: the whole statement is discarded.
        try s.expect(Self.prompt)
        try s.send("plan {\r")
        try s.expect(Self.continuationPrompt)
        try s.send("meals\u{3}")
        try s.expect(Self.prompt)
        try s.send("ok\r")
        let out2 = try s.expect("got: ok\r\n")
        #expect(!out2.contains("plan"))

        // On an empty line.
        try s.expect(Self.prompt)
        try s.send("\u{3}")
        try s.expect(Self.prompt)
        try Self.quit(s)
    }

    @Test func ctrlDExitsWithStatusZero() throws {
        let (dir, history) = Self.historyPath()
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = try Self.start(history: history)
        defer { s.terminate() }
        try Self.quit(s)
    }

    @Test func historyIsRecalledAfterRestart() throws {
        let (dir, history) = Self.historyPath()
        defer { try? FileManager.default.removeItem(at: dir) }

        let first = try Self.start(history: history)
        defer { first.terminate() }
        try first.send("plan {\r")
        try first.expect(Self.continuationPrompt)
        try first.send("meals }\r")
        try first.expect("got: plan {\r\nmeals }\r\n")
        try first.expect(Self.prompt)
        try first.send("mobility\r")
        try first.expect("got: mobility\r\n")
        try first.expect(Self.prompt)
        try Self.quit(first)

        // The multi-line statement is one entry (libedit's format escapes the newline).
        let saved = try String(contentsOfFile: history, encoding: .utf8)
        #expect(saved.hasPrefix("_HiStOrY_V2_\n"))
        #expect(saved.split(separator: "\n").count == 3)

        let second = try Self.start(history: history)
        defer { second.terminate() }
        try second.send("\u{1B}[A")  // up arrow: most recent entry
        try second.expect("mobility")
        try second.send("\u{1B}[A")  // the multi-line statement, as one entry
        try second.expect("meals }")
        try second.send("\r")
        try second.expect("got: plan {\r\nmeals }\r\n")
        try second.expect(Self.prompt)
        try Self.quit(second)
    }

    @Test func ctrlRSearchesHistory() throws {
        let (dir, history) = Self.historyPath()
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = try Self.start(history: history)
        defer { s.terminate() }

        for word in ["medication", "meals"] {
            try s.send("\(word)\r")
            try s.expect("got: \(word)\r\n")
            try s.expect(Self.prompt)
        }
        try s.send("\u{12}dic")
        try s.expect("medication")
        try s.send("\r")
        // The first Return ends the search, the line is then accepted.
        try s.expect("got: medication\r\n")
        try s.expect(Self.prompt)
        try Self.quit(s)
    }

    @Test func utf8NameRoundTrips() throws {
        let (dir, history) = Self.historyPath()
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = try Self.start(history: history)
        defer { s.terminate() }

        try s.send("patient \"Zoë Müller\"\r")
        try s.expect("got: patient \"Zoë Müller\"\r\n")
        try s.expect(Self.prompt)
        // Backspace deletes whole characters, not bytes: "Zoë Müller" minus 5 is "Zoë M".
        try s.send("Zoë Müller" + String(repeating: "\u{7F}", count: 5) + "ü\r")
        try s.expect("got: Zoë Mü\r\n")
        try s.expect(Self.prompt)
        try Self.quit(s)

        let saved = try String(contentsOfFile: history, encoding: .utf8)
        #expect(saved.contains("Zoë"))
    }
}
