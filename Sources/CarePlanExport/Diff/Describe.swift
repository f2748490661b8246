import CarePlanBasics
import CarePlanModel

/// Plan parts in the few words a diff line needs ("Medicare Part B", "90 days from the start,
/// signed 2026-10-28 by Dr. S. Iyer", "tug 19 -> 10"). Two values are the same change-wise
/// exactly when these words are the same, so the words must carry everything that matters.
package enum Describe {
    /// What an intervention without a frequency of its own is given in.
    package static let inPlanSessions = "in the plan's sessions"

    package static func quoted(_ s: String) -> String { "\"\(s)\"" }

    package static func list(_ items: [String]) -> String? { items.isEmpty ? nil : items.joined(separator: ", ") }

    package static func payer(_ p: Payer) -> String { p.label }

    package static func certification(_ c: Certification) -> String {
        var s = c.length.map { "\($0.value)" } ?? "the payer's usual length"
        s += c.on.map { " from \($0.value)" } ?? " from the start"
        if let signed = c.signed { s += ", signed \(signed.value)" } else { s += ", not signed" }
        if let by = c.by { s += " by \(by)" }
        if let npi = c.npi { s += " (NPI \(npi))" }
        return s
    }

    /// "Wet floor: ...", "contraindication: No heat over the incision", "weight-bearing ...".
    package static func precaution(_ p: Precaution) -> String {
        p.kind == .precaution ? quoted(p.text) + (p.until.map { " until \($0)" } ?? "") : p.summary
    }

    package static func diagnosis(_ d: Diagnosis) -> String {
        d.code.map { "\($0.value) \(quoted(d.text))" } ?? quoted(d.text)
    }

    package static func checkin(_ c: CheckIn) -> String {
        var s: String
        if let on = c.on { s = "on \(on)" }
        else {
            s = c.every.map { "every \($0)" } ?? "repeating"
            if let from = c.from { s += " from \(from)" }
            if let until = c.until { s += " until \(until)" }
        }
        if !c.reviews.isEmpty { s += ", reviewing " + c.reviews.map(\.value).joined(separator: ", ") }
        return s
    }

    /// What identifies a check-in line across versions: its day, or its first day and interval.
    package static func checkinKey(_ c: CheckIn) -> String {
        c.on.map { "on \($0)" } ?? "every from \(c.from.map { "\($0)" } ?? "")"
    }

    package static func closure(_ c: ClinicClosure) -> String {
        (c.from.value == c.to.value ? "\(c.from.value)" : "\(c.from.value) to \(c.to.value)") + (c.reason.map { " (\($0))" } ?? "")
    }

    package static func closure(_ c: Closure) -> String {
        "\(c.status.rawValue) on \(c.date.value)" + (c.reason.map { " because \(quoted($0))" } ?? "")
    }

    package static func rehabPotential(_ r: RehabPotentialNote) -> String {
        r.level.value.rawValue + (r.reason.map { " because \(quoted($0))" } ?? "")
    }

    package static func measureName(_ m: Measure) -> String { m.standard?.rawValue ?? m.name }

    /// A standardised measure by its id (`tug`), a free-text one in quotes.
    package static func measureLabel(_ m: Measure) -> String { m.standard?.rawValue ?? quoted(m.name) }

    /// "tug from 19 to 10".
    package static func measure(_ m: Measure) -> String {
        "\(measureName(m)) from \(Words.number(m.baseline.value)) to \(Words.number(m.target.value))"
    }

    /// "from moderate to independent"; one end alone as written.
    package static func assist(_ g: Goal) -> String? {
        switch (g.assistFrom?.value, g.assistTo?.value) {
        case (nil, nil): return nil
        case let (a?, b?): return "from \(a.rawValue) to \(b.rawValue)"
        case let (a?, nil): return "from \(a.rawValue)"
        case let (nil, b?): return "to \(b.rawValue)"
        }
    }

    package static func gas(_ g: GASScale) -> String { "weight \(Words.number(g.weight)), baseline \(g.baseline)" }

    /// The interventions serving a goal, in plan order.
    package static func servedBy(_ goal: String, in plan: Plan) -> [String] {
        plan.interventions.filter { $0.serves.contains { $0.value == goal } }.map(\.id.value)
    }

    /// A goal in a few words, for one that was added, removed or takes over from another.
    package static func goal(_ g: Goal, in plan: Plan) -> GoalSummary {
        var details: [String] = []
        if let m = g.measure { details.append("measure \(measure(m))") }
        if let a = assist(g) { details.append("assist \(a)") }
        if let d = g.due { details.append("due \(d.value)") }
        if let s = g.supports { details.append("supports \(s.value)") }
        let served = servedBy(g.id.value, in: plan)
        details.append(served.isEmpty ? "served by no intervention" : "served by \(served.joined(separator: ", "))")
        return GoalSummary(id: g.id.value, title: g.title.value, details: details)
    }

    /// An intervention in a few words: type, goals, how often, how long.
    package static func intervention(_ i: Intervention) -> [String] {
        var out: [String] = []
        if let t = i.type { out.append(t.value.rawValue) }
        if !i.serves.isEmpty { out.append("serves \(i.serves.map(\.value).joined(separator: ", "))") }
        out.append(i.frequency.map(Words.frequency) ?? inPlanSessions)
        if let m = i.minutes { out.append("\(m) minutes") }
        if let d = i.delivery, d.value != .inPerson { out.append(d.value.rawValue) }
        if !i.cpt.isEmpty { out.append("CPT \(i.cpt.map(\.value).joined(separator: ", "))") }
        return out
    }

    /// The fields an added plan is introduced by.
    package static func planEssentials(_ p: Plan) -> [(String, String)] {
        var out: [(String, String)] = []
        if let d = p.discipline { out.append(("discipline", d.value.rawValue)) }
        if let c = p.client { out.append(("client", c.name.value)) }
        if let s = p.start { out.append(("start", "\(s.value)")) }
        if let x = p.payer { out.append(("payer", payer(x.value))) }
        if let f = p.frequency { out.append(("frequency", Words.frequency(f))) }
        return out
    }
}
