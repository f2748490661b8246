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
}
