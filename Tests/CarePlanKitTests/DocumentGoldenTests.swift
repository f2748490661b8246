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
            // A daily note is about one visit: written for chosen visits below.
            for kind in DocumentKind.allCases where kind != .dailyNote {
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
        #expect(md.contains("| Practise with sock aid and reacher | Training |  | 1 session a day | 45 min | 2 times a week | 6 weeks | dress |"))
        #expect(md.contains("- **Certification period:** 2 Nov 2026 to 30 Jan 2027 (90 days)"))
        #expect(md.contains("- Signed by A. Chen, OTR/L on 2 Nov 2026"))
        #expect(md.contains("- **Rehab potential:** Good: motivated; daughter nearby"))
        let html = try Documents.render(.planOfCare, plan: plan, format: .html, options: DocumentOptions(today: Self.today))
        for external in ["<script", "<link", "src=", "url(", "@import"] { #expect(!html.contains(external), "\(external)") }
        #expect(html.contains("<section class=\"care\" aria-labelledby=\"precautions\">"))
    }

    /// Daily notes of chosen visits, Markdown and HTML: an evaluation (untimed code, goals set
    /// that day), visits with SOAP, timed services and the day's readings.
    static let dailyNotes: [(source: String, visit: String)] = [
        ("examples/knee-replacement.careplan", "2026-10-26"),
        ("examples/knee-replacement.careplan", "2026-11-23"),
        ("examples/logs/stroke-kitchen-log.careplan", "2026-11-23"),
        ("Tests/CarePlanKitTests/Fixtures/daily-notes/walk.careplan", "2026-11-17"),
        ("Tests/CarePlanKitTests/Fixtures/daily-notes/walk.careplan", "2026-11-19"),
    ]

    static func compile(_ source: String) throws -> Plan {
        let url = GoldenFile.packageRoot.appendingPathComponent(source)
        let compiled = Compilation.check(SourceFile(name: url.path, text: try String(contentsOf: url, encoding: .utf8)), today: Self.today)
        #expect(!compiled.diagnostics.hasErrors, "\(compiled.diagnostics.map(\.message))")
        return try #require(compiled.plans.first)
    }

    @Test(arguments: dailyNotes.indices)
    func goldenDailyNotes(_ k: Int) throws {
        let (source, visit) = Self.dailyNotes[k]
        let plan = try Self.compile(source)
        let stem = URL(fileURLWithPath: source).deletingPathExtension().lastPathComponent
        for format in DocumentFormat.allCases {
            let out = try Documents.render(.dailyNote, plan: plan, format: format,
                                           options: DocumentOptions(today: Self.today, visit: CalendarDate(iso: visit)!))
            GoldenFile.check(out, against: Self.goldenDir.appendingPathComponent("\(stem).daily-note.\(visit).\(format.fileExtension)"))
        }
    }

    @Test func dailyNoteHasWhatAReviewerLooksFor() throws {
        let plan = try Self.compile("examples/knee-replacement.careplan")
        let md = try Documents.render(.dailyNote, plan: plan, format: .markdown,
                                      options: DocumentOptions(today: Self.today, visit: CalendarDate(iso: "2026-11-02")!))
        // Precautions first; the date, the treatment day, the minutes, SOAP, each service with
        // code, minutes and units (57 timed minutes: 4 units), and the therapist's signature.
        let precautions = try #require(md.range(of: "## Precautions"))
        let note = try #require(md.range(of: "## Note"))
        #expect(precautions.lowerBound < note.lowerBound)
        #expect(md.contains("- **Weight-bearing (right leg): as tolerated (WBAT)**"))
        #expect(md.contains("- **Visit:** Monday 2 November 2026"))
        #expect(md.contains("- **Treatment day:** 4 of 10 in the reporting period (since the start of care)\n"))
        // 23 Nov: the progress record reviews every open goal, so that day closes the period.
        let md23 = try Documents.render(.dailyNote, plan: plan, format: .markdown,
                                        options: DocumentOptions(today: Self.today, visit: CalendarDate(iso: "2026-11-23")!))
        #expect(md23.contains("- **Treatment day:** 3 of 10 in the reporting period (since the review of every goal on 16 Nov 2026); 13 since the start of care; progress on every open goal is recorded this day (a progress report), so the next period starts after it\n"))
        #expect(md.contains("- **Total treatment time:** 60 min"))
        #expect(md.contains("- **Subjective:** Pain 6/10 with exercise"))
        #expect(md.contains("| 97110 | Therapeutic exercise: bike rocking to full revolutions; heel slides; quad sets and straight-leg raises | 30 | timed | 2 |"))
        #expect(md.contains("| 97140 | Manual therapy techniques: patellar mobilisation, scar work | 12 | timed | 1 |"))
        #expect(md.contains("| Total |  | 57 |  | 4 |"))
        #expect(md.contains("**Treating therapist**"))
        #expect(md.contains("- Name: M. Duarte, PT, DPT"))
    }

    /// The daily note prints a goal's measure, baseline and target exactly as the progress
    /// report of the same day does (one `GoalFigures`), and takes its treatment day from the
    /// same timeline: a note with its own columns or its own count would differ here.
    @Test(arguments: [("examples/knee-replacement.careplan", "2026-11-23"), ("examples/logs/stroke-kitchen-log.careplan", "2026-11-23")])
    func dailyNoteGoalsMatchTheProgressReport(_ source: String, _ day: String) throws {
        let plan = try Self.compile(source)
        let date = try #require(CalendarDate(iso: day))
        let note = try Documents.content(.dailyNote, plan: plan, options: DocumentOptions(today: Self.today, visit: date))
        let report = try Documents.content(.progressReport, plan: plan, options: DocumentOptions(today: Self.today, asOf: date))
        func table(_ d: ClinicalDocument, _ heading: String) throws -> ClinicalDocument.Table {
            let section = try #require(d.sections.first { $0.heading == heading })
            for case .table(let t) in section.blocks { return t }
            throw DocumentError("no table in \(heading)")
        }
        let noteRows = try table(note, "Goals addressed").rows
        let reportRows = try table(report, "Progress toward each goal").rows
        #expect(!noteRows.isEmpty)
        for row in noteRows {
            // Note: Goal, The client will, Measure, Baseline, This visit, Target, By.
            // Report: Goal, Measure, Baseline, Previous report, Latest, Target, Status.
            let same = reportRows.first { $0[0] == row[0] && $0[1] == row[2] }
            let r = try #require(same, "\(row[0]) \(row[2]) is not in the progress report")
            #expect(r[2] == row[3] && r[5] == row[5], "\(row) against \(r)")
            // The reading of the day is the report's latest (the report is written that day).
            #expect(r[4].hasPrefix(row[4].components(separatedBy: "; ").first!), "\(row[4]) against \(r[4])")
        }
        let period = try #require(report.facts.first { $0.label == "Treatment days in the period" }?.text)
        let day = try #require(note.facts.first { $0.label == "Treatment day" }?.text)
        #expect(day.hasPrefix("\(period) of 10 in the reporting period"), "\(day) against \(period)")
    }

    @Test func dailyNoteNeedsOneVisit() throws {
        let plan = try Self.compile("examples/knee-replacement.careplan")
        func message(_ visit: String?) -> String {
            do {
                _ = try Documents.content(.dailyNote, plan: plan, options: DocumentOptions(today: Self.today, visit: visit.flatMap(CalendarDate.init(iso:))))
                return "no error"
            } catch let e as DocumentError { return e.description } catch { return "\(error)" }
        }
        #expect(message(nil).hasPrefix("a daily note is about one visit: give --visit DATE; its visits: 2026-10-26, 2026-10-28,"))
        #expect(message("2026-11-24").hasPrefix("plan `knee` has no visit on 2026-11-24 (nearest: 2026-11-23); its visits: 2026-10-26,"))
        let two = try Self.compile("Tests/CarePlanKitTests/Fixtures/daily-notes/walk.careplan")
        #expect(message2(two, "2026-11-24").hasPrefix("plan `walk` records 2 visits on 2026-11-24 (attended, cancelled), so --visit cannot choose one"))
    }

    func message2(_ plan: Plan, _ visit: String) -> String {
        do {
            _ = try Documents.content(.dailyNote, plan: plan, options: DocumentOptions(today: Self.today, visit: CalendarDate(iso: visit)))
            return "no error"
        } catch let e as DocumentError { return e.description } catch { return "\(error)" }
    }
}
