import Foundation
import Testing

/// `careplan diff` through the real binary: the exit status follows diff(1) (0 same, 1
/// different, 2 trouble), diagnostics go to standard error and nothing is compared then.
struct DiffCommandTests {
    static let pairs = CareplanBinary.packageRoot.appendingPathComponent("Tests/CarePlanKitTests/Golden/diff").path

    static func run(_ args: [String], in dir: URL? = nil, environment: [String: String]? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try CareplanBinary.path())
        p.arguments = args
        p.currentDirectoryURL = dir ?? CareplanBinary.packageRoot
        if let environment { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    static func pair(_ name: String) -> [String] { ["\(pairs)/\(name)/old.careplan", "\(pairs)/\(name)/new.careplan"] }

    @Test func differencesExitOne() throws {
        let r = try Self.run(["diff"] + Self.pair("changed-frequency") + ["--today", "2026-11-30"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout.contains("    frequency: 2 times a week for 10 weeks -> 3 times a week for 10 weeks (Monday, Wednesday, Friday)\n"))
        #expect(r.stderr.isEmpty)
    }

    @Test func noDifferencesExitZero() throws {
        let r = try Self.run(["diff"] + Self.pair("same-plan-new-layout") + ["--today", "2026-11-30"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasSuffix("No changes in plan structure\n"))
    }

    @Test func errorsExitTwoWithDiagnosticsAndNoDiff() throws {
        let r = try Self.run(["diff"] + Self.pair("parse-error") + ["--today", "2026-11-30"])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("parse-error/new.careplan:26:13: error[CP0003]: string is not closed before the `{`"))
        let missing = try Self.run(["diff", "\(Self.pairs)/replaced-goal/old.careplan", "nowhere.careplan", "--today", "2026-11-30"])
        #expect(missing.status == 2 && missing.stdout.isEmpty)
        #expect(missing.stderr == "careplan: cannot read nowhere.careplan: no such file\n")
    }

    @Test func jsonAndTodayFromTheEnvironment() throws {
        let r = try Self.run(["diff", "--format", "json"] + Self.pair("replaced-goal"), environment: ["CAREPLAN_TODAY": "2026-11-30"])
        #expect(r.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(object?["format"] as? String == "careplan-diff/1" && object?["today"] as? String == "2026-11-30")
    }
}

/// The README's git recipe, in a temporary repository: `.gitattributes` names the driver,
/// `git config diff.careplan.command` points at scripts/git-diff-careplan, and `git diff`
/// prints careplan's summary, for the work tree, between commits (both versions temporary
/// files whose imports must still resolve) and from a sub-folder; a version that does not read
/// gets its diagnostics and the line diff.
struct GitDiffDriverTests {
    static func git(_ args: [String], in dir: URL) throws -> (status: Int32, stdout: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git"] + args
        p.currentDirectoryURL = dir
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = dir.path                  // no user configuration
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["GIT_PAGER"] = "cat"
        env["CAREPLAN"] = try CareplanBinary.path()
        env["CAREPLAN_TODAY"] = "2026-11-30"
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self))
    }

    static var hasGit: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/git") }

    @Test(.enabled(if: GitDiffDriverTests.hasGit)) func gitDiffShowsWhatChangedInThePlan() throws {
        let repo = try CareplanBinary.temporaryFolder("git-diff")
        defer { try? FileManager.default.removeItem(at: repo) }
        func write(_ name: String, _ text: String) throws {
            let url = repo.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let driver = CareplanBinary.packageRoot.appendingPathComponent("scripts/git-diff-careplan").path
        for args in [["init", "-q"], ["config", "user.email", "t@example.com"], ["config", "user.name", "T"],
                     ["config", "diff.careplan.command", driver]] {
            #expect(try Self.git(args, in: repo).status == 0)
        }
        try write(".gitattributes", "*.careplan diff=careplan\n")
        try write("plans/lib.careplan", """
            template practice(serving) {
              intervention practise "Dressing practice" { type occupation; serves serving; frequency 1 per week for 8 weeks }
            }

            """)
        let plan = """
            import "lib.careplan"
            plan p "Dressing" {
              discipline OT
              client "Ana Ruiz"
              starts 2026-11-02
              payer private-pay
              diagnosis "Left hemiparesis"
              goal top "Put on a shirt" { occupation adl; assist from moderate to independent; condition "seated"; by 2026-12-28 }
              use practice(serving: top)
              checkin on 2026-12-28 { review top }
            }

            """
        try write("plans/p.careplan", plan)
        #expect(try Self.git(["add", "-A"], in: repo).status == 0)
        #expect(try Self.git(["commit", "-qm", "agreed plan"], in: repo).status == 0)
        try write("plans/p.careplan", plan.replacingOccurrences(of: "by 2026-12-28 }", with: "by 2027-01-11 }"))
        let expected = """
            careplan diff plans/p.careplan -> plans/p.careplan (as of 2026-11-30)

            plan p: Dressing
              goals: 1 changed; schedule: 1 figure moves

              Goals
                changed top: Put on a shirt
                  due: 2026-12-28 -> 2027-01-11

              Schedule (from each version's timeline)
                end of care: 2026-12-28 -> 2027-01-11

            """
        let worktree = try Self.git(["diff"], in: repo)
        #expect(worktree.status == 0)
        #expect(worktree.stdout == expected)
        #expect(try Self.git(["commit", "-qam", "due date moved"], in: repo).status == 0)
        let commits = try Self.git(["diff", "HEAD~1", "HEAD"], in: repo.appendingPathComponent("plans"))
        #expect(commits.status == 0)
        #expect(commits.stdout == expected)
        // The line diff is still there when asked for.
        #expect(try Self.git(["diff", "--no-ext-diff", "HEAD~1", "HEAD"], in: repo).stdout.contains("+  goal top \"Put on a shirt\""))
        try write("plans/bad.careplan", "plan {\n")
        #expect(try Self.git(["add", "plans/bad.careplan"], in: repo).status == 0)
        let bad = try Self.git(["diff", "--cached"], in: repo)
        #expect(bad.status == 0)
        #expect(bad.stdout.hasPrefix("plans/bad.careplan:1:6: error[CP0050]"))
        #expect(bad.stdout.contains("(careplan could not compare the versions of plans/bad.careplan; the line diff follows)\n--- a/plans/bad.careplan\n+++ b/plans/bad.careplan\n"))
    }
}
