import Foundation
import Testing
@testable import CarePlanKit

/// Every document kind for every example plan (and the export fixtures), in Markdown and HTML,
/// compared with Golden/documents/ (a missing golden is written and the test fails until it is
/// reviewed). scripts/render_html.sh renders the HTML ones in Chromium at 1280 and 390 px.
@Suite struct DocumentGoldenTests {
    static let today = CalendarDate(iso: "2026-11-29")!
    static let goldenDir = GoldenFile.packageRoot.appendingPathComponent("Tests/CarePlanKitTests/Golden/documents")

    /// The export sources plus the document fixtures (visits, re-certifications, discharges).
    static let sources: [String] = {
        let dir = "Tests/CarePlanKitTests/Fixtures/documents"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: GoldenFile.packageRoot.appendingPathComponent(dir).path)) ?? []
        return ExportGoldenTests.sources + names.filter { $0.hasSuffix(".careplan") }.sorted().map { "\(dir)/\($0)" }
    }()

    /// A plan that cannot have a document (no re-certification written, open goals with no
    /// reason for discharge) gets the error `careplan document` prints, kept as a golden too.
    @Test(arguments: sources)
    func goldenDocuments(source: String) throws {
        let url = GoldenFile.packageRoot.appendingPathComponent(source)
        let compiled = Compilation.check(SourceFile(name: url.path, text: try String(contentsOf: url, encoding: .utf8)), today: Self.today)
        #expect(!compiled.diagnostics.hasErrors)
        let stem = url.deletingPathExtension().lastPathComponent
        for plan in compiled.plans {
            let base = compiled.plans.count == 1 ? stem : "\(stem).\(plan.id.value)"
            for kind in DocumentKind.allCases {
                do {
                    _ = try Documents.content(kind, plan: plan, options: DocumentOptions(today: Self.today))
                } catch let e as DocumentError {
                    GoldenFile.check("careplan: \(e.description)\n", against: Self.goldenDir.appendingPathComponent("\(base).\(kind.rawValue).error.txt"))
                    continue
                }
                for format in DocumentFormat.allCases {
                    let out = try Documents.render(kind, plan: plan, format: format, options: DocumentOptions(today: Self.today))
                    GoldenFile.check(out, against: Self.goldenDir.appendingPathComponent("\(base).\(kind.rawValue).\(format.fileExtension)"))
                }
            }
        }
    }

    @Test func planOfCareHasWhatAReviewerLooksFor() throws {
        let url = GoldenFile.packageRoot.appendingPathComponent("Tests/CarePlanKitTests/Fixtures/exports/hip-precautions.careplan")
        let compiled = Compilation.check(SourceFile(name: url.path, text: try String(contentsOf: url, encoding: .utf8)), today: Self.today)
        let plan = try #require(compiled.plans.first)
        let md = try Documents.render(.planOfCare, plan: plan, format: .markdown, options: DocumentOptions(today: Self.today))
        // Precautions first, then diagnoses, goals with measures, and type/amount/frequency/duration.
        let precautions = try #require(md.range(of: "## Precautions"))
        let diagnoses = try #require(md.range(of: "## Diagnoses"))
        #expect(precautions.lowerBound < diagnoses.lowerBound)
        #expect(md.contains("- **Weight-bearing (left leg): partial (PWB), up to 50% of body weight, until 14 Dec 2026**"))
        #expect(md.contains("| Practise with sock aid and reacher | Training |  | 45 min | 2 times a week | 6 weeks | dress |"))
        #expect(md.contains("- **Certification period:** 2 Nov 2026 to 30 Jan 2027 (90 days)"))
        #expect(md.contains("- Signed by A. Chen, OTR/L on 2 Nov 2026"))
        #expect(md.contains("- **Rehab potential:** Good: motivated; daughter nearby"))
        let html = try Documents.render(.planOfCare, plan: plan, format: .html, options: DocumentOptions(today: Self.today))
        for external in ["<script", "<link", "src=", "url(", "@import"] { #expect(!html.contains(external), "\(external)") }
        #expect(html.contains("<section class=\"care\" aria-labelledby=\"precautions\">"))
    }
}
