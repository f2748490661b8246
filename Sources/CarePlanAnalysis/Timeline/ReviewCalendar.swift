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
        /// The first date that counts as a review (`BookedReviewRule`).
        let first: CalendarDate?
        /// The first booked date that has passed and does not count (the plan records care and
        /// no progress record was written for it), for the diagnostic to say why.
        let firstPast: CalendarDate?
    }
    let checkins: [Reviews]
    /// Re-assessment dates that count as reviews (`BookedReviewRule`).
    let reassessments: [CalendarDate]
    /// Re-assessment dates that have passed and do not count (no progress record), for the
    /// diagnostic to name them as it names passed check-ins.
    let pastReassessments: [CalendarDate]
    /// Each goal's first recorded review: a progress record up to today with an entry for it.
    let recorded: [String: CalendarDate]
    let start: CalendarDate?
    let planID: String
    let rule: TimelineRules.BookedReviewRule
    /// The plan is `completed` or `revoked`: its goals' fate belongs in the discharge
    /// summary; no review is asked of it.
    let finished: Bool
    /// The next session booked on or after today, where a late review is made.
    let nextVisit: CalendarDate?

    package init(_ plan: Plan, _ t: Timeline) {
        let rule = TimelineRules.BookedReviewRule(plan, t)
        // By index: `filter` copied every series to test its kind, and a plan has a due-date
        // series per goal.
        let series = t.schedule.series
        checkins = series.indices.filter { series[$0].kind == .checkin }.map { k in
            let dates = series[k].dates
            return Reviews(goals: Set(series[k].reviews), first: dates.filter(rule.counts).min(),
                           firstPast: dates.filter { !rule.counts($0) }.min())
        }
        reassessments = plan.reassessments.map(\.value).filter(rule.counts)
        pastReassessments = plan.reassessments.map(\.value).filter { !rule.counts($0) }.sorted()
        var recorded: [String: CalendarDate] = [:]
        for r in plan.progress where r.date.value <= t.today {
            for e in r.entries where recorded[e.goal.value].map({ r.date.value < $0 }) ?? true { recorded[e.goal.value] = r.date.value }
        }
        self.recorded = recorded
        start = plan.start?.value
        planID = plan.id.value
        self.rule = rule
        finished = plan.isFinished
        nextVisit = TimelineRules.nextBookedDay(t)
    }

    /// CP0502 for goal `g` (closed on `closed`, if it was) when nothing reviews it by its due
    /// date: a booked check-in or re-assessment that counts (`BookedReviewRule`: a booked one
    /// that has passed counts only in a plan that records no care yet), or a progress record
    /// with an entry for the goal.
    package func unreviewedDueDate(_ g: Goal, closed: CalendarDate?) -> Diagnostic? {
        // A due date before the start is already CP0202; no second report for the same slip.
        guard !finished, let due = g.due, let start, due.value > start else { return nil }
        if let closed, closed <= due.value { return nil }
        let id = g.id.value
        let mine = checkins.filter { $0.goals.isEmpty || $0.goals.contains(id) }
        let isReviewed = mine.contains { $0.first.map { $0 <= due.value } == true }
            || reassessments.contains { $0 <= due.value }
            || recorded[id].map { $0 <= due.value } == true
        if isReviewed { return nil }
        let date = due.value.description
        let pastCheckin = mine.compactMap(\.firstPast).filter({ $0 <= due.value }).min()
        let pastReassessment = pastReassessments.first { $0 <= due.value }
        if let past = [pastCheckin, pastReassessment].compactMap({ $0 }).min() {
            let what = past == pastCheckin ? "check-in" : "reassessment"
            return Diagnostic(.dueDateNotReviewed,
                "goal `\(id)` is due \(date) but no recorded review on or before then covers it",
                at: due.span, label: "due here",
                notes: ["the \(what) booked on \(past) has passed with no progress record for `\(id)`: once a plan records care, a booked \(what) is a review only when it is written up (as CP0501 counts progress reports)"],
                help: due.value > rule.today
                    ? "if the \(what) booked on \(past) was made, record it on that day (`progress \(planID) on \(past) { \(id) ... }`); if not, book one on or before \(date) (`checkin on \(date) { review \(id) }`)"
                    : "if the \(what) booked on \(past) was made, record it on that day (`progress \(planID) on \(past) { \(id) ... }`); if not, \(lateReview): it is late")
        }
        // A due date to come, or any in a plan on paper (its booked past counts, and a plan
        // that records no care has nothing late to record): book the review. One that has
        // passed in a plan that records care: a check-in dated back would not be a review, so
        // never suggest one; only a recorded review does.
        return Diagnostic(.dueDateNotReviewed,
            "goal `\(id)` is due \(date) but no check-in on or before then reviews it",
            at: due.span, label: "due here",
            help: due.value > rule.today || rule.projectsPast ? "add `checkin on \(date) { review \(id) }`"
                : "if the goal was reviewed on or before \(date), record the review on the day it was made (`progress \(planID) on DATE { \(id) ... }`); if not, \(lateReview): it is late")
    }

    /// When a late review is made: before today's session, at the next visit, or now.
    var lateReview: String {
        guard let next = nextVisit else { return "review the goal now and record it today" }
        return next == rule.today ? "review the goal before today's session and record it today"
            : "review the goal now (at the latest at the next visit, \(next)) and record it on the day it is made"
    }
}
