/// Validation rules about time: certification, progress-report cadence, due dates reviewed,
/// schedules that produce no dates (Medicare plan-of-care clocks; see shared/docs/domain.md).
enum ScheduleRules {
    /// A progress report is due at least once every 10 treatment visits.
    static let visitsPerProgressReport = 10

    /// `skipping`: codes the caller discards (see `Validator.validate(_:today:skipping:)`);
    /// the rules that only produce those are not run.
    static func check(_ plan: Plan, skipping: Set<DiagnosticCode> = []) -> [Diagnostic] {
        check(plan, schedule: Schedule.of(plan), skipping: skipping)
    }

    /// The rules against a given schedule (a what-if simulation passes a changed one).
    static func check(_ plan: Plan, schedule: Schedule, skipping: Set<DiagnosticCode> = []) -> [Diagnostic] {
        guard plan.start != nil else { return [] }
        var out: [Diagnostic] = []
        if schedule.isTruncated {
            out.append(Diagnostic(.scheduleTooLarge,
                "plan `\(plan.id.value)` has more than \(Schedule.maxEventsPerPlan.withThousandsSeparators) dated sessions, check-ins and due dates",
                at: plan.id.span, label: "schedule too large",
                notes: ["only the first \(Schedule.maxEventsPerPlan.withThousandsSeparators) dates are worked out, so its time rules and calendar are incomplete",
                        "the plan has \(plan.checkins.count) check-in line\(plan.checkins.count == 1 ? "" : "s") and \(plan.interventions.filter { $0.frequency != nil }.count + (plan.frequency == nil ? 0 : 1)) frequencies"],
                help: "look for a loop that adds a check-in or a frequency on every pass"))
        }
        out += emptySchedules(plan, schedule)
        out += certification(plan, schedule)
        if !skipping.contains(.progressReportOverdue) { out += progressCadence(plan, schedule) }
        if !skipping.contains(.dueDateNotReviewed) { out += dueDatesReviewed(plan, schedule) }
        return out
    }

    static func emptySchedules(_ plan: Plan, _ schedule: Schedule) -> [Diagnostic] {
        // Nothing to report unless some series has no dates (the usual case: skip the look-ups).
        guard schedule.series.contains(where: { ($0.kind == .session || $0.kind == .checkin) && $0.dates.isEmpty }) else { return [] }
        var out: [Diagnostic] = []
        var frequencies: [(Frequency, String)] = plan.frequency.map { [($0, "\(plan.id.value)-sessions")] } ?? []
        for i in plan.interventions { if let f = i.frequency { frequencies.append((f, "\(plan.id.value)-\(i.id.value)-sessions")) } }
        // Series by id, the first of each id as `first(where:)` found it: a search per check-in
        // was quadratic (found by fuzzing: a loop adding 100,000 check-ins took minutes).
        let seriesByID = Dictionary(schedule.series.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for (f, id) in frequencies {
            if let s = seriesByID[id], s.dates.isEmpty {
                out.append(Diagnostic(.scheduleHasNoDates, "this frequency produces no session dates", at: f.span,
                                      label: "no sessions", help: "check that it starts before the plan ends and that its length is positive"))
            }
        }
        for (n, c) in plan.checkins.enumerated() where c.every != nil {
            if let s = seriesByID["\(plan.id.value)-checkin-\(n + 1)"], s.dates.isEmpty {
                out.append(Diagnostic(.scheduleHasNoDates, "this check-in never happens: it ends before it starts", at: c.span,
                                      label: "no dates", help: "`until` must be on or after the first check-in (\(c.from.map(\.description) ?? "the start"))"))
            }
        }
        return out
    }

    /// The plan's activity must stay within certified periods: the first certification, then
    /// each re-certification (on or before the current period's end) extends it.
    static func certification(_ plan: Plan, _ schedule: Schedule) -> [Diagnostic] {
        guard let start = plan.start?.value, var covered = schedule.certificationEnd else { return [] }
        let length = plan.certification?.value ?? Duration(90, .day)
        for r in plan.recertifications.map(\.value).sorted() where r <= covered.adding(days: 1) {
            covered = max(covered, (length.after(r) ?? r).adding(days: -1))
        }
        // The last date, and the first event after `covered` in `events()` order (date, kind,
        // title), found in one pass: sorting every event was most of the time this rule took
        // (the REPL validates after every statement), and all of its memory for long schedules.
        var lastDate: CalendarDate? = nil
        var firstOutside: (date: CalendarDate, kind: Schedule.Kind, title: String)? = nil
        for s in schedule.series where s.kind == .session || s.kind == .checkin || s.kind == .goalDue || s.kind == .reassessment {
            for d in s.dates {
                if lastDate.map({ d > $0 }) ?? true { lastDate = d }
                if d > covered, firstOutside.map({ (d, s.kind, s.title) < ($0.date, $0.kind, $0.title) }) ?? true {
                    firstOutside = (d, s.kind, s.title)
                }
            }
        }
        guard let lastDate, lastDate > covered, let firstOutside else { return [] }
        let span = plan.certification?.span ?? plan.start?.span ?? plan.id.span
        return [Diagnostic(.certificationLapses,
            "plan `\(plan.id.value)` runs to \(lastDate) but its certification ends \(covered)",
            at: span, label: "certified \(start) to \(covered)",
            notes: ["first date outside: \(firstOutside.date), \(firstOutside.kind.label) (\(firstOutside.title))",
                    "a plan of care is certified for at most 90 days and must then be re-certified"],
            help: "add `recertify on \(covered)` (or earlier), or shorten the schedule")]
    }

    /// More than 10 sessions in a row with no check-in or re-assessment between them.
    static func progressCadence(_ plan: Plan, _ schedule: Schedule) -> [Diagnostic] {
        // Only dates and whether each is a visit or a review, in `events()` order (by date;
        // on one day sessions before check-ins and re-assessments): building and sorting
        // every event with its title was a third of validating a plan.
        var marks: [(date: CalendarDate, isReview: Bool)] = []
        for series in schedule.series {
            let isReview: Bool
            switch series.kind {
            case .session: isReview = false
            case .checkin, .reassessment: isReview = true
            default: continue
            }
            for d in series.dates { marks.append((d, isReview)) }
        }
        marks.sort { a, b in a.date != b.date ? a.date < b.date : !a.isReview && b.isReview }
        var visits = 0
        var lastVisit: CalendarDate? = nil
        for e in marks {
            if e.isReview {
                visits = 0
            } else {
                // Several interventions on one day are one visit.
                if lastVisit == e.date { continue }
                lastVisit = e.date
                visits += 1
                if visits > visitsPerProgressReport {
                    let span = (plan.frequency?.span) ?? plan.interventions.first(where: { $0.frequency != nil })?.frequency?.span ?? plan.id.span
                    return [Diagnostic(.progressReportOverdue,
                        "visit \(visits) on \(e.date) comes with no progress check-in since the last \(visitsPerProgressReport) visits",
                        at: span, label: "sessions scheduled here",
                        notes: ["a progress report is due at least once every \(visitsPerProgressReport) treatment visits"],
                        help: "add a check-in, e.g. `checkin every 2 weeks { review ... }`")]
                }
            }
        }
        return []
    }

    /// Each open goal needs a check-in (or re-assessment) on or before its due date that
    /// reviews it. A check-in without `review` lines reviews every goal.
    static func dueDatesReviewed(_ plan: Plan, _ schedule: Schedule) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let checkinSeries = schedule.series.filter { $0.kind == .checkin }
        // Per series, once: the goals it reviews (empty: all) and its first date. Searching
        // each series' dates for each goal was goals x check-ins x dates (found by fuzzing).
        let reviewed = checkinSeries.map { Set($0.reviews) }
        let firstDates = checkinSeries.map { $0.dates.min() }
        let reassessDates = plan.reassessments.map(\.value)
        for g in plan.goals {
            // A due date before the start is already CP0202; no second report for the same slip.
            guard let due = g.due, let start = plan.start, due.value > start.value else { continue }
            if let c = plan.closure(of: g.id.value), c.date.value <= due.value { continue }
            let isReviewed = checkinSeries.indices.contains { k in
                (reviewed[k].isEmpty || reviewed[k].contains(g.id.value)) && firstDates[k].map { $0 <= due.value } == true
            } || reassessDates.contains { $0 <= due.value }
            if !isReviewed {
                out.append(Diagnostic(.dueDateNotReviewed,
                    "goal `\(g.id.value)` is due \(due.value) but no check-in on or before then reviews it",
                    at: due.span, label: "due here",
                    help: "add `checkin on \(due.value) { review \(g.id.value) }`"))
            }
        }
        return out
    }
}

private extension Int {
    /// 20000 -> "20,000".
    var withThousandsSeparators: String {
        let digits = Array(String(self))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}
