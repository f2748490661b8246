import Foundation
import Testing

/// `careplan grade` through the real binary: exit statuses, `--out-dir` and `-o`.
struct GradeCommandTests {
    static func run(_ args: [String], in dir: URL) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try CareplanBinary.path())
        p.arguments = args + ["--today", "2026-11-29"]
        p.currentDirectoryURL = dir
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    static let fixture = CareplanBinary.packageRoot.appendingPathComponent("Tests/CarePlanKitTests/Fixtures/class").path

    @Test func gradesAClassIntoAFolderOfPages() throws {
        let dir = try CareplanBinary.temporaryFolder("grade")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Self.run(["grade", Self.fixture, "--rubric", Self.fixture + "/rubric.txt", "--format", "html", "--out-dir", "pages"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("pages").path).sorted()
        #expect(files.count == 17 && files.contains("index.html") && files.contains("group-b-novak.html"))
        let index = try String(contentsOf: dir.appendingPathComponent("pages/index.html"), encoding: .utf8)
        #expect(index.contains("OT/PT 501, assignment 2") && index.contains("href=\"group-b-novak.html\""))
    }

    @Test func markdownGoesToStandardOutput() throws {
        let dir = try CareplanBinary.temporaryFolder("grade")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Self.run(["grade", Self.fixture, "--deidentify"], in: dir)
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("# careplan teaching rubric: class summary\n"))
        #expect(r.stdout.contains("## Feedback for Student 16") && !r.stdout.contains("novak"))
    }

    @Test func aBadRubricGradesNothingAndExits65() throws {
        let dir = try CareplanBinary.temporaryFolder("grade")
        defer { try? FileManager.default.removeItem(at: dir) }
        try "require \"COPM\" copm\n".write(to: dir.appendingPathComponent("bad.rubric"), atomically: true, encoding: .utf8)
        let r = try Self.run(["grade", Self.fixture, "--rubric", "bad.rubric"], in: dir)
        #expect(r.status == 65)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("bad.rubric:1:9: error[CP0311]") && r.stderr.contains("nothing graded"))
    }

    @Test func aMissingFolderExits66() throws {
        let dir = try CareplanBinary.temporaryFolder("grade")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Self.run(["grade", "no-such-class"], in: dir)
        #expect(r.status == 66)
        #expect(r.stderr.contains("no such file or folder: no-such-class"))
    }
}
