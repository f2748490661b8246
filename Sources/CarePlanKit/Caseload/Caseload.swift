/// What a clinic lead asks each morning, across every plan in a folder: whose certification
/// has lapsed or is ending, whose goals are overdue, due or behind, whom nobody has recorded
/// progress for lately, and whose goals are all closed (discharge due). One item per line,
/// most urgent first, each pointing at the plan file and line.
///
/// Dates come from the plan's schedule (`Schedule.of`: the certification end, goal due dates)
/// and its progress analysis; nothing here computes a calendar of its own.
public struct CaseloadItem: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case planErrors = "plan-errors"
        case certificationLapsed = "certification-lapsed"
        case goalOverdue = "goal-overdue"
        case dischargeDue = "discharge-due"
        case notSeen = "not-seen"
        case certificationEnding = "certification-ending"
        case recertificationDue = "recertification-due"
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

    /// The items of one plan (`file` is the path shown; lines come from the spans).
    public static func items(for plan: Plan, file: String, options o: Options) -> [CaseloadItem] {
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
        let schedule = Schedule.of(plan)
        if let end = schedule.certificationEnd {
            let span = plan.certification?.span ?? plan.id.span
            let nextRecert = plan.recertifications.map(\.value).filter { $0 >= today }.min()
            if end < today && plan.recertifications.allSatisfy({ $0.value > end.adding(days: 1) }) {
                out.append(item(.certificationLapsed, end, span, "certification ended on \(end) and no re-certification follows it"))
            } else if end <= horizon && end >= today {
                out.append(item(.certificationEnding, end, span, "certification ends on \(end)"
                    + (nextRecert.map { "; re-certification planned on \($0)" } ?? "; no re-certification planned")))
            }
            if let r = plan.recertifications.first(where: { $0.value >= today && $0.value <= horizon }) {
                out.append(item(.recertificationDue, r.value, r.span, "re-certification due on \(r.value)"))
            }
        }
        for g in open {
            if let due = g.due {
                if due.value < today {
                    out.append(item(.goalOverdue, due.value, due.span, "goal `\(g.id.value)` was due on \(due.value) and is not closed"))
                    continue
                } else if due.value <= horizon {
                    out.append(item(.goalDue, due.value, due.span, "goal `\(g.id.value)` is due on \(due.value)"))
                }
            }
            let analysis = ProgressAnalysis.goal(plan, g, asOf: today)
            if analysis.status == .behind, let latest = analysis.latest {
                let target = g.measure.map { " (target \(JSONValue.format($0.target.value))" + (g.due.map { " by \($0.value))" } ?? ")") } ?? ""
                out.append(item(.goalBehind, latest.date, g.id.span,
                                "goal `\(g.id.value)` is behind: \(JSONValue.format(latest.value)) on \(latest.date)\(target)"))
            }
        }
        if let start = plan.start?.value, start <= today {
            let last = plan.progress.map(\.date.value).filter { $0 <= today }.max()
            let since = last ?? start
            if since.days(until: today) >= o.notSeenDays {
                out.append(item(.notSeen, since, plan.progress.last?.span ?? plan.id.span,
                                last.map { "no progress recorded since \($0) (\($0.days(until: today)) days)" }
                                    ?? "no progress recorded since the start on \(start) (\(start.days(until: today)) days)"))
            }
        }
        return out
    }

    /// Most urgent first: overdue before due, by kind, then date, then file and line.
    public static func sorted(_ items: [CaseloadItem]) -> [CaseloadItem] {
        items.sorted { a, b in
            let ao = (a.days < 0 && a.kind.canBeOverdue) || a.kind == .planErrors
            let bo = (b.days < 0 && b.kind.canBeOverdue) || b.kind == .planErrors
            if ao != bo { return ao }
            if a.kind.rank != b.kind.rank { return a.kind.rank < b.kind.rank }
            if a.date != b.date { return a.date < b.date }
            if a.file != b.file { return a.file < b.file }
            return a.line < b.line
        }
    }

    /// An item for a file whose plans have errors (they are left out of the rest).
    public static func errorItem(file: String, errors: Int, line: Int, today: CalendarDate) -> CaseloadItem {
        CaseloadItem(kind: .planErrors, plan: "", client: "", file: file, line: line, date: today, days: 0,
                     message: "\(errors) error\(errors == 1 ? "" : "s"): run `careplan check \(file)`")
    }
}
