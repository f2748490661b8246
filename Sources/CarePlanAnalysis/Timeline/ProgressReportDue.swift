import CarePlanBasics
import CarePlanModel

/// When the payer's progress-report rule next asks for a report (Medicare Part B: on the 10th
/// treatment day since the last review of every open goal; Pub. 100-02 ch. 15 §220.3), as
/// the caseload lists it and `careplan diff` compares it. Counted on the timeline's treatment
/// days; only reviews up to `today` reset the count (a booked check-in has not happened yet).
public struct ProgressReportDue: Sendable, Equatable {
    /// The treatment day the report falls due on.
    public var date: CalendarDate
    /// The last full review up to today it counts from; nil: the plan's start.
    public var since: CalendarDate?
    /// The payer's number of treatment days per report (10 for Medicare Part B).
    public var limit: Int
    /// Treatment days since `since` up to today.
    public var givenSoFar: Int

    /// The next report due for `plan` on its timeline `t`; nil when the payer has no such
    /// rule, or the plan's treatment days end before the count is reached.
    public static func of(_ plan: Plan, _ t: Timeline) -> ProgressReportDue? {
        guard let limit = t.rules.treatmentDaysPerProgressReport, !t.treatmentDays.isEmpty else { return nil }
        let last = TimelineRules.fullReviews(plan, t).full.filter { $0 <= t.today }.last
        let since = t.treatmentDays.filter { d in last.map { d.date > $0 } ?? true }
        guard since.count >= limit else { return nil }
        return ProgressReportDue(date: since[limit - 1].date, since: last, limit: limit,
                                 givenSoFar: since.filter { $0.date < t.today || ($0.date == t.today && ($0.given || !t.recordsVisits)) }.count)
    }
}
