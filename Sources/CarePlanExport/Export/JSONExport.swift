import CarePlanBasics
import CarePlanModel

/// careplan's own JSON: the whole plan model, versioned as `careplan/1`, keys sorted.
/// The schema is in schema/careplan-1.schema.json.
public enum JSONExport {
    public static let formatVersion = "careplan/1"

    public static func render(_ plan: Plan, options: ExportOptions) -> String {
        document(plan).serialized(pretty: true) + "\n"
    }

    public static func document(_ plan: Plan) -> JSONValue {
        var obj: [String: JSONValue] = [
            "format": .string(formatVersion),
            "id": .string(plan.id.value),
            "title": .string(plan.title.value),
            "status": .string(plan.status.rawValue),
            "goals": .array(plan.goals.map(goal)),
            "interventions": .array(plan.interventions.map(intervention)),
            "diagnoses": .array(plan.diagnoses.map(diagnosis)),
            "notes": .array(plan.notes.map { .string($0) }),
            "assessment": assessment(plan.assessment),
            "checkins": .array(plan.checkins.map(checkin)),
            "reassessments": .array(plan.reassessments.map { .string($0.value.description) }),
            "recertifications": .array(plan.recertifications.map(certification)),
            "clinicClosures": .array(plan.clinicClosures.map { c in
                var o: [String: JSONValue] = ["from": .string(c.from.value.description), "to": .string(c.to.value.description)]
                if let r = c.reason { o["reason"] = .string(r) }
                return .object(o)
            }),
            // A Medicare plan bills a bundled code 0 units (not a plan that names no payer).
            "visits": .array(plan.visits.map { visit($0, medicare: plan.payer?.value.isMedicare == true) }),
            "closures": .array(plan.closures.map(closure)),
            "progress": .array(plan.progress.map(progress)),
        ]
        if let d = plan.discipline { obj["discipline"] = .string(d.value.rawValue) }
        if let c = plan.client { obj["client"] = client(c) }
        if let c = plan.clinician { obj["clinician"] = .string(c) }
        if let s = plan.start { obj["start"] = .string(s.value.description) }
        if let d = plan.description { obj["description"] = .string(d) }
        if let f = plan.frequency { obj["frequency"] = frequency(f) }
        if let c = plan.certification { obj["certification"] = certification(c) }
        if let p = plan.payer { obj["payer"] = .string(p.value.rawValue) }
        if !plan.care.isEmpty { obj["planOfCare"] = planOfCare(plan.care) }
        return .object(obj)
    }

    package static func planOfCare(_ c: PlanOfCare) -> JSONValue {
        var obj: [String: JSONValue] = [
            "signatures": .array(c.signatures.map { .object(["name": .string($0.name), "date": .string($0.date.value.description)]) }),
            "precautions": .array(c.precautions.map { p in
                var o: [String: JSONValue] = ["kind": .string(p.kind.rawValue), "text": .string(p.text)]
                if let w = p.weightBearing { o["weightBearing"] = .string(w.rawValue) }
                if let n = p.percent { o["percent"] = .number(Double(n)) }
                if let u = p.until { o["until"] = .string(u.description) }
                return .object(o)
            }),
            "priorLevel": .array(c.priorLevel.map { .string($0) }),
            "dischargeCriteria": .array(c.dischargeCriteria.map { .string($0) }),
            "trained": .array(c.trained.map { t in
                var o: [String: JSONValue] = ["name": .string(t.name)]
                if let r = t.role { o["role"] = .string(r.rawValue) }
                if let s = t.topic { o["topic"] = .string(s) }
                if let d = t.date { o["date"] = .string(d.description) }
                return .object(o)
            }),
        ]
        if let r = c.rehabPotential {
            var o: [String: JSONValue] = ["level": .string(r.level.value.rawValue)]
            if let why = r.reason { o["reason"] = .string(why) }
            obj["rehabPotential"] = .object(o)
        }
        if let d = c.dischargePlan { obj["dischargePlan"] = .string(d.value) }
        return .object(obj)
    }

    package static func diagnosis(_ d: Diagnosis) -> JSONValue {
        var obj: [String: JSONValue] = ["text": .string(d.text)]
        if let c = d.code { obj["code"] = .string(c.value); obj["system"] = .string(ICD10CM.system) }
        return .object(obj)
    }

    package static func duration(_ d: Duration) -> JSONValue {
        .object(["amount": .number(Double(d.amount)), "unit": .string(d.unit.rawValue)])
    }

    package static func frequency(_ f: Frequency) -> JSONValue {
        var obj: [String: JSONValue] = ["times": .number(Double(f.times)), "period": duration(f.period)]
        if let l = f.length { obj["length"] = duration(l) }
        if let s = f.start { obj["start"] = .string(s.description) }
        if !f.weekdays.isEmpty { obj["weekdays"] = .array(f.weekdays.map { .string($0.rawValue) }) }
        if f.isOnce { obj["once"] = .bool(true) }
        return .object(obj)
    }

    package static func client(_ c: Client) -> JSONValue {
        var obj: [String: JSONValue] = ["name": .string(c.name.value), "settings": .array(c.settings.map { .string($0.rawValue) })]
        if let id = c.identifier { obj["identifier"] = .string(id) }
        if let s = c.identifierSystem { obj["identifierSystem"] = .string(s) }
        if let b = c.born { obj["born"] = .string(b.value.description) }
        if let g = c.gender { obj["gender"] = .string(g.rawValue) }
        if let r = c.referral { obj["referral"] = .string(r) }
        if let h = c.history { obj["history"] = .string(h) }
        if let l = c.lives { obj["lives"] = .string(l) }
        return .object(obj)
    }

    package static func copm(_ c: COPMItem) -> JSONValue {
        var obj: [String: JSONValue] = ["activity": .string(c.activity), "performance": .number(Double(c.performance)),
                                        "satisfaction": .number(Double(c.satisfaction))]
        if let i = c.importance { obj["importance"] = .number(Double(i)) }
        return .object(obj)
    }

    package static func assessment(_ a: Assessment) -> JSONValue {
        .object([
            "observations": .array(a.observations.map { .object(["task": .string($0.task), "finding": .string($0.finding)]) }),
            "environments": .array(a.environments.map { .object(["setting": .string($0.setting.rawValue), "finding": .string($0.finding)]) }),
            "scores": .array(a.scores.map { s in
                var obj: [String: JSONValue] = ["instrument": .string(s.instrument), "value": .string(s.value)]
                if let m = s.measure { obj["measure"] = .string(m.rawValue) }
                return .object(obj)
            }),
            "interviews": .array(a.interviews.map { .string($0) }),
            "copm": .array(a.copm.map(copm)),
        ])
    }

    package static func certification(_ c: Certification) -> JSONValue {
        var o: [String: JSONValue] = [:]
        if let on = c.on { o["on"] = .string(on.value.description) }
        if let l = c.length { o["length"] = duration(l.value) }
        if let s = c.signed { o["signed"] = .string(s.value.description) }
        if let b = c.by { o["by"] = .string(b) }
        if let n = c.npi { o["npi"] = .string(n) }
        return .object(o)
    }

    /// One visit; `medicare`: the plan is billed to Medicare, which pays a bundled code (97010) 0 units.
    package static func visit(_ v: Visit, medicare: Bool) -> JSONValue {
        var o: [String: JSONValue] = [
            "date": .string(v.date.value.description), "status": .string(v.status.rawValue),
            "given": .array(v.given.map { .string($0.value) }), "notes": .array(v.notes.map { .string($0) }),
        ]
        if let m = v.minutes { o["minutes"] = .number(Double(m.value)) }
        if let r = v.reason { o["reason"] = .string(r) }
        if !v.soap.isEmpty {
            var soap: [String: JSONValue] = [:]
            if let t = v.soap.subjective { soap["subjective"] = .string(t.value) }
            if let t = v.soap.objective { soap["objective"] = .string(t.value) }
            if let t = v.soap.assessment { soap["assessment"] = .string(t.value) }
            if let t = v.soap.plan { soap["plan"] = .string(t.value) }
            o["soap"] = .object(soap)
        }
        if !v.services.isEmpty {
            // Units per line from the whole visit's bill (the 8-minute rule pools timed minutes).
            let bill = v.bill(medicare: medicare)
            var lines = bill.lines[...]
            o["services"] = .array(v.services.map { s in
                var so: [String: JSONValue] = ["code": .string(s.code.value), "minutes": .number(Double(s.minutes.value))]
                if let n = s.note { so["note"] = .string(n) }
                if let known = s.known {
                    so["display"] = .string(known.display)
                    so["timed"] = .bool(known.isTimed)
                    // A code whose units careplan does not compute (97999) has no line in the bill.
                    if known.unitsNotComputed == nil, let line = lines.first {
                        lines = lines.dropFirst()
                        so["units"] = .number(Double(line.units))
                        if line.isBundled { so["bundled"] = .bool(true) }
                    }
                }
                return .object(so)
            })
            o["units"] = .number(Double(bill.units))
        }
        return .object(o)
    }

    package static func goal(_ g: Goal) -> JSONValue {
        var obj: [String: JSONValue] = [
            "id": .string(g.id.value), "title": .string(g.title.value),
            "focus": .array(g.focus.map { .string($0.rawValue) }),
            "notes": .array(g.notes.map { .string($0) }),
        ]
        if let gas = g.gas { obj["gas"] = .object(["weight": .number(gas.weight), "baseline": .number(Double(gas.baseline))]) }
        if let s = g.start { obj["start"] = .string(s.value.description) }
        if let o = g.occupation { obj["occupation"] = .string(o.value.rawValue) }
        if let a = g.assistFrom { obj["assistFrom"] = .string(a.value.rawValue) }
        if let a = g.assistTo { obj["assistTo"] = .string(a.value.rawValue) }
        if let c = g.condition { obj["condition"] = .string(c) }
        if let e = g.expressedBy { obj["expressedBy"] = .string(e.rawValue) }
        if let m = g.measure {
            var measure: [String: JSONValue] = ["name": .string(m.name), "baseline": .number(m.baseline.value), "target": .number(m.target.value)]
            if let s = m.standard { measure["standard"] = .string(s.rawValue); measure["unit"] = .string(s.info.unit) }
            obj["measure"] = .object(measure)
        }
        if let d = g.due { obj["due"] = .string(d.value.description) }
        if let s = g.supports { obj["supports"] = .string(s.value) }
        if let r = g.replaces { obj["replaces"] = .string(r.value) }
        return .object(obj)
    }

    package static func intervention(_ i: Intervention) -> JSONValue {
        var obj: [String: JSONValue] = [
            "id": .string(i.id.value), "title": .string(i.title.value),
            "serves": .array(i.serves.map { .string($0.value) }),
            "equipment": .array(i.equipment.map { .string($0) }),
            "cpt": .array(i.cpt.map { .string($0.value) }),
            "notes": .array(i.notes.map { .string($0) }),
        ]
        if let t = i.type { obj["type"] = .string(t.value.rawValue) }
        if let a = i.approach { obj["approach"] = .string(a.rawValue) }
        if let f = i.frequency { obj["frequency"] = frequency(f) }
        if let m = i.minutes { obj["minutes"] = .number(Double(m)) }
        obj["delivery"] = .string((i.delivery?.value ?? .inPerson).rawValue)
        return .object(obj)
    }

    package static func checkin(_ c: CheckIn) -> JSONValue {
        var obj: [String: JSONValue] = ["reviews": .array(c.reviews.map { .string($0.value) })]
        if let d = c.on { obj["on"] = .string(d.description) }
        if let e = c.every { obj["every"] = duration(e) }
        if let d = c.from { obj["from"] = .string(d.description) }
        if let d = c.until { obj["until"] = .string(d.description) }
        return .object(obj)
    }

    package static func closure(_ c: Closure) -> JSONValue {
        var obj: [String: JSONValue] = ["goal": .string(c.goal.value), "status": .string(c.status.rawValue), "date": .string(c.date.value.description)]
        if let r = c.reason { obj["reason"] = .string(r) }
        return .object(obj)
    }

    package static func progress(_ r: ProgressRecord) -> JSONValue {
        .object([
            "date": .string(r.date.value.description),
            "notes": .array(r.notes.map { .string($0) }),
            "copm": .array(r.copm.map(copm)),
            "entries": .array(r.entries.map { e in
                var obj: [String: JSONValue] = ["goal": .string(e.goal.value)]
                if let v = e.value { obj["value"] = .number(v) }
                if let a = e.assist { obj["assist"] = .string(a.rawValue) }
                if let g = e.gas { obj["gas"] = .number(Double(g.value)) }
                if let n = e.note { obj["note"] = .string(n) }
                return .object(obj)
            }),
        ])
    }
}
