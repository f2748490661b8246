import CarePlanBasics
import CarePlanModel

/// The period a progress report covers, read off the timeline with the same rules as the
/// progress-report check (CP0501, `TimelineRules.progressCadence`): it begins the day after
/// the last review of every open goal before its end (or at the start of care) and ends on
/// the report's date; its treatment days are the timeline's, never counted again here.
public struct ReportingPeriod: Sendable {
    /// The last review of every open goal before `end` (a progress record with an entry for
    /// each open goal, or a booked check-in where the timeline counts booked ones); nil: none
    /// since the start of care.
    public var previous: CalendarDate?
    /// Whether `previous` is a recorded progress record (rather than a booked check-in).
    public var previousIsRecorded: Bool
    /// The first day covered: the day after `previous`, or the start of care.
    public var start: CalendarDate
    /// The report's date (the timeline's `today`).
    public var end: CalendarDate
    /// Whether a recorded progress record on `end` reviews every goal open that day: then the
    /// report is on the timeline and the count restarts after it.
    public var endIsRecorded: Bool
    /// The treatment days in (previous, end], from `Timeline.treatmentDays`: as CP0501 counts
    /// them, with a session booked today and not yet recorded as today's treatment day.
    public var treatmentDays: [Timeline.TreatmentDay]
    /// Whether the plan records visits (`Timeline.recordsVisits`).
    public var recordsVisits: Bool = false

    /// The treatment days of the period that the record shows as given, what a document of
    /// care given counts: on a plan that records visits, its attended visits (a session booked
    /// today and not yet recorded is not care known to be given); a plan on paper (no visit
    /// recorded) has only booked days, and they are all it has.
    public var givenDays: [Timeline.TreatmentDay] { recordsVisits ? treatmentDays.filter(\.given) : treatmentDays }

    /// On a plan that records visits: the period's days counted as treatment days only as
    /// booked (today's session, not yet recorded).
    public var bookedNotRecorded: [Timeline.TreatmentDay] { recordsVisits ? treatmentDays.filter { !$0.given } : [] }
    /// The payer's limit (Medicare Part B: 10 treatment days); nil: the payer has none.
    public var limit: Int?
    /// The treatment days booked after `end`, up to the `limit`-th: the next report is due
    /// on the last of them when there are `limit` of them.
    public var following: [Timeline.TreatmentDay]

    /// The day the report fell due inside this period (its `limit`-th treatment day) when the
    /// period holds more than `limit` treatment days: the report is late.
    public var overdueSince: CalendarDate? {
        guard let limit, treatmentDays.count > limit else { return nil }
        return treatmentDays[limit - 1].date
    }

    /// The next report's due date: the `limit`-th treatment day after `end`, when that many are
    /// booked.
    public var nextDue: CalendarDate? {
        guard let limit, following.count == limit else { return nil }
        return following.last?.date
    }

    /// The period ending on the timeline's `today`; nil for a plan without a start.
    public static func ending(_ plan: Plan, _ t: Timeline) -> ReportingPeriod? {
        guard let planStart = plan.start?.value else { return nil }
        let end = t.today
        let reviews = TimelineRules.fullReviews(plan, t).full
        let previous = reviews.last { $0 < end && $0 >= planStart }
        let recorded = Set(plan.progress.map(\.date.value))
        let days = t.treatmentDays.filter { d in d.date <= end && previous.map { d.date > $0 } ?? true }
        let limit = t.rules.treatmentDaysPerProgressReport
        let after = t.treatmentDays.filter { $0.date > end }
        // The records of the report's day (several records on one day add up).
        let reviewedOnEnd = Set(plan.progress.filter { $0.date.value == end }.flatMap { $0.entries.map(\.goal.value) })
        let open = t.activeGoals(on: end)
        return ReportingPeriod(previous: previous, previousIsRecorded: previous.map(recorded.contains) ?? false,
                               start: previous.map { $0.adding(days: 1) } ?? planStart, end: end,
                               endIsRecorded: !reviewedOnEnd.isEmpty && open.allSatisfy(reviewedOnEnd.contains),
                               treatmentDays: days, recordsVisits: t.recordsVisits, limit: limit,
                               following: limit.map { Array(after.prefix($0)) } ?? [])
    }
}
