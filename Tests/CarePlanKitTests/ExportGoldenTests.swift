import Foundation
import Testing
@testable import CarePlanKit

/// Every example plan (and the export fixtures) in every format, compared byte for byte with
/// Golden/exports/. A missing golden file is written and the test fails, so a person reads it
/// before it is trusted; CAREPLAN_UPDATE_GOLDEN=1 rewrites them all after a reviewed change.
/// scripts/validate_exports.py then checks the same files with independent validators.
@Suite struct ExportGoldenTests {
    /// The fixed "today" of every golden export.
    static let today = CalendarDate(iso: "2026-11-29")!

    static let root = GoldenFile.packageRoot
    static let goldenDir = root.appendingPathComponent("Tests/CarePlanKitTests/Golden/exports")

    /// examples/*.careplan (not templates/) and the fixtures that cover what the examples may not.
    static let sources: [String] = {
        func list(_ dir: String) -> [String] {
            let url = root.appendingPathComponent(dir)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            return names.filter { $0.hasSuffix(".careplan") }.sorted().map { "\(dir)/\($0)" }
        }
        return list("examples") + list("Tests/CarePlanKitTests/Fixtures/exports")
    }()

    /// Fixtures also get a de-identified FHIR golden.
    static func isFixture(_ source: String) -> Bool { source.hasPrefix("Tests/") }

    @Test func examplesAreFound() {
        #expect(Self.sources.contains("examples/stroke-kitchen.careplan"))
    }

    @Test(arguments: sources)
    func goldenExports(source: String) throws {
        let url = Self.root.appendingPathComponent(source)
        let text = try String(contentsOf: url, encoding: .utf8)
        let compiled = Compilation.check(SourceFile(name: url.path, text: text), today: Self.today)
        let errors = compiled.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(source) has errors: \(DiagnosticRenderer.render(errors))")
        guard errors.isEmpty else { return }
        let stem = url.deletingPathExtension().lastPathComponent
        for plan in compiled.plans {
            let base = compiled.plans.count == 1 ? stem : "\(stem).\(plan.id.value)"
            for format in ExportFormat.allCases {
                let out = try Exporter.render(plan, as: format, options: ExportOptions(today: Self.today))
                Self.compare(out, golden: "\(base).\(format.fileExtension)")
            }
            if Self.isFixture(source) {
                let out = try Exporter.render(plan, as: .fhir, options: ExportOptions(today: Self.today, deidentify: true))
                Self.compare(out, golden: "\(base).deidentified.fhir.json")
            }
            Self.compare(Self.expectedEvents(plan), golden: "\(base).events.json")
        }
    }

    /// The schedule's events, independent of the ICS writer: what the calendar must expand to.
    static func expectedEvents(_ plan: Plan) -> String {
        let events = Schedule.of(plan).events().map { e -> JSONValue in
            .object(["date": .string(e.date.description), "series": .string(e.seriesID), "kind": .string(e.kind.rawValue)])
        }
        return JSONValue.object(["plan": .string(plan.id.value), "count": .number(Double(events.count)), "events": .array(events)])
            .serialized(pretty: true) + "\n"
    }

    static func compare(_ actual: String, golden name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        GoldenFile.check(actual, against: goldenDir.appendingPathComponent(name), sourceLocation: sourceLocation)
    }
}
