import Foundation
import Testing
@testable import CarePlanKit

/// Libraries shared by the files of a folder (`LibraryCache`): read, parsed and run once, and
/// every file's result exactly what it is when the file is checked alone.
@Suite struct LibraryCacheTests {
    static let today = CalendarDate(iso: "2026-11-29")!

    /// A folder: `lib/` with two libraries (one imports the other, one has a `let` its
    /// templates use) and the plan files given.
    static func folder(_ plans: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("careplan-libraries-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("lib"), withIntermediateDirectories: true)
        try """
            template rail(serving, room = "bathroom") {
              intervention "rail-${room}" "Fit a grab rail in the ${room}" {
                type environment-modification
                serves serving
              }
            }
            """.write(to: dir.appendingPathComponent("lib/rails.careplan"), atomically: true, encoding: .utf8)
        try """
            import "rails.careplan"
            let sheet = "printed exercise sheet"
            template exercises(serving, region = "knee") {
              intervention "exercises-${region}" "Home exercises for the ${region}" {
                type exercise
                serves serving
                equipment sheet
              }
            }
            """.write(to: dir.appendingPathComponent("lib/exercise.careplan"), atomically: true, encoding: .utf8)
        for (name, text) in plans {
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return dir
    }

    static func plan(_ id: String, imports: [String], uses: String = "use rail(serving: bath)\n  use exercises(serving: bath)") -> String {
        imports.map { "import \"\($0)\"\n" }.joined() + """

            plan \(id) "Safe at home" {
              discipline OT
              client "Ann Lee" { born 1950-01-02 }
              starts 2026-11-02
              goal bath "Bathe safely" {
                occupation adl
                measure "safe transfers out of 5" from 1 to 5
                by 2026-12-14
              }
              \(uses)
              frequency 2 per week for 6 weeks
            }

            """
    }

    /// The plans and diagnostics of one check, as text, for comparing checks.
    static func outcome(_ c: Compilation) -> String {
        c.plans.map { p in "\(p.id.value): \(p.interventions.map { "\($0.id.value) \($0.equipment)" })" }.joined(separator: "\n")
            + "\n" + DiagnosticRenderer.render(c.diagnostics.sortedForDisplay(), summary: true)
    }

    static func check(_ dir: URL, _ name: String, _ libraries: LibraryCache?) -> Compilation {
        let path = dir.appendingPathComponent(name).path
        return Compilation.check(SourceFile(name: path, bytes: ScriptHost.readFromDisk(path)!), today: today, libraries: libraries)
    }

    @Test func everyFileAsIfCheckedAloneWithLibrariesRunOnce() throws {
        let dir = try Self.folder([
            "a.careplan": Self.plan("a", imports: ["lib/exercise.careplan"]),
            "b.careplan": Self.plan("b", imports: ["lib/exercise.careplan"]),
            "c.careplan": Self.plan("c", imports: ["lib/exercise.careplan", "lib/rails.careplan"]),
            "d.careplan": Self.plan("d", imports: ["lib/rails.careplan", "lib/exercise.careplan"]),
            // A `let` before the imports: not a prelude; the libraries still parse once.
            "e.careplan": "let x = 1\n" + Self.plan("e", imports: ["lib/exercise.careplan"]),
            // A mistake in the file itself is reported as usual.
            "f.careplan": Self.plan("f", imports: ["lib/exercise.careplan"], uses: "use exercise(serving: bath)"),
            "g.careplan": Self.plan("g", imports: ["lib/exercse.careplan"]),
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let names = ["a", "b", "c", "d", "e", "f", "g"].map { "\($0).careplan" }
        let alone = names.map { Self.outcome(Self.check(dir, $0, nil)) }
        let libraries = LibraryCache(recognisesFilesOnDisk: true)
        for round in 0..<2 {
            for (k, name) in names.enumerated() {
                #expect(Self.outcome(Self.check(dir, name, libraries)) == alone[k], "\(name), round \(round)")
            }
        }
        let counted = libraries.counted
        // Each library read and parsed once, then recognised on disk without reading.
        #expect(counted.reads == 2 && counted.parses == 2)
        // b, f (first round) and a, b, f (second) reuse `exercise` (+ `rails`); c and d reuse
        // their two-import preludes in the second round; e never has one; g's import fails.
        #expect(counted.preludesReused == 9)
        #expect(alone[5].contains("no template named `exercise`") && alone[6].contains("cannot read imported file"))
        #expect(alone[0].contains("exercises-knee") && alone[0].contains("printed exercise sheet"))
    }

    @Test func aChangedLibraryIsReadAgain() throws {
        let dir = try Self.folder([
            "a.careplan": Self.plan("a", imports: ["lib/exercise.careplan"]),
            "b.careplan": Self.plan("b", imports: ["lib/exercise.careplan"], uses: "use exercises(serving: bath, region: \"hip\")\n  use pacing(serving: bath)"),
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let libraries = LibraryCache(recognisesFilesOnDisk: true)
        #expect(Self.check(dir, "a.careplan", libraries).diagnostics.errorCount == 0)
        #expect(Self.outcome(Self.check(dir, "b.careplan", libraries)).contains("no template named `pacing`"))
        let lib = dir.appendingPathComponent("lib/exercise.careplan")
        try (String(contentsOf: lib, encoding: .utf8) + """

            template pacing(serving) {
              intervention pacing "Pacing" {
                type education
                serves serving
              }
            }
            """).write(to: lib, atomically: true, encoding: .utf8)
        let after = Self.check(dir, "b.careplan", libraries)
        #expect(after.diagnostics.errorCount == 0)
        #expect(Self.outcome(after) == Self.outcome(Self.check(dir, "b.careplan", nil)))
        #expect(libraries.counted.parses == 3)
    }

    /// A library that imports its importer: an import cycle, reported the same with the cache.
    @Test func aCycleThroughALibraryIsReportedAsAlone() throws {
        let dir = try Self.folder([
            "a.careplan": "import \"lib/loop.careplan\"\n" + Self.plan("a", imports: []),
            "b.careplan": "import \"lib/loop.careplan\"\n" + Self.plan("b", imports: []),
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        try "import \"../a.careplan\"\n".write(to: dir.appendingPathComponent("lib/loop.careplan"), atomically: true, encoding: .utf8)
        let libraries = LibraryCache(recognisesFilesOnDisk: true)
        let b = Self.check(dir, "b.careplan", libraries)
        let a = Self.check(dir, "a.careplan", libraries)
        #expect(Self.outcome(b) == Self.outcome(Self.check(dir, "b.careplan", nil)))
        #expect(Self.outcome(a) == Self.outcome(Self.check(dir, "a.careplan", nil)))
        #expect(Self.outcome(a).contains("import cycle"))
    }
}
