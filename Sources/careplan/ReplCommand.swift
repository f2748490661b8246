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
            that `careplan --recover` restores a session lost to a crash or a closed terminal, or
            left with unsaved changes (leaving asks first; :quit! discards).
            With standard input not a terminal, statements are read like a script: no prompts,
            no colour, exit status 1 if any statement was rejected.
            """)

    @Flag(name: .long, help: "Restore the last session if it ended unexpectedly or was left with unsaved changes.")
    var recover = false

    @Option(name: .long, help: "The date to treat as today (YYYY-MM-DD).")
    var today: String?

    @Option(name: .long, help: "Load this file before the first prompt.")
    var load: String?

    @Option(name: .long, help: "Show at most this many errors (and as many warnings) per statement; 0 shows all.")
    var errorLimit: Int = DiagnosticRenderer.defaultErrorLimit

    /// Where a state file (history, journal, lessons' progress) lives: its own variable, else
    /// $XDG_STATE_HOME, else the home folder as $HOME sets it (not the account's, which
    /// `NSHomeDirectory()` reads from the password database, so a learner or a test that sets
    /// HOME would still write to the account's folder).
    static func stateFile(_ name: String, env: String, fallback: String) -> String {
        let e = ProcessInfo.processInfo.environment
        if let p = e[env], !p.isEmpty { return p }
        if let xdg = e["XDG_STATE_HOME"], !xdg.isEmpty { return xdg + "/careplan/" + name }
        return Self.homeDirectory() + "/" + fallback
    }

    /// $HOME when set, else the account's home folder.
    static func homeDirectory() -> String {
        if let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty { return home }
        return NSHomeDirectory()
    }

    func run() throws {
        let todayDate = try CommonOptions.resolveToday(today)
        let historyPath = Self.stateFile("history", env: "CAREPLAN_HISTORY", fallback: ".careplan_history")
        let primaryJournal = Self.stateFile("journal", env: "CAREPLAN_JOURNAL", fallback: ".careplan_journal")
        // A second REPL running at the same time keeps its own journal beside the first one's.
        var journals = Self.journalFiles(primary: primaryJournal)
        // `--recover` typed right after a terminal was closed: the old process may still be
        // exiting and holding its journal. Give it a moment rather than report nothing to recover.
        if recover && SessionJournal.unfinished(journals).isEmpty {
            let deadline = Date().addingTimeInterval(2)
            while Date() < deadline && journals.contains(where: { SessionJournal.isHeldByLiveProcess(path: $0) })
                    && SessionJournal.unfinished(journals).isEmpty {
                usleep(50_000)
            }
            journals = Self.journalFiles(primary: primaryJournal)
        }
        let recoverable = journals.filter { !SessionJournal.isHeldByLiveProcess(path: $0) }
        let editor = LineEditor(programName: "careplan", historyPath: historyPath)
        let interactive = editor.isInteractive
        let color = interactive && Terminal.wantsColor(fd: 1)
        let host = ScriptHost(today: todayDate, services: .standard, print: { printOut($0 + "\n") })
        let session = ReplSession(host: host, color: color)
        session.interactive = interactive
        // Piped statements are named by their line in the input, as a compiler would.
        if !interactive { session.inputName = "<stdin>" }

        // A journal left open by a process that is gone means that session did not end
        // cleanly, or was left with unsaved changes. Two REPLs that both crashed leave two:
        // each is offered in turn, newest first, until one is restored; one is deleted only
        // when its offer is declined, and those not offered yet stay for the next start.
        let lost = recoverable.compactMap { path in SessionJournal.read(path: path).map { (path: path, journal: $0) } }
            .filter { !$0.journal.closed && !$0.journal.records.isEmpty }
            .sorted { Self.modified($0.path) > Self.modified($1.path) }
        var chosen: (path: String, journal: (records: [SessionJournal.Record], closed: Bool, left: Bool))?
        var declined: [String] = []
        if recover {
            chosen = lost.first
            if lost.isEmpty { printError("careplan: no unfinished session to recover\n") }
        } else if interactive {
            if lost.count > 1 { printOut("\(lost.count) earlier sessions were not finished; each is offered in turn, newest first.\n") }
            for (k, candidate) in lost.enumerated() {
                // Restoring is the default: a reflexive Return must not throw the work away,
                // and a restored session can be :reset.
                let count = SessionJournal.entryCount(candidate.journal.records)
                var about = "\(count) entr\(count == 1 ? "y" : "ies")"
                if lost.count > 1 {
                    about += ", last written \(Self.clock(Self.modified(candidate.path)))"
                    if let first = SessionJournal.firstLine(candidate.journal.records) { about += ", starting `\(first)`" }
                }
                let which = lost.count > 1 ? "Session \(k + 1) of \(lost.count)" : "The last session"
                printOut(candidate.journal.left
                    ? "\(which) was left with unsaved changes (\(about)). Restore it? [Y/n] "
                    : "\(which) ended unexpectedly (\(about)). Restore it? [Y/n] ")
                if (readLine() ?? "").trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("n") {
                    declined.append(candidate.path)
                } else {
                    chosen = candidate
                    break
                }
            }
        }
        let offered = Set(declined + (chosen.map { [$0.path] } ?? []))
        let waiting = lost.map(\.path).filter { !offered.contains($0) }
        if chosen != nil && !waiting.isEmpty {
            printOut("\(waiting.count) other unfinished session\(waiting.count == 1 ? " is" : "s are") kept: the next start offers "
                     + "\(waiting.count == 1 ? "it" : "them") (or `careplan --recover`)\n")
        }
        // This session's journal: the primary one, unless another live REPL holds it or it is an
        // unfinished session not offered yet; then a side journal of its own.
        let primaryBusy = SessionJournal.isHeldByLiveProcess(path: primaryJournal) || waiting.contains(primaryJournal)
        // A restored session goes on in the journal it came from; it is replaced only once the
        // replay is done (see below).
        var journalPath = chosen?.path ?? (primaryBusy ? primaryJournal + ".\(getpid())" : primaryJournal)
        for path in declined where path != journalPath { try? FileManager.default.removeItem(atPath: path) }
        // Piped input is already on disk, so it is not journalled; starting a journal would
        // also replace the unfinished interactive session a later `--recover` should restore.
        // Typed input is, even when the output goes to a pipe (`careplan | tee session.log`).
        let journalled = isatty(STDIN_FILENO) == 1 || recover
        var journal = SessionJournal(path: journalPath)
        if let chosen {
            // The old journal keeps its records while they are replayed: Ctrl-C, a crash or a
            // closed terminal during a long replay leaves them for the next start. It only takes
            // this process's id (rewritten whole beside it and renamed over it), so that a REPL
            // started meanwhile sees it held and does not restore the same session a second time.
            if journalled { journal.restart(with: chosen.journal.records) }
            _ = ReplCommand.replayInterrupted.count  // initialised here, not in the handler
            signal(SIGINT) { _ in
                ReplCommand.replayInterrupted.withUnsafeBufferPointer { _ = write(2, $0.baseAddress, $0.count) }
                _exit(130)
            }
            let progress = interactive && isatty(STDERR_FILENO) == 1
            let recovery = session.replay(chosen.journal.records) { done, total, what in
                guard progress else { return }
                printError("\r\u{1B}[Krestoring \(done + 1) of \(total): \(what) (Ctrl-C stops; the journal is kept)")
            }
            if progress { printError("\r\u{1B}[K") }
            signal(SIGINT, SIG_DFL)
            var summary = recovery.summary
            // Entries that could not be replayed are kept in a file the user is told about
            // before the journal is rewritten without them.
            var keptFailed = recovery.failed.isEmpty
            if !recovery.failed.isEmpty,
               let side = SessionJournal.keepUnreplayed(recovery.failed, journal: primaryJournal, today: todayDate.description) {
                keptFailed = true
                summary = String(summary.dropLast()) + "; \(recovery.failed.count == 1 ? "it is" : "they are") kept in \(side)\n"
            }
            printOut(summary)
            if journalled {
                if !keptFailed {
                    // Nowhere to keep them: the old journal stays whole, and this session
                    // journals beside it.
                    journalPath = primaryJournal + ".\(getpid())"
                    journal = SessionJournal(path: journalPath)
                    printError("careplan: the entries that could not be replayed are still in \(chosen.path)\n")
                }
                if !journal.restart(with: recovery.kept) {
                    printError("careplan: cannot write the session journal \(journalPath)\n")
                }
                session.journal = journal
            }
        } else if journalled {
            do { try journal.start() } catch {
                printError("careplan: cannot write the session journal \(journalPath): \(error.localizedDescription)\n")
            }
            session.journal = journal
        }
        // Side journals (`journal.PID`) of processes that are gone and that ended cleanly (or hold
        // nothing) are removed: they used to pile up. Unfinished ones not offered yet stay for a
        // later start to offer; declined ones went above.
        for path in recoverable where path != journalPath && path != primaryJournal {
            let ended = SessionJournal.read(path: path).map { $0.closed || $0.records.isEmpty } ?? true
            if ended { try? FileManager.default.removeItem(atPath: path) }
        }

        if interactive {
            printOut("careplan \(CarePlanVersion.string) — type :help, or \(Self.exampleHint())\n")
        }
        editor.completer = { line, cursor in
            let c = session.completions(line: line, cursor: cursor, earlierLines: editor.pendingLines)
            return Completion(replaceLength: c.replaceLength, candidates: c.candidates, appendsSpace: c.appendsSpace)
        }
        // Ctrl-C while a statement runs stops it; while editing, libedit handles ^C itself.
        signal(SIGINT) { _ in Interrupt.request() }
        // A closed terminal (SIGHUP) or a kill: every accepted entry is already on disk (the
        // journal is written and synced as each one is accepted), so leave at once, without
        // marking the journal closed, for `--recover` to find it straight away.
        signal(SIGHUP) { _ in _exit(129) }
        signal(SIGTERM) { _ in _exit(143) }

        var failed = false
        if let load {
            failed = !show(session.submit(":load \(load)"), color: color)
        }
        // Set when a quit was refused for unsaved changes: the next Ctrl-D or :quit leaves.
        var quitAsked = false
        var discard = false
        loop: while true {
            let firstLine = editor.linesRead + 1
            switch editor.readStatement(prompt: session.prompt, continuationPrompt: session.continuationPrompt,
                                        isComplete: ReplSession.isComplete) {
            case .endOfFile:
                if interactive && session.hasUnsavedChanges && !quitAsked {
                    quitAsked = true
                    printOut(Self.unsavedWarning(session))
                    continue
                }
                if interactive { printOut("\n") }
                break loop
            case .cancelled:
                session.cancelEdit()
                quitAsked = false
                continue
            case .input(let text):
                Interrupt.clear()
                let response = session.submit(text, line: firstLine)
                if response.learn {
                    // The lessons run their own sessions; this one waits, unchanged, for their end.
                    if let runner = LearnLoop.runner(folder: response.lessons, host: host, inRepl: true) {
                        LearnLoop.run(runner, editor: editor)
                        printOut("back in your own session\n")
                    }
                    continue
                }
                if response.quit && !response.discard && interactive && session.hasUnsavedChanges && !quitAsked {
                    quitAsked = true
                    printOut(Self.unsavedWarning(session))
                    continue
                }
                quitAsked = false
                if !show(response, color: color) { failed = true }
                if let edit = response.edit { editor.prefill(edit) }
                if response.quit {
                    discard = response.discard
                    break loop
                }
            }
        }
        if interactive && session.hasUnsavedChanges && !discard {
            // Not lost: the journal stays for the next start to offer back.
            journal.leave()
            let n = session.entryTotal
            printOut("left with \(n) unsaved entr\(n == 1 ? "y" : "ies"); `careplan --recover` brings \(n == 1 ? "it" : "them") back\n")
        } else {
            journal.close()
            // A side journal that ended cleanly has nothing left to offer.
            if journalPath != primaryJournal { try? FileManager.default.removeItem(atPath: journalPath) }
        }
        if !interactive && failed { throw ExitCode(Exit.planErrors) }
    }

    /// Written by the SIGINT handler during a replay (no allocation there).
    static let replayInterrupted: [UInt8] = Array("\ninterrupted: nothing was lost; the last session's journal is kept as it was, and the next start offers it again\n".utf8)

    static func unsavedWarning(_ session: ReplSession) -> String {
        let n = session.entryTotal
        return "the session has unsaved changes (\(n) entr\(n == 1 ? "y" : "ies")): :save FILE keeps them; "
            + "Ctrl-D again leaves (`careplan --recover` can still bring them back); :quit! leaves and discards them\n"
    }

    /// The banner's `:load` hint, true from any folder: the examples below the current folder,
    /// else the installed ones (`PREFIX/share/careplan/examples`) or a build tree's, by
    /// absolute path; with none found, no file name.
    static func exampleHint() -> String {
        let fm = FileManager.default
        let example = "stroke-kitchen.careplan"
        if fm.fileExists(atPath: fm.currentDirectoryPath + "/examples/" + example) { return ":load examples/\(example)" }
        let exe = (try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let bin = Paths.directory(of: Paths.join(fm.currentDirectoryPath, exe))
        // bin/careplan, .build/debug/careplan, .build/<triple>/debug/careplan
        for up in ["../share/careplan/examples", "../../examples", "../../../examples"] {
            let folder = Paths.normalize(Paths.join(bin, up))
            if fm.fileExists(atPath: folder + "/" + example) { return ":load \(folder)/\(example)" }
        }
        return ":load FILE"
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

    /// A journal's time, for telling two unfinished sessions apart: "05:40", or "30 Nov 05:40"
    /// on another day.
    static func clock(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB")
        f.dateFormat = Calendar.current.isDateInToday(date) ? "HH:mm" : "d MMM HH:mm"
        return f.string(from: date)
    }

    static func modified(_ path: String) -> Date {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date) ?? .distantPast
    }

    /// Prints a response; returns false if it reported errors or was rejected.
    func show(_ r: ReplSession.Response, color: Bool) -> Bool {
        // Fitted to the window as it is now (it may have been resized), limited like `check`.
        let diagnostics = r.diagnostics.isEmpty ? ""
            : DiagnosticRenderer.render(r.diagnostics, color: color, summary: false, width: Terminal.width(fd: 1),
                                        errorLimit: errorLimit, limitHint: "start with --error-limit N to change it; 0 shows all")
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
