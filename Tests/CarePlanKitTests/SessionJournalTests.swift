import CarePlanKit
import Foundation
import Testing

/// Two REPLs at once: a journal that a live process holds is neither recovered nor overwritten.
struct SessionJournalTests {
    static func journal(pid: Int32, closed: Bool) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID().uuidString)").path
        var text = SessionJournal.header + "\n#| pid \(pid)\n#| statement\nlet a = 1\n"
        if closed { text += "#| closed\n" }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aJournalOfALiveOtherProcessIsHeld() throws {
        // pid 1 always exists; the journal is not closed, so that session is still running.
        let live = try Self.journal(pid: 1, closed: false)
        defer { try? FileManager.default.removeItem(atPath: live) }
        #expect(SessionJournal.isHeldByLiveProcess(path: live))
        #expect(SessionJournal.read(path: live)?.records == [.statement("let a = 1")])
    }

    @Test func closedOwnOrDeadJournalsAreNotHeld() throws {
        let closed = try Self.journal(pid: 1, closed: true)
        let own = try Self.journal(pid: getpid(), closed: false)
        // A child that has exited and been reaped: its pid is free.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let dead = try Self.journal(pid: child.processIdentifier, closed: false)
        defer { for p in [closed, own, dead] { try? FileManager.default.removeItem(atPath: p) } }
        #expect(!SessionJournal.isHeldByLiveProcess(path: closed))
        #expect(!SessionJournal.isHeldByLiveProcess(path: own))
        #expect(!SessionJournal.isHeldByLiveProcess(path: dead))
        #expect(!SessionJournal.isHeldByLiveProcess(path: "/nonexistent/journal"))
    }

    @Test func startRecordsThePid() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let j = SessionJournal(path: path)
        try j.start()
        j.append(.statement("let x = 2"))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix(SessionJournal.header + "\n#| pid \(getpid())\n"))
        #expect(SessionJournal.read(path: path)?.records == [.statement("let x = 2")])
        j.close()
        #expect(SessionJournal.read(path: path)?.closed == true)
    }

    /// A recovered or saved-back session rewrites its journal: the new one is written beside
    /// the old and renamed over it (never a moment with neither), and appends go on in it.
    @Test func restartReplacesTheJournalWhole() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("journal").path
        let j = SessionJournal(path: path)
        try j.start()
        j.append(.statement("let a = 1"))
        #expect(j.restart(with: [.load("/plans/k.careplan"), .statement("let b = 2")]))
        j.append(.undo)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == SessionJournal.header + "\n#| pid \(getpid())\n#| load /plans/k.careplan\n#| statement\nlet b = 2\n#| undo\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["journal"])
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        // Started with records, a journal that did not exist yet is made.
        let fresh = SessionJournal(path: folder.appendingPathComponent("other").path)
        #expect(fresh.restart(with: [.statement("let c = 3")]))
        #expect(SessionJournal.read(path: fresh.path)?.records == [.statement("let c = 3")])
    }

    @Test func undonePairsMatchEachUndoWithTheEntryItTookBack() {
        typealias R = SessionJournal.Record
        let records: [R] = [.statement("a"), .load("/f"), .statement("b"), .undo, .undo, .reset, .undo, .undo, .statement("c")]
        // b and the first undo, /f and the second, the reset and the third; the fourth undid a.
        #expect(SessionJournal.undonePairs(records) == [0, 1, 2, 3, 4, 5, 6, 7])
        #expect(SessionJournal.undonePairs([.undo, .statement("a")]) == [0])
    }

    @Test func showPrintsABindingBeforeAnyPlan() {
        let s = ReplSession(host: ScriptHost(today: CalendarDate(year: 2026, month: 11, day: 29)!, services: .standard),
                            workingDirectory: FileManager.default.temporaryDirectory.path)
        #expect(s.submit("let rooms = [\"kitchen\", \"hall\"]").accepted)
        #expect(s.submit(":show rooms").output == "rooms = [\"kitchen\", \"hall\"]\n")
    }
}
