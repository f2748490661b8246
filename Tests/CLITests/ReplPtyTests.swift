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

        init() throws { dir = try CareplanBinary.temporaryFolder("pty") }
        deinit { try? FileManager.default.removeItem(at: dir) }

        /// Starts `careplan --today 2026-11-29 [arguments]` on a new pty; does not wait.
        func spawn(_ arguments: [String] = []) throws -> PtySession {
            try PtySession(
                executable: try CareplanBinary.path(), arguments: ["--today", "2026-11-29"] + arguments,
                historyPath: history,
                environment: ["HOME": dir.path, "CAREPLAN_JOURNAL": journal])
        }

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
    static func quit(_ s: PtySession, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try s.send("\u{4}")
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
        try Self.quit(s)
    }

    @Test func historyIsRecalledAfterARestart() throws {
        let box = try Sandbox()
        let first = try box.start()
        defer { first.terminate() }
        try first.send("plan k \"Back to cooking\" {\r")
        try first.expect("...> ", timeout: Self.timeout)
        try Self.enter(first, "  discipline OT }", expecting: "plan k created", prompt: "careplan[k]>")
        try Self.quit(first)

        // The two-line statement is one history entry.
        let saved = try String(contentsOfFile: box.history, encoding: .utf8)
        #expect(saved.hasPrefix("_HiStOrY_V2_\n"))
        #expect(saved.split(separator: "\n").count == 2)

        // A new process, an empty session: ↑ brings back the previous session's statement,
        // and Return runs it again.
        let second = try box.start()
        defer { second.terminate() }
        try second.send("\u{1B}[A")
        try second.expect("discipline OT }", timeout: Self.timeout)
        try second.send("\r")
        try second.expect("plan k created (0 goals, 0 interventions)", timeout: Self.timeout)
        try second.expect("careplan[k]>", timeout: Self.timeout)
        try Self.quit(second)
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
        try Self.quit(s)
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
        try Self.quit(s)
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
        try Self.quit(s)
    }

    @Test func ctrlDExitsWithStatusZeroAndClosesTheJournal() throws {
        let box = try Sandbox()
        let s = try box.start()
        defer { s.terminate() }
        try Self.enter(s, Self.planK, expecting: "plan k created", prompt: "careplan[k]>")
        // A rejected statement does not make an interactive session exit non-zero.
        try Self.enter(s, "goal x \"X\" { occupation nowhere }", expecting: "not accepted", prompt: "careplan[k]>")
        try Self.quit(s)
        let journal = try #require(try? String(contentsOfFile: box.journal, encoding: .utf8))
        #expect(journal.hasSuffix("#| closed\n"))

        // Nothing to recover after a clean exit: the next start goes straight to the prompt.
        let next = try box.start()
        defer { next.terminate() }
        try Self.quit(next)
        #expect(!next.transcript.contains("Restore"))
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
        try Self.quit(s)
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
        try Self.quit(second)
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
