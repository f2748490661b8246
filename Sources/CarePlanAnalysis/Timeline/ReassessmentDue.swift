import CarePlanBasics
import CarePlanModel

/// When the payer's reassessment rule next asks for a therapy reassessment (Medicare home
/// health: a qualified therapist reassesses function at least every 30 days; see
/// `PayerRules.reassessmentSource`), as the documents and the caseload show it and CP0516
/// checks it. Read off the timeline: the reassessments and full reviews
/// `TimelineRules.reassessmentMarks` counts, never a calendar of its own.
public struct ReassessmentDue: Sendable, Equatable {
    /// The day the next reassessment is due by: the `every`th day counting `since` (or the
    /// start of care) as day 1.
    public var date: CalendarDate
    /// The last reassessment (or review of every goal) up to today; nil: the start of care,
    /// whose evaluation is the first assessment.
    public var since: CalendarDate?
    /// The payer's number of days (30 for Medicare home health).
    public var every: Int
    /// The next reassessment or full review booked after today, if any.
    public var booked: CalendarDate?
    /// Reassessments booked after `since` whose day has passed with no progress record: they
    /// did not count (`TimelineRules.BookedReviewRule`), and a reader must not take them for
    /// done or for "none booked".
    public var passed: [CalendarDate] = []

    /// Whether the booked one comes in time.
    public var bookedInTime: Bool { booked.map { $0 <= date } ?? false }

    /// The next reassessment due for `plan` on its timeline `t`; nil when the payer has no such
    /// rule or the plan has no start.
    public static func of(_ plan: Plan, _ t: Timeline) -> ReassessmentDue? {
        guard let every = t.rules.reassessmentEveryDays, let start = plan.start?.value else { return nil }
        let marks = TimelineRules.reassessmentMarks(plan, t)
        let since = marks.last { $0 <= t.today && $0 > start }
        let from = since ?? start
        let passed = TimelineRules.passedReassessments(plan, t).filter { $0 > from }
        return ReassessmentDue(date: from.adding(days: every - 1), since: since, every: every,
                               booked: marks.first { $0 > t.today }, passed: passed)
    }

    /// "due by 30 Oct 2026 (day 30, counting the start of care as day 1); booked for 29 Oct 2026", with
    /// the dates written by `date`; a booked one that passed unrecorded is named as such.
    public func summary(date format: (CalendarDate) -> String = { "\($0)" }) -> String {
        var s = "due by \(format(date)) (day \(every), counting \(since.map { "the last, on \(format($0))," } ?? "the start of care") as day 1)"
        if let booked {
            s += bookedInTime ? "; booked for \(format(booked))" : "; the next booked (\(format(booked))) is too late"
        } else if !passed.isEmpty {
            s += "; the one\(passed.count == 1 ? "" : "s") booked on \(Words.list(passed.map(format))) passed with no progress record"
        } else {
            s += "; none booked"
        }
        return s
    }
}
