import Foundation
import Testing
@testable import CarePlanKit

/// The caseload of a test clinic folder (Fixtures/clinic: a lapsed certification, a discharge
/// due, a certification ending with an unsigned re-certification, a Medicare plan whose 10th
/// treatment day passed without a progress report, a home-health plan whose 30-day therapy
/// reassessment falls due before the one booked, a client not seen, a plan whose records
/// live in an imported log, a plan with errors, a completed plan) in every format,
/// against Golden/caseload/; scripts/validate_exports.py checks the JSON against
/// schema/caseload-1.schema.json and the calendar with `icalendar`.
@Suite struct CaseloadTests {
    static let today = CalendarDate(iso: "2026-11-29")!
    static let clinic = GoldenFile.packageRoot.appendingPathComponent("Tests/CarePlanKitTests/Fixtures/clinic").path
    static let goldenDir = GoldenFile.packageRoot.appendingPathComponent("Tests/CarePlanKitTests/Golden/caseload")

    static func folder() -> CaseloadFolder {
        CaseloadFolder.read([clinic], options: Caseload.Options(today: today), shownRelativeTo: clinic)
    }

    @Test func clinicGoldens() {
        let f = Self.folder()
        let options = Caseload.Options(today: Self.today)
        for format in CaseloadFormat.allCases {
            let ext = format == .table ? "txt" : format.rawValue
            GoldenFile.check(CaseloadRenderer.render(f.items, as: format, options: options, plans: f.plans),
                             against: Self.goldenDir.appendingPathComponent("clinic.\(ext)"))
        }
    }

    @Test func mostUrgentFirstAndEachPlanOnce() throws {
        let f = Self.folder()
        // Nine plans: the log's import of `unseen` is the same plan, and `broken` is not read.
        #expect(f.plans == 9)
        let kinds = f.items.map(\.kind)
        #expect(kinds.first == .planErrors)
        let lapsed = try #require(f.items.first { $0.kind == .certificationLapsed })
        #expect(lapsed.plan == "lapsed" && lapsed.date == CalendarDate(iso: "2026-10-30")! && lapsed.file == "lapsed.careplan" && lapsed.line == 9)
        #expect(f.items.contains { $0.kind == .certificationUnsigned && $0.plan == "lapsed" && $0.date == CalendarDate(iso: "2026-10-31")! })
        #expect(f.items.contains { $0.kind == .dischargeDue && $0.plan == "done" })
        // Medicare: the 10th treatment day (visits attended; the cancelled one and the no-show do not count).
        #expect(f.items.contains { $0.kind == .progressReportDue && $0.plan == "visits" && $0.date == CalendarDate(iso: "2026-11-27")! })
        #expect(!f.items.contains { $0.kind == .notSeen && $0.plan == "visits" })
        // Medicare home health: the 30-day therapy reassessment, counted from the last review
        // of every goal (2026-11-10; day 30 is 2026-12-09), due before the one booked (2026-12-15); the other payers'
        // plans have none.
        let home = try #require(f.items.first { $0.kind == .reassessmentDue })
        #expect(home.plan == "home" && home.date == CalendarDate(iso: "2026-12-09")! && home.line == 17)
        #expect(home.message.contains("the next booked (2026-12-15) is too late"))
        #expect(f.items.filter { $0.kind == .reassessmentDue }.count == 1)
        #expect(f.items.contains { $0.kind == .notSeen && $0.plan == "quiet" && $0.days == -27 })
        // The log's record of 2026-11-24 counts: `unseen` is not "not seen".
        #expect(!f.items.contains { $0.kind == .notSeen && $0.plan == "unseen" })
        #expect(!f.items.contains { $0.plan == "finished" })
        // Overdue items come before anything due later.
        let firstFuture = try #require(f.items.firstIndex { $0.days > 0 })
        #expect(f.items[..<firstFuture].allSatisfy { $0.days <= 0 })
    }

    /// Urgency is one order (issue 12 review: goals behind were listed after items due in 5
    /// to 11 days): what was missed, then goals behind (the goal due soonest first), then what
    /// falls due, soonest first whatever its kind.
    @Test func goalsBehindBeforeWhatFallsDueLater() throws {
        let f = Self.folder()
        let tiers = f.items.map(Caseload.tier)
        #expect(tiers == tiers.sorted(), "\(f.items.map { "\($0.kind.rawValue) \($0.date)" })")
        let behind = f.items.enumerated().filter { $0.element.kind == .goalBehind }
        let firstDue = try #require(f.items.firstIndex { $0.days > 0 })
        #expect(behind.count == 3 && behind.allSatisfy { $0.offset < firstDue })
        #expect(behind.map(\.element.plan) == ["ending", "unseen", "lapsed"])  // due 12-04, 12-10, 12-31
        let due = f.items[firstDue...].map(\.date)
        #expect(due == due.sorted())
        #expect(f.items[firstDue].kind == .goalDue && f.items[firstDue].date == CalendarDate(iso: "2026-12-04")!)
    }

    /// Visits given on an uncertified Medicare plan are an error (CP0705) about the care, not
    /// the file: the caseload lists the plan with its client and says so, where it used to
    /// show a nameless `plan-errors` line and drop the plan's other items (review 1 Dec, item 5).
    @Test func careErrorsDoNotHideTheClient() throws {
        let f = Self.folder()
        #expect(!f.items.contains { $0.kind == .planErrors && $0.file == "uncertified.careplan" })
        let item = try #require(f.items.first { $0.plan == "uncertified" && $0.kind == .certificationUnsigned })
        #expect(item.client == "Iris Novak" && item.line == 4)
        #expect(item.message == "initial certification unsigned: was due by 2026-11-04, 30 days after the first treatment day; 2 visits given since (from 2026-11-09) on an uncertified plan (CP0705)")
        // A file with an error in the file itself is still one line to fix.
        #expect(f.items.contains { $0.kind == .planErrors && $0.file == "broken.careplan" })
    }

    /// The certification help keeps the plan's own period (`certify for 30 days`, not 90) and
    /// says a late signature is accepted with the reason for the delay (Pub. 100-02 ch. 15
    /// §220.1.3), for CP0704 as for CP0705.
    @Test func certificationHelpKeepsThePlansPeriodAndTheDelayReason() throws {
        for (name, code) in [("lapsed", DiagnosticCode.certificationUnsignedAfter30Days), ("uncertified", .visitsWithoutCertification)] {
            let url = URL(fileURLWithPath: Self.clinic).appendingPathComponent("\(name).careplan")
            let compiled = Compilation.check(source: try String(contentsOf: url, encoding: .utf8), name: name, today: Self.today)
            let d = try #require(compiled.diagnostics.first { $0.code == code })
            let period = name == "lapsed" ? "30 days" : "90 days"
            #expect(d.help?.contains("`certify for \(period) signed DATE by \"Dr. ...\"`") == true, "\(d.help ?? "")")
            #expect(d.help?.contains("a certification signed late is accepted with the reason for the delay") == true)
        }
    }

    /// A client not seen is not also given treatment days and a "last report" from the booked
    /// calendar (review 1 Dec, item 6): with no visit recorded, no progress report is projected,
    /// and the line says why; with visits recorded, it names the last visit instead of saying
    /// none was recorded.
    /// A goal whose readings already meet every target is due to be closed: its due item says
    /// so, dated on the reading that met it (the knee's stairs, 14 of 14 on 23 Nov), as the
    /// documents' "targets met, not yet closed" does; a goal not yet met gets no such prompt.
    @Test func aDueGoalWhoseTargetsAreMetIsToBeClosed() throws {
        let path = GoldenFile.packageRoot.appendingPathComponent("examples/knee-replacement.careplan").path
        let f = CaseloadFolder.read([path], options: Caseload.Options(today: Self.today))
        let due = f.items.filter { $0.kind == .goalDue }
        #expect(due.first { $0.message.hasPrefix("goal `stairs`") }?.message
                == "goal `stairs` is due on 2026-12-07; its readings met every target on 2026-11-23: close it (`close stairs achieved on 2026-11-23`)")
        #expect(due.first { $0.message.hasPrefix("goal `walk`") }?.message == "goal `walk` is due on 2026-12-07")
    }

    @Test func notSeenIsNotAlsoProjected() throws {
        // The teaching example says who pays (workers' compensation: no treatment-day rule);
        // read as a Medicare Part B plan it has the 10-treatment-day rule this test is about.
        let path = GoldenFile.packageRoot.appendingPathComponent("examples/teaching/pt-back-corrected.careplan").path
        let f = CaseloadFolder.read([path], options: Caseload.Options(today: CalendarDate(iso: "2026-11-30")!, within: 30))
        #expect(f.items.first { $0.kind == .notSeen }?.message == "not seen since the start on 2026-11-09 (21 days): no visit or progress recorded")
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "payer workers-comp", with: "payer medicare-part-b")
        let partB = try ReportDocumentTests.plan(text: text, today: CalendarDate(iso: "2026-11-30")!)
        let partBItems = Caseload.items(for: partB, file: "pt-back-corrected.careplan", options: Caseload.Options(today: CalendarDate(iso: "2026-11-30")!, within: 30))
        #expect(!partBItems.contains { $0.kind == .progressReportDue })
        let seen = try #require(partBItems.first { $0.kind == .notSeen })
        #expect(seen.message == "not seen since the start on 2026-11-09 (21 days): no visit or progress recorded; its booked sessions are not counted as given, so no progress report is projected until visits are recorded")
        let plan = try ReportDocumentTests.plan(text: """
            plan v "V" {
              discipline PT
              payer medicare-part-b
              client "A" { born 1950-01-01 }
              starts 2026-10-01
              certify for 90 days signed 2026-10-02 by "Dr. B"
              diagnosis "Low back pain"
              goal lift "Lift a 10 kg box from the floor" { focus strength; by 2027-01-10 }
              intervention ex "Lifting practice" { type exercise; serves lift }
              frequency 2 per week for 12 weeks
              checkin every 2 weeks { review lift }
            }
            visit v on 2026-10-01 attended minutes 45
            visit v on 2026-10-06 attended minutes 45
            progress v on 2026-10-06 { lift note "8 kg with a hip hinge" }
            visit v on 2026-10-08 attended minutes 45
            """, today: CalendarDate(iso: "2026-11-30")!)
        let items = Caseload.items(for: plan, file: "v.careplan", options: Caseload.Options(today: CalendarDate(iso: "2026-11-30")!))
        let quiet = try #require(items.first { $0.kind == .notSeen })
        #expect(quiet.message == "not seen since 2026-10-08 (53 days): last visit 2026-10-08, last progress record 2026-10-06; nothing recorded since")
    }

    /// In the calendar, what is already late is on today (review 1 Dec, minor: the lapsed
    /// certification sat on 30 Oct, where nobody looks), with the date it fell due in the
    /// description; what falls due later stays on its date.
    @Test func calendarPutsWhatIsLateOnToday() throws {
        let f = Self.folder()
        let ics = CaseloadRenderer.ics(f.items, options: Caseload.Options(today: Self.today))
        let events = ics.components(separatedBy: "BEGIN:VEVENT").dropFirst()
        let lapsed = try #require(events.first { $0.contains("SUMMARY:Certification lapsed: lapsed") })
        #expect(lapsed.contains("DTSTART;VALUE=DATE:20261129\r\n"))
        #expect(lapsed.contains("DESCRIPTION:Dated 2026-10-30 (30 days ago): certification lapsed"))
        let due = try #require(events.first { $0.contains("SUMMARY:Goal due: ending") })
        #expect(due.contains("DTSTART;VALUE=DATE:20261204\r\n"))
        let starts = events.compactMap { e in e.components(separatedBy: "DTSTART;VALUE=DATE:").last?.prefix(8) }.map(String.init)
        #expect(starts.count == f.items.count && starts.allSatisfy { $0 >= "20261129" }, "\(starts)")
    }

    @Test func withinLimitsWhatIsDueAhead() {
        let narrow = CaseloadFolder.read([Self.clinic], options: Caseload.Options(today: Self.today, within: 6), shownRelativeTo: Self.clinic)
        #expect(narrow.items.contains { $0.kind == .goalDue && $0.plan == "ending" })       // 2026-12-04: in 5 days
        #expect(!narrow.items.contains { $0.kind == .reassessmentDue })                      // 2026-12-09: in 10 days
        let wide = CaseloadFolder.read([Self.clinic], options: Caseload.Options(today: Self.today, within: 14), shownRelativeTo: Self.clinic)
        #expect(wide.items.contains { $0.kind == .reassessmentDue && $0.plan == "home" })
    }

    /// An unsigned initial certification (Medicare Part B: signed within 30 days of the first
    /// treatment day) is listed from `within` days before its deadline, so the clinic chases
    /// the signature before it is late; after the deadline it says it was due.
    @Test func anUnsignedCertificationIsListedBeforeItsDeadline() throws {
        // A plan with nothing recorded yet (the clinic folder's records would be in the future).
        let text = """
            plan lapsed "Shoulder function" {
              discipline PT
              payer medicare-part-b
              client "Grace Mensah" { born 1961-02-14 }
              starts 2026-10-01
              certify for 90 days
            }
            """
        func unsigned(on today: String) -> CaseloadItem? {
            let date = CalendarDate(iso: today)!
            let compiled = Compilation.check(SourceFile(name: "lapsed.careplan", text: text), today: date)
            let plan = compiled.plans[0]
            return Caseload.items(for: plan, file: "lapsed.careplan", options: Caseload.Options(today: date))
                .first { $0.kind == .certificationUnsigned }
        }
        #expect(unsigned(on: "2026-10-10") == nil)                                     // 21 days ahead
        let soon = try #require(unsigned(on: "2026-10-20"))                            // 11 days ahead
        #expect(soon.date == CalendarDate(iso: "2026-10-31")! && soon.days == 11)
        #expect(soon.message == "initial certification unsigned: to be signed by 2026-10-31, 30 days after the first treatment day")
        let late = try #require(unsigned(on: "2026-11-29"))
        #expect(late.days == -29 && late.message.hasPrefix("initial certification unsigned: was due by 2026-10-31"))
    }
}
