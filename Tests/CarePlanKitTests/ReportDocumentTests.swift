import Foundation
import Testing
@testable import CarePlanKit

/// The progress report, re-certification and discharge summary: what each must say (dates
/// from the timeline, each goal's values, reasons) and what a plan that cannot have one gets.
@Suite struct ReportDocumentTests {
    static let today = CalendarDate(iso: "2026-11-29")!

    static func plan(_ path: String) throws -> Plan {
        let url = GoldenFile.packageRoot.appendingPathComponent(path)
        let compiled = Compilation.check(SourceFile(name: url.path, text: try String(contentsOf: url, encoding: .utf8)), today: today)
        #expect(!compiled.diagnostics.hasErrors, "\(DiagnosticRenderer.render(compiled.diagnostics))")
        return try #require(compiled.plans.first)
    }

    static func plan(text: String, today: CalendarDate = today) throws -> Plan {
        let compiled = Compilation.check(SourceFile(name: "test.careplan", text: text), today: today)
        #expect(!compiled.diagnostics.hasErrors, "\(DiagnosticRenderer.render(compiled.diagnostics))")
        return try #require(compiled.plans.first)
    }

    static func md(_ kind: DocumentKind, _ plan: Plan, asOf: String? = nil, today: CalendarDate = today) throws -> String {
        try Documents.render(kind, plan: plan, format: .markdown,
                             options: DocumentOptions(today: today, asOf: asOf.flatMap(CalendarDate.init(iso:))))
    }

    static func error(_ kind: DocumentKind, _ plan: Plan, asOf: String? = nil) -> String? {
        do {
            _ = try Documents.content(kind, plan: plan, options: DocumentOptions(today: today, asOf: asOf.flatMap(CalendarDate.init(iso:))))
            return nil
        } catch let e as DocumentError {
            return e.description
        } catch {
            return "\(error)"
        }
    }

    static let shoulder = "Tests/CarePlanKitTests/Fixtures/documents/shoulder-recert.careplan"

    // MARK: - Plan of care

    /// An intervention without its own frequency is given in the plan's sessions: its row
    /// must not show the sessions' frequency as if it were its own.
    @Test func planOfCareInterventionWithoutFrequencyIsGivenInTheSessions() throws {
        let knee = try Self.plan("examples/knee-replacement.careplan")
        let md = try Self.md(.planOfCare, knee)
        #expect(md.contains("Sessions: 3 times a week for 6 weeks (Monday, Wednesday, Friday)."))
        #expect(md.contains("| Patellar and tibiofemoral joint mobilisation; soft-tissue work to the scar | Manual therapy | 97140 | 1 session a day | 15 min | During the plan's therapy sessions | As the sessions: 6 weeks | bend, straighten |"))
        #expect(!md.contains("| 3 times a week (Monday, Wednesday, Friday) | 6 weeks |"))
        // Its own frequency is still its own.
        let shoulder = try Self.plan(Self.shoulder)
        let s = try Self.md(.planOfCare, shoulder)
        #expect(s.contains("| Home exercise programme: pendulums, pulley, wall walks | Exercise |  | Once a day |  | Home programme, every day | 10 weeks | reach |"))
        #expect(s.contains("| Glenohumeral mobilisation | Manual therapy | 97140 | 1 session a day | 10 min | During the plan's therapy sessions | As the sessions: 10 weeks | reach, pain |"))
    }

    /// Review 2 Dec, item 7: a grab rail fitted or cabinets labelled is done once, not in every
    /// session for the plan's weeks; with no frequency, minutes or code of its own, its row
    /// says so. A treatment without its own frequency is still given in the sessions.
    @Test func planOfCareOneOffChangesAreNotGivenEverySession() throws {
        let kitchen = try Self.plan("examples/stroke-kitchen.careplan")
        let md = try Self.md(.planOfCare, kitchen)
        let rail = try #require(md.split(separator: "\n").first { $0.hasPrefix("| Label kitchen cabinets") })
        #expect(rail.contains("| Environment modification |  | As needed |  | Once or as needed (no frequency written) |"), "\(rail)")
        #expect(!rail.contains("session a day") && !rail.contains("As the sessions"), "\(rail)")
        // Item 6: the evaluation's standardised scores carry their units, as in the other documents.
        let knee = try Self.md(.planOfCare, try Self.plan("examples/knee-replacement.careplan"))
        #expect(knee.contains("- **Timed Up and Go:** 19 s\n") && knee.contains("- **30-Second Chair Stand Test:** 6 stands\n"), "\(knee)")
    }

    /// Review 2 Dec, item 6: printed after the physician signed, the plan of care says it is the
    /// current version (the knee's pain goal was achieved after the 28 Oct signature), and
    /// `--as-of` the signature day prints the plan as signed, without later outcomes.
    @Test func planOfCareSaysWhichVersionItIs() throws {
        let knee = try Self.plan("examples/knee-replacement.careplan")
        let now = try Self.md(.planOfCare, knee)
        #expect(now.contains("- **Version:** as it stands on 29 Nov 2026; the certified version was signed on 28 Oct 2026"), "\(now)")
        #expect(now.contains("(achieved 16 Nov 2026)"))
        let signed = try Self.md(.planOfCare, knee, asOf: "2026-10-28")
        #expect(!signed.contains("Version:") && !signed.contains("achieved 16 Nov"), "\(signed)")
        #expect(Self.error(.planOfCare, knee, asOf: "2026-12-25")?.contains("is after today") == true)
    }

    /// Review 1 Dec, item 11: Medicare's amount (Pub. 100-02 ch. 15 §220.1.2) is the number
    /// of times a day, not minutes: the minutes have their own column and the amount reads
    /// "1 session a day" (or the times a day of a frequency per day). A goal set after the
    /// physician signed is marked as added after certification, with the goal it replaces,
    /// and so is an intervention serving only such goals.
    @Test func planOfCareAmountIsTimesADayAndLaterGoalsAreMarked() throws {
        let s = try Self.md(.planOfCare, try Self.plan(Self.shoulder))
        #expect(s.contains("| Intervention | Type | CPT | Amount | Minutes per session | Frequency | Duration | Goals |"))
        #expect(s.contains("| Active-assisted then active shoulder exercises | Exercise | 97110 | 1 session a day | 20 min | During the plan's therapy sessions |"))
        #expect(!s.contains("| 97110 | 20 min |"))
        #expect(s.contains("| LTG laundry (replaces washing) | Load and unload the washing machine, with a reacher for the back of the drum |  | minimal to modified-independent | 18 Dec 2026 (added 26 Oct 2026, after certification) |"))
        #expect(s.contains("Set after the certification was signed on 9 Oct 2026, so not covered by it: LTG laundry (26 Oct 2026)."))
        // Goals set at the start are not marked.
        #expect(s.contains("| LTG reach | Reach a shoulder-height kitchen shelf with the right arm, without hitching the shoulder | active shoulder flexion, right (degrees): 90 to 150 | minimal to independent | 14 Dec 2026 |"))
        let text = """
        plan p "Pain" {
          discipline PT
          payer commercial
          client "A B" { born 1950-01-01 }
          starts 2026-11-02
          certify for 60 days signed 2026-11-03 by "Dr X"
          goal walk "Walk 400 m to the shop" { focus gait; measure "m" from 50 to 400; by start + 8 weeks }
          goal stairs "Climb 14 stairs with one rail" { focus mobility; measure "steps" from 4 to 14; starts 2026-11-16; by start + 8 weeks }
          intervention ice "Ice pack after walking" { type physical-agent; serves walk; delivery home-programme; frequency 3 per day for 4 weeks }
          intervention step "Step-ups" { type exercise; serves stairs; minutes 15 }
          frequency 2 per day for 2 weeks
          checkin every 2 weeks { review walk, stairs }
        }
        """
        let p = try Self.md(.planOfCare, try Self.plan(text: text))
        // Three a day at home; the in-clinic course's two sessions a day; each rate's days.
        #expect(p.contains("| Ice pack after walking | Physical agent |  | 3 times a day |  | Home programme, every day | 4 weeks | walk |"), "\(p)")
        #expect(p.contains("| Step-ups (added 16 Nov 2026, after certification) | Exercise |  | 2 sessions a day | 15 min | During the plan's therapy sessions |"))
    }

    // MARK: - Progress report

    /// The period runs from the day after the last review of every open goal to the report's
    /// date; its treatment days are the timeline's (visits attended), not counted again.
    @Test func progressReportPeriodAndTreatmentDaysComeFromTheTimeline() throws {
        let plan = try Self.plan(Self.shoulder)
        let t = Timeline.of(plan, today: Self.today)
        let period = try #require(ReportingPeriod.ending(plan, t))
        #expect(period.previous == CalendarDate(iso: "2026-11-09"))
        #expect(period.start == CalendarDate(iso: "2026-11-10"))
        #expect(period.treatmentDays == t.treatmentDays.filter { $0.date > period.previous! && $0.date <= Self.today })
        #expect(period.treatmentDays.map(\.date.description) == ["2026-11-12", "2026-11-16", "2026-11-23"])
        #expect(!period.endIsRecorded)
        let md = try Self.md(.progressReport, plan)
        #expect(md.contains("- **Reporting period:** 10 Nov 2026 to 29 Nov 2026"))
        #expect(md.contains("3 treatment days: 12 Nov 2026, 16 Nov 2026, 23 Nov 2026."))
        #expect(md.contains("Visits recorded in the period: 3 attended, 2 cancelled."))
        #expect(md.contains("- 19 Nov 2026: cancelled, client unwell (cold)"))
        #expect(md.contains("requires a progress report at least once every 10 treatment days (Medicare Benefit Policy Manual (Pub. 100-02) ch. 15 §220.3.D)"))
        // Not recorded on its date: the report says how to record it so the count restarts.
        #expect(md.contains("No progress record on 29 Nov 2026 reviews every open goal"))
    }

    /// Each open goal gets its baseline, value at the previous report, latest and target,
    /// with the library measure's direction and MCID; closed goals are not among them.
    /// A short-term goal names the long-term goal it serves (`supports`) wherever goals are
    /// listed: the plan of care, the progress report, the re-certification, the daily note.
    @Test func shortTermGoalsNameTheirLongTermGoal() throws {
        let plan = try Self.plan(Self.shoulder)
        for kind in [DocumentKind.planOfCare, .progressReport, .recertification] {
            let md = try Self.md(kind, plan)
            #expect(md.contains("| STG pain (toward LTG reach) |"), "\(kind)")
            #expect(!md.contains("| STG pain |"), "\(kind)")
        }
    }

    /// The re-certification's treatment plan leaves out an intervention that serves only
    /// goals closed by now (the timeline's goal lives) and lists it as stopped with them.
    @Test func recertificationListsInterventionsOfClosedGoalsAsStopped() throws {
        let md = try Self.md(.recertification, try Self.plan("Tests/CarePlanKitTests/Fixtures/exports/knee-rehab.careplan"))
        #expect(!md.contains("| Hands-on knee mobilisation |"))
        #expect(md.contains("- Hands-on knee mobilisation: stopped, its goal was closed (bend achieved 19 Oct 2026)"))
        #expect(md.contains("- Knee bending exercises, heel slides and stationary bike: stopped, its goals were closed (bend achieved 19 Oct 2026; steps achieved 5 Oct 2026)"))
    }

    /// Medicare home health: the 30-day therapy reassessment is given where a home-health
    /// clinician looks for it (plan of care, progress report, the visit's daily note), from
    /// the timeline; a Part B plan has no such line.
    @Test func homeHealthDocumentsGiveTheNextReassessment() throws {
        let home = try Self.plan("Tests/CarePlanKitTests/Fixtures/exports/home-visits.careplan")
        let line = "- **Therapy reassessment:** at least every 30 days; next due by 1 Dec 2026 (day 30, counting the start of care as day 1); booked for 1 Dec 2026"
        #expect(try Self.md(.planOfCare, home).contains(line))
        #expect(try Self.md(.progressReport, home).contains(line))
        let note = try Documents.render(.dailyNote, plan: home, format: .markdown,
                                        options: DocumentOptions(today: Self.today, visit: CalendarDate(iso: "2026-11-24")!))
        #expect(note.contains(line))
        #expect(!(try Self.md(.planOfCare, try Self.plan(Self.shoulder))).contains("Therapy reassessment"))
    }

    /// A one-off gives its date and a home programme says it is done at home, instead of
    /// "During the plan's therapy sessions" with no duration.
    @Test func oneOffsAndHomeProgrammesAreWordedAsSuch() throws {
        let hand = try Self.md(.planOfCare, try Self.plan("examples/hand-surgery-work.careplan"))
        #expect(hand.contains("| Workplace visit: knife handles, pot lifting, shift pattern | Environment modification |  | 1 session |  | Once, on 20 Nov 2026 | One session |"))
        let shoulder = try Self.md(.planOfCare, try Self.plan(Self.shoulder))
        #expect(shoulder.contains("| Home exercise programme: pendulums, pulley, wall walks | Exercise |  | Once a day |  | Home programme, every day | 10 weeks | reach |"))
        #expect(shoulder.contains("| Glenohumeral mobilisation | Manual therapy | 97140 | 1 session a day | 10 min | During the plan's therapy sessions | As the sessions: 10 weeks |"))
    }

    /// The discharge summary gives the diagnoses (with their ICD-10-CM codes) and the services
    /// given: each CPT code with its visits, minutes and units (8-minute rule per visit).
    @Test func dischargeSummaryGivesDiagnosesAndServices() throws {
        let source = """
        plan arm "Arm" {
          discipline OT
          payer medicare-part-b
          client "Kim Ode" { born 1950-01-01 }
          starts 2026-11-02
          diagnosis I69.351 "Right hemiparesis after a left MCA stroke"
          goal dress "Dress the upper body" { occupation adl; assist from moderate to independent; condition "seated"; by start + 4 weeks }
          intervention practice "Dressing practice" { type training; serves dress; frequency 2 per week for 4 weeks }
          checkin every 2 weeks
        }
        visit arm on 2026-11-02 attended minutes 60 { service 97166 minutes 45; service 97535 minutes 15 }
        visit arm on 2026-11-04 attended minutes 45 { service 97535 minutes 38 }
        visit arm on 2026-11-06 cancelled because "unwell"
        progress arm on 2026-11-04 { dress assist independent }
        close dress achieved on 2026-11-04
        """
        let compiled = Compilation.check(source: source, today: Self.today)
        let plan = try #require(compiled.plans.first)
        let md = try Self.md(.dischargeSummary, plan)
        #expect(md.contains("- I69.351 Right hemiparesis after a left MCA stroke"))
        #expect(md.contains("| 97166 |"), "\(md)")
        #expect(md.contains("| 97535 | Self-care/home management training | 2 | 53 | 4 |"), "\(md)")
        #expect(md.contains("| Total |  |  | 98 | 5 |"), "\(md)")
    }

    @Test func progressReportGivesEachOpenGoalsValues() throws {
        let md = try Self.md(.progressReport, try Self.plan(Self.shoulder))
        #expect(md.contains("| LTG reach | active shoulder flexion, right (degrees) | 90 | 122 (9 Nov 2026) | 131 (23 Nov 2026) | 150 | behind, improving |"))
        #expect(md.contains("| STG pain (toward LTG reach) | Numeric Pain Rating Scale (points) | 6 points | 4 points (9 Nov 2026) | 3 points (23 Nov 2026) | 2 points | on track, improving |"))
        #expect(md.contains("| LTG laundry | Assist level | minimal assist | minimal assist (9 Nov 2026) | minimal assist (9 Nov 2026) | modified independent |"))
        #expect(md.contains("Numeric Pain Rating Scale: -3 points since baseline (lower is better), at least the MCID of 2 points reported in chronic pain; MCID from Farrar JT et al."))
        #expect(md.contains("laundry (Load and unload the washing machine): not measured in this period"))
        #expect(!md.contains("| LTG dressing |"))
        #expect(!md.contains("| LTG washing |"))
        #expect(md.contains("- Measurable progress in this period: reach 122 to 131; pain 4 points to 3 points."))
        #expect(md.contains("- Rehab potential: good, fracture healing on X-ray; motivated; practises daily."))
        #expect(!md.contains("Missing to justify"))
        #expect(md.contains("Only 4 treatment days are booked after this report (the last on 10 Dec 2026)"))
    }

    /// A precaution recorded and since lifted is not "None recorded": the documents written
    /// after it ended say which was lifted and when (a reviewer read "None recorded" on the
    /// shoulder plan's progress report and took the lifting limit for one never written);
    /// before it ended it is listed as in force; a plan that never had one says "None recorded".
    /// Review 1 Dec, item 12: `careplan report` said "in force" for a certification never
    /// signed and for a plan with no `certify` line. It now prints the documents' line
    /// (CertificationLine): the period awaiting the signature with the day it is due, "no
    /// certification recorded", or the signed period with its days left; the progress report
    /// document says the same in its own date format.
    @Test func reportCertificationLineSaysWhatIsSigned() throws {
        func plan(_ certify: String) -> String {
            """
            plan k "Knee" {
              discipline PT
              payer medicare-part-b
              client "A B" { born 1950-01-01 }
              starts 2026-11-02
              diagnosis Z47.1 "Aftercare following joint replacement surgery"
              \(certify)
              goal walk "Walk 400 m to the shop" { focus gait; measure "m" from 50 to 400; by start + 8 weeks }
              frequency 2 per week for 8 weeks
              checkin every 2 weeks { review walk }
            }
            """
        }
        let today = CalendarDate(iso: "2026-11-20")!
        func lines(_ certify: String) throws -> (report: String, document: String) {
            let p = try Self.plan(text: plan(certify), today: today)
            let report = ProgressReport.text(p, asOf: today).split(separator: "\n").first { $0.hasPrefix("Certification:") }.map(String.init) ?? ""
            let md = try Self.md(.progressReport, p, today: today)
            let document = md.split(separator: "\n").first { $0.hasPrefix("- **Certification:**") }.map(String.init) ?? ""
            return (report, document)
        }
        let unsigned = try lines("certify for 90 days")
        #expect(unsigned.report == "Certification: period 2026-11-02 to 2027-01-30, awaiting the physician's or NPP's signature (due by 2026-12-02)")
        #expect(unsigned.document == "- **Certification:** period 2 Nov 2026 to 30 Jan 2027, awaiting the physician's or NPP's signature (due by 2 Dec 2026)")
        let none = try lines("")
        #expect(none.report == "Certification: no certification recorded; the physician's or NPP's signature is due by 2026-12-02 (30 days from the start of care)")
        #expect(none.document == "- **Certification:** no certification recorded; the physician's or NPP's signature is due by 2 Dec 2026 (30 days from the start of care)")
        let signed = try lines("certify for 90 days signed 2026-11-04 by \"Dr. R. Patel\"")
        #expect(signed.report == "Certification: 2026-11-02 to 2027-01-30 (initial, signed 2026-11-04; 71 days left)")
        #expect(signed.document == "- **Certification:** 2 Nov 2026 to 30 Jan 2027 (initial, signed 4 Nov 2026)")
        // A signature dated after the report's day is not there yet on that day.
        let later = try lines("certify for 90 days signed 2026-11-25 by \"Dr. R. Patel\"")
        #expect(later.report.contains("awaiting the physician's or NPP's signature (due by 2026-12-02)"))
        #expect(!unsigned.report.contains("in force") && !none.report.contains("in force"))
        // `careplan schedule` says the same.
        let p = try Self.plan(text: plan("certify for 90 days"), today: today)
        #expect(ScheduleListing.text(Timeline.of(p, today: today), plan: p).contains("\ncertification period 2026-11-02 to 2027-01-30, awaiting the physician's or NPP's signature (due by 2026-12-02)\n"))
    }

    @Test func liftedPrecautionIsNotNoneRecorded() throws {
        let plan = try Self.plan(Self.shoulder)
        let lifted = "## Precautions\n\nNone in force on 29 Nov 2026 (lifted after 15 Nov 2026: No lifting over 2 kg with the right arm).\n"
        #expect(try Self.md(.progressReport, plan).contains(lifted))
        #expect(try Self.md(.recertification, plan).contains(lifted))
        #expect(!(try Self.md(.progressReport, plan)).contains("None recorded."))
        let early = try Self.md(.progressReport, plan, asOf: "2026-11-09")
        #expect(early.contains("## Precautions\n\n- **Precaution: No lifting over 2 kg with the right arm, until 15 Nov 2026**\n"))
        #expect(try Self.md(.dischargeSummary, try Self.plan(RecertificationAndDischargeTests.wrist)).contains("## Precautions\n\nNone recorded.\n"))
        let html = try Documents.render(.progressReport, plan: plan, format: .html, options: DocumentOptions(today: Self.today))
        #expect(html.contains("<p>None in force on 29 Nov 2026 (lifted after 15 Nov 2026: No lifting over 2 kg with the right arm).</p>"))
    }

    /// As of a recorded review: the report is on the timeline; goals closed and added in the
    /// period, with the reason the plan records.
    @Test func progressReportListsClosedGoalsAndChangesWithReasons() throws {
        let plan = try Self.plan(Self.shoulder)
        let first = try Self.md(.progressReport, plan, asOf: "2026-10-22")
        #expect(first.contains("- **Reporting period:** 5 Oct 2026 to 22 Oct 2026"))
        #expect(first.contains("This report covers 5 Oct 2026 to 22 Oct 2026: from the start of care"))
        #expect(first.contains("6 treatment days: 5 Oct 2026, 8 Oct 2026, 12 Oct 2026, 15 Oct 2026, 19 Oct 2026, 22 Oct 2026."))
        #expect(!first.contains("No progress record on"))
        #expect(first.contains("| LTG reach | active shoulder flexion, right (degrees) | 90 | first report | 105 (22 Oct 2026) | 150 |"))
        #expect(first.contains("- washing (Hang washing on the line): discontinued on 22 Oct 2026; assist level moderate assist (target independent); reason: Now uses the tumble dryer"))
        // Next: the 10th treatment day after 22 Oct (booked sessions: visits after then are not known).
        let asOf = CalendarDate(iso: "2026-10-22")!
        let t = Timeline.of(plan.recorded(upTo: asOf), today: asOf)
        let next = t.treatmentDays.filter { $0.date > asOf }[9].date
        #expect(first.contains("By \(Words.shortDate(next)): the 10th treatment day after this report"))

        let second = try Self.md(.progressReport, plan, asOf: "2026-11-09")
        #expect(second.contains("This report covers 23 Oct 2026 to 9 Nov 2026: from the day after the last progress report (22 Oct 2026)"))
        #expect(second.contains("4 treatment days: 26 Oct 2026, 2 Nov 2026, 5 Nov 2026, 9 Nov 2026."))
        #expect(second.contains("Visits recorded in the period: 4 attended, 1 not attended (no-show)."))
        #expect(second.contains("- Goal laundry added on 26 Oct 2026: Load and unload the washing machine; it replaces washing, discontinued on 22 Oct 2026 (reason: Now uses the tumble dryer"))
        #expect(second.contains("- dressing (Put on a cardigan and a bra without help): met on 9 Nov 2026; assist level independent (target independent)"))
        #expect(second.contains("| LTG reach | active shoulder flexion, right (degrees) | 90 | 105 (22 Oct 2026) | 122 (9 Nov 2026) | 150 |"))
    }

    /// More than 10 treatment days since the last review: the report says when it was due.
    @Test func progressReportSaysWhenItIsLate() throws {
        let plan = try Self.plan(text: """
            plan late "Late report" {
              discipline PT
              client "A Client"
              clinician "B. Therapist, PT"
              starts 2026-11-02
              payer medicare-part-b
              goal walk "Walk 100 m" { focus gait; measure tug from 20 to 12; by 2026-12-18 }
              frequency 5 per week for 4 weeks
              checkin on 2026-12-18
            }
            """)
        let md = try Self.md(.progressReport, plan, asOf: "2026-11-20")
        #expect(md.contains("This period has 15 treatment days, more than 10: the report was due by 13 Nov 2026, the 10th treatment day."))
        #expect(md.contains("No visits are recorded in this plan, so these are the booked sessions"))
        #expect(md.contains("Missing to justify continued skilled therapy: the rehab potential"))
        #expect(md.contains("a measurement in this period of any goal not yet met"))
    }

    /// A payer without a treatment-day rule (a school plan): no Medicare clock is claimed.
    @Test func progressReportForAPayerWithoutTheRule() throws {
        let md = try Self.md(.progressReport, try Self.plan("examples/child-handwriting.careplan"))
        #expect(md.contains("sets no treatment-day interval for progress reports"))
        #expect(!md.contains("every 10 treatment days"))
    }

    @Test func progressReportRefusesDatesOutsideTheCare() throws {
        let plan = try Self.plan(Self.shoulder)
        #expect(Self.error(.progressReport, plan, asOf: "2026-12-01") == "--as-of 2026-12-01 is after today (2026-11-29): a progress report covers care already given")
        #expect(Self.error(.progressReport, plan, asOf: "2026-10-01") == "--as-of 2026-10-01 is before plan `shoulder` starts (2026-10-05): there is no care to report on yet")
    }
}

/// The re-certification and the discharge summary.
@Suite struct RecertificationAndDischargeTests {
    typealias R = ReportDocumentTests
    static let wrist = "Tests/CarePlanKitTests/Fixtures/documents/wrist-discharge.careplan"
    static let elbow = "Tests/CarePlanKitTests/Fixtures/documents/elbow-stopped.careplan"

    // MARK: - Re-certification

    /// The period ending and the new one are the timeline's; a signed re-certification prints
    /// the physician's name, date and NPI; goals open, changed and closed since the last
    /// certification; sessions booked in the new period.
    @Test func recertificationOfASignedPeriod() throws {
        let plan = try R.plan(R.shoulder)
        let periods = Timeline.of(plan, today: R.today).schedule.certifications
        #expect(periods.map(\.start.description) == ["2026-10-05", "2026-12-04"])
        let md = try R.md(.recertification, plan)
        #expect(md.contains("- **Certification ending:** 5 Oct 2026 to 3 Dec 2026 (60 days)"))
        #expect(md.contains("- **New certification period:** 4 Dec 2026 to 2 Jan 2027 (30 days)"))
        #expect(md.contains("- Signed by Dr. L. Okafor on 25 Nov 2026\n- NPI: 1234567893"))
        #expect(md.contains("| LTG laundry | Load and unload the washing machine, with a reacher for the back of the drum | assist: minimal assist | minimal assist (9 Nov 2026) | modified independent | 18 Dec 2026 | changed 26 Oct 2026: replaces washing (Now uses the tumble dryer; the washing line is no longer part of her week) |"))
        #expect(md.contains("| LTG reach | Reach a shoulder-height kitchen shelf with the right arm, without hitching the shoulder | active shoulder flexion, right (degrees): 90; assist: minimal assist | 131 (23 Nov 2026); independent (23 Nov 2026) | 150; independent | 14 Dec 2026 | continued |"))
        #expect(md.contains("- dressing (Put on a cardigan and a bra without help): met on 9 Nov 2026"))
        // What is certified now: the new period's sessions and home-programme days (the
        // timeline's booked dates), not the 10 weeks the plan was first written for.
        #expect(md.contains("Sessions: 2 times a week (Monday, Thursday), as written for 10 weeks from 5 Oct 2026, booked to 10 Dec 2026."))
        #expect(md.contains("| Intervention | Type | CPT | Amount | Minutes per session | Frequency | Duration, 4 Dec 2026 to 2 Jan 2027 | Goals |"))
        #expect(md.contains("| Glenohumeral mobilisation | Manual therapy | 97140 | 1 session a day | 10 min | During the plan's therapy sessions | 2 sessions, 7 Dec 2026 to 10 Dec 2026 | reach, pain |"))
        #expect(md.contains("| Home exercise programme: pendulums, pulley, wall walks | Exercise |  | Once a day |  | Home programme, every day | 10 days, 4 Dec 2026 to 13 Dec 2026 | reach |"))
        #expect(!md.contains("10 weeks |"))
        #expect(md.contains("Sessions booked in the new period: 2 treatment days, 7 Dec 2026 to 10 Dec 2026; none after 10 Dec 2026, 23 days before the period ends"))
        #expect(md.contains("Medicare Part B (outpatient therapy): the physician or non-physician practitioner re-certifies the plan of care at least every 90 days"))
    }

    /// Not signed: blank lines for name, signature, date and NPI; a goal due before the new
    /// period and not met is pointed out.
    @Test func recertificationNotYetSigned() throws {
        let md = try R.md(.recertification, try R.plan("Tests/CarePlanKitTests/Fixtures/exports/knee-rehab.careplan"))
        #expect(md.contains("Not signed yet: care from 5 Nov 2026 is not certified until the physician or non-physician practitioner signs."))
        #expect(md.contains("**Physician or non-physician practitioner re-certification**"))
        let block = try #require(md.components(separatedBy: "**Physician or non-physician practitioner re-certification**").last)
        #expect(block.contains("- Name: \\_\\_\\_"))
        #expect(block.contains("- NPI: \\_\\_\\_"))
        #expect(!block.contains("Signed by"))
        #expect(md.contains("- tug was due 2 Nov 2026, before the new period, and is not met"))
        #expect(md.contains("No sessions are booked in the new period"))
        #expect(md.contains("| Walking practice outdoors with a therapist | Training |  | 1 session a day | 45 min | 2 times a week | None in this period (the last session was 29 Oct 2026) | walk, tug |"))
        let html = try Documents.render(.recertification, plan: try R.plan("Tests/CarePlanKitTests/Fixtures/exports/knee-rehab.careplan"),
                                        format: .html, options: DocumentOptions(today: R.today))
        #expect(html.contains("<p class=\"line\"><span>NPI</span></p>"))
    }

    /// A payer without certifications, and a Medicare plan with no re-certification written,
    /// get an error that says what to write.
    /// Review 2 Dec, item 1: a signature after the new period began is "accepted with the
    /// reason for the delay" under Medicare's §220.1.3; another payer's re-certification does
    /// not cite it (nor Medicare's re-certification interval).
    @Test func delayedRecertificationCitesMedicareOnlyForMedicare() throws {
        let url = GoldenFile.packageRoot.appendingPathComponent(R.shoulder)
        let medicare = try String(contentsOf: url, encoding: .utf8)
            .replacingOccurrences(of: "recertify on 2026-12-04 for 30 days signed 2026-11-25", with: "recertify on 2026-12-04 for 30 days signed 2026-12-08")
        let today = CalendarDate(iso: "2026-12-10")!
        let m = try R.md(.recertification, try R.plan(text: medicare, today: today), today: today)
        #expect(m.contains("a delayed re-certification is accepted with the reason for the delay (Medicare Benefit Policy Manual"), "\(m)")
        let commercial = medicare.replacingOccurrences(of: "payer medicare-part-b", with: "payer commercial")
        let c = try R.md(.recertification, try R.plan(text: commercial, today: today), today: today)
        #expect(c.contains("Signed on 8 Dec 2026"), "\(c)")
        #expect(!c.contains("delayed re-certification is accepted") && !c.contains("Medicare"), "\(c)")
    }

    @Test func recertificationThatCannotBeWritten() throws {
        #expect(R.error(.recertification, try R.plan("examples/child-handwriting.careplan"))
                == "plan `handwriting` has no certification periods: school (IDEA / Section 504) does not certify plans of care (IDEA, 34 CFR 300.324(b)(1): an IEP is reviewed at least once a year; Section 504: the school's own review cycle); write `certify for N days` if this payer requires one")
        #expect(R.error(.recertification, try R.plan("examples/stroke-kitchen.careplan"))
                == "plan `kitchen` has no re-certification written: its certification ends 2027-01-30; add `recertify on 2027-01-31` to the plan (the new period's dates come from it)")
    }

    // MARK: - Discharge summary

    /// One COPM phrase for the progress report and the discharge summary: the wrist plan's
    /// report on its discharge day and its discharge summary print the same paragraph, with
    /// the change of each score judged against the 2 points (domain: COPM). They had two
    /// spellings until both called `DocumentFacts.copm`.
    @Test func copmReadsTheSameInTheProgressReportAndTheDischargeSummary() throws {
        let plan = try R.plan(Self.wrist)
        func copm(_ md: String) -> [String] { md.split(separator: "\n").map(String.init).filter { $0.hasPrefix("COPM") } }
        let discharge = copm(try R.md(.dischargeSummary, plan))
        // The report needs a goal still open: the same plan without its closures, on the day
        // of the re-rating.
        let text = try String(contentsOf: GoldenFile.packageRoot.appendingPathComponent(Self.wrist), encoding: .utf8)
        let open = try R.plan(text: text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("close ") && !$0.contains("status completed") }.joined(separator: "\n"))
        let report = copm(try R.md(.progressReport, open, asOf: "2026-11-09"))
        #expect(report.count == 1)
        #expect(discharge == ["COPM, re-rated on 9 Nov 2026 for 1 of the 2 problems named at assessment (mean scores, 1-10): performance 3.0 to 8.0 (+5.0, clinically important), satisfaction 2.0 to 3.0 (+1.0, below 2 points); a change of 2 points or more is clinically important (Law M et al., COPM manual; Carswell A et al., Can J Occup Ther 2004;71:210-222 (2 points))."])
        #expect(report == discharge)
    }

    @Test func dischargeSummaryOfACompletedPlan() throws {
        let md = try R.md(.dischargeSummary, try R.plan(Self.wrist))
        #expect(md.contains("- **Dates of care:** 14 Sep 2026 to 9 Nov 2026 (57 days)"))
        #expect(md.contains("| Attended | 7 |\n| Cancelled | 1 |\n| Did not attend (no-show) | 1 |\n| Treatment days | 7 |"))
        #expect(md.contains("- 5 Oct 2026: cancelled, client travelling for work"))
        #expect(md.contains("- grip (Open a jar and lift a full pan with the left hand): met on 9 Nov 2026; final 18 points (9 Nov 2026), baseline 59 points, target 20 points; assist level independent (target independent); QuickDASH: -41 points since baseline (lower is better), at least the MCID of 8 points reported in shoulder pain"))
        #expect(md.contains("- cut (Cut vegetables with a knife in the left hand): met on 19 Oct 2026"))
        #expect(md.contains("Not met:\n\n- typing (Type for an hour at work without wrist pain): discontinued on 9 Nov 2026; final 4 points (9 Nov 2026), baseline 6 points, target 1 point"))
        #expect(md.contains("Home programme:\n\n- Home putty and wrist stretch programme (every day for 8 weeks)\n\nEducation given in the sessions:\n\n- Joint protection and pacing education for work\n"))
        // The gel wrist rest, from education given in the sessions, is the client's to keep.
        #expect(md.contains("Equipment:\n\n- therapy putty (medium)\n- wrist weight 1 kg\n- gel wrist rest\n"))
        #expect(md.contains("- Goal typing discontinued on 9 Nov 2026: Employer moved her to a role with little typing; she declined further sessions for it."))
        #expect(md.contains("Continue the home programme for 6 weeks; call the clinic if pain returns."))
        #expect(!md.contains("not recorded"))
    }

    /// Only interventions delivered as a home programme are the home programme; education
    /// taught in the sessions is listed apart (a reviewer found the wrist plan's joint
    /// protection education under "Home programme").
    @Test func dischargeSummaryHomeProgrammeHoldsOnlyHomeProgrammes() throws {
        let md = try R.md(.dischargeSummary, try R.plan(Self.wrist))
        let home = try #require(md.components(separatedBy: "Home programme:\n\n").last?.components(separatedBy: "\n\n").first)
        #expect(home == "- Home putty and wrist stretch programme (every day for 8 weeks)")
        #expect(md.contains("Education given in the sessions:\n\n- Joint protection and pacing education for work\n"))
    }

    /// Each discharge criterion is said to be met or not, from the goals on the discharge
    /// date, or plainly left to the therapist when no goal describes it.
    @Test func dischargeSummaryAssessesEachCriterion() throws {
        let md = try R.md(.dischargeSummary, try R.plan(Self.wrist))
        #expect(md.contains("Discharge criteria set in the plan, each against the goals on 9 Nov 2026:\n\n"
            + "- \u{201C}Cooks and types for an hour without wrist pain\u{201D}: not met: goal typing discontinued on 9 Nov 2026 (final 4 points on 9 Nov 2026, target 1 point).\n"
            + "- \u{201C}Opens jars and lifts a full pan independently\u{201D}: met, as the plan's goals show: goal grip met on 9 Nov 2026.\n"
            + "- \u{201C}Returns to full duties at work\u{201D}: not assessed by careplan (no goal in the plan describes it): the therapist confirms.\n"))
        // A criterion about every goal; one only partly in the goals' words; a goal still
        // open whose reading reached its target.
        let plan = try R.plan(text: """
            plan p "P" {
              discipline PT
              client "A" { born 1950-01-01 }
              starts 2026-10-05
              status completed
              discharge-criteria "All goals met", "Walks to the shop and carries the shopping home", "Climbs a flight of stairs", "Climbs stairs independently"
              goal walk "Walk to the shop" { focus gait; assist from minimal to independent; condition "with a stick"; by start + 6 weeks }
              goal stairs "Climb a flight of stairs" { focus mobility; measure "steps climbed" from 4 to 14; by start + 6 weeks }
              intervention gait "Gait training" { type exercise; serves walk, stairs; frequency 2 per week for 6 weeks }
              checkin every 2 weeks
              progress on 2026-11-09 { walk assist independent; stairs 14 }
              close walk achieved on 2026-11-09
            }
            """)
        let lines = DischargeCriterionCheck.check(plan, Timeline.of(plan, today: R.today), plan.goals.map { GoalFigures($0, ProgressAnalysis.goal(plan, $0, Timeline.of(plan, today: R.today))) },
                                                  discharged: CalendarDate(iso: "2026-11-09")!)
        #expect(lines.map(\.verdict) == [.met, .partly, .met, .partly])
        #expect(lines[0].goals == ["walk", "stairs"])
        #expect(lines[1].line == "\u{201C}Walks to the shop and carries the shopping home\u{201D}: partly assessed: goal walk met on 9 Nov 2026; the rest is not assessed by careplan: the therapist confirms.")
        #expect(lines[2].line == "\u{201C}Climbs a flight of stairs\u{201D}: met, as the plan's goals show: goal stairs at its target by its reading of 9 Nov 2026, not closed.")
        // "independently" is not in a goal measured in steps: careplan does not claim it.
        #expect(lines[3].line == "\u{201C}Climbs stairs independently\u{201D}: partly assessed: goal stairs at its target by its reading of 9 Nov 2026, not closed; the rest is not assessed by careplan: the therapist confirms.")
    }

    /// Codes whose units careplan does not compute (not in its table; unlisted) are listed
    /// among the services with their minutes, their units "not given" and why, instead of
    /// being left out of the table.
    @Test func dischargeSummaryListsServicesWithoutUnits() throws {
        let md = try R.md(.dischargeSummary, try R.plan(Self.wrist))
        #expect(md.contains("| 29125 | not in careplan's table | 1 | 15 | not given |"))
        #expect(md.contains("| 97139 | Unlisted therapeutic procedure | 1 | 15 | not given |"))
        #expect(md.contains("| 97530 | Therapeutic activities | 6 | 235 | 16 |"))
        #expect(md.contains("| Total |  |  | 325 | 18 |"))
        #expect(md.contains("Units not given (the total counts only the units computed): 29125 (15 min on 1 visit): not in careplan's table (it may still be valid), so careplan cannot tell whether it is timed; 97139 (15 min on 1 visit): an unlisted code, billed as the payer decides."))
    }

    /// Marked completed with a goal open: a summary that says what is missing.
    @Test func dischargeSummarySaysWhatIsMissing() throws {
        let md = try R.md(.dischargeSummary, try R.plan(Self.elbow))
        #expect(md.contains("- carry (Carry a 5 kg shopping bag 50 m in the right hand): open at discharge, not met; final 3 (13 Nov 2026), baseline 1, target 5"))
        #expect(md.contains("Reason for discharge not recorded: carry was still open."))
        #expect(md.contains("No visits are recorded in this plan, so the visits attended, cancelled and missed are not known"))
        #expect(md.contains("No discharge plan recorded"))
        #expect(md.contains("Home programme: none recorded"))
    }

    /// Still active with goals open and no reason: no summary, an error saying what to record.
    /// It suggests closing the goal achieved only when its readings meet every target (hip's
    /// dress is at moderate assist: discontinued, or the reading that shows it met).
    @Test func dischargeSummaryOfAnActivePlanIsRefused() throws {
        #expect(R.error(.dischargeSummary, try R.plan("Tests/CarePlanKitTests/Fixtures/exports/hip-precautions.careplan"))
                == "plan `hip` is not ready for a discharge summary: goal `dress` is open and the plan records no reason for discharge; close it (`close dress discontinued on 2026-11-29 because \"...\"`, or record the reading that shows it met: no reading of dress by 2026-11-29 meets every target), or mark the plan `status completed`")
        let met = try R.plan(text: """
            plan p "P" {
              discipline PT
              client "A" { born 1950-01-01 }
              starts 2026-10-05
              goal stairs "Climb a flight of stairs" { focus mobility; measure "steps climbed" from 4 to 14; by start + 6 weeks }
              intervention gait "Gait training" { type exercise; serves stairs; frequency 2 per week for 6 weeks }
              checkin every 2 weeks
              progress on 2026-11-09 { stairs 14 }
            }
            """)
        #expect(R.error(.dischargeSummary, met)
                == "plan `p` is not ready for a discharge summary: goal `stairs` is open and the plan records no reason for discharge; close it (`close stairs achieved on 2026-11-29`, or `close stairs discontinued on 2026-11-29 because \"...\"`), or mark the plan `status completed`")
    }

    /// With several goals open the refusal gives a way to close each, one line per goal, not
    /// only the first: stairs (at its target) achieved, walk (below it) discontinued.
    @Test func dischargeSummaryRefusalNamesEveryOpenGoal() throws {
        let two = try R.plan(text: """
            plan p "P" {
              discipline PT
              client "A" { born 1950-01-01 }
              starts 2026-10-05
              goal stairs "Climb a flight of stairs" { focus mobility; measure "steps climbed" from 4 to 14; by start + 6 weeks }
              goal walk "Walk outdoors" { focus mobility; measure "metres walked" from 50 to 400; by start + 6 weeks }
              intervention gait "Gait training" { type exercise; serves stairs, walk; frequency 2 per week for 6 weeks }
              checkin every 2 weeks
              progress on 2026-11-09 { stairs 14; walk 200 }
            }
            """)
        #expect(R.error(.dischargeSummary, two) == """
            plan `p` is not ready for a discharge summary: goals `stairs`, `walk` are open and the plan records no reason for discharge; close each, or mark the plan `status completed`:
              - `close stairs achieved on 2026-11-29`, or `close stairs discontinued on 2026-11-29 because "..."`
              - `close walk discontinued on 2026-11-29 because "..."`, or record the reading that shows it met: no reading of walk by 2026-11-29 meets every target
            """)
    }
}
