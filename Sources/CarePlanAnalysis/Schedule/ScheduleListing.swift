import CarePlanBasics

/// A schedule as plain text, one event per line, for `careplan schedule` and `:schedule`.
public enum ScheduleListing {
    public static func text(_ timeline: Timeline, from: CalendarDate? = nil, to: CalendarDate? = nil) -> String {
        let schedule = timeline.schedule
        guard let start = schedule.start else { return "plan \(schedule.plan) has no start date, so no schedule\n" }
        var out = "plan \(schedule.plan): starts \(start); payer \(timeline.rules.name)\n"
        if let c = timeline.certificationSummary { out += "certification \(c)\n" }
        let events = schedule.events(from: from, to: to)
        if events.isEmpty { return out + "  (no events in this range)\n" }
        let width = Schedule.Kind.allCases.map { $0.label.count }.max()!
        for e in events {
            let label = e.kind.label + String(repeating: " ", count: width - e.kind.label.count)
            out += "  \(e.date) \(weekdayName(e.date))  \(label)  \(e.title)\n"
        }
        let sessions = events.filter { $0.kind == .session }.count
        out += "  \(events.count) events (\(sessions) sessions)\n"
        return out
    }

    package static func weekdayName(_ d: CalendarDate) -> String {
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][d.weekday - 1]
    }
}
