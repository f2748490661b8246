import CarePlanBasics
import CarePlanModel

/// A schedule as plain text, one event per line, for `careplan schedule` and `:schedule`.
///
/// What the timeline knows changes how a booked session reads: a day of the client's home
/// programme is labelled `home programme`, not a session at the clinic; a session on a day
/// whose visit was recorded as cancelled or not attended is labelled so, with the reason, and
/// a missed visit on a day with no booked session is listed too; in a plan that records
/// visits, a booked day already past with no visit recorded says so. The last line counts the
/// sessions (booked or given at the clinic), the home-programme days and the missed visits
/// apart.
public enum ScheduleListing {
    /// With `plan` (the plan the timeline is of), the certification line is the documents' and
    /// `careplan report`'s (`CertificationLine`: "awaiting the physician's or NPP's signature",
    /// "no certification recorded"); without it, the timeline's summary.
    public static func text(_ timeline: Timeline, plan: Plan? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil) -> String {
        let schedule = timeline.schedule
        guard let start = schedule.start else { return "plan \(schedule.plan) has no start date, so no schedule\n" }
        var out = "plan \(schedule.plan): starts \(start); payer \(timeline.rules.name)\n"
        if let c = plan.map({ CertificationLine.text($0, timeline, daysLeft: true) }) ?? timeline.certificationSummary { out += "certification \(c)\n" }
        let events = schedule.events(from: from, to: to)
        func inRange(_ d: CalendarDate) -> Bool { (from.map { d >= $0 } ?? true) && (to.map { d <= $0 } ?? true) }
        func missedWords(_ m: Timeline.MissedVisit) -> String { m.reason ?? "no reason recorded" }

        // (date, order on the day, label, title): a missed visit with no booked session first.
        var lines: [(date: CalendarDate, order: Int, label: String, title: String)] = []
        var sessions = 0, home = 0, unrecorded = 0, missedCount: [VisitStatus: Int] = [:]
        let given = Set(timeline.treatmentDays.filter(\.given).map(\.date))
        var sessionDays = Set<CalendarDate>()
        for (k, e) in events.enumerated() {
            var label = e.kind.label, title = e.title
            if e.kind == .session {
                if timeline.homeProgrammeSeries.contains(e.seriesID) {
                    label = homeLabel
                    home += 1
                } else if let m = timeline.missedVisits[e.date] {
                    label = m.status.label
                    title += "; \(missedWords(m))"
                    if sessionDays.insert(e.date).inserted { missedCount[m.status, default: 0] += 1 }
                } else {
                    // A plan that records visits counts only them up to today (the timeline's
                    // treatment days): a booked day before then with none was not counted.
                    if timeline.recordsVisits && e.date <= timeline.today && !given.contains(e.date) {
                        title += "; no visit recorded"
                        if !sessionDays.contains(e.date) { unrecorded += 1 }
                    }
                    sessionDays.insert(e.date)
                    sessions += 1
                }
            }
            lines.append((e.date, k + 1, label, title))
        }
        for (date, m) in timeline.missedVisits where inRange(date) && !sessionDays.contains(date) {
            lines.append((date, 0, m.status.label, "Visit; \(missedWords(m))"))
            missedCount[m.status, default: 0] += 1
        }
        if lines.isEmpty { return out + "  (no events in this range)\n" }
        lines.sort { $0.date != $1.date ? $0.date < $1.date : $0.order < $1.order }
        let width = (Schedule.Kind.allCases.map(\.label) + [homeLabel] + VisitStatus.allCases.map(\.label)).map(\.count).max()!
        for l in lines {
            out += "  \(l.date) \(weekdayName(l.date))  \(l.label + String(repeating: " ", count: width - l.label.count))  \(l.title)\n"
        }
        var counts = ["\(sessions) session\(sessions == 1 ? "" : "s")" + (unrecorded > 0 ? " (\(unrecorded) past with no visit recorded)" : "")]
        if home > 0 { counts.append("\(home) home-programme day\(home == 1 ? "" : "s")") }
        for status in [VisitStatus.cancelled, .noShow] {
            if let n = missedCount[status] { counts.append("\(n) \(status.label)") }
        }
        out += "  \(Words.count(lines.count, "event")) (\(counts.joined(separator: ", ")))\n"
        return out
    }

    static let homeLabel = "home programme"

    package static func weekdayName(_ d: CalendarDate) -> String {
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][d.weekday - 1]
    }
}
