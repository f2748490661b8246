import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Script tests of the REPL (like sqlite's shell tests or ghci's script tests): each
/// `ReplScripts/NAME.in` is piped into the real `careplan --today 2026-11-29`, and its
/// standard output and standard error, interleaved as written, are compared with
/// `ReplScripts/NAME.out`, whose last line is the expected exit status (`[exit 0]` when every
/// entry was accepted, `[exit 1]` otherwise).
///
/// Each script runs in a fresh temporary folder holding a copy of examples/, with NO_COLOR=1
/// and its own history and journal paths. A missing golden is written and the test fails (read
/// it before trusting it); CAREPLAN_UPDATE_GOLDEN=1 rewrites them after a reviewed change.
@Suite("ReplScripts", .timeLimit(.minutes(2)))
struct ReplScriptTests {
    static let folder = CareplanBinary.packageRoot.appendingPathComponent("Tests/CLITests/ReplScripts")
    static let timeout: Duration = .seconds(30)

    static var scripts: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".in") }.map { String($0.dropLast(3)) }.sorted()
    }

    struct Run {
        var output: String
        var status: Int32
        /// The folder the script ran in (removed by the caller).
        var work: URL
        var state: URL
    }

    /// Runs `careplan --today 2026-11-29 < script` in a fresh folder; kills it after `timeout`.
    static func run(_ script: URL) throws -> Run {
        let work = try CareplanBinary.temporaryFolder("script-work", examples: true)
        let state = try CareplanBinary.temporaryFolder("script-state")
        let outURL = state.appendingPathComponent("output")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let input = try FileHandle(forReadingFrom: script)
        defer {
            try? out.close()
            try? input.close()
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: try CareplanBinary.path())
        process.arguments = ["--today", "2026-11-29"]
        process.currentDirectoryURL = work
        process.environment = [
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": state.path,
            "LANG": "C.UTF-8",
            "TERM": "dumb",
            "NO_COLOR": "1",
            "CAREPLAN_HISTORY": state.appendingPathComponent("history").path,
            "CAREPLAN_JOURNAL": state.appendingPathComponent("journal").path,
        ]
        // One file for both streams: the order on disk is the order of the writes.
        process.standardInput = input
        process.standardOutput = out
        process.standardError = out
        try process.run()

        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                throw PtyError(description: "\(script.lastPathComponent): careplan did not finish within \(timeout); killed")
            }
            usleep(10_000)
        }
        process.waitUntilExit()
        let text = try String(contentsOf: outURL, encoding: .utf8)
        // Nothing machine-specific in a golden.
            .replacingOccurrences(of: work.path, with: "$WORK")
        let status = process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
        return Run(output: text, status: status, work: work, state: state)
    }

    @Test("REPL script", arguments: scripts)
    func script(_ name: String) throws {
        let run = try Self.run(Self.folder.appendingPathComponent(name + ".in"))
        defer {
            try? FileManager.default.removeItem(at: run.work)
            try? FileManager.default.removeItem(at: run.state)
        }
        GoldenFile.check(run.output + "[exit \(run.status)]\n", against: Self.folder.appendingPathComponent(name + ".out"))
        // Piped input is neither written to the history nor journalled.
        #expect(!FileManager.default.fileExists(atPath: run.state.appendingPathComponent("history").path))
        #expect(!FileManager.default.fileExists(atPath: run.state.appendingPathComponent("journal").path))
    }

    @Test func thereAreScripts() {
        #expect(Self.scripts.count >= 5)
    }

    /// A piped session must not replace the journal of an unfinished interactive session:
    /// `careplan --recover` has to find it afterwards.
    @Test func pipedRunLeavesAnUnfinishedJournalAlone() throws {
        let state = try CareplanBinary.temporaryFolder("script-journal")
        defer { try? FileManager.default.removeItem(at: state) }
        let journal = state.appendingPathComponent("journal")
        let unfinished = "#| careplan journal 1\n#| statement\nplan k \"K\" { discipline OT }\n"
        try Data(unfinished.utf8).write(to: journal)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: try CareplanBinary.path())
        process.arguments = ["--today", "2026-11-29"]
        process.currentDirectoryURL = state
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": state.path, "NO_COLOR": "1",
                               "CAREPLAN_HISTORY": state.appendingPathComponent("history").path,
                               "CAREPLAN_JOURNAL": journal.path]
        // Files, not pipes: a pty child spawned meanwhile by another test could inherit a
        // pipe's write end and keep careplan from ever seeing the end of its input.
        let inURL = state.appendingPathComponent("input"), outURL = state.appendingPathComponent("output")
        try Data("plan other \"Other\" { discipline PT }\n".utf8).write(to: inURL)
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        let input = try FileHandle(forReadingFrom: inURL), output = try FileHandle(forWritingTo: outURL)
        defer {
            try? input.close()
            try? output.close()
        }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let deadline = ContinuousClock.now + Self.timeout
        while process.isRunning {
            if ContinuousClock.now > deadline {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                Issue.record("careplan did not finish; killed")
                return
            }
            usleep(10_000)
        }
        process.waitUntilExit()
        let text = try String(contentsOf: outURL, encoding: .utf8)
        #expect(text == "plan other created (0 goals, 0 interventions)\n")
        #expect(process.terminationStatus == 0)
        #expect(try String(contentsOf: journal, encoding: .utf8) == unfinished)
    }
}
