import CarePlanBasics
import CarePlanModel

/// Prints plans and their parts back as careplan text: the one model-to-text printer, used by
/// the REPL's `:show` and by `careplan import`. What it prints checks clean and builds the same
/// model again (PrinterRoundTripTests, over every example and corpus plan).
public enum PlanPrinter {
    /// A careplan string literal: quotes, backslashes, newlines and `$` (interpolation) escaped.
    public static func q(_ s: String) -> String {
        var out = "\""
        for ch in s {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "$": out += "\\$"
            default: out.append(ch)
            }
        }
        return out + "\""
    }

    /// A number as careplan writes it (no trailing `.0`).
    public static func num(_ d: Double) -> String { JSONValue.format(d) }

    /// A `frequency ...` field that reads back as the same frequency.
    public static func frequency(_ f: Frequency) -> String {
        var s = "frequency "
        if f.isOnce { return s + "once" + (f.start.map { " on \($0)" } ?? "") }
        let simpleUnit = f.period.unit == .day || f.period.unit == .week || f.period.unit == .month
        if f.times == 1 && f.period == Duration(1, .day) { s += "daily" }
        // `1 per week`, not `every 1 week`; `every 2 weeks` when the period is longer.
        else if f.times == 1 && f.weekdays.isEmpty && !(f.period.amount == 1 && simpleUnit) { s += "every \(f.period)" }
        else if f.period.amount == 1 && simpleUnit { s += "\(f.times) per \(f.period.unit.rawValue)" }
        // With weekdays the days say how many: `every 2 weeks on tue, thu`.
        else if !f.weekdays.isEmpty { s += "every \(f.period)" }
        // `2 per week every 2 weeks`: `every` sets the period that `per` only names the unit of.
        else { s += "\(f.times) per \(simpleUnit ? f.period.unit.rawValue : "month") every \(f.period)" }
        if !f.weekdays.isEmpty { s += " on \(f.weekdays.map(\.rawValue).joined(separator: ", "))" }
        if let l = f.length { s += " for \(l)" }
        if let d = f.start { s += " from \(d)" }
        return s
    }

    /// The plan-of-care fields as source lines.
    package static func planOfCare(_ c: PlanOfCare) -> [String] {
        var lines: [String] = []
        for x in c.precautions {
            let until = x.until.map { " until \($0)" } ?? ""
            switch x.kind {
            case .precaution: lines.append("precaution \(q(x.text))\(until)")
            case .contraindication: lines.append("contraindication \(q(x.text))\(until)")
            case .weightBearing:
                var l = "weight-bearing \(x.weightBearing?.rawValue ?? "full")"
                if let n = x.percent { l += " percent \(n)" }
                if !x.text.isEmpty { l += " on \(q(x.text))" }
                lines.append(l + until)
            }
        }
        lines += c.priorLevel.map { "prior-level \(q($0))" }
        if let r = c.rehabPotential { lines.append("rehab-potential \(r.level.value.rawValue)" + (r.reason.map { " because \(q($0))" } ?? "")) }
        if !c.dischargeCriteria.isEmpty { lines.append("discharge-criteria \(c.dischargeCriteria.map(q).joined(separator: ", "))") }
        if let d = c.dischargePlan { lines.append("discharge-plan \(q(d.value))") }
        for t in c.trained {
            var l = "trained \(q(t.name))"
            if let r = t.role { l += " as \(r.rawValue)" }
            if let s = t.topic { l += " for \(q(s))" }
            if let d = t.date { l += " on \(d)" }
            lines.append(l)
        }
        lines += c.signatures.map { "signed by \(q($0.name)) on \($0.date.value)" }
        return lines
    }

    /// The clauses of `certify` / `recertify` after the keyword (and the date).
    package static func certification(_ c: Certification) -> String {
        var s = ""
        if let l = c.length { s += " for \(l.value)" }
        if let d = c.signed { s += " signed \(d.value)" }
        if let b = c.by { s += " by \(q(b))" }
        if let n = c.npi { s += " npi \(q(n))" }
        return s
    }

    /// One goal as source text.
    public static func goal(_ g: Goal, indent: String = "") -> String {
        var lines = ["goal \(g.id.value) \(q(g.title.value)) {"]
        if let o = g.occupation { lines.append("  occupation \(o.value.rawValue)") }
        if let to = g.assistTo {
            lines.append(g.assistFrom.map { "  assist from \($0.value.rawValue) to \(to.value.rawValue)" } ?? "  assist \(to.value.rawValue)")
        }
        if let c = g.condition { lines.append("  condition \(q(c))") }
        if let e = g.expressedBy { lines.append("  expressed-by \(e.rawValue)") }
        if let m = g.measure { lines.append("  measure \(m.standard?.rawValue ?? q(m.name)) from \(num(m.baseline.value)) to \(num(m.target.value))") }
        if !g.focus.isEmpty { lines.append("  focus \(g.focus.map(\.rawValue).joined(separator: ", "))") }
        if let s = g.supports { lines.append("  supports \(s.value)") }
        if let r = g.replaces { lines.append("  replaces \(r.value)") }
        if let s = g.start { lines.append("  starts \(s.value)") }
        if let d = g.due { lines.append("  by \(d.value)") }
        if let gas = g.gas { lines.append("  gas weight \(num(gas.weight)) baseline \(gas.baseline)") }
        for n in g.notes { lines.append("  note \(q(n))") }
        lines.append("}")
        return lines.map { indent + $0 }.joined(separator: "\n")
    }

    /// One intervention as source text.
    public static func intervention(_ i: Intervention, indent: String = "") -> String {
        var lines = ["intervention \(i.id.value) \(q(i.title.value)) {"]
        if let t = i.type { lines.append("  type \(t.value.rawValue)") }
        if !i.serves.isEmpty { lines.append("  serves \(i.serves.map(\.value).joined(separator: ", "))") }
        if let a = i.approach { lines.append("  approach \(a.rawValue)") }
        if let f = i.frequency { lines.append("  " + frequency(f)) }
        if let d = i.delivery { lines.append("  delivery \(d.value.rawValue)") }
        if let m = i.minutes { lines.append("  minutes \(m)") }
        if !i.cpt.isEmpty { lines.append("  cpt \(i.cpt.map { $0.value.first == "0" || !$0.value.allSatisfy(\.isNumber) ? q($0.value) : $0.value }.joined(separator: ", "))") }
        if !i.equipment.isEmpty { lines.append("  equipment \(i.equipment.map(q).joined(separator: ", "))") }
        for n in i.notes { lines.append("  note \(q(n))") }
        lines.append("}")
        return lines.map { indent + $0 }.joined(separator: "\n")
    }

    /// A whole plan as source text (the model, not the script that built it).
    public static func plan(_ p: Plan) -> String {
        var lines = ["plan \(p.id.value) \(q(p.title.value)) {"]
        if let d = p.discipline { lines.append("  discipline \(d.value.rawValue)") }
        if let c = p.client {
            var inner: [String] = []
            if let id = c.identifier { inner.append("id \(q(id))" + (c.identifierSystem.map { " system \(q($0))" } ?? "")) }
            if let b = c.born { inner.append("born \(b.value)") }
            if let g = c.gender { inner.append("gender \(g.rawValue)") }
            if let r = c.referral { inner.append("referral \(q(r))") }
            if let h = c.history { inner.append("history \(q(h))") }
            if let l = c.lives { inner.append("lives \(q(l))") }
            if !c.settings.isEmpty { inner.append("settings \(c.settings.map(\.rawValue).joined(separator: ", "))") }
            if inner.isEmpty { lines.append("  client \(q(c.name.value))") } else {
                lines.append("  client \(q(c.name.value)) {")
                lines += inner.map { "    " + $0 }
                lines.append("  }")
            }
        }
        if let c = p.clinician { lines.append("  clinician \(q(c))") }
        if let s = p.start { lines.append("  starts \(s.value)") }
        if let d = p.description { lines.append("  description \(q(d))") }
        for d in p.diagnoses { lines.append("  diagnosis \(d.code.map { $0.value + " " } ?? "")\(q(d.text))") }
        if p.status != .active { lines.append("  status \(p.status.rawValue)") }
        for n in p.notes { lines.append("  note \(q(n))") }
        if let f = p.frequency { lines.append("  " + frequency(f)) }
        if let pay = p.payer { lines.append("  payer \(pay.value.rawValue)") }
        if let c = p.certification { lines.append("  certify" + certification(c)) }
        for c in p.clinicClosures {
            lines.append("  closed \(c.from.value)\(c.to.value == c.from.value ? "" : " to \(c.to.value)")\(c.reason.map { " because \(q($0))" } ?? "")")
        }
        lines += planOfCare(p.care).map { "  " + $0 }
        let a = p.assessment
        if !a.isEmpty {
            lines.append("  assess {")
            for o in a.observations { lines.append("    observe \(q(o.task)): \(q(o.finding))") }
            for e in a.environments { lines.append("    environment \(e.setting.rawValue): \(q(e.finding))") }
            for s in a.scores {
                // A number stays a number, so a score on a standardised measure checks again.
                lines.append("    score \(s.measure?.rawValue ?? q(s.instrument)): \(s.number.map(num) ?? q(s.value))")
            }
            for i in a.interviews { lines.append("    interview \(q(i))") }
            for c in a.copm {
                lines.append("    copm \(q(c.activity))\(c.importance.map { " importance \($0)" } ?? "") performance \(c.performance) satisfaction \(c.satisfaction)")
            }
            lines.append("  }")
        }
        for g in p.goals { lines.append(""); lines.append(goal(g, indent: "  ")) }
        for i in p.interventions { lines.append(""); lines.append(intervention(i, indent: "  ")) }
        if !p.checkins.isEmpty || !p.reassessments.isEmpty || !p.recertifications.isEmpty { lines.append("") }
        for c in p.checkins {
            var s = "  checkin"
            if let on = c.on { s += " on \(on)" }
            if let e = c.every { s += " every \(e)" }
            if let f = c.from { s += " from \(f)" }
            if let u = c.until { s += " until \(u)" }
            if !c.reviews.isEmpty { s += " { review \(c.reviews.map(\.value).joined(separator: ", ")) }" }
            lines.append(s)
        }
        for r in p.reassessments { lines.append("  reassess on \(r.value)") }
        for r in p.recertifications { lines.append("  recertify on \(r.on?.value.description ?? "")" + certification(r)) }
        for c in p.closures {
            lines.append("  close \(c.goal.value) \(c.status.rawValue) on \(c.date.value)\(c.reason.map { " because \(q($0))" } ?? "")")
        }
        for v in p.visits {
            var s = "  visit on \(v.date.value) \(v.status.rawValue)"
            if let m = v.minutes { s += " minutes \(m.value)" }
            if let r = v.reason { s += " because \(q(r))" }
            var inner: [String] = []
            if !v.given.isEmpty { inner.append("gave \(v.given.map(\.value).joined(separator: ", "))") }
            inner += v.notes.map { "note \(q($0))" }
            inner += v.soap.parts.map { "\($0.heading.lowercased()) \(q($0.text))" }
            for sv in v.services {
                inner.append("service \(sv.code.value) minutes \(sv.minutes.value)" + (sv.note.map { " note \(q($0))" } ?? ""))
            }
            let oneLine = s + " { " + inner.joined(separator: "; ") + " }"
            // A daily note reads better a part per line.
            if inner.isEmpty { lines.append(s) } else if oneLine.count <= 100 { lines.append(oneLine) } else {
                lines.append(s + " {")
                lines += inner.map { "    " + $0 }
                lines.append("  }")
            }
        }
        for r in p.progress {
            lines.append("  progress on \(r.date.value) {")
            for e in r.entries {
                var s = "    \(e.goal.value)"
                if let v = e.value { s += " \(num(v))" }
                if let a = e.assist { s += " assist \(a.rawValue)" }
                if let g = e.gas { s += " gas \(g.value)" }
                if let n = e.note { s += " note \(q(n))" }
                lines.append(s)
            }
            for c in r.copm { lines.append("    copm \(q(c.activity)) performance \(c.performance) satisfaction \(c.satisfaction)") }
            for n in r.notes { lines.append("    note \(q(n))") }
            lines.append("  }")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }
}
