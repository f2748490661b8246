import Foundation
import Testing
@testable import CarePlanKit

/// The clinical documents of one plan on one day agree with each other and with the record
/// (review-2dec): a goal's standing, the certification, the interventions that go on and the
/// treatment days given read the same in every document that states them.
@Suite struct DocumentAgreementTests {
    typealias R = ReportDocumentTests
    static let knee = "examples/knee-replacement.careplan"

    /// The knee-replacement example with `lines` added to its plan (before its first
    /// precaution), compiled as the example (its imports resolve beside it).
    static func knee(adding lines: String, today: CalendarDate = R.today) throws -> Plan {
        let url = GoldenFile.packageRoot.appendingPathComponent(knee)
        let text = try String(contentsOf: url, encoding: .utf8)
        let anchor = "  precaution \"No pillow"
        #expect(text.contains(anchor))
        let changed = text.replacingOccurrences(of: anchor, with: lines + "\n" + anchor)
        let compiled = Compilation.check(SourceFile(name: url.path, text: changed), today: today)
        #expect(!compiled.diagnostics.hasErrors, "\(DiagnosticRenderer.render(compiled.diagnostics))")
        return try #require(compiled.plans.first)
    }

    // Markdown escapes a backtick in running text: a command reads \`close ...\`.

    /// The lines of `md` that mention goal `id` as a list item or a table row.
    static func lines(_ md: String, about id: String) -> [String] {
        md.split(separator: "\n").map(String.init).filter { $0.hasPrefix("- \(id)") || $0.hasPrefix("| LTG \(id) ") }
    }

    /// An open goal whose latest readings meet every target (knee's stairs: 14 of 14 on 23 Nov)
    /// is "targets met, not yet closed", with the prompt to close it, in the progress report,
    /// the re-certification and the discharge summary alike: never "not met".
    @Test func openGoalAtItsTargetIsTargetsMetInEveryDocument() throws {
        let progress = try R.md(.progressReport, try Self.knee(adding: ""))
        #expect(progress.contains("| LTG stairs | stairs climbed step-over-step (of 14) | 0 | 14 (23 Nov 2026) | 14 (23 Nov 2026) | 14 | targets met, not yet closed |"))
        #expect(progress.contains("targets met, not yet closed: close it (\\`close stairs achieved on 2026-11-29\\`)"))

        let recert = try R.md(.recertification, try Self.knee(adding: "  recertify on 2027-01-24"))
        #expect(recert.contains("- stairs: targets met, not yet closed (latest reading 23 Nov 2026): close it (\\`close stairs achieved on 2026-11-29\\`), or replace it by a goal for the new period."))
        #expect(!recert.contains("stairs was due 7 Dec 2026, before the new period, and is not met"))
        // A goal below its target keeps the note it had.
        #expect(recert.contains("- walk was due 7 Dec 2026, before the new period, and is not met"))

        let discharge = try R.md(.dischargeSummary, try Self.knee(adding: "  status completed"))
        #expect(discharge.contains("Targets met, not yet closed:\n\n- stairs (Climb a flight of stairs step-over-step with one rail): open at discharge, targets met, not yet closed; final 14 (23 Nov 2026), baseline 0, target 14; close it (\\`close stairs achieved on 2026-11-25\\`)"))
        for md in [progress, recert, discharge] {
            #expect(Self.lines(md, about: "stairs").allSatisfy { !$0.contains("not met") }, "\(Self.lines(md, about: "stairs"))")
        }
    }

    /// A file compiled as of `today`.
    static func plan(_ path: String, today: CalendarDate) throws -> Plan {
        let url = GoldenFile.packageRoot.appendingPathComponent(path)
        let compiled = Compilation.check(SourceFile(name: url.path, text: try String(contentsOf: url, encoding: .utf8)), today: today)
        #expect(!compiled.diagnostics.hasErrors, "\(DiagnosticRenderer.render(compiled.diagnostics))")
        return try #require(compiled.plans.first)
    }

    /// The progress report's closing sentence names the certification as its header does: a
    /// period awaiting the physician's signature is not "the certification in force", nor is
    /// the payer's default period of a plan with no `certify` line; a signed one is.
    @Test func anUnsignedCertificationIsNotInForce() throws {
        let day = CalendarDate(iso: "2026-12-01")!
        let kitchen = try R.md(.progressReport, try Self.plan("examples/logs/stroke-kitchen-log.careplan", today: day), today: day)
        #expect(kitchen.contains("- **Certification:** period 2 Nov 2026 to 30 Jan 2027, awaiting the physician's or NPP's signature (due by 2 Dec 2026)"))
        #expect(kitchen.contains("The certification period (not yet signed; the physician's or NPP's signature is due by 2 Dec 2026) ends 30 Jan 2027: no re-certification is written yet."))
        let home = try R.md(.progressReport, try Self.plan("examples/memory-home-safety.careplan", today: day), today: day)
        #expect(home.contains("The certification period (not yet signed) ends 2 Jan 2027"))
        let none = try R.md(.progressReport, try R.plan("Tests/CarePlanKitTests/Fixtures/exports/hip-precautions.careplan"))
        #expect(none.contains("- **Certification:** no certification recorded"))
        #expect(none.contains("No certification is recorded; the period from the start of care ends 30 Jan 2027"))
        for md in [kitchen, home, none] { #expect(!md.contains("certification in force")) }
        let signed = try R.md(.progressReport, try Self.knee(adding: ""))
        #expect(signed.contains("The certification in force ends 23 Jan 2027: no re-certification is written yet."))
    }

    /// A home programme whose every goal was closed before discharge (knee's ice and
    /// elevation, serving pain-control, closed achieved 16 Nov) is not the home programme to
    /// continue: the discharge summary lists it as stopped, in the re-certification's words.
    @Test func dischargeSummaryDoesNotContinueAStoppedHomeProgramme() throws {
        let stopped = "- Ice and elevation at home after the exercise programme: stopped, its goal was closed (pain-control achieved 16 Nov 2026)"
        let recert = try R.md(.recertification, try Self.knee(adding: "  recertify on 2027-01-24"))
        #expect(recert.contains(stopped))
        let discharge = try R.md(.dischargeSummary, try Self.knee(adding: "  status completed"))
        let home = try #require(discharge.components(separatedBy: "Home programme:\n\n").last?.components(separatedBy: "\n\n").first)
        #expect(home == "- Home exercise programme, twice a day, with a printed sheet: Reviewed and progressed every week; wife helps count repetitions")
        #expect(discharge.contains("Stopped during care (not to continue):\n\n" + stopped + "\n"))
    }

    /// The discharge summary's equipment is what the client keeps using: not the clinic's
    /// (knee's stationary bike, of an in-clinic exercise) nor that of a home programme stopped
    /// before discharge (the ice programme's cold pack, pain-control closed 16 Nov), but that
    /// of an intervention issued or fitted to the client (an assistive-technology cane).
    @Test func dischargeSummaryListsOnlyEquipmentTheClientKeepsUsing() throws {
        func equipment(_ md: String) throws -> String {
            try #require(md.components(separatedBy: "## Home programme and equipment").last?.components(separatedBy: "## ").first?
                .components(separatedBy: "Equipment").last)
        }
        let knee = try equipment(try R.md(.dischargeSummary, try Self.knee(adding: "  status completed")))
        #expect(knee.hasPrefix(": none to continue at home.\n"), "\(knee)")
        for clinic in ["stationary bike", "slide board", "foam pad", "cold pack"] { #expect(!knee.contains(clinic)) }

        let cane = """
              status completed
              intervention cane "Single-point cane issued for outdoor walking" {
                type assistive-technology
                serves walk
                equipment "single-point cane"
              }
            """
        let issued = try equipment(try R.md(.dischargeSummary, try Self.knee(adding: cane)))
        #expect(issued.hasPrefix(":\n\n- single-point cane\n"), "\(issued)")
        #expect(!issued.contains("stationary bike") && !issued.contains("cold pack"))
    }

    /// A goal closed achieved whose latest readings miss a target (CP0512: the kitchen log's
    /// meals, 8 of 10 steps and supervision against independent) is not met in the discharge
    /// summary: it is not among "Met", and the summary does not say "Every goal met". The
    /// refusal that comes before it suggests `achieved` only when the readings meet every target.
    @Test func aGoalClosedAchievedBelowItsTargetIsNotMet() throws {
        let day = CalendarDate(iso: "2026-12-01")!
        let log = "examples/logs/stroke-kitchen-log.careplan"
        let refused = try Self.plan(log, today: day)
        let refusal = try #require(#expect(throws: DocumentError.self) {
            try Documents.content(.dischargeSummary, plan: refused, options: DocumentOptions(today: day))
        }?.description)
        #expect(refusal.contains("close it (`close meals discontinued on 2026-12-01 because \"...\"`, or record the reading that shows it met: no reading of meals by 2026-12-01 meets every target)"))
        #expect(!refusal.contains("achieved on"))

        let url = GoldenFile.packageRoot.appendingPathComponent(log)
        let text = try String(contentsOf: url, encoding: .utf8) + "close meals achieved on 2026-12-01\n"
        let compiled = Compilation.check(SourceFile(name: url.path, text: text), today: day)
        #expect(compiled.diagnostics.map(\.code.rawValue).contains("CP0512"))
        let md = try R.md(.dischargeSummary, try #require(compiled.plans.first), today: day)
        #expect(!md.contains("Every goal met"))
        #expect(md.contains("Met:\n\n- bathing (Take a bath safely): met on 25 Nov 2026;"))
        #expect(md.contains("Closed as achieved, latest readings below target:\n\n- meals (Prepare a simple hot meal): closed as achieved on 1 Dec 2026, but its latest readings miss a target (CP0512); final 8 (25 Nov 2026), baseline 4, target 10; assist level supervision (target independent)"))
        #expect(md.contains("- Goal met: bathing (25 Nov 2026).\n- Goal meals closed as achieved on 1 Dec 2026, but its latest readings miss a target (CP0512): record the reading that shows it met, or close it discontinued with the reason."))
    }

    /// The progress report states care given: on a plan that records visits, a session
    /// booked today and not yet recorded is not a treatment day given (the kitchen log on
    /// 1 Dec: `careplan report` counts 9 given and 6 booked after today); it is shown, labelled
    /// "(booked, not yet recorded)", as the report's own sentence promises. CP0501, a warning
    /// before the visit, still counts it (explain CP0501).
    @Test func progressReportCountsOnlyRecordedVisitsAsGiven() throws {
        let day = CalendarDate(iso: "2026-12-01")!
        let plan = try Self.plan("examples/logs/stroke-kitchen-log.careplan", today: day)
        let t = Timeline.of(plan, today: day)
        #expect(ProgressReport.treatmentDays(t).contains("9 given (recorded visits to 2026-12-01), 6 booked after today"))
        let period = try #require(ReportingPeriod.ending(plan, t))
        #expect(period.treatmentDays.map(\.date.description) == ["2026-12-01"])
        #expect(period.givenDays.isEmpty)
        let md = try R.md(.progressReport, plan, today: day)
        #expect(md.contains("- **Treatment days in the period:** 0 (and 1 Dec 2026, booked, not yet recorded)"))
        #expect(md.contains("No treatment days in this period.\n\n1 Dec 2026 (booked, not yet recorded): a session booked and not recorded as a visit is not counted as a treatment day until its visit is recorded."))
        #expect(!md.contains("1 treatment day: 1 Dec 2026."))
        #expect(md.contains("Only 6 treatment days are booked after this report"))
        // A plan on paper (no visit recorded) has only its booked days, and says so.
        let paper = try R.md(.progressReport, try R.plan("Tests/CarePlanKitTests/Fixtures/exports/hip-precautions.careplan"))
        #expect(paper.contains("No visits are recorded in this plan, so these are the booked sessions"))
        #expect(!paper.contains("booked, not yet recorded"))
    }
}
