import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `careplan export -o FILE` writes atomically: the export goes to a temporary file beside the
/// target (`.FILE.tmp-PID`), which is then renamed over it (ScriptHost.writeAtomically). These tests
/// kill a real export with SIGKILL at many points of its run and check that the target is
/// always either the old file or the complete new export, never a mix or a truncated file.
///
/// What a kill can leave behind: only a `.out.json.tmp-PID` file, when the process dies between
/// creating the temporary file and renaming it. Nothing removes such a file later (a SIGKILLed
/// process runs no clean-up); it is hidden (leading dot), named after the dead process and never
/// read by careplan, and the next export writes its own temporary file with its own PID.
struct AtomicWriteTests {
    static let oldContent = "{\"old\": \"the previous export, which must survive\"}\n"

    /// One plan with `goals` goals, each with an intervention: a JSON export of a few MB.
    static func bigPlan(goals: Int) -> String {
        var s = """
        plan big "A large plan for the atomic-write test" {
          discipline OT
          client "Test Client" {
            born 1950-01-01
            gender female
          }
          clinician "A. Chen, OTR/L"
          starts 2026-11-02
          frequency 2 per week for 10 weeks
          checkin every 2 weeks until 2027-01-15 { }
          certify for 90 days

        """
        for i in 1...goals {
            s += """
              goal g\(i) "Goal \(i): make a cup of tea without a prompt, in her own kitchen" {
                occupation iadl
                assist from minimal to independent
                condition "with labelled cupboards and a kettle tipper"
                measure "steps done without a prompt (of 10)" from 3 to 10
                by 2027-01-15
                note "Practised in the client's own kitchen with her own equipment; carer attends"
              }
              intervention i\(i) "Kitchen practice for goal \(i)" {
                type occupation
                approach establish
                serves g\(i)
                minutes 30
                equipment "kettle tipper", "labelled cupboards"
              }

            """
        }
        return s + "}\n"
    }

    enum Kill {
        /// Let the export finish.
        case never
        /// SIGKILL this many seconds after starting it.
        case after(Double)
        /// SIGKILL this many microseconds after its temporary file appears: in the middle of
        /// writing the export, before the rename.
        case whileWriting(microseconds: UInt32)
    }

    /// Runs `careplan export big.careplan --format json -o out.json` in `dir` and kills it as
    /// `kill` says. Returns whether it was killed, and whether its temporary file was seen.
    static func export(in dir: URL, _ kill: Kill) throws -> (killed: Bool, sawTemporary: Bool) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try CareplanBinary.path())
        p.arguments = ["export", "big.careplan", "--format", "json", "-o", "out.json", "--today", "2026-11-29"]
        p.currentDirectoryURL = dir
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        var saw = false
        switch kill {
        case .never:
            break
        case .after(let seconds):
            usleep(UInt32(seconds * 1_000_000))
            Glibc.kill(p.processIdentifier, SIGKILL)
        case .whileWriting(let micros):
            let temporary = dir.appendingPathComponent(".out.json.tmp-\(p.processIdentifier)").path
            // Spin until the file appears (or the process ends without our seeing it).
            while p.isRunning && access(temporary, F_OK) != 0 { sched_yield() }
            saw = access(temporary, F_OK) == 0
            if micros > 0 { usleep(micros) }
            Glibc.kill(p.processIdentifier, SIGKILL)
        }
        p.waitUntilExit()
        return (p.terminationReason == .uncaughtSignal, saw)
    }

    static func contents(_ url: URL) -> String? {
        (try? Data(contentsOf: url)).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func killedExportLeavesTheOldFileOrTheNewOne() throws {
        let dir = try CareplanBinary.temporaryFolder("atomic")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.bigPlan(goals: 600).write(to: dir.appendingPathComponent("big.careplan"), atomically: false, encoding: .utf8)
        let out = dir.appendingPathComponent("out.json")

        // The complete new export, and how long a whole run takes on this machine.
        let started = Date()
        #expect(try Self.export(in: dir, .never).killed == false)
        let duration = Date().timeIntervalSince(started)
        let newContent = try #require(Self.contents(out))
        #expect(newContent.utf8.count > 500_000, "the export should be large enough to take a while to write")

        // A deterministic schedule: kills spread over the run, then kills timed from the moment
        // the temporary file appears (mid-write). The old file is put back before each run.
        let schedule: [Kill] = [0.05, 0.3, 0.6, 0.8, 0.9, 0.95, 1.0, 1.1].map { Kill.after(duration * $0) }
            + [0, 0, 0, 0, 50, 100, 200, 400, 800, 1600, 3200].map { Kill.whileWriting(microseconds: $0) }
        var killed = 0, killedWhileWriting = 0
        for (n, kill) in schedule.enumerated() {
            try Self.oldContent.write(to: out, atomically: false, encoding: .utf8)
            let result = try Self.export(in: dir, kill)
            let now = Self.contents(out)
            #expect(now == Self.oldContent || now == newContent,
                    "run \(n) (\(kill)): out.json is \(now.map { "\($0.utf8.count) bytes" } ?? "missing"), neither the old file nor the complete export")
            if result.killed { killed += 1 }
            if result.killed && result.sawTemporary && now == Self.oldContent { killedWhileWriting += 1 }

            // Nothing else appears beside the target but the temporary files of killed runs.
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path)
            where name != "big.careplan" && name != "out.json" {
                #expect(name.hasPrefix(".out.json.tmp-"), "unexpected file left behind: \(name)")
            }
        }
        #expect(killed >= schedule.count / 2, "only \(killed) of \(schedule.count) runs were killed")
        // At least one run died with its temporary file written (partly) and not yet renamed:
        // the case atomic writing exists for.
        #expect(killedWhileWriting >= 1)
    }

    @Test func completedExportLeavesNoTemporaryFile() throws {
        let dir = try CareplanBinary.temporaryFolder("atomic-ok")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.bigPlan(goals: 3).write(to: dir.appendingPathComponent("big.careplan"), atomically: false, encoding: .utf8)
        try Self.oldContent.write(to: dir.appendingPathComponent("out.json"), atomically: false, encoding: .utf8)
        #expect(try Self.export(in: dir, .never).killed == false)
        #expect(Self.contents(dir.appendingPathComponent("out.json"))?.hasPrefix("{") == true)
        #expect(Self.contents(dir.appendingPathComponent("out.json")) != Self.oldContent)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(names == ["big.careplan", "out.json"])
    }
}
