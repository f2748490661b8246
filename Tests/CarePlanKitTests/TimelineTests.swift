import CarePlanKit
import Foundation
import Testing

/// The timeline is the one model of a plan in time: every output must agree with it.
struct TimelineTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 30)!

    /// Every plan of the examples and of the corpus (those that build).
    static func allPlans() -> [(String, Plan)] {
        var out: [(String, Plan)] = []
        let roots = [GoldenFile.packageRoot.appendingPathComponent("examples"),
                     GoldenFile.packageRoot.appendingPathComponent("Tests/CarePlanKitTests/Corpus"),
                     GoldenFile.packageRoot.appendingPathComponent("Tests/CarePlanKitTests/Schedules")]
        for root in roots {
            let files = (FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? [])
                .filter { $0.hasSuffix(".careplan") && !$0.hasPrefix("limits/") && !$0.hasPrefix("fuzz/") }.sorted()
            for f in files {
                let path = root.appendingPathComponent(f).path
                guard let bytes = ScriptHost.readFromDisk(path) else { continue }
                for p in Compilation.check(SourceFile(name: path, bytes: bytes), today: today).plans where p.start != nil {
                    out.append((f, p))
                }
            }
        }
        return out
    }

    @Test func everyOutputAgreesWithTheTimeline() throws {
        let plans = Self.allPlans()
        #expect(plans.count > 40)
        for (file, plan) in plans {
            let t = Timeline.of(plan, today: Self.today)
            // The calendar's events are the schedule's, date for date (one VEVENT per date, or
            // an RRULE whose COUNT is the series' length).
            let ics = try Exporter.render(plan, as: .ics, options: ExportOptions(today: Self.today))
            for s in t.schedule.series where !s.dates.isEmpty {
                #expect(ics.contains("DTSTART;VALUE=DATE:\(s.dates[0].description.replacingOccurrences(of: "-", with: ""))"), "\(file): \(s.id)")
            }
            // FHIR: each goal starts on its own start; each certification period is there with its dates.
            let fhir = try Exporter.render(plan, as: .fhir, options: ExportOptions(today: Self.today))
            for life in t.lives { #expect(fhir.contains("\"startDate\": \"\(life.start)\""), "\(file): \(life.goal)") }
            for c in t.schedule.certifications {
                #expect(fhir.contains("\"end\": \"\(c.end)\"") && fhir.contains("\(c.start) to \(c.end)"), "\(file): certification \(c.start)")
            }
            // FHIR timing counts the sessions the schedule books, series by series.
            for s in t.schedule.series where s.kind == .session && s.dates.count > 1 {
                #expect(fhir.contains("\"count\": \(s.dates.count)"), "\(file): \(s.id) has \(s.dates.count) sessions")
            }
            // `schedule` shows the timeline's certification; `report` the documents' line
            // (CertificationLine: "awaiting the physician's or NPP's signature", "no
            // certification recorded"), with the days left of a period in force.
            if let summary = t.certificationSummary {
                #expect(ScheduleListing.text(t).contains("certification \(summary)"), "\(file)")
            }
            // `careplan schedule` (given the plan) and `report` print the same line.
            if let line = CertificationLine.text(plan, t, daysLeft: true) {
                #expect(ProgressReport.text(plan, t).contains("Certification: \(line)\n"), "\(file)")
                #expect(ScheduleListing.text(t, plan: plan).contains("certification \(line)\n"), "\(file)")
            }
            // No output names a closed goal after its closure: no check-in reviews it, no due date.
            for life in t.lives {
                guard let end = life.end else { continue }
                for e in t.schedule.events(from: end.adding(days: 1)) where e.kind == .checkin || e.kind == .goalDue {
                    let series = try #require(t.schedule.series.first { $0.id == e.seriesID })
                    #expect(!series.reviews.contains(life.goal), "\(file): \(life.goal) closed \(end), still in \(e.title) on \(e.date)")
                }
            }
        }
    }

    @Test func aReplacementGoalIsJudgedFromItsOwnStart() throws {
        let path = GoldenFile.packageRoot.appendingPathComponent("examples/hand-surgery-work.careplan").path
        let bytes = try #require(ScriptHost.readFromDisk(path))
        let plan = try #require(Compilation.check(SourceFile(name: path, bytes: bytes), today: Self.today).plans.first)
        let t = Timeline.of(plan, today: Self.today)
        // sim-shift replaces light-duty, closed 2026-11-20: it starts then, not on the plan's start.
        #expect(t.life(of: "sim-shift")?.start == CalendarDate(iso: "2026-11-20"))
        let p = ProgressAnalysis.goal(plan, try #require(plan.goal("sim-shift")), t)
        // 30 -> 240 from 11-20 to 12-18 (28 days); on 11-27 a straight line expects 30 + 210 * 7/28 = 82.5.
        #expect(p.expectedAtLatest == 82.5)
        #expect(t.life(of: "light-duty")?.end == CalendarDate(iso: "2026-11-20"))
        #expect(t.life(of: "light-duty")?.isActive(on: CalendarDate(iso: "2026-11-21")!) == false)
    }

    @Test func gasLeavesOutUnscaledAndDiscontinuedGoalsAndNamesTheOneWithoutALevel() throws {
        let source = """
            plan p "P" {
              discipline OT
              client "A" { born 1950-01-01 }
              starts 2026-11-02
              goal a "Dress" { occupation adl; assist from moderate to supervision; condition "seated"; by start + 6 weeks; gas weight 1 baseline -1 }
              goal b "Cook" { occupation iadl; assist from moderate to supervision; condition "labels"; by start + 6 weeks; gas weight 1 baseline -1 }
              goal c "Shop" { occupation iadl; assist from moderate to supervision; condition "list"; by start + 6 weeks }
              goal d "Bath" { occupation adl; assist from moderate to supervision; condition "board"; by start + 6 weeks; gas weight 1 baseline -1 }
            }
            progress p on 2026-11-16 { a gas 0; c gas 1; d gas -1 }
            close d discontinued on 2026-11-20 because "moved to a care home"
            """
        let plan = try #require(Compilation.check(source: source, today: Self.today).plans.first)
        let gas = ProgressAnalysis.gas(plan, asOf: Self.today)
        #expect(gas.scaled == ["a", "b"], "c has no gas line; d was discontinued")
        #expect(gas.unscored == ["b"])
        #expect(gas.latest == nil)
        #expect(ProgressReport.text(plan, asOf: Self.today).contains("no GAS level recorded for `b`"))
    }

    @Test func simulateCountsOnlyTheSessionsThatServeAGoal() throws {
        let source = """
            plan p "P" {
              discipline PT
              payer private-pay
              client "A" { born 1950-01-01 }
              starts 2026-11-02
              goal walk "Walk" { focus gait; by start + 4 weeks }
              goal reach "Reach" { focus range-of-motion; by start + 4 weeks }
              intervention gait "Gait" { type exercise; serves walk; frequency 2 per week for 4 weeks }
              intervention visit "Home visit" { type exercise; serves reach; frequency once on 2026-11-20 }
              checkin every 2 weeks
            }
            """
        let plan = try #require(Compilation.check(source: source, today: Self.today).plans.first)
        let result = Simulation.run(plan, .cancel(count: 2, from: CalendarDate(iso: "2026-11-03")!), today: Self.today)
        #expect(result.changes.contains("goal walk (due 2026-11-30): 8 -> 6 sessions serving it before it is due"), "\(result.changes)")
        #expect(!result.changes.contains { $0.hasPrefix("goal reach") }, "the cancelled sessions do not serve `reach`")
    }

    @Test func dateMinusDateIsANumberOfDays() throws {
        let source = """
            let gap = 2026-12-25 - 2026-11-30
            plan p "P" {
              discipline OT
              client "A" { born 1950-01-01 }
              starts 2026-11-02
              goal g "Dress" { occupation adl; by start + (gap + 1) days }
            }
            """
        let compiled = Compilation.check(source: source, today: Self.today)
        #expect(!compiled.diagnostics.hasErrors, "\(DiagnosticRenderer.render(compiled.diagnostics))")
        // 25 days between the dates, plus one: a number, so arithmetic and `days` work on it.
        #expect(compiled.plans.first?.goal("g")?.due?.value == CalendarDate(iso: "2026-11-28"))
    }
}
