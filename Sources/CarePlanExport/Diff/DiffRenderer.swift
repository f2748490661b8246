import CarePlanBasics
import CarePlanModel
import CarePlanAnalysis

/// Prints a `PlanFileDiff` as a reviewer's summary (text) or as JSON (`careplan-diff/1`,
/// described in the README).
///
/// The text is grouped per plan, most important first: what happened to the goals (closed and
/// replaced, then added, removed, reopened, changed), the interventions, the plan's own fields,
/// the schedule consequences (before -> after, from each version's timeline) and the records.
/// A group with nothing in it is not printed; with no structural change at all the text says
/// "No changes in plan structure".
public enum DiffRenderer {
    public static func text(_ d: PlanFileDiff) -> String {
        var out = "careplan diff \(d.old) -> \(d.new) (as of \(d.today))\n"
        if !d.plans.contains(where: \.hasStructuralChanges) { out += "No changes in plan structure\n" }
        for p in d.plans where p.hasChanges {
            out += "\n" + plan(p, today: d.today)
        }
        return out
    }

    package static func plan(_ p: PlanDiff, today: CalendarDate) -> String {
        var out = ""
        switch p.status {
        case .added: out += "plan \(p.id) added: \(p.title)\n"
        case .removed: out += "plan \(p.id) removed: \(p.title)\n"
        case .changed, .unchanged:
            let counts = headline(p)
            out += "plan \(p.id): \(p.title)\n" + (counts.isEmpty ? "" : "  \(counts)\n")
        }
        if p.status == .removed { return out }
        if !p.goals.isEmpty {
            out += "\n  Goals\n"
            for g in p.goals { out += goal(g) }
        }
        if !p.interventions.isEmpty {
            out += "\n  Interventions\n"
            for i in p.interventions {
                switch i.kind {
                case .added, .removed:
                    out += "    \(i.kind.rawValue) \(i.id): \(i.title)\n"
                    if !i.details.isEmpty { out += "      " + i.details.joined(separator: "; ") + "\n" }
                case .changed:
                    out += "    changed \(i.id): \(i.title)\n"
                    out += fields(i.fields, indent: "      ")
                }
            }
        }
        if !p.fields.isEmpty {
            out += "\n  Plan\n" + fields(p.fields, indent: "    ")
        }
        if !p.schedule.isEmpty {
            out += "\n  Schedule (from each version's timeline)\n" + fields(p.schedule, indent: "    ")
        } else if p.status == .changed && p.hasStructuralChanges {
            out += "\n  Schedule: no dates move\n"
        }
        if !p.records.isEmpty {
            out += "\n  Records\n"
            for r in p.records { out += "    \(r.record) \(r.kind.rawValue): \(r.date), \(r.detail)\n" }
        }
        return out
    }

    package static func goal(_ g: GoalChange) -> String {
        var out: String
        switch g.kind {
        case .closed:
            out = "    closed \(g.id): \(g.title)\n"
            if let c = g.closure { out += "      \(closure(c))\n" }
        case .replaced:
            out = "    replaced \(g.id) by \(g.replacement?.id ?? "?")\n"
            out += "      \(g.id): \(g.title)\n"
            if let c = g.closure { out += "        \(closure(c))\n" }
            if let r = g.replacement {
                out += "      \(r.id): \(r.title)\n"
                if !r.details.isEmpty { out += "        " + r.details.joined(separator: "; ") + "\n" }
            }
        case .added, .removed:
            out = "    \(g.kind.rawValue) \(g.id): \(g.title)\n"
            if let s = g.summary, !s.details.isEmpty { out += "      " + s.details.joined(separator: "; ") + "\n" }
        case .reopened:
            out = "    reopened \(g.id): \(g.title)\n"
        case .changed:
            out = "    changed \(g.id): \(g.title)\n"
        }
        return out + fields(g.fields, indent: "      ")
    }

    package static func closure(_ c: GoalChange.ClosureInfo) -> String {
        "closed \(c.status) on \(c.date)" + (c.reason.map { " because \"\($0)\"" } ?? "")
    }

    package static func fields(_ list: [FieldChange], indent: String) -> String {
        list.map { f in
            switch (f.before, f.after) {
            case let (nil, a?): return "\(indent)\(f.field) added: \(a)\n"
            case let (b?, nil): return "\(indent)\(f.field) removed: \(b)\n"
            default: return "\(indent)\(f.field): \(f.before ?? "") -> \(f.after ?? "")\n"
            }
        }.joined()
    }

    /// "goals: 1 replaced, 2 changed; interventions: 1 changed; plan: 1 field changed; schedule: 3 figures move".
    package static func headline(_ p: PlanDiff) -> String {
        func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
        var parts: [String] = []
        var goalParts: [String] = []
        for kind in [GoalChange.Kind.closed, .replaced, .added, .removed, .reopened, .changed] {
            let n = p.goals.filter { $0.kind == kind }.count
            if n > 0 { goalParts.append("\(n) \(kind.rawValue)") }
        }
        if !goalParts.isEmpty { parts.append("goals: " + goalParts.joined(separator: ", ")) }
        var interventionParts: [String] = []
        for kind in [InterventionChange.Kind.added, .removed, .changed] {
            let n = p.interventions.filter { $0.kind == kind }.count
            if n > 0 { interventionParts.append("\(n) \(kind.rawValue)") }
        }
        if !interventionParts.isEmpty { parts.append("interventions: " + interventionParts.joined(separator: ", ")) }
        if !p.fields.isEmpty { parts.append("plan: " + count(p.fields.count, "field changed", "fields changed")) }
        if !p.schedule.isEmpty { parts.append("schedule: " + count(p.schedule.count, "figure moves", "figures move")) }
        var recordParts: [String] = []
        for kind in [RecordChange.Kind.added, .removed, .changed] {
            let n = p.records.filter { $0.kind == kind }.count
            if n > 0 { recordParts.append("\(n) \(kind.rawValue)") }
        }
        if !recordParts.isEmpty { parts.append("records: " + recordParts.joined(separator: ", ")) }
        return parts.joined(separator: "; ")
    }

    // MARK: - JSON

    /// The diff as `careplan-diff/1` JSON (sorted keys, byte-stable).
    public static func json(_ d: PlanFileDiff) -> String {
        func opt(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
        func fields(_ list: [FieldChange]) -> JSONValue {
            .array(list.map { .object(["field": .string($0.field), "before": opt($0.before), "after": opt($0.after)]) })
        }
        func summary(_ s: GoalSummary) -> JSONValue {
            .object(["id": .string(s.id), "title": .string(s.title), "details": .array(s.details.map { .string($0) })])
        }
        let plans: [JSONValue] = d.plans.map { p in
            .object([
                "id": .string(p.id),
                "title": .string(p.title),
                "status": .string(p.status.rawValue),
                "fields": fields(p.fields),
                "goals": .array(p.goals.map { g in
                    var o: [String: JSONValue] = ["change": .string(g.kind.rawValue), "id": .string(g.id), "title": .string(g.title),
                                                  "fields": fields(g.fields)]
                    if let c = g.closure {
                        o["closure"] = .object(["status": .string(c.status), "date": .string("\(c.date)"), "reason": opt(c.reason)])
                    }
                    if let r = g.replacement { o["replacement"] = summary(r) }
                    if let s = g.summary { o["details"] = .array(s.details.map { .string($0) }) }
                    return .object(o)
                }),
                "interventions": .array(p.interventions.map { i in
                    .object(["change": .string(i.kind.rawValue), "id": .string(i.id), "title": .string(i.title),
                             "details": .array(i.details.map { .string($0) }), "fields": fields(i.fields)])
                }),
                "schedule": fields(p.schedule),
                "records": .array(p.records.map { r in
                    .object(["change": .string(r.kind.rawValue), "record": .string(r.record), "date": .string("\(r.date)"), "detail": .string(r.detail)])
                }),
            ])
        }
        let root: JSONValue = .object([
            "format": "careplan-diff/1",
            "old": .string(d.old),
            "new": .string(d.new),
            "today": .string("\(d.today)"),
            "changed": .bool(d.hasChanges),
            "structureChanged": .bool(d.plans.contains(where: \.hasStructuralChanges)),
            "plans": .array(plans),
        ])
        return root.serialized(pretty: true) + "\n"
    }
}
