import CarePlanKit
import Testing

/// Outcome measures against their published check values (shared/docs/domain.md).
struct ProgressTests {
    @Test func gasTScoreMatchesPublishedCheckValues() throws {
        let allMinusOne = try #require(ProgressAnalysis.gasTScore(levels: [(-1, 1), (-1, 1), (-1, 1)]))
        #expect(abs(allMinusOne - 36.31) < 0.005)
        let allPlusTwo = try #require(ProgressAnalysis.gasTScore(levels: [(2, 1), (2, 1), (2, 1)]))
        #expect(abs(allPlusTwo - 77.39) < 0.005)
        #expect(ProgressAnalysis.gasTScore(levels: [(0, 1), (0, 2)]) == 50)
        #expect(ProgressAnalysis.gasTScore(levels: []) == nil)
    }

    static let plan = """
        plan kitchen "Back to cooking" {
          discipline OT
          client "Maria Lopez" { born 1954-03-12 }
          starts 2026-11-02
          assess {
            copm "Preparing meals" importance 9 performance 3 satisfaction 2
            copm "Bathing" importance 8 performance 4 satisfaction 3
          }
          goal meals "Prepare a simple hot meal" {
            occupation iadl
            assist from moderate to independent
            condition "using labelled cabinets"
            measure "steps done without cues" from 4 to 10
            by start + 12 weeks
            gas weight 1 baseline -1
          }
          goal tea "Make a cup of tea" {
            occupation iadl
            assist from moderate to supervision
            condition "with a kettle tipper"
            measure "spills per cup" from 4 to 0
            by start + 6 weeks
            gas weight 1 baseline -1
          }
          intervention labels "Label the cabinets" { type environment-modification; serves meals, tea }
          checkin every 2 weeks { review meals, tea }
        }
        progress kitchen on 2026-11-16 {
          meals 5 gas -1
          tea 3 gas -1
        }
        progress kitchen on 2026-11-30 {
          meals 5 gas 0
          tea 0 assist minimal gas 1
          copm "Preparing meals" performance 6 satisfaction 5
          copm "Bathing" performance 5 satisfaction 3
        }
        """

    @Test func statusTrendAndCOPM() throws {
        let today = CalendarDate(year: 2026, month: 12, day: 1)!
        let compiled = Compilation.check(source: Self.plan, today: today)
        #expect(!compiled.diagnostics.hasErrors, "\(DiagnosticRenderer.render(compiled.diagnostics))")
        let plan = try #require(compiled.plans.first)
        let goals = ProgressAnalysis.goals(plan, asOf: today)
        // GAS: levels 0 and +1, unit weights: 50 + 10 * 1 / sqrt(0.7 * 2 + 0.3 * 4) = 56.20.
        // meals: 4 -> 10 over 84 days; on day 28 a straight line expects 6, measured 5: behind.
        #expect(goals[0].status == .behind)
        #expect(goals[0].trend == .steady)
        #expect(goals[0].expectedAtLatest == 6)
        // tea: a falling measure (spills) reached its target of 0, but the assist level
        // (minimal) misses the target (supervision): not achieved; on track against the line.
        #expect(goals[1].status == .onTrack)
        #expect(goals[1].trend == .improving)
        // With the assist target met too, every target is met: achieved.
        let met = Compilation.check(source: Self.plan.replacingOccurrences(of: "tea 0 assist minimal", with: "tea 0 assist supervision"), today: today)
        #expect(ProgressAnalysis.goals(try #require(met.plans.first), asOf: today)[1].status == .achieved)
        // Before any record there is no data.
        #expect(ProgressAnalysis.goals(plan, asOf: CalendarDate(year: 2026, month: 11, day: 10)!)[0].status == .noData)
        let copm = try #require(ProgressAnalysis.copm(plan, asOf: today))
        #expect(copm.initialPerformance == 3.5 && copm.latestPerformance == 5.5)
        #expect(copm.performanceChange == 2 && copm.performanceImportant)
        #expect(copm.satisfactionChange == 1.5 && !copm.satisfactionImportant)
        let gas = ProgressAnalysis.gas(plan, asOf: today)
        #expect(gas.latest.map { abs($0 - 56.20) < 0.005 } == true, "\(String(describing: gas.latest))")
    }

    @Test func partialCOPMReRatingComparesTheSameProblems() throws {
        let source = Self.plan + """

            progress kitchen on 2026-12-14 {
              copm "Bathing" performance 8 satisfaction 7
            }
            """
        let today = CalendarDate(year: 2026, month: 12, day: 31)!
        let plan = try #require(Compilation.check(source: source, today: today).plans.first)
        let copm = try #require(ProgressAnalysis.copm(plan, asOf: today))
        // Bathing's latest rating is 8/7, meals' 6/5 (carried from 2026-11-30): means 7 and 6
        // against the initial 3.5 and 2.5 over the same two problems.
        #expect(copm.reratedProblems == 2)
        #expect(copm.latestPerformance == 7 && copm.latestSatisfaction == 6)
        #expect(copm.performanceChange == 3.5 && copm.satisfactionChange == 3.5)
        #expect(copm.latestDate == CalendarDate(year: 2026, month: 12, day: 14))
    }
}
