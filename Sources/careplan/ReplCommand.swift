import ArgumentParser
import CarePlanKit
import Foundation
import LineEditor

/// `careplan` / `careplan repl`: the interactive REPL on libedit. All session logic is in
/// `ReplSession` (library); this is the terminal loop around it.
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Start the interactive REPL (the default when no subcommand is given).",
        discussion: """
            History: $CAREPLAN_HISTORY, else $XDG_STATE_HOME/careplan/history, else ~/.careplan_history.
            Every accepted statement is journalled ($CAREPLAN_JOURNAL, else beside the history) so
            that `careplan --recover` restores a session lost to a crash or a closed terminal.
            With standard input not a terminal, statements are read like a script: no prompts,
            no colour, exit status 1 if any statement was rejected.
            """)

    @Flag(name: .long, help: "Restore the last session if it did not end with :quit or Ctrl-D.")
    var recover = false

    @Option(name: .long, help: "The date to treat as today (YYYY-MM-DD).")
    var today: String?

    @Option(name: .long, help: "Load this file before the first prompt.")
    var load: String?

    static func stateFile(_ name: String, env: String, fallback: String) -> String {
        let e = ProcessInfo.processInfo.environment
        if let p = e[env], !p.isEmpty { return p }
        if let xdg = e["XDG_STATE_HOME"], !xdg.isEmpty { return xdg + "/careplan/" + name }
        return NSHomeDirectory() + "/" + fallback
    }

    func run() throws {
        let todayDate = try CommonOptions.resolveToday(today)
        let historyPath = Self.stateFile("history", env: "CAREPLAN_HISTORY", fallback: ".careplan_history")
        let primaryJournal = Self.stateFile("journal", env: "CAREPLAN_JOURNAL", fallback: ".careplan_journal")
        // A second REPL running at the same time keeps its own journal beside the first one's.
        let journals = Self.journalFiles(primary: primaryJournal)
        let recoverable = journals.filter { !SessionJournal.isHeldByLiveProcess(path: $0) }
        let journalPath = SessionJournal.isHeldByLiveProcess(path: primaryJournal)
            ? primaryJournal + ".\(getpid())" : primaryJournal
        let editor = LineEditor(programName: "careplan", historyPath: historyPath)
        let interactive = editor.isInteractive
        let color = interactive && Terminal.wantsColor(fd: 1)
        let host = Host(today: todayDate, print: { printOut($0 + "\n") })
        let session = ReplSession(host: host, color: color)
        session.interactive = interactive

        // A journal left open by a process that is gone means that session did not end
        // cleanly; the most recent such journal is offered.
        let lost = recoverable.compactMap { path in SessionJournal.read(path: path).map { (path, $0) } }
            .filter { !$0.1.closed && !$0.1.records.isEmpty }
            .max { Self.modified($0.0) < Self.modified($1.0) }
        let previous = lost?.1
        var restore = false
        if let previous, !previous.closed, !previous.records.isEmpty {
            if recover {
                restore = true
            } else if interactive {
                // Restoring is the default: a reflexive Return must not throw the work away
                // (the journal is started afresh below), and a restored session can be :reset.
                let count = SessionJournal.entryCount(previous.records)
                printOut("The last session ended unexpectedly (\(count) entr\(count == 1 ? "y" : "ies")). Restore it? [Y/n] ")
                restore = !(readLine() ?? "").trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("n")
            }
        } else if recover {
            printError("careplan: no unfinished session to recover\n")
        }
        // Piped input is already on disk, so it is not journalled; starting a journal would
        // also replace the unfinished interactive session a later `--recover` should restore.
        // Typed input is, even when the output goes to a pipe (`careplan | tee session.log`).
        let journal = SessionJournal(path: journalPath)
        if isatty(STDIN_FILENO) == 1 || recover {
            do { try journal.start() } catch {
                printError("careplan: cannot write the session journal \(journalPath): \(error.localizedDescription)\n")
            }
            session.journal = journal
        }
        if restore, let previous { printOut(session.recover(previous.records)) }
        // A recovered side journal (from a second REPL) has been replayed into this session's.
        if restore, let path = lost?.0, path != journalPath { try? FileManager.default.removeItem(atPath: path) }

        if interactive {
            printOut("careplan \(CarePlanVersion.string) — type :help, or :load examples/stroke-kitchen.careplan\n")
        }
        editor.completer = { line, cursor in
            let c = session.completions(line: line, cursor: cursor)
            return Completion(replaceLength: c.replaceLength, candidates: c.candidates)
        }
        // Ctrl-C while a statement runs stops it; while editing, libedit handles ^C itself.
        signal(SIGINT) { _ in Interrupt.request() }

        var failed = false
        if let load {
            failed = !show(session.submit(":load \(load)"), color: color)
        }
        loop: while true {
            switch editor.readStatement(prompt: session.prompt, continuationPrompt: session.continuationPrompt,
                                        isComplete: ReplSession.isComplete) {
            case .endOfFile:
                if interactive { printOut("\n") }
                break loop
            case .cancelled:
                continue
            case .input(let text):
                Interrupt.clear()
                let response = session.submit(text)
                if !show(response, color: color) { failed = true }
                if response.quit { break loop }
            }
        }
        journal.close()
        // A side journal that ended cleanly has nothing left to offer.
        if journalPath != primaryJournal { try? FileManager.default.removeItem(atPath: journalPath) }
        if !interactive && failed { throw ExitCode(Exit.planErrors) }
    }

    /// The primary journal and the side journals of concurrent sessions (`journal.PID`).
    static func journalFiles(primary: String) -> [String] {
        let dir = (primary as NSString).deletingLastPathComponent
        let name = (primary as NSString).lastPathComponent
        let siblings = ((try? FileManager.default.contentsOfDirectory(atPath: dir.isEmpty ? "." : dir)) ?? [])
            .filter { $0.hasPrefix(name + ".") && Int($0.dropFirst(name.count + 1)) != nil }
            .map { (dir as NSString).appendingPathComponent($0) }
        return [primary] + siblings.sorted()
    }

    static func modified(_ path: String) -> Date {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date) ?? .distantPast
    }

    /// Prints a response; returns false if it reported errors or was rejected.
    func show(_ r: ReplSession.Response, color: Bool) -> Bool {
        let diagnostics = r.diagnostics.isEmpty ? "" : DiagnosticRenderer.render(r.diagnostics, color: color, summary: false)
        // A confirmation comes before the warnings it brought; a refusal after the errors
        // that explain it.
        if r.accepted {
            if !r.output.isEmpty { printOut(r.output) }
            if !diagnostics.isEmpty { printError(diagnostics) }
        } else {
            if !diagnostics.isEmpty { printError(diagnostics) }
            if !r.output.isEmpty { printOut(r.output) }
        }
        return r.accepted && !r.diagnostics.hasErrors
    }
}
