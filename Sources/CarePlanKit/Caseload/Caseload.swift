import CarePlanBasics
import CarePlanModel
import CarePlanAnalysis

/// What a clinic lead asks each morning, across every plan in a folder: whose certification
/// has lapsed or is ending, whose progress report or (home health) therapy reassessment is
/// due, whose goals are overdue, due or behind, whom nobody has recorded
/// progress for lately, and whose goals are all closed (discharge due). One item per line,
/// most urgent first (`Caseload.sorted`: what was missed, then goals behind, then what falls
/// due, soonest first), each pointing at the plan file and line.
///
/// Dates come from the plan's timeline (`Timeline.of`: certification periods in force,
/// planned or ended, treatment days given and projected) and its progress analysis; nothing
/// here computes a calendar of its own.
public struct CaseloadItem: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case planErrors = "plan-errors"
        case certificationLapsed = "certification-lapsed"
        case certificationUnsigned = "certification-unsigned"
        case progressReportDue = "progress-report-due"
        case reassessmentDue = "reassessment-due"
        case goalOverdue = "goal-overdue"
        case dischargeDue = "discharge-due"
        case notSeen = "not-seen"
        case certificationEnding = "certification-ending"
        case goalDue = "goal-due"
        case goalBehind = "goal-behind"

        /// Lower is more urgent, among items equally overdue.
        var rank: Int { Self.allCases.firstIndex(of: self)! }

        /// Kinds whose date in the past means something was missed (a goal behind is dated by
        /// its latest reading, which is always in the past).
        var canBeOverdue: Bool { self != .goalBehind }
    }

    public var kind: Kind
    public var plan: String
    public var client: String
    /// The plan file and the line the item points at.
    public var file: String
    public var line: Int
    /// When it falls (or fell) due.
    public var date: CalendarDate
    /// Days from today to `date` (negative: overdue).
    public var days: Int
    public var message: String
    /// A goal behind: when the goal is due (the sooner, the more urgent among goals behind).
    var dueBy: CalendarDate? = nil
}

/// Builds and orders the items of a caseload.
public enum Caseload {
    /// Options: how far ahead to look, and after how many days without a record a client
    /// counts as not seen.
    public struct Options: Sendable {
        public var today: CalendarDate
        public var within: Int
        public var notSeenDays: Int
        public init(today: CalendarDate, within: Int = 14, notSeenDays: Int = 14) {
            self.today = today
            self.within = within
            self.notSeenDays = notSeenDays
        }
    }

    /// The items of one plan (`file` is the path shown; lines come from the spans). `timeline`:
    /// the plan's timeline as of `options.today` when the caller has it (a check computed it).
    public static func items(for plan: Plan, timeline: Timeline? = nil, file: String, options o: Options) -> [CaseloadItem] {
        let today = o.today
        let horizon = today.adding(days: o.within)
        let client = plan.client?.name.value ?? ""
        func line(_ span: Span) -> Int { span.file.location(of: span.start).line }
        func item(_ kind: CaseloadItem.Kind, _ date: CalendarDate, _ span: Span, _ message: String) -> CaseloadItem {
            CaseloadItem(kind: kind, plan: plan.id.value, client: client, file: file, line: line(span),
                         date: date, days: today.days(until: date), message: message)
        }
        // Finished or stopped plans need nothing.
        guard plan.status == .active || plan.status == .onHold || plan.status == .draft else { return [] }
        var out: [CaseloadItem] = []
        let open = plan.goals.filter { plan.closure(of: $0.id.value) == nil }
        if !plan.goals.isEmpty && open.isEmpty {
            let last = plan.closures.map(\.date.value).max() ?? today
            out.append(item(.dischargeDue, last, plan.id.span, "every goal is closed (the last on \(last)): write the discharge summary"))
            return out
        }
        let t = timeline.flatMap { $0.today == today ? $0 : nil } ?? Timeline.of(plan, today: today)
        // Certification (Timeline: periods in force, planned, ended).
        if !t.schedule.certifications.isEmpty {
            let first = t.schedule.certifications[0]
            let span = first.span ?? plan.id.span
            if let c = t.certificationInForce {
                if c.end <= horizon {
                    let next = t.plannedCertifications.first { $0.start <= c.end.adding(days: 1) }
                    out.append(item(.certificationEnding, c.end, c.span ?? span, "certification ends on \(c.end)"
                        + (next.map { "; re-certification from \($0.start) planned, not signed" } ?? "; no re-certification written")))
                }
            } else if let through = t.schedule.certifiedThrough(countingPlanned: false), through < today {
                out.append(item(.certificationLapsed, through, span, "certification lapsed: " + t.lapsedPeriodPhrase(ending: through)
                    + (t.plannedCertifications.isEmpty ? "" : "; a re-certification is written but not signed")))
            }
        }
        // Medicare Part B: the initial certification is signed within 30 days of the first
        // treatment day (the rule CP0704 reports; Pub. 100-02 ch. 15 §220.1.3). Listed from
        // `within` days before the deadline: a clinic chases the signature before it is late.
        if let deadline = plan.initialCertificationDeadline, plan.certification?.signed == nil, deadline <= horizon {
            // Visits given since on the uncertified plan (CP0705, an error `check` reports).
            let late = plan.visitsOnUncertifiedPlan(today: today)
            let visits = late.first.map { "; \(late.count) visit\(late.count == 1 ? "" : "s") given since (from \($0.date.value)) on an uncertified plan (CP0705)" } ?? ""
            out.append(item(.certificationUnsigned, deadline, plan.certification?.span ?? plan.id.span,
                            deadline < today
                                ? "initial certification unsigned: was due by \(deadline), 30 days after the first treatment day\(visits)"
                                : "initial certification unsigned: to be signed by \(deadline), 30 days after the first treatment day"))
        }
        // Not seen: no visit attended and no progress recorded for `notSeenDays`, up to today.
        var notSeen: CaseloadItem? = nil
        if let start = plan.start?.value, start <= today {
            let lastVisit = plan.visits.filter { $0.status == .attended && $0.date.value <= today }.map(\.date.value).max()
            let lastRecord = plan.progress.map(\.date.value).filter { $0 <= today }.max()
            let last = [lastVisit, lastRecord].compactMap { $0 }.max()
            let since = last ?? start
            if since.days(until: today) >= o.notSeenDays {
                var message: String
                if let last {
                    var what: [String] = []
                    what.append(lastVisit.map { "last visit \($0)" } ?? "no visit recorded")
                    what.append(lastRecord.map { "last progress record \($0)" } ?? "no progress recorded")
                    message = "not seen since \(last) (\(Words.count(last.days(until: today), "day"))): \(what.joined(separator: ", ")); nothing recorded since"
                } else {
                    message = "not seen since the start on \(start) (\(Words.count(start.days(until: today), "day"))): no visit or progress recorded"
                }
                if !t.recordsVisits && t.rules.treatmentDaysPerProgressReport != nil && t.treatmentDays.contains(where: { $0.source != .evaluation }) {
                    message += "; its booked sessions are not counted as given, so no progress report is projected until visits are recorded"
                }
                notSeen = item(.notSeen, since, plan.id.span, message)
                out.append(notSeen!)
            }
        }
        // Progress report: every N treatment days (Medicare: 10), counted as the timeline does;
        // not for a client not seen whose plan records no visits: its treatment days would be
        // booked sessions nobody recorded as given, and its "last report" a check-in never written.
        if !(notSeen != nil && !t.recordsVisits), let report = ProgressReportDue.of(plan, t), report.date <= horizon {
            let given = report.givenSoFar
            out.append(item(.progressReportDue, report.date, plan.id.span,
                            "progress report due on \(report.date) (treatment day \(report.limit) since \(report.since.map { "the last report on \($0)" } ?? "the start")); \(given) treatment day\(given == 1 ? "" : "s") so far"))
        }
        // Medicare home health: a therapy reassessment at least every 30 days (Timeline:
        // ReassessmentDue, the marks CP0516 counts).
        if let r = ReassessmentDue.of(plan, t), r.date <= horizon {
            out.append(item(.reassessmentDue, r.date, plan.reassessmentSpan ?? plan.id.span,
                            "therapy reassessment \(r.summary()) (\(t.rules.name): at least every \(r.every) days)"))
        }
        for g in open {
            let analysis = ProgressAnalysis.goal(plan, g, t)
            // A goal whose latest readings already meet every target is due to be closed, not
            // worked on: say so, dated on the reading that met it (the documents' same rule).
            let met = analysis.status == .achieved ? analysis.latest.map {
                "; its readings met every target on \($0.date): close it (`close \(g.id.value) achieved on \($0.date)`)"
            } ?? "" : ""
            if let due = g.due {
                if due.value < today {
                    out.append(item(.goalOverdue, due.value, due.span, "goal `\(g.id.value)` was due on \(due.value) and is not closed" + met))
                    continue
                } else if due.value <= horizon {
                    out.append(item(.goalDue, due.value, due.span, "goal `\(g.id.value)` is due on \(due.value)" + met))
                }
            }
            if analysis.status == .behind, let latest = analysis.latest {
                let target = g.measure.map { " (target \(JSONValue.format($0.target.value))" + (g.due.map { " by \($0.value))" } ?? ")") } ?? ""
                var behind = item(.goalBehind, latest.date, g.id.span,
                                  "goal `\(g.id.value)` is behind: \(JSONValue.format(latest.value)) on \(latest.date)\(target)")
                behind.dueBy = g.due?.value
                out.append(behind)
            }
        }
        return out
    }

    /// How urgent an item is, most urgent first: 0, something missed (a file with errors, a
    /// date passed: lapsed, unsigned, a report or goal overdue, not seen); 1, a goal behind
    /// (a problem now: its readings will not reach the target in time, whatever its due
    /// date); 2, something falling due within `--within` days.
    static func tier(_ i: CaseloadItem) -> Int {
        if i.kind == .planErrors || (i.days < 0 && i.kind.canBeOverdue) { return 0 }
        return i.kind == .goalBehind ? 1 : 2
    }

    /// Most urgent first (`tier`). Things missed: by kind (a lapsed certification before a
    /// goal overdue), then date. Goals behind: the goal due soonest first. Things falling
    /// due: soonest first, then by kind. Then file and line.
    public static func sorted(_ items: [CaseloadItem]) -> [CaseloadItem] {
        items.sorted { a, b in
            let ta = tier(a), tb = tier(b)
            if ta != tb { return ta < tb }
            if ta == 1, a.dueBy != b.dueBy { return (a.dueBy?.dayNumber ?? Int.max) < (b.dueBy?.dayNumber ?? Int.max) }
            if ta == 2 && a.date != b.date { return a.date < b.date }
            if a.kind.rank != b.kind.rank { return a.kind.rank < b.kind.rank }
            if a.date != b.date { return a.date < b.date }
            if a.file != b.file { return a.file < b.file }
            return a.line < b.line
        }
    }

    /// Errors about the care given rather than the file: the plan is still listed (its items
    /// say what went wrong, with the client), not hidden behind a `plan-errors` line.
    public static let careErrors: Set<DiagnosticCode> = [.visitsWithoutCertification]

    /// An item for a file whose plans have errors (they are left out of the rest).
    public static func errorItem(file: String, errors: Int, line: Int, today: CalendarDate) -> CaseloadItem {
        CaseloadItem(kind: .planErrors, plan: "", client: "", file: file, line: line, date: today, days: 0,
                     message: "\(errors) error\(errors == 1 ? "" : "s"): run `careplan check \(file)`")
    }
}

extension Plan {
    /// Where a reassessment item points: the first `reassess` line, if any.
    var reassessmentSpan: Span? { reassessments.first?.span }
}
