import CarePlanBasics
import CarePlanModel

/// Visits from a Bundle: an Encounter that took place (`finished`) or did not (`cancelled`,
/// with careplan's visit-status code telling a no-show from a cancellation), its daily note
/// (a DocumentReference whose `context.encounter` names it) and its services (Procedures at it
/// with a CPT code and minutes). See FHIRVisits.swift for what careplan's export writes.
extension FHIRBundleReader {
    package typealias VisitCodes = FHIRExport.VisitCodes

    /// Reads every Encounter into `p.visits`, in Bundle order, and remembers which visit each
    /// Encounter entry became (`visitIndex`), for notes, services and the activities.
    package mutating func visits(plan p: inout Plan, used: inout Set<Int>) {
        for i in entries.indices where entries[i].type == "Encounter" {
            used.insert(i)
            if let v = visit(entries[i].node) { visitIndex[i] = p.visits.count; p.visits.append(v) }
        }
        for i in entries.indices where entries[i].type == "DocumentReference" {
            used.insert(i)
            dailyNote(entries[i].node, plan: &p)
        }
        for i in entries.indices where entries[i].type == "Procedure" {
            used.insert(i)
            service(entries[i].node, plan: &p)
        }
    }

    /// The visit an Encounter reference names, if it is one careplan read.
    package func visitAt(_ ref: JSONNode?) -> Int? {
        guard let ref, let i = resolve(ref, "Encounter") else { return nil }
        return visitIndex[i]
    }

    package func visit(_ r: JSONNode) -> Visit? {
        unread(r, "Encounter")
        guard let start = r["period"]?.string("start", log), let date = r["period"]?.date("start", log) else {
            log.omit(r.path, "an Encounter without period.start: careplan records a visit on its date"); return nil
        }
        var cancelled: JSONNode?
        for e in r.array("extension", log) {
            if e.string("url", log) == VisitCodes.reasonCancelledURL, let c = e["valueCodeableConcept"] { cancelled = c }
            else { log.omit(e.path, "extension \(e.string("url", log).map { "\"\($0)\"" } ?? "") has no place in careplan") }
        }
        let status: VisitStatus
        switch r.string("status", log) {
        case "finished"?: status = .attended
        case "cancelled"?:
            let code = cancelled?.array("coding", log).first { $0.string("system", log) == VisitCodes.visitStatusSystem }?.string("code", log)
            status = code.flatMap(VisitStatus.init(rawValue:)) == .noShow ? .noShow : .cancelled
        case let other:
            log.omit(r.path + ".status", "an Encounter \(other.map { "with status \"\($0)\"" } ?? "without a status"): careplan records visits that took place or were cancelled")
            return nil
        }
        var v = Visit(date: located(date), status: status, span: span)
        if let l = r["length"] {
            if let m = l.int("value", log), l.string("code", log) ?? l.string("unit", log) == "min" { v.minutes = located(m) }
            else { log.omit(l.path, "a length careplan cannot read as whole minutes") }
        } else if let end = r["period"]?.string("end", log), let m = Self.minutes(from: start, to: end), m > 0 {
            v.minutes = located(m)
        }
        if status == .attended {
            let reasons = r.array("reasonCode", log)
            v.reason = reasons.first?.string("text", log)
            for extra in reasons.dropFirst() { log.omit(extra.path, "another reason for the visit (careplan keeps one)") }
        } else {
            v.reason = cancelled?.string("text", log)
        }
        return v
    }

    package mutating func dailyNote(_ r: JSONNode, plan p: inout Plan) {
        unread(r, "DocumentReference")
        guard let k = visitAt(r["context"]?.array("encounter", log).first) else {
            log.omit(r.path, "a DocumentReference not about a visit of the plan"); return
        }
        for c in r.array("content", log) {
            guard let a = c["attachment"] else { log.omit(c.path, "content without an attachment"); continue }
            guard a.string("contentType", log)?.hasPrefix("text/plain") == true, let data = a.string("data", log), let text = Base64.decodeText(data) else {
                log.omit(a.path, "an attachment careplan cannot read (it reads text/plain data)"); continue
            }
            let title = a.string("title", log)
            // careplan's own note: one attachment, a section per part (VisitCodes.dailyNoteText);
            // an older export or another system: one part per attachment, named by its title.
            let parts = VisitCodes.dailyNoteParts(text) ?? [(heading: title ?? VisitCodes.noteTitle, text: text)]
            for (heading, words) in parts {
                let part = located(words)
                switch heading {
                case "Subjective": p.visits[k].soap.subjective = part
                case "Objective": p.visits[k].soap.objective = part
                case "Assessment": p.visits[k].soap.assessment = part
                case "Plan": p.visits[k].soap.plan = part
                case VisitCodes.noteTitle, VisitCodes.dailyNoteTitle: p.visits[k].notes.append(words)
                default: p.visits[k].notes.append("\(heading): \(words)")
                }
            }
        }
    }

    package mutating func service(_ r: JSONNode, plan p: inout Plan) {
        unread(r, "Procedure")
        guard let k = visitAt(r["encounter"]) else { log.omit(r.path, "a Procedure not given at a visit of the plan"); return }
        var code: String?
        for c in r["code"]?.array("coding", log) ?? [] {
            if c.string("system", log) == CPTCode.system, code == nil, let v = c.string("code", log) { code = v }
            else { log.omit(c.path, "a \(c.string("system", log) ?? "code") coding (careplan bills services in CPT)") }
        }
        guard let code else { log.omit(r.path, "a Procedure without a CPT code: careplan bills a visit's services by CPT"); return }
        var minutes: Int?
        for e in r.array("extension", log) {
            if e.string("url", log) == VisitCodes.serviceMinutesURL, let m = e["valueDuration"]?.int("value", log) { minutes = m }
            else { log.omit(e.path, "extension \(e.string("url", log).map { "\"\($0)\"" } ?? "") has no place in careplan") }
        }
        if minutes == nil, let period = r["performedPeriod"], let s = period.string("start", log), let e = period.string("end", log) {
            minutes = Self.minutes(from: s, to: e)
        }
        guard let minutes, minutes > 0 else { log.omit(r.path, "a service without its minutes: careplan bills by the 8-minute rule"); return }
        let notes = r.array("note", log).compactMap { $0.string("text", log) }
        for extra in r.array("note", log).dropFirst() { log.omit(extra.path, "another note on the service (careplan keeps one)") }
        p.visits[k].services.append(VisitService(code: located(code), minutes: located(minutes), note: notes.first, span: span))
    }

    /// Whole minutes from one FHIR dateTime to another (`2026-11-02T09:30:00-05:00`); nil
    /// when either has no time of day.
    package static func minutes(from a: String, to b: String) -> Int? {
        guard let x = instantMinutes(a), let y = instantMinutes(b) else { return nil }
        return y - x
    }

    /// Minutes since 1970-01-01T00:00Z of a dateTime with a time and a zone (or none: local).
    package static func instantMinutes(_ s: String) -> Int? {
        let c = Array(s.utf8)
        guard c.count >= 16, c[10] == UInt8(ascii: "T"), let date = CalendarDate(iso: String(s.prefix(10))) else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= c.count, c[r].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            return c[r].reduce(0) { $0 * 10 + Int($1 - 48) }
        }
        guard let h = num(11..<13), c[13] == UInt8(ascii: ":"), let m = num(14..<16) else { return nil }
        var offset = 0
        if let z = c.lastIndex(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }), z > 16,
           let oh = num(z + 1..<z + 3), let om = num(z + 4..<z + 6) {
            offset = (oh * 60 + om) * (c[z] == UInt8(ascii: "-") ? -1 : 1)
        }
        let epoch = CalendarDate(year: 1970, month: 1, day: 1)!
        return epoch.days(until: date) * 1440 + h * 60 + m - offset
    }
}
