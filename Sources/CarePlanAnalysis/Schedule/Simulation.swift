import CarePlanBasics
import CarePlanModel

/// What-if: project a plan's clocks forward under a change (sessions cancelled, a new
/// frequency from a date) and show which dates move and which rules start or stop failing,
/// before it happens.
public enum WhatIf: Sendable, Equatable {
    /// The next `count` sessions on or after `from` do not happen (visit-counted courses are
    /// made up at the end; time-bounded ones are simply shorter).
    case cancel(count: Int, from: CalendarDate)
    /// From `from` on, every course of sessions runs `times` per `period`.
    case frequency(times: Int, period: Duration, from: CalendarDate)

    /// Reads the CLI/REPL spelling: `cancel 2 from 2026-12-01`, `frequency 1 per week from 2026-12-01`.
    public static func parse(_ text: String, defaultFrom: CalendarDate) -> WhatIf? {
        let w = text.split(separator: " ").map(String.init)
        var from = defaultFrom
        if let i = w.firstIndex(of: "from"), i + 1 < w.count {
            guard let d = CalendarDate(iso: w[i + 1]) else { return nil }
            from = d
        }
        if w.first == "cancel", w.count >= 2, let n = Int(w[1]), n > 0 { return .cancel(count: n, from: from) }
        if w.first == "frequency", w.count >= 2 {
            if w[1] == "daily" { return .frequency(times: 1, period: Duration(1, .day), from: from) }
            if w.count >= 4, let n = Int(w[1]), n > 0, w[2] == "per", let unit = DurationUnit(word: w[3]), unit != .visit {
                return .frequency(times: n, period: Duration(1, unit), from: from)
            }
            if w.count >= 4, w[1] == "every", let n = Int(w[2]), n > 0, let unit = DurationUnit(word: w[3]), unit != .visit {
                return .frequency(times: 1, period: Duration(n, unit), from: from)
            }
        }
        return nil
    }
}

/// The outcome of a what-if.
public struct SimulationResult: Sendable {
    public var before: Schedule
    public var after: Schedule
    /// Time-rule findings that appear only after the change (falling out of compliance).
    public var newProblems: [Diagnostic]
    /// Findings the change makes go away.
    public var resolved: [Diagnostic]
    /// Human-readable lines: what moved.
    public var changes: [String]
}

public enum Simulation {
    public static func run(_ plan: Plan, _ change: WhatIf, today: CalendarDate) -> SimulationResult {
        let timeline = Timeline.of(plan, today: today)
        let before = timeline.schedule
        var after = before
        let frequencies = sessionFrequencies(plan)
        switch change {
        case .cancel(let count, let from):
            let cancelled = before.events(from: from).filter { $0.kind == .session }.prefix(count)
            for e in cancelled {
                guard let k = after.series.firstIndex(where: { $0.id == e.seriesID }) else { continue }
                after.series[k].dates.removeAll { $0 == e.date }
                after.series[k].rule = nil
                // A course counted in visits still delivers them all: one more at the end.
                if let f = frequencies[e.seriesID], f.length?.unit == .visit, let start = plan.start?.value {
                    let longer = Frequency(times: f.times, period: f.period, length: Duration(f.length!.amount + cancelledCount(e.seriesID, cancelled), .visit),
                                           start: f.start, span: f.span, weekdays: f.weekdays)
                    let (dates, _) = Schedule.expand(longer, start: f.start ?? start, end: before.end ?? start, clinic: clinic(plan, e.seriesID))
                    let kept = after.series[k].dates
                    after.series[k].dates = (kept + dates.filter { $0 > (kept.last ?? start) }).prefix(f.length!.amount).map { $0 }
                }
            }
        case .frequency(let times, let period, let from):
            for (k, s) in after.series.enumerated() where s.kind == .session {
                guard let f = frequencies[s.id], let start = plan.start?.value else { continue }
                let kept = s.dates.filter { $0 < from }
                let remaining = s.dates.count - kept.count
                let end = f.length?.unit == .visit ? (before.end ?? start).adding(days: 3650) : (s.dates.last ?? from)
                let changed = Frequency(times: times, period: period,
                                        length: f.length?.unit == .visit ? Duration(remaining, .visit) : nil, start: from, span: f.span)
                let (dates, _) = Schedule.expand(changed, start: from, end: end, clinic: clinic(plan, s.id))
                after.series[k].dates = kept + dates
                after.series[k].rule = nil
            }
        }
        let afterTimeline = Timeline.of(plan, today: today, schedule: after)
        let oldFindings = TimelineRules.check(plan, timeline)
        let newFindings = TimelineRules.check(plan, afterTimeline)
        let oldKeys = Set(oldFindings.map(\.message)), newKeys = Set(newFindings.map(\.message))
        return SimulationResult(before: before, after: after,
                                newProblems: newFindings.filter { !oldKeys.contains($0.message) },
                                resolved: oldFindings.filter { !newKeys.contains($0.message) },
                                changes: describe(plan, timeline, afterTimeline))
    }

    /// The closures a series' sessions keep to: none for a home programme.
    package static func clinic(_ plan: Plan, _ seriesID: String) -> [ClinicClosure]? {
        let home = plan.interventions.contains { $0.isHomeProgramme && "\(plan.id.value)-\($0.id.value)-sessions" == seriesID }
        return home ? nil : plan.clinicClosures
    }

    package static func cancelledCount(_ id: String, _ events: ArraySlice<Schedule.Event>) -> Int {
        events.filter { $0.seriesID == id }.count
    }

    package static func sessionFrequencies(_ plan: Plan) -> [String: Frequency] {
        var out: [String: Frequency] = [:]
        if let f = plan.frequency { out["\(plan.id.value)-sessions"] = f }
        for i in plan.interventions { if let f = i.frequency { out["\(plan.id.value)-\(i.id.value)-sessions"] = f } }
        return out
    }

    /// The dates therapists watch: per open goal, the sessions that serve it before it is
    /// due; the last session; the treatment day on which a progress report falls due
    /// (counted as the validator counts them).
    package static func describe(_ plan: Plan, _ before: Timeline, _ after: Timeline) -> [String] {
        var lines: [String] = []
        let b = before.schedule.events().filter { $0.kind == .session }, a = after.schedule.events().filter { $0.kind == .session }
        lines.append("sessions: \(b.count) -> \(a.count)")
        if let lb = b.last?.date, let la = a.last?.date, lb != la { lines.append("last session: \(lb) -> \(la)") }
        for (g, life) in zip(plan.goals, before.lives) {
            guard let due = g.due?.value, life.end == nil else { continue }
            let series = servingSeries(plan, goal: g.id.value)
            func count(_ events: [Schedule.Event]) -> Int { events.filter { series.contains($0.seriesID) && $0.date <= due && $0.date >= life.start }.count }
            let nb = count(b), na = count(a)
            if nb != na { lines.append("goal \(g.id.value) (due \(due)): \(nb) -> \(na) sessions serving it before it is due") }
        }
        func reportDue(_ t: Timeline) -> String {
            guard let d = TimelineRules.progressCadence(plan, t).first else { return "none" }
            return d.message.components(separatedBy: " comes with").first ?? d.message
        }
        let tb = reportDue(before), ta = reportDue(after)
        if tb != ta { lines.append("first treatment day past the progress-report limit: \(tb) -> \(ta)") }
        if lines.count == 1 && b.count == a.count { lines.append("no dates move") }
        return lines
    }

    /// The session series that serve a goal: those of the interventions serving it, and the
    /// plan's own sessions when one of them has no frequency of its own (it is given there).
    package static func servingSeries(_ plan: Plan, goal: String) -> Set<String> {
        var out = Set<String>()
        for i in plan.interventions where i.serves.contains(where: { $0.value == goal }) {
            if i.frequency != nil { out.insert("\(plan.id.value)-\(i.id.value)-sessions") }
            else if plan.frequency != nil { out.insert("\(plan.id.value)-sessions") }
        }
        return out
    }

    /// The result as text for a terminal.
    public static func text(_ r: SimulationResult) -> String {
        var out = r.changes.map { "  " + $0 + "\n" }.joined()
        if r.newProblems.isEmpty && r.resolved.isEmpty { out += "  compliance: unchanged\n" }
        for d in r.newProblems { out += "  NEW: \(d.code.rawValue) \(d.message)\n" }
        for d in r.resolved { out += "  resolved: \(d.code.rawValue) \(d.message)\n" }
        return out
    }
}
