import CarePlanKit
import Foundation
import Testing

/// Golden schedules: every `Schedules/*.careplan` is compiled and its schedule listing (the
/// same text `careplan schedule` prints) compared with the `.expected` file beside it.
struct ScheduleTests {
    static let root = GoldenFile.packageRoot.appendingPathComponent("Tests/CarePlanKitTests/Schedules")
    static let today = CalendarDate(year: 2026, month: 11, day: 29)!

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).filter { $0.hasSuffix(".careplan") }.sorted()
    }

    @Test("schedule golden", arguments: cases)
    func scheduleGolden(_ name: String) throws {
        let url = Self.root.appendingPathComponent(name)
        let compiled = Compilation.check(source: try String(contentsOf: url, encoding: .utf8), name: name, today: Self.today)
        #expect(!compiled.diagnostics.hasErrors, "\(DiagnosticRenderer.render(compiled.diagnostics))")
        let text = compiled.plans.map { ScheduleListing.text(Timeline.of($0, today: Self.today)) }.joined(separator: "\n")
            + DiagnosticRenderer.render(compiled.diagnostics)
        GoldenFile.check(text, against: url.deletingPathExtension().appendingPathExtension("expected"))
    }

    /// The schedule reads as the timeline does (issue 12 review): the client's daily home
    /// programme is not a session at the clinic, and a booked session whose visit was
    /// cancelled or missed is not listed as a session; the plan export's "Next session" is
    /// the next clinic session (it was a Sunday of the home programme).
    @Test func homeProgrammeDaysAndMissedVisitsAreNotSessions() throws {
        let url = GoldenFile.packageRoot.appendingPathComponent("Tests/CarePlanKitTests/Fixtures/documents/shoulder-recert.careplan")
        let plan = try #require(Compilation.check(source: try String(contentsOf: url, encoding: .utf8), name: "shoulder", today: Self.today).plans.first)
        let t = Timeline.of(plan, today: Self.today)
        let text = ScheduleListing.text(t, from: CalendarDate(iso: "2026-11-16"), to: CalendarDate(iso: "2026-11-22"))
        #expect(text.contains("  2026-11-17 Tue  home programme      Home exercise programme: pendulums, pulley, wall walks\n"))
        #expect(text.contains("  2026-11-19 Thu  cancelled           Therapy session: Dressing and reaching after a right shoulder fracture; client unwell (cold)\n"))
        #expect(!text.contains("session             Home exercise programme"))
        #expect(text.hasSuffix("  10 events (1 session, 7 home-programme days, 1 cancelled)\n"), "\(text)")
        // The listing's sessions are the timeline's treatment days in the range.
        let days = t.treatmentDays.filter { $0.date >= CalendarDate(iso: "2026-11-16")! && $0.date <= CalendarDate(iso: "2026-11-22")! }
        #expect(days.map(\.date.description) == ["2026-11-16"])
        #expect(t.missedVisits[CalendarDate(iso: "2026-10-29")!]?.status == .noShow)
        let md = MarkdownExport.render(plan, options: ExportOptions(today: Self.today))
        #expect(md.contains("Next session: Monday 30 November 2026 (tomorrow)."))
    }

    /// A listing with one event said "1 events" (tester, 1 Dec); counts are singular at one.
    @Test func oneEventIsSingular() throws {
        let url = GoldenFile.packageRoot.appendingPathComponent("Tests/CarePlanKitTests/Fixtures/documents/shoulder-recert.careplan")
        let plan = try #require(Compilation.check(source: try String(contentsOf: url, encoding: .utf8), name: "shoulder", today: Self.today).plans.first)
        let day = CalendarDate(iso: "2026-11-17")
        let text = ScheduleListing.text(Timeline.of(plan, today: Self.today), from: day, to: day)
        #expect(text.hasSuffix("  1 event (0 sessions, 1 home-programme day)\n"), "\(text)")
        #expect(Words.count(1, "event") == "1 event")
        #expect(Words.count(0, "event") == "0 events")
        #expect(Words.count(2, "entry", plural: "entries") == "2 entries")
        #expect(Words.count(1, "week") == "1 week")
    }

    @Test func calendarArithmeticAcrossMonthEndsAndLeapYears() {
        let jan31 = CalendarDate(year: 2026, month: 1, day: 31)!
        #expect(jan31.adding(months: 1).description == "2026-02-28")
        #expect(CalendarDate(year: 2028, month: 1, day: 31)!.adding(months: 1).description == "2028-02-29")
        #expect(CalendarDate(year: 2028, month: 2, day: 29)!.adding(months: 12).description == "2029-02-28")
        #expect(CalendarDate(year: 2026, month: 12, day: 31)!.adding(days: 1).description == "2027-01-01")
        #expect(CalendarDate(year: 2026, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)
        // Day numbers round-trip over four centuries, including the 400-year leap rule.
        var d = CalendarDate(year: 1900, month: 1, day: 1)!
        for _ in 0..<(400 * 366 / 7) {
            #expect(CalendarDate(dayNumber: d.dayNumber) == d)
            d = d.adding(days: 7)
        }
        #expect(CalendarDate(year: 2026, month: 11, day: 29)!.weekday == 7) // a Sunday
        #expect(CalendarDate(year: 1970, month: 1, day: 1)!.dayNumber == 0)
    }

    @Test func twoPerWeekFallsOnTuesdayAndThursdayWithAWeeklyRule() throws {
        let source = """
            plan p "P" {
              discipline PT
              client "A" { born 1950-01-01 }
              starts 2026-11-02
              goal g "Walk to the shop" { focus gait; by start + 8 weeks }
              intervention i "Gait" { type exercise; serves g; frequency 2 per week for 8 weeks }
              checkin every 2 weeks { review g }
            }
            """
        let plan = try #require(Compilation.check(source: source, today: Self.today).plans.first)
        let series = try #require(Schedule.of(plan).series.first { $0.kind == .session })
        #expect(series.dates.count == 16)
        // Without named days, two clinic sessions a week fall on Tuesday and Thursday.
        #expect(series.dates.prefix(2).map(\.description) == ["2026-11-03", "2026-11-05"])
        #expect(series.rule == Schedule.Rule(unit: .week, interval: 1, weekdays: [2, 4], count: 16))
    }
}

/// CP0501 (more than 10 visits with no check-in) against the first version of the rule, which
/// walked `Schedule.events()`: the rule now sorts only dates and kinds.
struct ProgressCadenceTests {
    /// An independent, plain version of Medicare's rule for a plan with one goal and no visit
    /// records: treatment days are the evaluation (the start) and the distinct session dates;
    /// a check-in or re-assessment (each reviews the one goal) resets the count, and a
    /// treatment day with a review on it is not counted. The day number and date of the first
    /// day past 10, if any.
    /// The messages CP0501 should begin with: the first review that comes after the 10th
    /// treatment day (late), and the first 11th treatment day with no review (overdue).
    static func reference(_ schedule: Schedule) -> [String] {
        let sessions = Set(schedule.series.filter { $0.kind == .session }.flatMap(\.dates))
        let reviews = Set(schedule.series.filter { $0.kind == .checkin || $0.kind == .reassessment }.flatMap(\.dates))
        var count = 0
        var tenth: CalendarDate? = nil
        var late: String? = nil
        for d in (sessions.union(reviews).union([schedule.start!])).sorted() {
            if reviews.contains(d) {
                if count >= 10, let tenth, late == nil { late = "the review booked on \(d) comes after the 10th treatment day (\(tenth))" }
                count = 0; tenth = nil; continue
            }
            count += 1
            if count == 10 { tenth = d }
            if count > 10 { return [late, "treatment day \(count) on \(d) "].compactMap { $0 } }
        }
        return [late].compactMap { $0 }
    }

    @Test func agreesWithAPlainVersionOfTheRule() {
        var compared = 0, reported = 0
        for times in 1...5 {
            for weeks in [3, 6, 9] {
                for every in [0, 1, 2, 3] {
                    for extra in [false, true] {
                        let source = """
                        plan p "P" {
                          discipline PT
                          payer medicare-part-b
                          client "C" { born 1950-01-01 }
                          starts 2026-11-02
                          frequency \(times) per week for \(weeks) weeks
                          \(every > 0 ? "checkin every \(every) weeks" : "")
                          reassess at 4 weeks
                          goal g "Walk to the shop" {
                            focus gait
                            measure "metres" from 10 to 100
                            by start + \(weeks) weeks
                          }
                          intervention i "Walking practice" {
                            type exercise
                            serves g
                            \(extra ? "frequency 1 per week for \(weeks) weeks" : "")
                          }
                        }
                        """
                        let compiled = Compilation.check(source: source, today: ScheduleTests.today)
                        let plan = compiled.plans[0]
                        let found = compiled.diagnostics.filter { $0.code == .progressReportOverdue }
                        let expected = Self.reference(Schedule.of(plan, today: ScheduleTests.today))
                        if !expected.isEmpty { reported += 1 }
                        #expect(found.count == expected.count && expected.allSatisfy { e in found.contains { $0.message.hasPrefix(e) } },
                                "\(source)\n\(found.map(\.message))")
                        compared += 1
                    }
                }
            }
        }
        #expect(compared == 120)
        #expect(reported > 10 && reported < compared)  // both outcomes are exercised
    }
}
