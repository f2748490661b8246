import CarePlanBasics
import CarePlanModel

/// When goals are reviewed: each check-in series with the goals it reviews and its first date,
/// and the re-assessment dates. What the rule "a goal's due date is reviewed" reads besides the
/// goal itself, so that its finding can be kept per goal while this stays the same
/// (`GoalFindings`).
package struct ReviewCalendar: Equatable, Sendable {
    struct Reviews: Equatable, Sendable {
        /// The goals reviewed; empty: every goal.
        let goals: Set<String>
        let first: CalendarDate?
    }
    let checkins: [Reviews]
    let reassessments: [CalendarDate]
    let start: CalendarDate?

    package init(_ plan: Plan, _ t: Timeline) {
        // By index: `filter` copied every series to test its kind, and a plan has a due-date
        // series per goal.
        let series = t.schedule.series
        checkins = series.indices.filter { series[$0].kind == .checkin }
            .map { Reviews(goals: Set(series[$0].reviews), first: series[$0].dates.min()) }
        reassessments = plan.reassessments.map(\.value)
        start = plan.start?.value
    }

    /// CP0502 for goal `g` (closed on `closed`, if it was) when nothing reviews it by its due date.
    package func unreviewedDueDate(_ g: Goal, closed: CalendarDate?) -> Diagnostic? {
        // A due date before the start is already CP0202; no second report for the same slip.
        guard let due = g.due, let start, due.value > start else { return nil }
        if let closed, closed <= due.value { return nil }
        let isReviewed = checkins.contains { ($0.goals.isEmpty || $0.goals.contains(g.id.value)) && $0.first.map { $0 <= due.value } == true }
            || reassessments.contains { $0 <= due.value }
        if isReviewed { return nil }
        let date = due.value.description
        return Diagnostic(.dueDateNotReviewed,
            "goal `\(g.id.value)` is due \(date) but no check-in on or before then reviews it",
            at: due.span, label: "due here",
            help: "add `checkin on \(date) { review \(g.id.value) }`")
    }
}
