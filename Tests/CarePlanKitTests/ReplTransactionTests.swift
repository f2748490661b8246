import CarePlanKit
import Foundation
import Testing

/// Statements are transactions (issue 11): an entry's prints, exports and imports' prints
/// happen only once it is accepted; a rejected entry leaves the session, the output and the
/// files as they were. Also `:edit`, unsaved changes and the guarded `:export`, with no terminal.
@Suite("ReplTransactions")
struct ReplTransactionTests {
    typealias Workspace = ReplSessionTests.Workspace

    /// Everything the host was asked to print, outside the session's own capture.
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [String] = []
        func add(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
    }

    static let plan = """
        plan p "P" {
          discipline OT
          client "Maria Lopez" { born 1954-03-12 }
          starts 2026-11-02
          goal meals "Prepare a hot meal" { occupation iadl; assist from moderate to independent; condition "with labels"; by 2027-01-25 }
          intervention labels "Label the cabinets" { type environment-modification; serves meals }
        }
        """

    @Test func aRejectedEntryPrintsNothing() throws {
        let ws = try Workspace(withExamples: false)
        let s = ws.session()
        ReplSessionTests.feed(s, ["plan p \"P\" { discipline OT }"])
        let r = s.submit("print \"side effect\"; intervention zz \"y\" { type training; serves nope }")
        #expect(!r.accepted)
        #expect(!r.output.contains("side effect"))
        #expect(r.output.hasPrefix("not accepted: 1 error (the session is unchanged"))
        // The same print alone is accepted and printed.
        #expect(s.submit("print \"side effect\"").output == "side effect\n")
    }

    @Test func anUnclosedStringPrintsNothing() throws {
        let ws = try Workspace(withExamples: false)
        let s = ws.session()
        let r = s.submit("print \"abc")
        #expect(!r.accepted)
        #expect(!r.output.contains("abc"))
        #expect(r.diagnostics.map(\.code) == [.unterminatedString])
    }

    @Test func aRejectedEntryWritesNoFile() throws {
        let ws = try Workspace(withExamples: false)
        let s = ws.session()
        ReplSessionTests.feed(s, [Self.plan])
        let r = s.submit("export p as html to \"side.html\"; intervention zz \"y\" { type training; serves nope }")
        #expect(!r.accepted)
        #expect(!ws.exists("side.html"))
        #expect(!r.output.contains("wrote"))
        // Accepted, the same export writes the file and says so.
        let ok = s.submit("export p as html to \"side.html\"")
        #expect(ok.accepted)
        #expect(ws.exists("side.html"))
        #expect(ok.output.hasPrefix("wrote "))
    }

    @Test func anImportsPrintsWaitForTheEntry() throws {
        let ws = try Workspace(withExamples: false)
        try ws.write("lib.careplan", "print \"from the library\"\ntemplate t() { }\n")
        let s = ws.session()
        let rejected = s.submit("import \"lib.careplan\"; goal g \"G\" { occupation iadl }")  // no plan in focus
        #expect(!rejected.accepted)
        #expect(!rejected.output.contains("from the library"))
        #expect(s.state.templates["t"] == nil)
        let accepted = s.submit("import \"lib.careplan\"")
        #expect(accepted.output.hasPrefix("from the library\n"))
    }

    @Test func loadingALoadedFileAgainIsRefusedWithoutRunningIt() throws {
        let ws = try Workspace(withExamples: false)
        try ws.write("notes.careplan", "print \"hello from notes\"\nlet x = 1\n")
        let s = ws.session()
        let first = s.submit(":load notes.careplan")
        #expect(first.output == "hello from notes\nloaded notes.careplan: no plans\n")
        let again = s.submit(":load notes.careplan")
        #expect(!again.accepted)
        #expect(again.output == "notes.careplan is already loaded; :reload runs the session again with the file's changes\n")
        // :reload re-reads the file without repeating its prints.
        #expect(!s.submit(":reload").output.contains("hello"))
    }

    /// `:load` of a file whose plan the session already has gave the clash (CP0101) and then a
    /// CP0105 for each later use of the file's goals, which ran against the session's plan
    /// (tester, 1 Dec). One mistake, one diagnostic: the rest is counted in a note.
    @Test func loadingAPlanTheSessionHasGivesOneDiagnostic() throws {
        let ws = try Workspace(withExamples: false)
        try ws.write("k.careplan", Self.plan + "\nprint meals.due\nprint labels.title\nlet d = meals.due + 1 week\n")
        let s = ws.session()
        ReplSessionTests.feed(s, ["plan p \"Mine\" { discipline OT; client \"A B\" { born 1950-01-01 } }"])
        let r = s.submit(":load k.careplan")
        #expect(!r.accepted)
        #expect(r.diagnostics.map(\.code) == [.duplicateID], "\(DiagnosticRenderer.render(r.diagnostics, color: false))")
        #expect(r.diagnostics.first?.notes.last == "3 more problems after it are not shown: the statements after it ran against "
                + "the session's plan, not this one; they are listed once the clash is resolved")
        #expect(r.output.hasPrefix("not accepted: 1 error (the session is unchanged"))
        // A goal declared twice is not such a clash: the problems after it are all shown.
        ReplSessionTests.feed(s, ["goal g \"G\" { occupation iadl }"])
        let goal = s.submit("goal g \"Again\" { occupation iadl }; print nope")
        #expect(goal.diagnostics.map(\.code) == [.duplicateID, .unknownName])
    }

    @Test func aFailedWriteRefusesTheEntry() throws {
        let ws = try Workspace(withExamples: false)
        let host = ScriptHost(today: ReplSessionTests.today, services: .standard, writeFile: { _, _ in throw CocoaError(.fileWriteNoPermission) })
        let s = ReplSession(host: host, workingDirectory: ws.path)
        ReplSessionTests.feed(s, [Self.plan])
        let r = s.submit("print \"before\"; let y = 2; export p as json to \"p.json\"")
        #expect(!r.accepted)
        #expect(r.diagnostics.map(\.code) == [.exportFailed])
        #expect(!r.output.contains("before"))
        #expect(s.state.globals["y"] == nil)
    }

    /// Scripts: each top-level statement is a transaction of its own.
    @Test func aScriptCommitsStatementByStatement() throws {
        let printed = Lines(), written = Lines()
        let host = ScriptHost(today: ReplSessionTests.today, services: .standard, writeFile: { path, _ in written.add(path) }, print: { printed.add($0) })
        let source = Self.plan + """

            print "first"
            if true { print "second"; print nope }
            export p as json to "ok.json"
            if true { export p as json to "bad.json"; print nope }
            print "abc
            """
        let interpreter = Interpreter(host: host, options: .init(mode: .run, outputDirectory: "/out"))
        let diagnostics = interpreter.execute(SourceFile(name: "s.careplan", text: source))
        #expect(diagnostics.map(\.code) == [.unterminatedString, .unknownName, .unknownName])
        #expect(printed.all.count == 2)
        #expect(printed.all.first == "first")
        #expect(printed.all.last?.hasPrefix("wrote /out/ok.json") == true)
        #expect(written.all == ["/out/ok.json"])
        #expect(interpreter.written == ["/out/ok.json"])
    }

    // MARK: - Unsaved changes

    @Test func unsavedChangesAreTrackedUntilSaved() throws {
        let ws = try Workspace(withExamples: false)
        let s = ws.session()
        #expect(!s.hasUnsavedChanges)
        ReplSessionTests.feed(s, ["plan p \"P\" { discipline OT }"])
        #expect(s.hasUnsavedChanges)
        ReplSessionTests.feed(s, [":save s.careplan"])
        #expect(!s.hasUnsavedChanges)
        ReplSessionTests.feed(s, ["let x = 1"])
        #expect(s.hasUnsavedChanges)
        ReplSessionTests.feed(s, [":undo"])
        #expect(!s.hasUnsavedChanges)
        let quit = s.submit(":quit!")
        #expect(quit.quit && quit.discard)
    }

    @Test func saveIntoAMissingFolderIsAnError() throws {
        let ws = try Workspace(withExamples: false)
        let s = ws.session()
        ReplSessionTests.feed(s, ["plan p \"P\" { discipline OT }"])
        let r = s.submit(":save nowhere/s.careplan")
        #expect(!r.accepted)
        #expect(r.output.contains("the folder"))
        #expect(r.output.contains("does not exist"))
        #expect(!ws.exists("nowhere"))
    }

    // MARK: - :export guards

    @Test func exportRefusesToOverwriteAndNeverWritesOverAPlanFile() throws {
        let ws = try Workspace(withExamples: false)
        let s = ws.session()
        ReplSessionTests.feed(s, [Self.plan])
        try ws.write("kitchen.careplan", "# my plan\n")
        let source = s.submit(":export! html kitchen.careplan")
        #expect(!source.accepted)
        #expect(source.output.contains("never write over plan sources"))
        #expect(try ws.read("kitchen.careplan") == "# my plan\n")

        ReplSessionTests.feed(s, [":export html p.html"])
        try ws.write("p.html", "mine")
        let again = s.submit(":export html p.html")
        #expect(!again.accepted)
        #expect(again.output == "not exported: p.html already exists; :export! html p.html overwrites it\n")
        #expect(try ws.read("p.html") == "mine")
        ReplSessionTests.feed(s, [":export! html p.html"])
        #expect(try ws.read("p.html").contains("<html"))
    }

    /// A typed `export ... to` wrote over a file that was there before the session, without a
    /// word (tester, 1 Dec). It is refused, naming the file, with `:export!` as the way to replace
    /// it on purpose; a file the session itself wrote (by `export` or `:export`) may be written again.
    @Test func aTypedExportDoesNotReplaceAFileTheSessionDidNotWrite() throws {
        let ws = try Workspace(withExamples: false)
        try ws.write("out/x.json", "mine")
        let s = ws.session()
        ReplSessionTests.feed(s, [Self.plan])
        let r = s.submit("print \"before\"; export p as json to \"out/x.json\"")
        #expect(!r.accepted)
        #expect(r.diagnostics.map(\.code) == [.exportWouldReplace])
        #expect(r.diagnostics.first?.message == "export path `out/x.json` already exists")
        #expect(r.diagnostics.first?.help == "to replace it on purpose, `:export! json out/x.json`; or export to another name")
        #expect(!r.output.contains("before"))
        #expect(try ws.read("out/x.json") == "mine")
        // Replaced on purpose, the file is the session's: exporting to it again is accepted.
        ReplSessionTests.feed(s, [":export! json out/x.json", "export p as json to \"out/x.json\""])
        #expect(try ws.read("out/x.json").hasPrefix("{"))
        // A new file is written, and is then the session's to write again.
        ReplSessionTests.feed(s, ["export p as html to \"p.html\"", "export p as html to \"p.html\""])
        // The plan not in focus: the hint brings it back first.
        ReplSessionTests.feed(s, ["plan q \"Q\" { discipline PT }"])
        try ws.write("q.md", "notes")
        #expect(s.submit("export p as markdown to \"q.md\"").diagnostics.first?.help
                == "to replace it on purpose, `plan p` then `:export! markdown q.md`; or export to another name")
        #expect(try ws.read("q.md") == "notes")
    }

    /// A Ctrl-C for one session's host (`ScriptHost.takeInterrupt`): the process-wide flag
    /// would be taken by whichever test's run looked first.
    final class CtrlC: @unchecked Sendable {
        private let lock = NSLock()
        private var pressed = false
        func press() { lock.lock(); pressed = true; lock.unlock() }
        func take() -> Bool { lock.lock(); defer { pressed = false; lock.unlock() }; return pressed }

        func session(in ws: Workspace) -> ReplSession {
            var host = ScriptHost(today: ReplSessionTests.today, services: .standard)
            host.takeInterrupt = { self.take() }
            return ReplSession(host: host, workingDirectory: ws.path)
        }
    }

    /// Ctrl-C's "interrupted" shared CP0114 with "loops ran too many times" and was told apart
    /// by its message's first words. It has its own code (CP0821), which `:reload` goes by.
    @Test func ctrlCHasItsOwnCode() throws {
        let ws = try Workspace(withExamples: false)
        try ws.write("p.careplan", Self.plan + "\n")
        let ctrlC = CtrlC()
        let s = ctrlC.session(in: ws)
        ReplSessionTests.feed(s, [":load p.careplan"])
        ctrlC.press()
        let typed = s.submit("let x = 1")
        #expect(!typed.accepted)
        #expect(typed.diagnostics.map(\.code) == [.interrupted])
        #expect(s.state.globals["x"] == nil)
        ctrlC.press()
        let reload = s.submit(":reload")
        #expect(!reload.accepted)
        #expect(reload.diagnostics.map(\.code) == [.interrupted])
        #expect(reload.output == "not reloaded: interrupted (Ctrl-C); the session is unchanged\n")
        #expect(DiagnosticCode.interrupted.rawValue == "CP0821")
    }

    /// The REPL's own diagnostics, for the coverage test (codes no corpus file can produce).
    static func replProblems() -> [Diagnostic] {
        guard let ws = try? Workspace(withExamples: false), (try? ws.write("x.json", "mine")) != nil else { return [] }
        let ctrlC = CtrlC()
        let s = ctrlC.session(in: ws)
        _ = s.submit(plan)
        let replace = s.submit("export p as json to \"x.json\"").diagnostics
        ctrlC.press()
        return replace + s.submit("let x = 1").diagnostics
    }

    @Test func exportFileCompletionLeavesOutPlanFiles() throws {
        let ws = try Workspace(withExamples: false)
        try ws.write("kitchen.careplan", "")
        try ws.write("kitchen.html", "")
        let s = ws.session()
        #expect(s.completions(line: ":export html kit", cursor: 16).candidates == ["kitchen.html"])
        #expect(s.completions(line: ":load kit", cursor: 9).candidates.contains("kitchen.careplan"))
    }

    @Test func loadCountsArePluralisedRight() throws {
        let ws = try Workspace(withExamples: false)
        try ws.write("one.careplan", "plan p \"P\" { discipline OT; goal g \"G\" { occupation iadl }; goal h \"H\" { occupation adl }; intervention i \"I\" { type training; serves g } }\n")
        let s = ws.session()
        #expect(s.submit(":load one.careplan").output == "loaded one.careplan: p (2 goals, 1 intervention)\n")
    }

    /// repl-1dec item 5: the confirmation named every plan in the session, and a file of 20,000
    /// plans printed one line of 649 KB. It names the plans the file declared or changed, and
    /// past five says how many with the first few.
    @Test func loadNamesOnlyTheFilesPlansAndSummarisesMany() throws {
        let ws = try Workspace(withExamples: false)
        try ws.write("pp.careplan", "plan pp \"P\" { discipline OT; goal g \"G\" { occupation iadl } }\n")
        try ws.write("more.careplan", "goal extra \"Extra\" { occupation adl }\n")
        try ws.write("many.careplan", (1...8).map { "plan m\($0) \"M\" { discipline PT; goal g\($0) \"G\" { occupation adl } }\n" }.joined())
        let s = ws.session()
        ReplSessionTests.feed(s, ["plan mine \"Mine\" { discipline OT }"])
        #expect(s.submit(":load pp.careplan").output == "loaded pp.careplan: pp (1 goal, 0 interventions)\n")
        // A file adding to the plan in focus changed that plan: it is the one named.
        #expect(s.submit(":load more.careplan").output == "loaded more.careplan: pp (2 goals, 0 interventions)\n")
        let many = s.submit(":load many.careplan")
        #expect(many.output == "loaded many.careplan: 8 plans (8 goals, 0 interventions): m1, m2, m3 and 5 more\n")
        #expect(s.state.plans.count == 10)
    }

    @Test func fileErrorsSayWhy() throws {
        let ws = try Workspace(withExamples: false)
        try FileManager.default.createDirectory(at: ws.url.appendingPathComponent("folder"), withIntermediateDirectories: true)
        let s = ws.session()
        #expect(s.submit(":load missing.careplan").output == "cannot read missing.careplan: no such file\n")
        #expect(s.submit(":load folder").output.hasPrefix("cannot read folder: it is a folder"))
        #expect(s.submit(":load nofolder/x.careplan").output.contains("does not exist"))
    }

    // MARK: - :edit

    @Test func editReplacesAGoalInPlaceAsOneUndoStep() throws {
        let ws = try Workspace(withExamples: false)
        let s = ws.session()
        ReplSessionTests.feed(s, [
            "plan p \"P\" { discipline OT }",
            "goal meals \"Prepare a hot meal\" {\n  occupation iadl   # cooking\n}",
            "goal bath \"Take a bath\" { occupation adl }",
            "intervention labels \"Label the cabinets\" { type environment-modification; serves meals }",
        ])
        let e = s.submit(":edit meals")
        #expect(e.accepted)
        #expect(e.edit == "goal meals \"Prepare a hot meal\" { occupation iadl }")
        #expect(s.prompt == "careplan[p]:edit meals> ")
        #expect(s.continuationPrompt.count == s.prompt.count)
        let r = s.submit("goal meals \"Prepare a simple hot meal\" { occupation iadl; assist from moderate to independent }")
        #expect(r.accepted)
        #expect(r.output == "goal meals replaced in p (2 goals, 1 intervention)\n")
        #expect(s.prompt == "careplan[p]> ")
        let plan = try #require(s.state.focusedPlan)
        // In place: still the first goal, and the later statements still apply.
        #expect(plan.goals.map(\.id.value) == ["meals", "bath"])
        #expect(plan.goals[0].title.value == "Prepare a simple hot meal")
        #expect(plan.interventions.map(\.id.value) == ["labels"])
        // The saved session has the new text where the old one was.
        let script = s.script(relativeTo: ws.path)
        #expect(script.contains("Prepare a simple hot meal"))
        #expect(!script.contains("Prepare a hot meal\""))
        #expect(script.range(of: "goal meals")!.lowerBound < script.range(of: "goal bath")!.lowerBound)
        // One undo takes the edit back, and only the edit.
        #expect(s.submit(":undo").output == "undone the edit of `meals`; 4 statements in the session\n")
        #expect(s.state.focusedPlan?.goals.first?.title.value == "Prepare a hot meal")
        #expect(s.state.focusedPlan?.interventions.count == 1)
    }

    /// `:edit` rebuilds the session from its entries; a loaded file is run from the text it had
    /// when loaded, so a change made to the file since (here a mistake) is neither pulled in
    /// unasked nor a reason to refuse the edit. `:reload` is what reads the file again.
    @Test func anEditDoesNotRereadALoadedFile() throws {
        let ws = try Workspace(withExamples: false)
        try ws.write("rl.careplan", Self.reloadPlan)
        let s = ws.session()
        ReplSessionTests.feed(s, [":load rl.careplan", "goal bath \"Bath\" { occupation adl }"])
        try ws.write("rl.careplan", Self.reloadPlan + "goal fromfile \"x\" { occupation adll }\n")
        #expect(s.submit(":edit bath").accepted)
        let r = s.submit("goal bath \"Take a bath\" { occupation adl }")
        #expect(r.accepted, "\(r.output)\(DiagnosticRenderer.render(r.diagnostics, color: false))")
        #expect(s.state.focusedPlan?.goals.map(\.title.value) == ["Take a bath"])
        #expect(!s.submit(":reload").accepted)
    }

    /// A goal with progress recorded against it, or closed, is not rewritten by `:edit`: the
    /// readings were measured against it as it was. The refusal says how goals in use change
    /// (close, then a new goal that `replaces` it); `:edit!` still corrects a typing mistake.
    @Test func aGoalInUseIsClosedAndReplacedNotEdited() throws {
        let ws = try Workspace(withExamples: false)
        let s = ws.session()
        ReplSessionTests.feed(s, [
            "plan k \"K\" { discipline OT; starts 2026-11-02 }",
            "goal meals \"Meals\" { occupation iadl; measure \"steps\" from 4 to 10; by 2026-12-20 }",
            "goal bath \"Bath\" { occupation adl }",
            "progress k on 2026-11-16 { meals 6 }",
        ])
        let refused = s.submit(":edit meals")
        #expect(!refused.accepted)
        #expect(refused.edit == nil)
        #expect(refused.output == """
            goal `meals` is in use: 1 progress record (from 2026-11-16) measured it; a goal in use is closed and \
            replaced, not rewritten, so its record stays true. Close it, then write the new goal:
              close meals discontinued on \(s.host.today) because "..."
              goal meals-2 "..." { replaces meals; ... }
            (:edit! meals corrects a typing mistake in it anyway)

            """)
        #expect(s.prompt == "careplan[k]> ")
        // A goal with nothing recorded is edited as before.
        #expect(s.submit(":edit bath").accepted)
        _ = s.submit(":show")
        // A closed goal likewise, with no `close` to suggest.
        ReplSessionTests.feed(s, ["close bath achieved on 2026-11-20"])
        let closed = s.submit(":edit bath")
        #expect(!closed.accepted)
        #expect(closed.output.hasPrefix("goal `bath` was closed (achieved on 2026-11-20)"))
        #expect(!closed.output.contains("close bath"))
        // `:edit!` corrects a typing mistake all the same.
        #expect(s.submit(":edit! meals").edit == "goal meals \"Meals\" { occupation iadl; measure \"steps\" from 4 to 10; by 2026-12-20 }")
        #expect(s.submit("goal meals \"Meals\" { occupation iadl; measure \"steps\" from 4 to 10; by 2026-12-21 }").accepted)
    }

    @Test func anEditThatBreaksALaterStatementIsRefused() throws {
        let ws = try Workspace(withExamples: false)
        let s = ws.session()
        ReplSessionTests.feed(s, [
            "plan p \"P\" { discipline OT }",
            "goal meals \"Meals\" { occupation iadl }",
            "intervention labels \"Labels\" { type environment-modification; serves meals }",
        ])
        ReplSessionTests.feed(s, [":edit meals"])
        // A different id is not an edit of `meals`.
        let other = s.submit("goal food \"Food\" { occupation iadl }")
        #expect(!other.accepted)
        #expect(other.output.contains("must declare goal `meals` again"))
        // Still editing: a text that is wrong in itself is refused and changes nothing.
        let bad = s.submit("goal meals \"Meals\" { occupation nowhere }")
        #expect(!bad.accepted)
        #expect(bad.diagnostics.map(\.code) == [.unknownEnumValue])
        #expect(s.state.focusedPlan?.goals.first?.title.value == "Meals")
        // A command ends the edit; the next goal is an ordinary statement again.
        _ = s.submit(":show")
        #expect(!s.submit("goal meals \"Again\" { occupation iadl }").accepted)
    }

    @Test func editOfAPlanHeaderAndOfALoadedGoal() throws {
        let ws = try Workspace()
        let s = ws.session()
        ReplSessionTests.feed(s, ["plan p \"P\" { discipline OT }", "goal meals \"Meals\" { occupation iadl }"])
        #expect(s.submit(":edit p").edit == "plan p \"P\" { discipline OT }")
        let r = s.submit("plan p \"Back to cooking\" { discipline OT; clinician \"A. Chen\" }")
        #expect(r.accepted)
        #expect(s.state.focusedPlan?.title.value == "Back to cooking")
        #expect(s.state.focusedPlan?.goals.map(\.id.value) == ["meals"])

        ReplSessionTests.feed(s, [":load examples/stroke-kitchen.careplan"])
        let loaded = s.submit(":edit bathing")
        #expect(!loaded.accepted)
        #expect(loaded.output.contains("comes from examples/stroke-kitchen.careplan"))
    }

    @Test func anEditIsJournalledAndRecovered() throws {
        let ws = try Workspace(withExamples: false)
        let path = ws.url.appendingPathComponent("journal").path
        let journal = SessionJournal(path: path)
        try journal.start()
        let s = ws.session(journal: journal)
        ReplSessionTests.feed(s, ["plan p \"P\" { discipline OT }", "goal meals \"Meals\" { occupation iadl }",
                                  ":edit meals", "goal meals \"Better meals\" { occupation iadl }"])
        journal.leave()
        let read = try #require(SessionJournal.read(path: path))
        #expect(read.left && !read.closed)
        #expect(read.records.last == .edit(index: 1, text: "goal meals \"Better meals\" { occupation iadl }"))
        #expect(SessionJournal.entryCount(read.records) == 2)

        let restored = ws.session()
        #expect(restored.recover(read.records) == "recovered 2 entries from the last session\n")
        #expect(restored.state.focusedPlan?.goals.first?.title.value == "Better meals")
    }

    /// Recovery replays what was typed without printing or exporting it a second time.
    @Test func recoveryRepeatsNoEffects() throws {
        let ws = try Workspace(withExamples: false)
        let path = ws.url.appendingPathComponent("journal").path
        let journal = SessionJournal(path: path)
        try journal.start()
        let s = ws.session(journal: journal)
        ReplSessionTests.feed(s, [Self.plan, "export p as json to \"p.json\"", "print \"hello\""])
        #expect(ws.exists("p.json"))
        try FileManager.default.removeItem(at: ws.url.appendingPathComponent("p.json"))
        let records = try #require(SessionJournal.read(path: path)).records
        let restored = ws.session()
        #expect(restored.recover(records) == "recovered 3 entries from the last session\n")
        #expect(!ws.exists("p.json"))
    }

    static let reloadPlan = """
        plan rl "Reload test" {
          discipline OT
          client "Bo Chan" { born 1960-05-05 }
          starts 2026-11-02
        }

        """

    /// The tester's session (repl-1dec item 1): a mistake added to the loaded file, then
    /// `:reload`. The reload is refused as one entry: the session, its undo history and its
    /// unsaved state stay; the report is the file's own error (not "outside any plan" for
    /// each typed entry) with the way out.
    @Test func aReloadWithAnErrorInTheFileChangesNothing() throws {
        let ws = try Workspace(withExamples: false)
        try ws.write("rl.careplan", Self.reloadPlan)
        let s = ws.session()
        ReplSessionTests.feed(s, [":load rl.careplan",
                                  "goal typed1 \"Shower with a bench\" { occupation adl; assist from moderate to supervision }",
                                  "intervention bench \"Tub bench\" { type assistive-technology; serves typed1 }"])
        try ws.write("rl.careplan", Self.reloadPlan + "goal fromfile \"x\" { occupation adll }\n")
        let r = s.submit(":reload")
        #expect(!r.accepted)
        #expect(r.output == "not reloaded: rl.careplan has 1 error (the session is unchanged); fix the file and :reload again\n")
        #expect(r.diagnostics.map(\.code) == [.unknownEnumValue])
        #expect(r.diagnostics.first?.primarySpan?.file.name == "rl.careplan")
        #expect(s.state.focusedPlan?.goals.map(\.id.value) == ["typed1"])
        #expect(s.state.focusedPlan?.interventions.map(\.id.value) == ["bench"])
        #expect(s.hasUnsavedChanges)
        #expect(s.submit(":undo").output == "undone `intervention bench \"Tub bench\" { type assistive-technolog …`; 2 statements in the session\n")

        // Fixed: the reload goes through, and one :undo takes it back.
        try ws.write("rl.careplan", Self.reloadPlan + "goal fromfile \"x\" { occupation adl }\n")
        let ok = s.submit(":reload")
        #expect(ok.accepted)
        #expect(ok.output == "reloaded rl.careplan and replayed 1 typed entry: goal fromfile added to rl (2 goals, 0 interventions)\n")
        #expect(s.state.focusedPlan?.goals.map(\.id.value) == ["fromfile", "typed1"])
        #expect(s.submit(":undo").output == "undone `:reload`; 2 statements in the session\n")
        #expect(s.state.focusedPlan?.goals.map(\.id.value) == ["typed1"])
    }

    @Test func aReloadOfAFileThatHasGoneChangesNothing() throws {
        let ws = try Workspace(withExamples: false)
        try ws.write("rl.careplan", Self.reloadPlan)
        let s = ws.session()
        ReplSessionTests.feed(s, [":load rl.careplan", "goal typed1 \"Shower\" { occupation adl }"])
        try FileManager.default.removeItem(atPath: ws.path + "/rl.careplan")
        let r = s.submit(":reload")
        #expect(!r.accepted)
        #expect(r.output == "not reloaded: cannot read rl.careplan (the session is unchanged); put the file back and :reload again\n")
        #expect(r.diagnostics.count == 1)
        #expect(s.state.focusedPlan?.goals.map(\.id.value) == ["typed1"])
        // Unsaved work is still noticed on leaving.
        #expect(s.hasUnsavedChanges)
    }

    /// A reload is journalled: after a crash, an `undo` that followed it takes back the reload
    /// (a no-op on recovery), not the statement before it.
    @Test func aReloadIsJournalledSoUndoStaysInStep() throws {
        let ws = try Workspace(withExamples: false)
        try ws.write("rl.careplan", Self.reloadPlan)
        let journal = SessionJournal(path: ws.path + "/journal")
        try journal.start()
        let s = ws.session(journal: journal)
        ReplSessionTests.feed(s, [":load rl.careplan", "goal typed1 \"Shower\" { occupation adl }", ":reload", ":undo"])
        let records = try #require(SessionJournal.read(path: ws.path + "/journal")).records
        #expect(records == [.load(ws.path + "/rl.careplan"), .statement("goal typed1 \"Shower\" { occupation adl }"), .reload, .undo])
        #expect(SessionJournal.entryCount(records) == 2)
        let restored = ws.session()
        #expect(restored.recover(records) == "recovered 2 entries from the last session\n")
        #expect(restored.state.focusedPlan?.goals.map(\.id.value) == ["typed1"])
    }

    /// The tester's session (repl-1dec item 2): `:save!` onto the file the session loaded wrote
    /// `import "rl.careplan"` into rl.careplan itself and the plan was gone. Now the file is
    /// written back in full (its text, then what was typed), checks clean, and the session
    /// goes on from it: a `:reload` does not add the typed goal twice.
    @Test func saveBackIntoTheLoadedFileWritesItInFull() throws {
        let ws = try Workspace(withExamples: false)
        try ws.write("rl.careplan", Self.reloadPlan)
        let journal = SessionJournal(path: ws.path + "/journal")
        try journal.start()
        let s = ws.session(journal: journal)
        ReplSessionTests.feed(s, [":load rl.careplan", "goal added \"Added in REPL\" { occupation adl }"])
        let plain = s.submit(":save rl.careplan")
        #expect(!plain.accepted)
        #expect(plain.output == "rl.careplan already exists: it is the file you loaded; :save! rl.careplan writes it back in full with "
                + "your changes, or :save NEW.careplan keeps it as it is\n")
        let r = s.submit(":save! rl.careplan")
        #expect(r.accepted)
        #expect(r.output == "saved rl.careplan in full: the file as loaded, then the entry typed since; "
                + "the session now continues from the saved file (:undo starts again from here)\n")
        let text = try ws.read("rl.careplan")
        #expect(text == Self.reloadPlan + "goal added \"Added in REPL\" { occupation adl }\n")
        let compiled = Compilation.check(SourceFile(name: ws.path + "/rl.careplan", text: text), today: ReplSessionTests.today)
        #expect(!compiled.diagnostics.hasErrors, "\(DiagnosticRenderer.render(compiled.diagnostics, color: false))")
        #expect(compiled.plans.first?.goals.map(\.id.value) == ["added"])
        #expect(!s.hasUnsavedChanges)
        // The journal now says just that: recovery loads the saved file, nothing twice.
        let records = try #require(SessionJournal.read(path: ws.path + "/journal")).records
        #expect(records == [.load(ws.path + "/rl.careplan")])

        let reloaded = s.submit(":reload")
        #expect(reloaded.accepted, "\(reloaded.output)\(DiagnosticRenderer.render(reloaded.diagnostics, color: false))")
        #expect(s.state.focusedPlan?.goals.map(\.id.value) == ["added"])
        ReplSessionTests.feed(s, ["goal second \"Second\" { occupation iadl }"])
        #expect(s.hasUnsavedChanges)
        #expect(s.submit(":save! rl.careplan").accepted)
        #expect(try ws.read("rl.careplan") == text + "goal second \"Second\" { occupation iadl }\n")
        let fresh = ws.session()
        ReplSessionTests.feed(fresh, [":load rl.careplan"])
        #expect(fresh.state.focusedPlan?.goals.map(\.id.value) == ["added", "second"])
    }

    /// Never a file that imports itself: a file the session imports (here a loaded example's
    /// template library) is not saved over; nor is a loaded file someone changed since.
    @Test func saveRefusesAnImportedFileAndALoadedFileChangedOnDisk() throws {
        let ws = try Workspace()
        let s = ws.session()
        ReplSessionTests.feed(s, [":load examples/stroke-kitchen.careplan"])
        let library = try ws.read("examples/templates/home-safety.careplan")
        let r = s.submit(":save! examples/templates/home-safety.careplan")
        #expect(!r.accepted)
        #expect(r.output == "not saved: examples/templates/home-safety.careplan is imported by the session (a loaded file or an `import` "
                + "uses it), so the session saved into it would import itself and its own text would be lost; save under another name, "
                + "e.g. :save session.careplan\n")
        #expect(try ws.read("examples/templates/home-safety.careplan") == library)

        let changed = try ws.read("examples/stroke-kitchen.careplan") + "# edited elsewhere\n"
        try ws.write("examples/stroke-kitchen.careplan", changed)
        let stale = s.submit(":save! examples/stroke-kitchen.careplan")
        #expect(!stale.accepted)
        #expect(stale.output == "not saved: examples/stroke-kitchen.careplan has changed on disk since it was loaded; :reload takes the "
                + "change in (then :save! examples/stroke-kitchen.careplan again), or :save NEW.careplan keeps both\n")
        #expect(try ws.read("examples/stroke-kitchen.careplan") == changed)
        // With another file loaded as well, a save-back would write that file's plans into this
        // one: refused, and saving under another name is the way.
        try ws.write("notes.careplan", "let room = \"kitchen\"\n")
        try ws.write("examples/stroke-kitchen.careplan", String(changed.dropLast("# edited elsewhere\n".count)))
        ReplSessionTests.feed(s, [":load notes.careplan"])
        let mixed = s.submit(":save! examples/stroke-kitchen.careplan")
        #expect(!mixed.accepted)
        #expect(mixed.output == "not saved: the session holds more than examples/stroke-kitchen.careplan and what was typed after it "
                + "(`:load notes.careplan`), which would all be written into it; :save NEW.careplan saves the whole session as a script "
                + "that imports examples/stroke-kitchen.careplan\n")
        // Saved under another name, the session is the usual script importing the file.
        #expect(s.submit(":save session.careplan").accepted)
        #expect(try ws.read("session.careplan").contains("import \"examples/stroke-kitchen.careplan\"\n"))
    }

    @Test func oneLineJoinsStatementsAndKeepsBlocks() {
        #expect(ReplSession.oneLine("goal m \"M\" {\n  occupation iadl  # why\n  settings [home,\n    community]\n}")
                == "goal m \"M\" { occupation iadl; settings [home, community] }")
        #expect(ReplSession.oneLine("plan p \"a # not a comment\" {\n}") == "plan p \"a # not a comment\" { }")
    }
}
