import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// End-to-end tests of the real `careplan` REPL through a pseudo-terminal: tab completion,
/// history across restarts, the continuation prompt, Ctrl-C, Ctrl-D, UTF-8 names and crash
/// recovery.
///
/// Every test has its own HOME, history file and journal (TERM=xterm, LANG=C.UTF-8), waits
/// for the prompt before typing (keys typed before libedit is in raw mode can be lost), and
/// reads with a timeout; the child is killed (SIGKILL) when a test ends, failed or not.
/// Colour is left on, as a therapist would see it: prompts are matched on their text.
@Suite("ReplPty", .serialized, .timeLimit(.minutes(1)))
struct ReplPtyTests {
    /// Generous: the machine is shared and may be busy building.
    static let timeout: Duration = .seconds(15)

    /// One test's private state: HOME, history and journal in a fresh folder.
    final class Sandbox {
        let dir: URL
        var history: String { dir.appendingPathComponent("state/history").path }
        var journal: String { dir.appendingPathComponent("state/journal").path }

        init(examples: Bool = false) throws { dir = try CareplanBinary.temporaryFolder("pty", examples: examples) }
        deinit { try? FileManager.default.removeItem(at: dir) }

        /// Starts `careplan --today 2026-11-29 [arguments]` in this folder on a new pty; does not
        /// wait. (Through `sh -c 'cd ... && exec ...'`: the same process, in the sandbox.)
        func spawn(_ arguments: [String] = [], cols: UInt16 = 80) throws -> PtySession {
            let command = (["exec", try CareplanBinary.path(), "--today", "2026-11-29"] + arguments).map(Self.quoted).joined(separator: " ")
            return try PtySession(
                executable: "/bin/sh", arguments: ["-c", "cd \(Self.quoted(dir.path)) && \(command)"],
                historyPath: history,
                environment: ["HOME": dir.path, "CAREPLAN_JOURNAL": journal], cols: cols)
        }

        static func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

        /// Starts careplan and waits for its banner and first prompt.
        func start(_ arguments: [String] = [], prompt: String = "careplan>") throws -> PtySession {
            let s = try spawn(arguments)
            do {
                try s.expect(prompt, timeout: ReplPtyTests.timeout)
            } catch {
                s.terminate()
                throw error
            }
            return s
        }
    }

    /// Types a statement (one line) and waits for its confirmation and the next prompt.
    static func enter(_ s: PtySession, _ line: String, expecting confirmation: String, prompt: String) throws {
        try s.send(line + "\r")
        try s.expect(confirmation, timeout: timeout)
        try s.expect(prompt, timeout: timeout)
    }

    /// Ctrl-D on an empty line (only after a prompt is seen); the REPL must exit with 0.
    /// With `unsaved` entries the first Ctrl-D is refused with a warning and a second leaves.
    static func quit(_ s: PtySession, unsaved: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try s.send("\u{4}")
        if unsaved {
            try s.expect("Ctrl-D again leaves", timeout: timeout)
            try s.expect(">", timeout: timeout)
            try s.send("\u{4}")
            try s.expect("unsaved entr", timeout: timeout)
        }
        let status = try s.waitForExit(timeout: timeout)
        #expect(status == 0, sourceLocation: sourceLocation)
    }

    static let planK = "plan k \"Back to cooking\" { discipline OT }"

    @Test func tabCompletesAGoalId() throws {
        let box = try Sandbox()
        let s = try box.start()
        defer { s.terminate() }
        try Self.enter(s, Self.planK, expecting: "plan k created", prompt: "careplan[k]>")
        try Self.enter(s, "goal meals \"Prepare a hot meal\" { occupation iadl }",
                       expecting: "goal meals added to k", prompt: "careplan[k]>")
        try Self.enter(s, "goal medication \"Take medication on time\" { occupation health-management }",
                       expecting: "goal medication added to k", prompt: "careplan[k]>")

        // Two goals start with "me": TAB lists both and the line is drawn again below.
        try s.send("intervention x \"X\" { serves me\t")
        let listing = try s.expect("medication", timeout: Self.timeout)
        #expect(listing.contains("meals"))
        try s.expect("serves me", timeout: Self.timeout)
        // One more letter makes it unique: TAB completes the id and adds a space.
        try s.send("a\t")
        try s.expect("ls ", timeout: Self.timeout)
        try Self.enter(s, "}", expecting: "intervention x added to k (2 goals, 1 intervention)", prompt: "careplan[k]>")
        // The completed text is what the session got.
        try s.send(":show x\r")
        try s.expect("serves meals\r\n", timeout: Self.timeout)
        try s.expect("careplan[k]>", timeout: Self.timeout)
        try Self.quit(s, unsaved: true)
    }

    @Test func historyIsRecalledAfterARestart() throws {
        let box = try Sandbox()
        let first = try box.start()
        defer { first.terminate() }
        try first.send("plan k \"Back to cooking\" {\r")
        try first.expect("...> ", timeout: Self.timeout)
        try Self.enter(first, "  discipline OT }", expecting: "plan k created", prompt: "careplan[k]>")
        try Self.quit(first, unsaved: true)

        // The two-line statement is one history entry.
        let saved = try String(contentsOfFile: box.history, encoding: .utf8)
        #expect(saved.hasPrefix("_HiStOrY_V2_\n"))
        #expect(saved.split(separator: "\n").count == 2)

        // A new process, an empty session (the left one is declined): ↑ brings back the
        // previous session's statement, and Return runs it again.
        let second = try box.spawn()
        defer { second.terminate() }
        try second.expect("Restore it? [Y/n] ", timeout: Self.timeout)
        try second.send("n\r")
        try second.expect("careplan>", timeout: Self.timeout)
        try second.send("\u{1B}[A")
        try second.expect("discipline OT }", timeout: Self.timeout)
        try second.send("\r")
        try second.expect("plan k created (0 goals, 0 interventions)", timeout: Self.timeout)
        try second.expect("careplan[k]>", timeout: Self.timeout)
        try Self.quit(second, unsaved: true)
    }

    @Test func openBraceContinuesOnTheContinuationPrompt() throws {
        let box = try Sandbox()
        let s = try box.start()
        defer { s.terminate() }
        try s.send("plan k \"Back to cooking\" {\r")
        try s.expect("\r\n     ...> ", timeout: Self.timeout)
        try s.send("  discipline OT\r")
        let more = try s.expect("...> ", timeout: Self.timeout)
        #expect(!more.contains("created"))
        try Self.enter(s, "}", expecting: "plan k created (0 goals, 0 interventions)", prompt: "careplan[k]>")
        // With a plan in focus the continuation prompt lines up with the longer prompt.
        try s.send("goal meals \"Prepare a hot meal\" {\r")
        try s.expect("\r\n        ...> ", timeout: Self.timeout)
        try s.send("  occupation iadl\r")
        try s.expect("...> ", timeout: Self.timeout)
        try Self.enter(s, "}", expecting: "goal meals added to k (1 goal, 0 interventions)", prompt: "careplan[k]>")
        try Self.quit(s, unsaved: true)
    }

    @Test func ctrlCCancelsTheStatementAndKeepsTheSession() throws {
        let box = try Sandbox()
        let s = try box.start()
        defer { s.terminate() }
        try Self.enter(s, Self.planK, expecting: "plan k created", prompt: "careplan[k]>")

        // Cancel in the middle of a multi-line statement: all of it is dropped.
        try s.send("goal meals \"Prepare a hot meal\" {\r")
        try s.expect("...> ", timeout: Self.timeout)
        try s.send("  occupation ia")
        try s.expect("occupation ia", timeout: Self.timeout)
        try s.send("\u{3}")
        try s.expect("careplan[k]>", timeout: Self.timeout)
        // Cancel a single line, and on an empty line.
        try s.send("goal half")
        try s.expect("goal half", timeout: Self.timeout)
        try s.send("\u{3}")
        try s.expect("careplan[k]>", timeout: Self.timeout)
        try s.send("\u{3}")
        try s.expect("careplan[k]>", timeout: Self.timeout)

        // The session is still there, without the cancelled goal, and takes the next statement.
        try Self.enter(s, "goal bath \"Take a bath\" { occupation adl }",
                       expecting: "goal bath added to k (1 goal, 0 interventions)", prompt: "careplan[k]>")
        try s.send(":show\r")
        let shown = try s.expect("careplan[k]>", timeout: Self.timeout)
        #expect(shown.contains("goal bath"))
        #expect(!shown.contains("meals"))
        #expect(!shown.contains("half"))
        try Self.quit(s, unsaved: true)
    }

    /// Ctrl-C during a long evaluation stops it; the session is unchanged and goes on.
    @Test func ctrlCInterruptsALongEvaluation() throws {
        let box = try Sandbox()
        // About four million statements: many seconds of work, well inside the run limits.
        let list = "[" + (0..<300).map(String.init).joined(separator: ", ") + "]"
        let body = (0..<45).map { "let x\($0) = a + b" }.joined(separator: "; ")
        let file = box.dir.appendingPathComponent("long.careplan")
        try Data("let l = \(list)\nfor a in l { for b in l { \(body) } }\n".utf8).write(to: file)

        let s = try box.start()
        defer { s.terminate() }
        try Self.enter(s, Self.planK, expecting: "plan k created", prompt: "careplan[k]>")
        try s.send(":load \(file.path)\r")
        // A ^C typed before the REPL leaves raw mode would be read as a key, not a signal:
        // give it time to start evaluating (the work takes far longer than this).
        _ = s.output(after: .seconds(1))
        try s.send("\u{3}")
        try s.expect("interrupted (Ctrl-C)", timeout: Self.timeout)
        try s.expect("not accepted", timeout: Self.timeout)
        try s.expect("careplan[k]>", timeout: Self.timeout)
        try s.send(":show l\r")
        try s.expect("nothing named `l`", timeout: Self.timeout)
        try s.expect("careplan[k]>", timeout: Self.timeout)
        try Self.enter(s, "goal meals \"Prepare a hot meal\" { occupation iadl }",
                       expecting: "goal meals added to k (1 goal, 0 interventions)", prompt: "careplan[k]>")
        try Self.quit(s, unsaved: true)
    }

    /// Ctrl-C during a `:reload` that became long: the reload is refused as interrupted (not
    /// "fix the file"), and the session is as it was.
    @Test func ctrlCInterruptsAReload() throws {
        let box = try Sandbox()
        let file = box.dir.appendingPathComponent("grows.careplan")
        try Data("\(Self.planK)\n".utf8).write(to: file)
        let s = try box.start()
        defer { s.terminate() }
        try Self.enter(s, ":load grows.careplan", expecting: "loaded grows.careplan: k", prompt: "careplan[k]>")
        try Self.enter(s, "goal meals \"Prepare a hot meal\" { occupation iadl }", expecting: "goal meals added to k", prompt: "careplan[k]>")
        let list = "[" + (0..<300).map(String.init).joined(separator: ", ") + "]"
        let body = (0..<45).map { "let x\($0) = a + b" }.joined(separator: "; ")
        try Data("\(Self.planK)\nlet l = \(list)\nfor a in l { for b in l { \(body) } }\n".utf8).write(to: file)
        try s.send(":reload\r")
        _ = s.output(after: .seconds(1))
        try s.send("\u{3}")
        try s.expect("not reloaded: interrupted (Ctrl-C); the session is unchanged", timeout: Self.timeout)
        try s.expect("careplan[k]>", timeout: Self.timeout)
        try s.send(":tree\r")
        let tree = try s.expect("careplan[k]>", timeout: Self.timeout)
        #expect(tree.contains("goal meals: Prepare a hot meal"))
        #expect(!s.transcript.contains("fix the file"))
        try Self.quit(s, unsaved: true)
    }

    /// Ctrl-C during a `:caseload` whose folder holds a long file: the caseload says it was
    /// interrupted and lists no file as having errors (it listed the stopped file as "plan
    /// errors"). The session-level test stops it through the host; this one sends the signal.
    @Test func ctrlCInterruptsACaseload() throws {
        let box = try Sandbox()
        let folder = box.dir.appendingPathComponent("clinic")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let list = "[" + (0..<300).map(String.init).joined(separator: ", ") + "]"
        let body = (0..<45).map { "let x\($0) = a + b" }.joined(separator: "; ")
        try Data("\(Self.planK)\nlet l = \(list)\nfor a in l { for b in l { \(body) } }\n".utf8)
            .write(to: folder.appendingPathComponent("long.careplan"))
        let s = try box.start()
        defer { s.terminate() }
        try s.send(":caseload clinic\r")
        _ = s.output(after: .seconds(1))
        try s.send("\u{3}")
        try s.expect("interrupted (Ctrl-C): the caseload was not read to the end, so nothing is listed", timeout: Self.timeout)
        try s.expect("careplan>", timeout: Self.timeout)
        #expect(!s.transcript.contains("error"), "\(s.transcript)")
        try Self.quit(s, unsaved: false)
    }

    @Test func ctrlDExitsWithStatusZeroAndClosesTheJournalOfASavedSession() throws {
        let box = try Sandbox()
        let s = try box.start()
        defer { s.terminate() }
        try Self.enter(s, Self.planK, expecting: "plan k created", prompt: "careplan[k]>")
        // A rejected statement does not make an interactive session exit non-zero.
        try Self.enter(s, "goal x \"X\" { occupation nowhere }", expecting: "not accepted", prompt: "careplan[k]>")
        try Self.enter(s, ":save k.careplan", expecting: "saved 1 entry to k.careplan", prompt: "careplan[k]>")
        // Saved: one Ctrl-D leaves.
        try Self.quit(s)
        let journal = try #require(try? String(contentsOfFile: box.journal, encoding: .utf8))
        #expect(journal.hasSuffix("#| closed\n"))

        // Nothing to recover after a clean exit: the next start goes straight to the prompt.
        let next = try box.start()
        defer { next.terminate() }
        try Self.quit(next)
        #expect(!next.transcript.contains("Restore"))
    }

    /// Leaving with unsaved changes says so and needs a second Ctrl-D; the journal is kept and
    /// the next start offers the session back. `:quit!` discards it.
    @Test func quitWithUnsavedChangesWarnsAndKeepsTheJournal() throws {
        let box = try Sandbox()
        let s = try box.start()
        defer { s.terminate() }
        try Self.enter(s, Self.planK, expecting: "plan k created", prompt: "careplan[k]>")
        try s.send("\u{4}")
        try s.expect("the session has unsaved changes (1 entry): :save FILE keeps them", timeout: Self.timeout)
        try s.expect("careplan[k]>", timeout: Self.timeout)
        // Still alive. Anything typed in between starts again, and :quit asks too.
        try Self.enter(s, "let x = 1", expecting: "x = 1", prompt: "careplan[k]>")
        try s.send(":quit\r")
        try s.expect("the session has unsaved changes (2 entries)", timeout: Self.timeout)
        try s.expect("careplan[k]>", timeout: Self.timeout)
        try s.send("\u{4}")
        try s.expect("left with 2 unsaved entries; `careplan --recover` brings them back", timeout: Self.timeout)
        #expect(try s.waitForExit(timeout: Self.timeout) == 0)
        let journal = try String(contentsOfFile: box.journal, encoding: .utf8)
        #expect(journal.hasSuffix("#| left\n"))

        let next = try box.spawn()
        defer { next.terminate() }
        try next.expect("The last session was left with unsaved changes (2 entries). Restore it? [Y/n] ", timeout: Self.timeout)
        try next.send("\r")
        try next.expect("recovered 2 entries from the last session", timeout: Self.timeout)
        try next.expect("careplan[k]>", timeout: Self.timeout)
        // :quit! leaves at once and throws the session away.
        try next.send(":quit!\r")
        #expect(try next.waitForExit(timeout: Self.timeout) == 0)
        #expect(try String(contentsOfFile: box.journal, encoding: .utf8).hasSuffix("#| closed\n"))
        let third = try box.start()
        defer { third.terminate() }
        try Self.quit(third)
        #expect(!third.transcript.contains("Restore"))
    }

    /// Ctrl-D on a `...>` line drops the statement being typed; the session goes on.
    @Test func ctrlDOnAContinuationLineCancelsTheStatement() throws {
        let box = try Sandbox()
        let s = try box.start()
        defer { s.terminate() }
        try Self.enter(s, Self.planK, expecting: "plan k created", prompt: "careplan[k]>")
        try s.send("goal meals \"Prepare a hot meal\" {\r")
        try s.expect("...> ", timeout: Self.timeout)
        try s.send("  occupation iadl\r")
        try s.expect("...> ", timeout: Self.timeout)
        try s.send("\u{4}")
        try s.expect("careplan[k]>", timeout: Self.timeout)
        try Self.enter(s, "goal bath \"Take a bath\" { occupation adl }",
                       expecting: "goal bath added to k (1 goal, 0 interventions)", prompt: "careplan[k]>")
        try s.send(":show\r")
        let shown = try s.expect("careplan[k]>", timeout: Self.timeout)
        #expect(shown.contains("goal bath"))
        #expect(!shown.contains("meals"))
        try Self.quit(s, unsaved: true)
    }

    /// A rejected entry has no effects: its `print` prints nothing and its `export` writes no file.
    @Test func rejectedEntryThatPrintsAndExportsDoesNothing() throws {
        let box = try Sandbox(examples: true)
        let s = try box.start()
        defer { s.terminate() }
        try Self.enter(s, ":load examples/stroke-kitchen.careplan", expecting: "loaded examples/stroke-kitchen.careplan",
                       prompt: "careplan[kitchen]>")
        try s.send("print \"side effect\"; intervention zz \"y\" { type training; serves nope }\r")
        let printed = try s.expect("careplan[kitchen]>", timeout: Self.timeout)
        #expect(printed.contains("not accepted: 1 error"))
        #expect(!printed.contains("\nside effect"))
        try s.send("export kitchen as html to \"side.html\"; intervention zz \"y\" { type training; serves nope }\r")
        let exported = try s.expect("careplan[kitchen]>", timeout: Self.timeout)
        #expect(exported.contains("not accepted: 1 error"))
        #expect(!exported.contains("wrote"))
        #expect(!FileManager.default.fileExists(atPath: box.dir.appendingPathComponent("side.html").path))
        try s.send("print \"abc\r")
        let unclosed = try s.expect("careplan[kitchen]>", timeout: Self.timeout)
        #expect(unclosed.contains("not accepted"))
        #expect(!unclosed.contains("\nabc"))
        // Accepted, the same statements act.
        try Self.enter(s, "export kitchen as html to \"side.html\"", expecting: "wrote", prompt: "careplan[kitchen]>")
        #expect(FileManager.default.fileExists(atPath: box.dir.appendingPathComponent("side.html").path))
        try Self.quit(s, unsaved: true)
    }

    /// `:export` refuses to replace a file (`:export!` does) and never writes a `.careplan`.
    @Test func exportOverAnExistingFileIsRefused() throws {
        let box = try Sandbox(examples: true)
        let mine = box.dir.appendingPathComponent("kitchen.html")
        try Data("my notes".utf8).write(to: mine)
        let s = try box.start()
        defer { s.terminate() }
        try Self.enter(s, ":load examples/stroke-kitchen.careplan", expecting: "loaded", prompt: "careplan[kitchen]>")
        try Self.enter(s, ":export html kitchen.html", expecting: "not exported: kitchen.html already exists; :export! html kitchen.html overwrites it",
                       prompt: "careplan[kitchen]>")
        #expect(try String(contentsOf: mine, encoding: .utf8) == "my notes")
        try Self.enter(s, ":export! html examples/stroke-kitchen.careplan", expecting: "exports never write over plan sources",
                       prompt: "careplan[kitchen]>")
        #expect(try String(contentsOf: box.dir.appendingPathComponent("examples/stroke-kitchen.careplan"), encoding: .utf8).hasPrefix("#"))
        try Self.enter(s, ":export! html kitchen.html", expecting: "wrote kitchen.html", prompt: "careplan[kitchen]>")
        #expect(try String(contentsOf: mine, encoding: .utf8).contains("<html"))
        try Self.quit(s, unsaved: true)
    }

    /// `:edit` puts the goal on the line as text; the edited line replaces it in place.
    @Test func editBringsAGoalBackToTheLine() throws {
        let box = try Sandbox()
        let s = try box.start()
        defer { s.terminate() }
        try Self.enter(s, Self.planK, expecting: "plan k created", prompt: "careplan[k]>")
        try Self.enter(s, "goal meals \"Hot meal\" { occupation iadl }", expecting: "goal meals added", prompt: "careplan[k]>")
        try Self.enter(s, "goal bath \"Take a bath\" { occupation adl }", expecting: "goal bath added", prompt: "careplan[k]>")
        try s.send(":edit meals\r")
        try s.expect("editing goal `meals`", timeout: Self.timeout)
        // The text is on the new line, ready to change: Ctrl-E to the end, remove ` }`, add a field.
        try s.expect("careplan[k]:edit meals>", timeout: Self.timeout)
        try s.expect("goal meals \"Hot meal\" { occupation iadl }", timeout: Self.timeout)
        try s.send("\u{5}\u{7F}\u{7F}; assist from moderate to independent }\r")
        try s.expect("goal meals replaced in k (2 goals, 0 interventions)", timeout: Self.timeout)
        try s.expect("careplan[k]>", timeout: Self.timeout)
        try s.send(":show\r")
        let shown = try s.expect("careplan[k]>", timeout: Self.timeout)
        #expect(shown.contains("assist from moderate to independent"))
        // In place: meals is still before bath.
        let meals = try #require(shown.range(of: "goal meals")), bath = try #require(shown.range(of: "goal bath"))
        #expect(meals.lowerBound < bath.lowerBound)
        try Self.enter(s, ":undo", expecting: "undone the edit of `meals`; 3 statements in the session", prompt: "careplan[k]>")
        try Self.quit(s, unsaved: true)
    }

    /// A closed terminal (SIGHUP) ends the REPL at once, and `--recover` started straight
    /// after finds the journal.
    @Test func recoverRightAfterAClosedTerminal() throws {
        let box = try Sandbox()
        let first = try box.start()
        defer { first.terminate() }
        try Self.enter(first, Self.planK, expecting: "plan k created", prompt: "careplan[k]>")
        kill(first.pid, SIGHUP)
        // Not waited for: the old process may not even be reaped yet when this one looks.
        let second = try box.start(["--recover"], prompt: "careplan[k]>")
        defer { second.terminate() }
        #expect(second.transcript.contains("recovered 1 entry from the last session"))
        // SIGHUP left at once (status 129), without marking the journal closed.
        #expect(try first.waitForExit(timeout: Self.timeout) == 129)
        try Self.quit(second, unsaved: true)
    }

    /// The banner's `:load` hint names a file that exists from wherever careplan starts.
    @Test func bannerLoadHintWorksFromAnyFolder() throws {
        let box = try Sandbox()
        let s = try box.spawn()
        defer { s.terminate() }
        try s.expect("type :help, or :load ", timeout: Self.timeout)
        let path = try s.expect("\r\n", timeout: Self.timeout).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(path.hasPrefix("/") && path.hasSuffix("/stroke-kitchen.careplan"))
        #expect(FileManager.default.fileExists(atPath: path))
        try s.expect("careplan>", timeout: Self.timeout)
        try Self.enter(s, ":load \(path)", expecting: "loaded", prompt: "careplan[kitchen]>")
        try Self.quit(s, unsaved: true)

        let withExamples = try Sandbox(examples: true)
        let t = try withExamples.start()
        defer { t.terminate() }
        #expect(t.transcript.contains("type :help, or :load examples/stroke-kitchen.careplan\r\n"))
        try Self.quit(t)
    }

    /// Side journals (`journal.PID`) of processes that are gone do not pile up: the newest
    /// unfinished one is offered and then removed, cleanly closed ones are removed on sight.
    @Test func staleSideJournalsAreCleanedUpOnceOffered() throws {
        let box = try Sandbox()
        let state = URL(fileURLWithPath: box.journal).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        // Process ids above the kernel's pid_max (4194304) are never alive.
        let closed = state.appendingPathComponent("journal.9999901"), lost = state.appendingPathComponent("journal.9999902")
        try Data("#| careplan journal 1\n#| pid 9999901\n#| statement\nlet a = 1\n#| closed\n".utf8).write(to: closed)
        try Data("#| careplan journal 1\n#| pid 9999902\n#| statement\nlet b = 2\n".utf8).write(to: lost)
        let s = try box.spawn()
        defer { s.terminate() }
        try s.expect("The last session ended unexpectedly (1 entry). Restore it? [Y/n] ", timeout: Self.timeout)
        try s.send("n\r")
        try s.expect("careplan>", timeout: Self.timeout)
        #expect(!FileManager.default.fileExists(atPath: closed.path))
        #expect(!FileManager.default.fileExists(atPath: lost.path))
        try Self.quit(s)
    }

    /// Two REPLs that both crashed (repl-1dec item 3): the next start offered only the newest
    /// journal and deleted the other on either answer. Now each is offered in turn, newest
    /// first; restoring one keeps the other for the next start, declining one offers the next.
    static func twoCrashedJournals(_ box: Sandbox) throws -> (alpha: URL, beta: URL) {
        let state = URL(fileURLWithPath: box.journal).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        // Process ids above the kernel's pid_max (4194304) are never alive.
        let alpha = URL(fileURLWithPath: box.journal), beta = state.appendingPathComponent("journal.9999904")
        try Data("#| careplan journal 1\n#| pid 9999903\n#| statement\nplan alpha \"Alpha session\" { discipline OT }\n".utf8).write(to: alpha)
        try Data("#| careplan journal 1\n#| pid 9999904\n#| statement\nplan beta \"Beta session\" { discipline OT }\n".utf8).write(to: beta)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-120)], ofItemAtPath: alpha.path)
        return (alpha, beta)
    }

    @Test func everyCrashedSessionIsOfferedAndNoneIsDeletedUnoffered() throws {
        let box = try Sandbox()
        let (alpha, beta) = try Self.twoCrashedJournals(box)
        let alphaText = try String(contentsOf: alpha, encoding: .utf8)
        let s = try box.spawn()
        defer { s.terminate() }
        try s.expect("2 earlier sessions were not finished; each is offered in turn, newest first.", timeout: Self.timeout)
        try s.expect("Session 1 of 2 ended unexpectedly (1 entry, last written ", timeout: Self.timeout)
        try s.expect(", starting `plan beta \"Beta session\" { discipline O…`). Restore it? [Y/n] ", timeout: Self.timeout)
        try s.send("y\r")
        try s.expect("1 other unfinished session is kept: the next start offers it (or `careplan --recover`)", timeout: Self.timeout)
        try s.expect("recovered 1 entry from the last session", timeout: Self.timeout)
        try s.expect("careplan[beta]>", timeout: Self.timeout)
        // Alpha's journal is untouched while this session runs (it journals beside it).
        #expect(try String(contentsOf: alpha, encoding: .utf8) == alphaText)
        try s.send(":quit!\r")
        #expect(try s.waitForExit(timeout: Self.timeout) == 0)
        #expect(try String(contentsOf: alpha, encoding: .utf8) == alphaText)
        #expect(!FileManager.default.fileExists(atPath: beta.path))

        // The next start offers alpha.
        let next = try box.spawn()
        defer { next.terminate() }
        try next.expect("The last session ended unexpectedly (1 entry). Restore it? [Y/n] ", timeout: Self.timeout)
        try next.send("\r")
        try next.expect("careplan[alpha]>", timeout: Self.timeout)
        try next.send(":quit!\r")
        #expect(try next.waitForExit(timeout: Self.timeout) == 0)
    }

    @Test func decliningTheNewestCrashedSessionOffersTheNext() throws {
        let box = try Sandbox()
        let (_, beta) = try Self.twoCrashedJournals(box)
        let s = try box.spawn()
        defer { s.terminate() }
        try s.expect("Session 1 of 2 ended unexpectedly (1 entry", timeout: Self.timeout)
        try s.expect("Restore it? [Y/n] ", timeout: Self.timeout)
        try s.send("n\r")
        try s.expect("Session 2 of 2 ended unexpectedly (1 entry", timeout: Self.timeout)
        try s.expect(", starting `plan alpha \"Alpha session\" { discipline…`). Restore it? [Y/n] ", timeout: Self.timeout)
        try s.send("y\r")
        try s.expect("recovered 1 entry from the last session", timeout: Self.timeout)
        try s.expect("careplan[alpha]>", timeout: Self.timeout)
        // The declined one is gone: it was offered and refused.
        #expect(!FileManager.default.fileExists(atPath: beta.path))
        try s.send(":quit!\r")
        #expect(try s.waitForExit(timeout: Self.timeout) == 0)
    }

    /// Recovery (repl-1dec item 4) used to start the new journal first: Ctrl-C during a long
    /// replay left a journal with nothing in it. Now the replay shows where it is, and the old
    /// journal stays as it was until the replay is done; the next start offers it again.
    @Test func ctrlCDuringALongReplayKeepsTheJournal() throws {
        let box = try Sandbox()
        let list = "[" + (0..<300).map(String.init).joined(separator: ", ") + "]"
        let body = (0..<45).map { "let x\($0) = a + b" }.joined(separator: "; ")
        let long = box.dir.appendingPathComponent("long.careplan")
        try Data("let l = \(list)\nfor a in l { for b in l { \(body) } }\n".utf8).write(to: long)
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: box.journal).deletingLastPathComponent(), withIntermediateDirectories: true)
        let journal = "#| careplan journal 1\n#| pid 9999905\n#| statement\n\(Self.planK)\n#| load \(long.path)\n"
            + "#| statement\ngoal precious \"Important typed goal\" { occupation adl }\n"
        try Data(journal.utf8).write(to: URL(fileURLWithPath: box.journal))
        let s = try box.spawn()
        defer { s.terminate() }
        try s.expect("The last session ended unexpectedly (3 entries). Restore it? [Y/n] ", timeout: Self.timeout)
        try s.send("\r")
        try s.expect("restoring 2 of 3: :load long.careplan (Ctrl-C stops; the journal is kept)", timeout: Self.timeout)
        // A REPL started meanwhile sees the journal held: it does not offer the same session.
        let other = try box.start()
        defer { other.terminate() }
        #expect(!other.transcript.contains("Restore"))
        try Self.quit(other)
        try s.send("\u{3}")
        try s.expect("interrupted: nothing was lost; the last session's journal is kept as it was", timeout: Self.timeout)
        #expect(try s.waitForExit(timeout: Self.timeout) == 130)
        // The same records; only the pid line is the replaying process's (it held the journal).
        let after = try String(contentsOfFile: box.journal, encoding: .utf8)
        #expect(after.replacingOccurrences(of: #"#\| pid \d+\n"#, with: "#| pid 9999905\n", options: .regularExpression) == journal)
        #expect(!after.contains("9999905"))

        let next = try box.spawn()
        defer { next.terminate() }
        try next.expect("The last session ended unexpectedly (3 entries). Restore it? [Y/n] ", timeout: Self.timeout)
        try next.send("n\r")
        try next.expect("careplan>", timeout: Self.timeout)
        try Self.quit(next)
    }

    /// Entries that cannot be replayed (the loaded file gained a mistake after the crash) are
    /// kept in a file the user is told about; the journal goes on with the rest.
    @Test func entriesThatFailToReplayAreKeptInAFile() throws {
        let box = try Sandbox()
        let rl = box.dir.appendingPathComponent("rl.careplan")
        try Data("plan rl \"R\" { discipline OT }\ngoal fromfile \"x\" { occupation adll }\n".utf8).write(to: rl)
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: box.journal).deletingLastPathComponent(), withIntermediateDirectories: true)
        let journal = "#| careplan journal 1\n#| pid 9999906\n#| load \(rl.path)\n#| statement\ngoal typed1 \"Shower\" { occupation adl }\n"
            + "#| statement\n\(Self.planK)\n"
        try Data(journal.utf8).write(to: URL(fileURLWithPath: box.journal))
        let s = try box.spawn()
        defer { s.terminate() }
        try s.expect("Restore it? [Y/n] ", timeout: Self.timeout)
        try s.send("y\r")
        let kept = box.journal + "-unreplayed.careplan"
        try s.expect("recovered 1 entry from the last session; 2 could not be replayed: `:load rl.careplan`, "
                     + "`goal typed1 \"Shower\" { occupation adl }`; they are kept in \(kept)", timeout: Self.timeout)
        try s.expect("careplan[k]>", timeout: Self.timeout)
        let text = try String(contentsOfFile: kept, encoding: .utf8)
        #expect(text.contains("# :load \(rl.path)\ngoal typed1 \"Shower\" { occupation adl }\n"))
        // The journal now rebuilds the session as it is: the plan, not the failed entries.
        let rewritten = try String(contentsOfFile: box.journal, encoding: .utf8)
        #expect(rewritten.hasSuffix("\n#| statement\n\(Self.planK)\n"))
        #expect(!rewritten.contains("typed1") && !rewritten.contains("#| load") && !rewritten.contains("9999906"))
        try Self.quit(s, unsaved: true)
    }

    @Test func utf8ClientNameRoundTrips() throws {
        let box = try Sandbox()
        let s = try box.start()
        defer { s.terminate() }
        try Self.enter(s, Self.planK, expecting: "plan k created", prompt: "careplan[k]>")
        try Self.enter(s, "client \"Zoë Müller\"", expecting: "plan k updated: client", prompt: "careplan[k]>")
        // Editing works on characters: two backspaces remove "ë" and "x", not bytes.
        try s.send("clinician \"Zoëx" + "\u{7F}\u{7F}" + "ë Brandt\"\r")
        try s.expect("plan k updated: clinician", timeout: Self.timeout)
        try s.expect("careplan[k]>", timeout: Self.timeout)
        try s.send(":show\r")
        try s.expect("client \"Zoë Müller\"\r\n", timeout: Self.timeout)
        try s.expect("clinician \"Zoë Brandt\"\r\n", timeout: Self.timeout)
        try s.expect("careplan[k]>", timeout: Self.timeout)
        try s.send("print k.client\r")
        try s.expect("Zoë Müller\r\n", timeout: Self.timeout)
        try s.expect("careplan[k]>", timeout: Self.timeout)
        try Self.quit(s, unsaved: true)
        // libedit's history format escapes spaces (\040) but keeps UTF-8 as is.
        let history = try String(contentsOfFile: box.history, encoding: .utf8)
        #expect(history.contains("client\\040\"Zoë\\040Müller\""))
    }

    @Test func killedSessionIsRecoveredWithRecover() throws {
        let box = try Sandbox()
        let first = try box.start()
        defer { first.terminate() }
        try Self.enter(first, Self.planK, expecting: "plan k created", prompt: "careplan[k]>")
        try Self.enter(first, "client \"Zoë Müller\"", expecting: "plan k updated: client", prompt: "careplan[k]>")
        try first.send("goal meals \"Half typed")  // never entered
        try first.expect("Half typed", timeout: Self.timeout)
        // The terminal dies: SIGKILL, no chance to clean up.
        first.terminate()

        let second = try box.start(["--recover"], prompt: "careplan[k]>")
        defer { second.terminate() }
        #expect(second.transcript.contains("recovered 2 entries from the last session"))
        try second.send(":show\r")
        let shown = try second.expect("careplan[k]>", timeout: Self.timeout)
        #expect(shown.contains("plan k \"Back to cooking\" {"))
        #expect(shown.contains("client \"Zoë Müller\""))
        #expect(!shown.contains("Half typed"))
        // The recovered session goes on, and undo reaches back into it.
        try Self.enter(second, ":undo", expecting: "undone `client \"Zoë Müller\"`; 1 statement in the session", prompt: "careplan[k]>")
        try Self.quit(second, unsaved: true)
    }

    @Test func nextStartOffersToRestoreAKilledSession() throws {
        let box = try Sandbox()
        let first = try box.start()
        defer { first.terminate() }
        try Self.enter(first, Self.planK, expecting: "plan k created", prompt: "careplan[k]>")
        try Self.enter(first, "goal meals \"Prepare a hot meal\" { occupation iadl }",
                       expecting: "goal meals added to k", prompt: "careplan[k]>")
        try Self.enter(first, "goal typo \"Typo\" { occupation adl }", expecting: "goal typo added to k", prompt: "careplan[k]>")
        try Self.enter(first, ":undo", expecting: "undone `goal typo", prompt: "careplan[k]>")
        first.terminate()

        // Without --recover the REPL asks first; Return alone restores.
        let second = try box.spawn()
        defer { second.terminate() }
        try second.expect("The last session ended unexpectedly (2 entries). Restore it? [Y/n] ", timeout: Self.timeout)
        try second.send("\r")
        try second.expect("recovered 2 entries from the last session", timeout: Self.timeout)
        try second.expect("careplan[k]>", timeout: Self.timeout)
        try second.send(":tree\r")
        let tree = try second.expect("careplan[k]>", timeout: Self.timeout)
        #expect(tree.contains("goal meals: Prepare a hot meal"))
        #expect(!tree.contains("typo"))
        second.terminate()

        // Killed again: still recoverable, because the restored entries were journalled anew.
        // Answering "n" starts an empty session.
        let third = try box.spawn()
        defer { third.terminate() }
        try third.expect("Restore it? [Y/n] ", timeout: Self.timeout)
        try third.send("n\r")
        try third.expect("careplan>", timeout: Self.timeout)
        try third.send(":show\r")
        try third.expect("no plan yet", timeout: Self.timeout)
        try third.expect("careplan>", timeout: Self.timeout)
        try Self.quit(third)
    }
}
