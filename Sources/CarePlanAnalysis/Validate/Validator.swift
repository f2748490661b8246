import CarePlanBasics
import CarePlanModel

/// Checks a built plan: structure (required fields, references), soundness (every goal served,
/// dates in order) and teaching rules (COAST, OT versus PT). Pure: a plan in, diagnostics out.
public enum Validator {
    public static func validate(_ plan: Plan, today: CalendarDate) -> [Diagnostic] {
        validate(plan, timeline: Timeline.of(plan, today: today))
    }

    /// The same, reading the time rules off `timeline` (the plan's `Timeline.of`, computed by
    /// the caller who also shows it: the REPL keeps both per plan).
    public static func validate(_ plan: Plan, timeline: Timeline) -> [Diagnostic] {
        validate(plan, timeline: timeline, reusing: nil).diagnostics
    }

    /// The same, keeping the goal-local findings (`GoalRules`) of every goal that is unchanged
    /// since `previous`, the `goals` of an earlier validation of this plan. The diagnostics are
    /// exactly those of a validation from scratch, in the same order.
    package static func validate(_ plan: Plan, timeline: Timeline, reusing previous: GoalFindings?)
        -> (diagnostics: [Diagnostic], goals: GoalFindings) {
        let goals = GoalFindings(plan, timeline, previous: previous)
        var v = Run(plan: plan, ownRules: goals.entries.map(\.rules))
        v.structure()
        v.references()
        v.soundness()
        v.teaching()
        v.progress()
        v.codes()
        v.visitNotes()
        v.planOfCare(today: timeline.today)
        return (v.diagnostics + TimelineRules.check(plan, timeline, dueDates: goals.entries.compactMap(\.dueDate))
                + ReadingRules.check(plan, timeline), goals)
    }

    package struct Run {
        package let plan: Plan
        package var diagnostics: [Diagnostic] = []
        package let goalIDs: Set<String>
        package let goalNames: [String]

        /// Each goal's goal-local findings, in goal order.
        package let ownRules: [GoalRules]

        package init(plan: Plan, ownRules: [GoalRules]) {
            self.plan = plan
            self.ownRules = ownRules
            goalNames = plan.goals.map(\.id.value)
            goalIDs = Set(goalNames)
        }

        package mutating func add(_ code: DiagnosticCode, _ message: String, at span: Span, label: String = "",
                          notes: [String] = [], help: String? = nil) {
            diagnostics.append(Diagnostic(code, message, at: span, label: label, notes: notes, help: help))
        }

        package var name: String { plan.id.value }

        package mutating func structure() {
            if plan.discipline == nil && !plan.attempted.contains(.discipline) {
                add(.missingField, "plan `\(name)` has no discipline", at: plan.id.span, label: "discipline missing",
                    notes: ["the discipline decides which goals and intervention types fit, and Medicare expects separate OT and PT plans"],
                    help: "add `discipline OT` or `discipline PT` inside the plan")
            }
            if plan.client == nil && !plan.attempted.contains(.client) {
                add(.missingField, "plan `\(name)` has no client", at: plan.id.span, label: "client missing",
                    help: "add `client \"Full Name\" { born 1954-03-12 }` inside the plan")
            }
            if plan.start == nil && !plan.attempted.contains(.starts) {
                add(.missingField, "plan `\(name)` has no start date", at: plan.id.span, label: "start missing",
                    notes: ["goal due dates, check-ins and the certification clock all count from the start"],
                    help: "add `starts 2026-11-02` inside the plan")
            }
            if plan.goals.isEmpty {
                add(.emptyPlan, "plan `\(name)` has no goals", at: plan.id.span, label: "no goals",
                    help: "agree a goal with the client and add `goal id \"Title\" { ... }`")
            }
            for i in plan.interventions where i.type == nil && !i.attempted.contains(.type) {
                add(.missingField, "intervention `\(i.id.value)` has no type", at: i.id.span, label: "type missing",
                    help: "add `type \(plan.discipline?.value == .PT ? "exercise" : "environment-modification")` (see `:help types`)")
            }
        }

        /// Places that already have an unknown-goal diagnostic with a suggestion.
        package var suggestedAt = Set<Span>()

        package mutating func unknownGoal(_ ref: GoalRef, _ what: String, code: DiagnosticCode = .unknownGoal) {
            // A loop that writes `serves "g${a}"` makes one unknown goal per pass at one place,
            // shown as one diagnostic (`DiagnosticRenderer.limited`); a "did you mean" over every
            // goal for each of them was quadratic (1,000 passes: 8 s). The first gets one.
            guard suggestedAt.insert(ref.span).inserted else {
                add(code, "\(what) unknown goal `\(ref.value)`", at: ref.span, label: "no goal named `\(ref.value)` in plan `\(name)`",
                    help: "check the goal's id")
                return
            }
            add(code, "\(what) unknown goal `\(ref.value)`", at: ref.span, label: "no goal named `\(ref.value)` in plan `\(name)`",
                help: Suggestion.didYouMean(ref.value, in: goalNames)
                    ?? (goalNames.isEmpty ? "the plan has no goals yet; declare one with `goal \(ref.value) \"Title\" { ... }`"
                        : "the plan's goals: \(goalNames.joined(separator: ", "))"))
        }

        package mutating func references() {
            for i in plan.interventions {
                for ref in i.serves where !goalIDs.contains(ref.value) {
                    unknownGoal(ref, "intervention `\(i.id.value)` serves")
                }
            }
            for g in plan.goals {
                if let s = g.supports, !goalIDs.contains(s.value) { unknownGoal(s, "goal `\(g.id.value)` supports") }
                if let r = g.replaces, !goalIDs.contains(r.value) { unknownGoal(r, "goal `\(g.id.value)` replaces") }
                if let s = g.supports, s.value == g.id.value {
                    add(.invalidValue, "goal `\(g.id.value)` supports itself", at: s.span, label: "same goal",
                        help: "a short-term goal supports a different, long-term goal")
                }
            }
            for c in plan.checkins {
                for ref in c.reviews where !goalIDs.contains(ref.value) { unknownGoal(ref, "check-in reviews") }
            }
            var closed: [String: Span] = [:]
            for c in plan.closures {
                if !goalIDs.contains(c.goal.value) { unknownGoal(c.goal, "`close` names"); continue }
                if let first = closed[c.goal.value] {
                    diagnostics.append(Diagnostic(.goalClosedTwice, "goal `\(c.goal.value)` is closed twice",
                        labels: [Label(c.goal.span, "closed again here"), Label(first, "first closed here", primary: false)],
                        help: "to work on it again, write a new goal that `replaces \(c.goal.value)`"))
                }
                closed[c.goal.value] = c.goal.span
            }
        }

        package mutating func soundness() {
            var served = Set<String>()
            // Guessed once per place (see `unknownGoal`): a loop's thousand unknown references
            // each searching every goal was quadratic.
            var guessedAt = Set<Span>()
            for i in plan.interventions {
                for r in i.serves {
                    served.insert(r.value)
                    // A misspelt reference already reported as CP0102 counts for the goal it
                    // most likely meant, so the same slip is not reported twice.
                    if !goalIDs.contains(r.value), guessedAt.insert(r.span).inserted,
                       let meant = Suggestion.closest(to: r.value, in: goalNames) { served.insert(meant) }
                }
            }
            for i in plan.interventions where i.serves.isEmpty && !i.attempted.contains(.serves) {
                add(.interventionServesNothing, "intervention `\(i.id.value)` serves no goal", at: i.id.span,
                    label: "which goal is this for?",
                    help: goalNames.isEmpty ? "add a goal, then `serves <goal-id>`" : "add `serves \(goalNames[0])` (or another goal)")
            }
            let replaced = Set(plan.goals.compactMap { $0.replaces?.value })
            // `attempted` "serves" on a goal: a `use` that would have served it failed (its
            // import could not be read), which is reported already.
            for g in plan.goals where !served.contains(g.id.value) && plan.closure(of: g.id.value) == nil
                && !replaced.contains(g.id.value) && !g.attempted.contains(.serves) {
                add(.goalNotServed, "goal `\(g.id.value)` is not served by any intervention", at: g.id.span,
                    label: "nothing works towards this goal",
                    help: "add an intervention with `serves \(g.id.value)`, or close the goal")
            }
            for rules in ownRules { diagnostics += rules.soundness }
            if let start = plan.start, let born = plan.client?.born, born.value > start.value {
                diagnostics.append(Diagnostic(.bornAfterStart, "the client is born \(born.value), after the plan starts (\(start.value))",
                    labels: [Label(born.span, "born"), Label(start.span, "starts", primary: false)],
                    help: "check the year of both dates"))
            }
        }

        package mutating func progress() {
            let closures = Dictionary(plan.closures.map { ($0.goal.value, $0) }, uniquingKeysWith: { a, _ in a })
            for record in plan.progress {
                if let start = plan.start, record.date.value < start.value {
                    diagnostics.append(TimelineRules.beforeStart("progress record", record.date, start))
                }
                for e in record.entries {
                    guard goalIDs.contains(e.goal.value) else {
                        unknownGoal(e.goal, "progress record names", code: .progressUnknownGoal)
                        continue
                    }
                    if let c = closures[e.goal.value], record.date.value > c.date.value {
                        diagnostics.append(Diagnostic(.progressOnClosedGoal,
                            "progress for goal `\(e.goal.value)` on \(record.date.value), after it was closed (\(c.status.rawValue) on \(c.date.value))",
                            labels: [Label(e.goal.span, "recorded after closing"), Label(c.date.span, "closed here", primary: false)],
                            help: "record progress on the goal that replaced it"))
                    }
                }
            }
        }
    }
}
