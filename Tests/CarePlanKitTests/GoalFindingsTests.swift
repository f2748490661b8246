import Testing
@testable import CarePlanKit

/// The validator keeps each goal's goal-local findings (`GoalFindings`) for the next validation
/// of the same plan: a goal is checked again only when it, the plan's discipline or start, or
/// the review calendar changed, and the findings are always those of a validation from scratch.
@Suite struct GoalFindingsTests {
    static let today = CalendarDate(iso: "2026-11-30")!

    static let source = """
        plan tea "Back to making tea" {
          discipline OT
          client "Test Client" { born 1950-01-01 }
          starts 2026-11-02
          frequency 2 per week for 10 weeks
          goal kettle "Fill and boil the kettle" { occupation iadl; assist from moderate to supervision; by start + 6 weeks }
          goal cup "Make a cup of tea" { occupation iadl; by start + 8 weeks }
          goal improve "Improve strength" { by start + 4 weeks }
          intervention practice "Kitchen practice" { type occupation; serves kettle, cup, improve }
        }
        """

    static func plan() throws -> Plan {
        let c = Compilation.check(source: source, today: today)
        return try #require(c.plans.first)
    }

    /// Validates `plan` reusing `previous`, checks the result against a validation from scratch
    /// and returns the goal findings with how many goals were checked.
    static func revalidate(_ plan: Plan, _ previous: GoalFindings?, sourceLocation: SourceLocation = #_sourceLocation) -> GoalFindings {
        let timeline = Timeline.of(plan, today: today)
        let (diagnostics, goals) = Validator.validate(plan, timeline: timeline, reusing: previous)
        #expect(diagnostics == Validator.validate(plan, today: today), sourceLocation: sourceLocation)
        return goals
    }

    @Test func anUnchangedPlanChecksNoGoalAgain() throws {
        let p = try Self.plan()
        let first = Self.revalidate(p, nil)
        #expect(first.checked == 3)
        #expect(Self.revalidate(p, first).checked == 0)
    }

    @Test func oneChangedGoalIsTheOnlyOneChecked() throws {
        let p = try Self.plan()
        let first = Self.revalidate(p, nil)
        var changed = p
        changed.goals[1].condition = "with the kettle on the counter"
        let second = Self.revalidate(changed, first)
        #expect(second.checked == 1)
        // The goal's COAST finding changed with it: the condition is no longer missing.
        func coast(_ plan: Plan) -> String? {
            Validator.validate(plan, today: Self.today).first { $0.code == .coastMissing && $0.message.contains("`cup`") }?.message
        }
        #expect(coast(p) == "goal `cup` is missing 2 COAST elements: assist level, condition")
        #expect(coast(changed) == "goal `cup` is missing a COAST element: assist level")
    }

    @Test func aNewGoalIsCheckedAndTheOthersKept() throws {
        let p = try Self.plan()
        let first = Self.revalidate(p, nil)
        var grown = p
        var extra = p.goals[0]
        extra.id = Located("kettle2", extra.id.span)
        grown.goals.insert(extra, at: 0)  // before the others: found again by id, not position
        #expect(Self.revalidate(grown, first).checked == 1)
    }

    @Test func aGoalAppendedIsTheOnlyOneChecked() throws {
        let p = try Self.plan()
        let first = Self.revalidate(p, nil)
        var grown = p
        var extra = p.goals[2]
        extra.id = Located("improve2", extra.id.span)
        grown.goals.append(extra)  // what a REPL statement usually does
        #expect(Self.revalidate(grown, first).checked == 1)
        var shrunk = p
        shrunk.goals.remove(at: 0)  // the others move up a place and are found by id
        #expect(Self.revalidate(shrunk, first).checked == 0)
    }

    @Test func aChangedDisciplineChecksEveryGoal() throws {
        let p = try Self.plan()
        let first = Self.revalidate(p, nil)
        var pt = p
        pt.discipline = Located(.PT, p.discipline!.span)
        #expect(Self.revalidate(pt, first).checked == 3)
    }

    @Test func aNewReassessmentChecksEveryGoalsDueDate() throws {
        let p = try Self.plan()
        let first = Self.revalidate(p, nil)
        #expect(Validator.validate(p, today: Self.today).contains { $0.code == .dueDateNotReviewed })
        var reviewed = p
        reviewed.reassessments.append(Located(CalendarDate(iso: "2026-11-20")!, p.id.span))
        #expect(Self.revalidate(reviewed, first).checked == 3)
        #expect(!Validator.validate(reviewed, today: Self.today).contains { $0.code == .dueDateNotReviewed })
    }
}
