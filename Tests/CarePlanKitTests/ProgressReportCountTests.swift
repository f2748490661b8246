import CarePlanKit
import Foundation
import Testing

/// Medicare Part B's progress report, at least once every 10 treatment days (the evaluation is
/// day 1; domain.md, Pub. 100-02 ch. 15 §220.3.D), counted as a therapist lives it: today's
/// booked session is today's treatment day until its visit is recorded, and a report dated
/// after the 10th treatment day is late, even on the morning of the 11th.
struct ProgressReportCountTests {
    /// Ten treatment days by Friday 2026-11-27, a session booked for Monday 2026-11-30.
    static let fixture = "Tests/CarePlanKitTests/Fixtures/clinic/visits.careplan"

    static func cp0501(_ source: String, today: String) -> [Diagnostic] {
        Compilation.check(source: source, today: CalendarDate(iso: today)!).diagnostics.filter { $0.code.rawValue == "CP0501" }
    }

    static func text() throws -> String {
        try String(contentsOf: GoldenFile.packageRoot.appendingPathComponent(fixture), encoding: .utf8)
    }

    /// On the Sunday and on the Monday morning alike, the 11th treatment day is Monday's
    /// booked session (it was Wednesday 12-02 on Monday: today's session was not counted),
    /// and the help asks for the report before today's session, not for a back-dated one.
    @Test func todaysBookedSessionIsTheEleventhTreatmentDay() throws {
        let source = try Self.text()
        let sunday = try #require(Self.cp0501(source, today: "2026-11-29").first)
        #expect(sunday.message == "treatment day 11 on 2026-11-30 comes with no progress report since the last 10 treatment days")
        let monday = try #require(Self.cp0501(source, today: "2026-11-30").first)
        #expect(monday.severity == .warning)
        #expect(monday.message == "treatment day 11 on 2026-11-30 (today) comes with no progress report since the last 10 treatment days")
        #expect(monday.help?.contains("write it before today's session, with an entry for every open goal, and record it today: it is late") == true)
        #expect(monday.notes.contains("counted from the visits recorded up to 2026-11-29, then the session booked today (not yet recorded)"))
        // Once Monday's visit is recorded as cancelled, Monday is no treatment day.
        let cancelled = Self.cp0501(source + "\nvisit visits on 2026-11-30 cancelled because \"snow\"\n", today: "2026-11-30")
        #expect(cancelled.first?.message.hasPrefix("treatment day 11 on 2026-12-02") == true)
    }

    /// A report dated on the 11th treatment day is late (explain CP0501: on or before the
    /// 10th): a note, since the record stands as written; one on the 10th is on time.
    @Test func aReportOnTheEleventhTreatmentDayIsLate() throws {
        let source = try Self.text()
        let late = Self.cp0501(source + "\nvisit visits on 2026-11-30 attended minutes 45\nprogress visits on 2026-11-30 { walk 150 }\n", today: "2026-11-30")
        let note = try #require(late.first { $0.severity == .note })
        #expect(note.message == "the progress report of 2026-11-30 came after the 10th treatment day (2026-11-27): it is late")
        #expect(!late.contains { $0.severity == .warning && $0.message.contains("2026-11-30") })
        let onTime = Self.cp0501(source + "\nprogress visits on 2026-11-27 { walk 150 }\n", today: "2026-11-30")
        #expect(!onTime.contains { $0.message.contains("late") || $0.message.contains("came after") })
        #expect(!onTime.contains { $0.message.contains("2026-11-30") })
    }

    /// A check-in booked after the 10th treatment day is a plan to be late: a warning that
    /// names the 10th and asks to move it there.
    @Test func aCheckinBookedAfterTheTenthTreatmentDayIsAWarning() throws {
        let source = try Self.text().replacingOccurrences(of: "checkin on 2027-01-18 { review walk }",
                                                           with: "checkin on 2027-01-18 { review walk }\n  checkin on 2026-12-21 { review walk }")
        let progress = "\nvisit visits on 2026-11-30 attended minutes 45\nprogress visits on 2026-11-27 { walk 150 }\n"
        let found = Self.cp0501(source + progress, today: "2026-11-30")
        // After the report of 11-27: 11-30, 12-02, 12-04, 12-07, 12-09, 12-11, 12-14, 12-16,
        // 12-18 (day 9), 12-21 (day 10): the check-in on 12-21 is on time.
        #expect(found.isEmpty, "\(found.map(\.message))")
        let later = source.replacingOccurrences(of: "checkin on 2026-12-21", with: "checkin on 2026-12-22")
        let warning = try #require(Self.cp0501(later + progress, today: "2026-11-30").first)
        #expect(warning.severity == .warning)
        #expect(warning.message == "the review booked on 2026-12-22 comes after the 10th treatment day (2026-12-21)")
        #expect(warning.help == "book it on or before 2026-12-21: `checkin on 2026-12-21 { review walk }`")
    }
}
