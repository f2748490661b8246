import CarePlanBasics
import CarePlanModel

/// `careplan report`: per goal baseline, latest, target, status and trend; COPM and GAS
/// summaries; the next check-ins; certification days left. Plain text for a terminal.
public enum ProgressReport {
    public static func text(_ plan: Plan, asOf: CalendarDate) -> String {
        text(plan, Timeline.of(plan, today: asOf))
    }

    public static func text(_ plan: Plan, _ timeline: Timeline) -> String {
        let asOf = timeline.today
        var out = "Progress report: \(plan.title.value) (\(plan.id.value))\n"
        if let c = plan.client { out += "Client: \(c.name.value)" }
        if let d = plan.discipline { out += "   Discipline: \(d.value.rawValue)" }
        out += "   As of: \(asOf)\n"
        out += "Payer: \(timeline.rules.name)\n\n"
        let goals = ProgressAnalysis.goals(plan, timeline)
        let rows: [[String]] = goals.map { g in
            [g.goal,
             g.baseline.map(JSONValue.format) ?? "-",
             g.latest.map { "\(JSONValue.format($0.value)) (\($0.date))" } ?? "-",
             g.target.map(JSONValue.format) ?? "-",
             g.status.label,
             g.trend == .unknown ? "-" : g.trend.rawValue,
             timeline.life(of: g.goal).map { $0.start.description } ?? "-",
             plan.goal(g.goal)?.due.map { $0.value.description } ?? "-"]
        }
        out += table(header: ["goal", "baseline", "latest", "target", "status", "trend", "set", "due"], rows: rows)
        for life in timeline.lives {
            if let end = life.end, let how = life.closure { out += "  \(life.goal): closed \(how.rawValue) on \(end)\n" }
        }
        for g in goals {
            if let a = g.latestAssist { out += "  \(g.goal): latest assist level \(a.rawValue)\n" }
            if let s = g.standard, let c = g.change {
                let info = s.info
                out += "  \(g.goal): \(info.name) \(c >= 0 ? "+" : "")\(JSONValue.format((c * 100).rounded() / 100)) since baseline (\(info.lowerIsBetter ? "lower" : "higher") is better), \(s.changeVerdict(c, citing: false))\n"
            }
            if let e = g.expectedAtLatest, let l = g.latest, g.status == .behind {
                out += "  \(g.goal): expected about \(JSONValue.format((e * 10).rounded() / 10)) by \(l.date) on a straight line to the target\n"
            }
        }
        if let copm = ProgressAnalysis.copm(plan, asOf: asOf) {
            out += "\nCOPM (mean of \(plan.assessment.copm.count) problem\(plan.assessment.copm.count == 1 ? "" : "s")): performance \(f1(copm.initialPerformance)), satisfaction \(f1(copm.initialSatisfaction)) at assessment"
            if let p = copm.latestPerformance, let s = copm.latestSatisfaction, let d = copm.latestDate {
                if copm.reratedProblems < plan.assessment.copm.count {
                    out += "\n  \(copm.reratedProblems) of \(plan.assessment.copm.count) re-rated; at assessment those scored performance \(f1(copm.comparedPerformance!)), satisfaction \(f1(copm.comparedSatisfaction!))"
                }
                out += "\n  on \(d): performance \(f1(p)) (\(signed(copm.performanceChange!))\(copm.performanceImportant ? ", clinically important" : "")), "
                out += "satisfaction \(f1(s)) (\(signed(copm.satisfactionChange!))\(copm.satisfactionImportant ? ", clinically important" : ""))"
            } else {
                out += "\n  not yet re-rated"
            }
            out += "\n"
        }
        let gas = ProgressAnalysis.gas(plan, timeline, progress: goals)
        if let latest = gas.latest {
            out += "\nGAS T-score: \(f1(latest)) over \(gas.scaled.count) scaled goal\(gas.scaled.count == 1 ? "" : "s") (baseline \(gas.baseline.map(f1) ?? "-"); 50 means every goal reached its expected outcome)\n"
        } else if !gas.unscored.isEmpty {
            out += "\nGAS T-score: not yet: no GAS level recorded for \(gas.unscored.map { "`\($0)`" }.joined(separator: ", ")) (\(gas.scaled.count) scaled goal\(gas.scaled.count == 1 ? "" : "s"))\n"
        }
        out += treatmentDays(timeline)
        let schedule = timeline.schedule
        var nextDates: [CalendarDate] = []
        for e in schedule.events(from: asOf) where (e.kind == .checkin || e.kind == .reassessment) && nextDates.last != e.date {
            nextDates.append(e.date)
            if nextDates.count == 3 { break }
        }
        out += "\nNext check-ins: " + (nextDates.isEmpty ? "none scheduled" : nextDates.map(\.description).joined(separator: ", ")) + "\n"
        // The documents' certification line (one wording: "awaiting the physician's or NPP's
        // signature", "no certification recorded"), with the days left of a period in force.
        if let c = CertificationLine.text(plan, timeline, daysLeft: true) { out += "Certification: \(c)\n" }
        return out
    }

    /// Treatment days so far and booked, and the progress-report clock when the payer has one.
    package static func treatmentDays(_ t: Timeline) -> String {
        let given = t.treatmentDays.filter { $0.date <= t.today && $0.given }.count
        let booked = t.treatmentDays.filter { $0.date > t.today }.count
        var out = "\nTreatment days: "
        if t.recordsVisits {
            out += "\(given) given (recorded visits to \(t.today)), \(booked) booked after today\n"
        } else {
            let past = t.treatmentDays.filter { $0.date <= t.today }.count
            out += "no visits recorded; \(past) booked up to today, \(booked) after (projected from the booked sessions)\n"
        }
        return out
    }

    package static func f1(_ x: Double) -> String {
        let r = (x * 10).rounded() / 10
        return r == r.rounded() ? String(format1: r) : "\(r)"
    }
    package static func signed(_ x: Double) -> String { (x >= 0 ? "+" : "") + f1(x) }

    /// A plain text table with columns padded to their widest cell.
    package static func table(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingTrailingSpaces() + "\n"
        }
        return line(header) + line(widths.map { String(repeating: "-", count: $0) }) + rows.map(line).joined()
    }
}

extension String {
    package init(format1 x: Double) { self = String(Int(x)) + ".0" }
    package func trimmingTrailingSpaces() -> String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}
