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

    @Test func showPrintsABindingBeforeAnyPlan() {
        let s = ReplSession(host: ScriptHost(today: CalendarDate(year: 2026, month: 11, day: 29)!, services: .standard),
                            workingDirectory: FileManager.default.temporaryDirectory.path)
        #expect(s.submit("let rooms = [\"kitchen\", \"hall\"]").accepted)
        #expect(s.submit(":show rooms").output == "rooms = [\"kitchen\", \"hall\"]\n")
    }
}
