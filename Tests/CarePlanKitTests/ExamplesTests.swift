import CarePlanKit
import Foundation
import Testing

/// Every file in examples/ checks cleanly (no errors, warnings or notes), except the flawed
/// student plans in examples/teaching/ (`*-flawed.careplan`): each of those has exactly the
/// diagnostics its `# flaw CODE` comments announce, on the lines they are written on, and no
/// errors, so `careplan check examples` still exits 0.
struct ExamplesTests {
    static let root = GoldenFile.packageRoot.appendingPathComponent("examples")
    static let today = CalendarDate(year: 2026, month: 11, day: 29)!

    static var files: [String] {
        (FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".careplan") }.sorted()
    }

    @Test func thereAreAtLeastSixExamples() { #expect(Self.files.count >= 6) }

    @Test("example checks cleanly, or with exactly its announced flaws", arguments: files)
    func exampleChecksCleanly(_ name: String) throws {
        let path = Self.root.appendingPathComponent(name).path
        let file = try #require(ScriptHost.readFromDisk(path).map { SourceFile(name: path, bytes: $0) })
        let compiled = Compilation.check(file, today: Self.today)
        let found = Set(compiled.diagnostics.compactMap { d in d.primarySpan.map { Flaw(line: file.location(of: $0.start).line, code: d.code.rawValue) } })
        let announced = Self.announcedFlaws(String(decoding: file.bytes, as: UTF8.self))
        #expect(found == announced, "\(DiagnosticRenderer.render(compiled.diagnostics))")
        #expect(found.count == compiled.diagnostics.count, "one diagnostic per announced flaw")
        #expect(!compiled.diagnostics.hasErrors)
        #expect(name.hasSuffix("-flawed.careplan") == !announced.isEmpty, "only *-flawed files announce flaws")
    }

    struct Flaw: Hashable, CustomStringConvertible {
        var line: Int
        var code: String
        var description: String { "\(code) on line \(line)" }
    }

    /// `# flaw CP0306: ...` comments: the codes expected on that line.
    static func announcedFlaws(_ text: String) -> Set<Flaw> {
        var out = Set<Flaw>()
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let r = line.range(of: "# flaw ") else { continue }
            for word in line[r.upperBound...].split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            where word.count == 6 && word.hasPrefix("CP") && word.dropFirst(2).allSatisfy(\.isNumber) {
                out.insert(Flaw(line: i + 1, code: String(word)))
            }
        }
        return out
    }

    @Test func teachingExamplesComeInFlawedAndCorrectedPairs() {
        let teaching = Self.files.filter { $0.hasPrefix("teaching/") }
        let flawed = teaching.filter { $0.hasSuffix("-flawed.careplan") }
        #expect(flawed.count >= 2)
        for f in flawed { #expect(teaching.contains(f.replacingOccurrences(of: "-flawed", with: "-corrected")), "\(f) has no corrected version") }
    }

    /// Every plan that every example file builds (the progress log in examples/logs/ too)
    /// exports in every format; the top-level examples are also compared byte for byte in
    /// ExportGoldenTests.
    @Test("example exports in every format", arguments: files)
    func exampleExports(_ name: String) throws {
        let path = Self.root.appendingPathComponent(name).path
        let file = try #require(ScriptHost.readFromDisk(path).map { SourceFile(name: path, bytes: $0) })
        let compiled = Compilation.check(file, today: Self.today)
        for plan in compiled.plans {
            for format in ExportFormat.allCases {
                let text = try Exporter.render(plan, as: format, options: ExportOptions(today: Self.today))
                #expect(text.utf8.count > 200, "\(name): \(plan.id.value) as \(format.rawValue) is nearly empty")
            }
        }
        if name.hasPrefix("logs/") {
            // The log adds its records to the imported plan.
            let plan = try #require(compiled.plans.first)
            #expect(plan.progress.contains { $0.date.value == CalendarDate(year: 2026, month: 11, day: 25)! })
            #expect(plan.closure(of: "bathing")?.status == .achieved)
        }
    }
}
