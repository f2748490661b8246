import Foundation
import Testing

/// `careplan import` through the real binary: a US Core bundle from another system (golden
/// text and summary), the text it prints checks, and bad input exits 65 with one line per
/// problem naming its JSON path.
struct ImportCommandTests {
    static let fixtures = CareplanBinary.packageRoot.appendingPathComponent("Tests/CarePlanKitTests/Fixtures/import")

    static func run(_ args: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try DiffCommandTests.run(args)
    }

    @Test func foreignUSCoreBundleImportsWithItsLossesListed() throws {
        let bundle = Self.fixtures.appendingPathComponent("outpatient-knee-uscore.json").path
        let r = try Self.run(["import", "Tests/CarePlanKitTests/Fixtures/import/outpatient-knee-uscore.json", "--today", "2026-11-29"])
        #expect(r.status == 0, "\(r.stderr)")
        GoldenFile.check(r.stdout, against: Self.fixtures.appendingPathComponent("outpatient-knee-uscore.careplan"))
        GoldenFile.check(r.stderr, against: Self.fixtures.appendingPathComponent("outpatient-knee-uscore.summary"))
        // What cannot be carried over is said in both places, by JSON path.
        #expect(r.stdout.contains("#   $.entry[4].resource.activity[0].detail.performer: a performer other than the client (careplan records one only for a home programme, done by the client)"))
        #expect(r.stderr.contains("  $.entry[4].resource.activity[0].detail.performer: a performer other than the client (careplan records one only for a home programme, done by the client)"))
        // Its Encounter (finished, 09:30 to 10:30 at UTC-5) is a visit: attended, 60 minutes.
        #expect(r.stdout.contains("\n  visit on 2026-11-02 attended minutes 60\n"), "\(r.stdout)")
        #expect(!r.stderr.contains("Encounter"), "\(r.stderr)")
        // The printed text is a plan `careplan check` accepts (written to a file and checked).
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID().uuidString).careplan")
        defer { try? FileManager.default.removeItem(at: out) }
        let w = try Self.run(["import", bundle, "-o", out.path, "--today", "2026-11-29"])
        #expect(w.status == 0, "\(w.stderr)")
        let c = try Self.run(["check", out.path, "--today", "2026-11-29"])
        #expect(c.status == 0, "\(c.stderr)")
        #expect(!c.stderr.contains("error["), "\(c.stderr)")
    }

    @Test func badInputExitsSixtyFiveWithOneLinePerProblem() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("import-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases: [(String, String)] = [
            ("notjson.json", "careplan: \(dir.path)/notjson.json: line 1, column 1: not JSON: expected a value, found `p`\n"),
            ("patient.json", "careplan: \(dir.path)/patient.json: $.resourceType: expected \"Bundle\", found \"Patient\": careplan imports a Bundle holding a CarePlan\n"),
            ("goal.json", "careplan: \(dir.path)/goal.json: $.entry[0].resource.resourceType: missing (a string is required here)\n"),
        ]
        try "plan knee \"Knee\" {}".write(to: dir.appendingPathComponent("notjson.json"), atomically: true, encoding: .utf8)
        try "{\"resourceType\": \"Patient\", \"id\": \"1\"}".write(to: dir.appendingPathComponent("patient.json"), atomically: true, encoding: .utf8)
        try "{\"resourceType\": \"Bundle\", \"entry\": [{\"resource\": {\"id\": \"g\"}}]}".write(to: dir.appendingPathComponent("goal.json"), atomically: true, encoding: .utf8)
        for (file, first) in cases {
            let r = try Self.run(["import", dir.appendingPathComponent(file).path])
            #expect(r.status == 65, "\(file): \(r.stderr)")
            #expect(r.stdout.isEmpty)
            #expect(r.stderr.hasPrefix(first), "\(file): \(r.stderr)")
            #expect(r.stderr.hasSuffix("nothing imported (1 problem)\n"), "\(file): \(r.stderr)")
        }
        let missing = try Self.run(["import", dir.appendingPathComponent("absent.json").path])
        #expect(missing.status == 66)
    }
}
