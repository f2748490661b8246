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
