import CarePlanBasics
import CarePlanModel
import CarePlanAnalysis
import CarePlanExport

/// The plan's structure for the REPL's `:tree`: goals with the interventions serving them,
/// and the next dates.
enum PlanTree {
    /// `timeline`: the plan's, as the REPL's findings cache already holds it.
    static func render(_ p: Plan, _ timeline: Timeline) -> String {
        var out = "plan \(p.id.value) \"\(p.title.value)\"\(p.discipline.map { " (\($0.value.rawValue))" } ?? "")\n"
        let status = Dictionary(uniqueKeysWithValues: ProgressAnalysis.goals(p, timeline).map { ($0.goal, $0.status) })
        for (gi, g) in p.goals.enumerated() {
            let lastGoal = gi == p.goals.count - 1 && p.interventions.allSatisfy { !$0.serves.isEmpty }
            let branch = lastGoal ? "└─" : "├─"
            var line = "\(branch) goal \(g.id.value): \(g.title.value)"
            if let d = g.due { line += " — due \(d.value)" }
            if let s = status[g.id.value], s != .noData { line += " [\(s.label)]" }
            out += line + "\n"
            let serving = p.interventions.filter { $0.serves.contains { $0.value == g.id.value } }
            for (k, i) in serving.enumerated() {
                let pad = lastGoal ? "   " : "│  "
                out += "\(pad)\(k == serving.count - 1 ? "└─" : "├─") \(i.id.value): \(i.title.value)"
                if let t = i.type { out += " (\(t.value.rawValue))" }
                if let f = i.frequency { out += ", " + PlanPrinter.frequency(f).dropFirst("frequency ".count) }
                out += "\n"
            }
            if serving.isEmpty { out += "\(lastGoal ? "   " : "│  ")└─ (no intervention serves this goal yet)\n" }
        }
        let orphans = p.interventions.filter { $0.serves.isEmpty }
        for (k, i) in orphans.enumerated() {
            out += "\(k == orphans.count - 1 ? "└─" : "├─") intervention \(i.id.value): \(i.title.value) (serves no goal)\n"
        }
        let upcoming = timeline.schedule.events(from: timeline.today).filter { $0.kind != .session }.prefix(5)
        if !upcoming.isEmpty {
            out += "next dates:\n"
            for e in upcoming { out += "  \(e.date)  \(e.title)\n" }
        }
        return out
    }
}
