import CarePlanKit
import Foundation
import Testing

/// Every file in examples/ checks cleanly: no errors and no warnings.
struct ExamplesTests {
    static let root = GoldenFile.packageRoot.appendingPathComponent("examples")
    static let today = CalendarDate(year: 2026, month: 11, day: 29)!

    static var files: [String] {
        (FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".careplan") }.sorted()
    }

    @Test func thereAreAtLeastSixExamples() { #expect(Self.files.count >= 6) }

    @Test("example checks cleanly", arguments: files)
    func exampleChecksCleanly(_ name: String) throws {
        let path = Self.root.appendingPathComponent(name).path
        let file = try #require(Host.readFromDisk(path).map { SourceFile(name: path, bytes: $0) })
        let compiled = Compilation.check(file, today: Self.today)
        #expect(compiled.diagnostics.isEmpty, "\(DiagnosticRenderer.render(compiled.diagnostics))")
    }

    /// Every plan that every example file builds (the progress log in examples/logs/ too)
    /// exports in every format; the top-level examples are also compared byte for byte in
    /// ExportGoldenTests.
    @Test("example exports in every format", arguments: files)
    func exampleExports(_ name: String) throws {
        let path = Self.root.appendingPathComponent(name).path
        let file = try #require(Host.readFromDisk(path).map { SourceFile(name: path, bytes: $0) })
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
            #expect(plan.progress.contains { $0.date.value == CalendarDate(year: 2026, month: 12, day: 21)! })
            #expect(plan.closure(of: "bathing")?.status == .achieved)
        }
    }
}
