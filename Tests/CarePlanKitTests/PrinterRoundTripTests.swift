import CarePlanKit
import Foundation
import Testing

/// The model-to-text printer (`PlanPrinter`, used by `:show` and `careplan import`): for every
/// example and every corpus plan that checks without errors, the printed plan checks without
/// errors and builds the same model (compared as careplan's JSON export, the whole model).
struct PrinterRoundTripTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 29)!
    static let corpus = GoldenFile.packageRoot.appendingPathComponent("Tests/CarePlanKitTests/Corpus")
    static let examples = GoldenFile.packageRoot.appendingPathComponent("examples")

    /// What went wrong printing the plans of one compiled file, or nothing.
    static func losses(_ compiled: Compilation, name: String) -> [String] {
        var out: [String] = []
        for plan in compiled.plans {
            let printed = PlanPrinter.plan(plan)
            let again = Compilation.check(source: printed, name: "printed \(plan.id.value)", today: today)
            let errors = again.diagnostics.filter { $0.severity == .error }
            if !errors.isEmpty {
                out.append("\(name): printed plan \(plan.id.value) has errors:\n\(DiagnosticRenderer.render(errors, color: false))\n\(printed)")
                continue
            }
            guard again.plans.count == 1, let back = again.plans.first else {
                out.append("\(name): printed plan \(plan.id.value) built \(again.plans.count) plans"); continue
            }
            let a = JSONExport.document(plan).serialized(pretty: true), b = JSONExport.document(back).serialized(pretty: true)
            if a != b { out.append("\(name): plan \(plan.id.value) changed in the round trip:\n\(GoldenFile.firstDifference(a, b))\n\(printed)") }
            // The copy adds no finding the original did not have (a warning about how the
            // source was written may go: the printer writes it the canonical way).
            let added = Set(again.diagnostics.map(\.code.rawValue)).subtracting(compiled.diagnostics.map(\.code.rawValue))
            if !added.isEmpty { out.append("\(name): printed plan \(plan.id.value) adds \(added.sorted()):\n\(DiagnosticRenderer.render(again.diagnostics, color: false))\n\(printed)") }
        }
        return out
    }

    static var exampleFiles: [String] {
        (FileManager.default.enumerator(atPath: examples.path)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".careplan") }.sorted()
    }

    @Test("example prints back to the same plan", arguments: exampleFiles)
    func examplePrintsBack(_ name: String) throws {
        let path = Self.examples.appendingPathComponent(name).path
        let file = try #require(ScriptHost.readFromDisk(path).map { SourceFile(name: path, bytes: $0) })
        let compiled = Compilation.check(file, today: Self.today)
        #expect(!compiled.diagnostics.hasErrors)
        for loss in Self.losses(compiled, name: name) { Issue.record(Comment(rawValue: loss)) }
    }

    /// Every corpus case without errors (the others are about the errors, not the plans).
    @Test func corpusPlansPrintBack() throws {
        let parent = Self.corpus.deletingLastPathComponent().path
        var checked = 0
        for path in CorpusTests.cases {
            let url = Self.corpus.appendingPathComponent(path)
            let bytes = try #require(ScriptHost.readFromDisk(url.path))
            let compiled = Compilation.check(SourceFile(name: "Corpus/" + path, bytes: bytes), today: Self.today,
                                             readFile: { p in ScriptHost.readFromDisk(p.hasPrefix("/") ? p : parent + "/" + p) })
            guard !compiled.diagnostics.hasErrors, !compiled.plans.isEmpty else { continue }
            checked += 1
            for loss in Self.losses(compiled, name: path) { Issue.record(Comment(rawValue: loss)) }
        }
        #expect(checked >= 50, "only \(checked) corpus cases have plans without errors")
    }

    /// The printer's own corpus cases (`Corpus/printer/`): each also states the text it prints
    /// (`.printed` beside it), so a frequency printed as another frequency fails here even
    /// where the round trip above would not notice.
    static var printerCases: [String] { CorpusTests.cases.filter { $0.hasPrefix("printer/") } }

    @Test("printer corpus case prints as stated", arguments: printerCases)
    func printerCase(_ path: String) throws {
        let url = Self.corpus.appendingPathComponent(path)
        let bytes = try #require(ScriptHost.readFromDisk(url.path))
        let compiled = Compilation.check(SourceFile(name: "Corpus/" + path, bytes: bytes), today: Self.today)
        #expect(!compiled.diagnostics.hasErrors)
        let printed = compiled.plans.map(PlanPrinter.plan).joined(separator: "\n")
        GoldenFile.check(printed, against: url.deletingPathExtension().appendingPathExtension("printed"))
    }
}
