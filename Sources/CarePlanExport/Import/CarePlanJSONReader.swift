import CarePlanBasics
import CarePlanModel

/// Reads careplan's own JSON export (`careplan/1`, schema/careplan-1.schema.json) back into
/// a plan model: the export carries the whole model, so nothing is lost. Derived fields of the
/// export (a service's units and display, a measure's unit) are recomputed, not read.
package struct CarePlanJSONReader {
    package let log: ImportLog
    /// Where every imported element points (the JSON file: careplan has no source position).
    package let span: Span

    package func located<T>(_ v: T) -> Located<T> { Located(v, span) }

    package func plan(_ root: JSONNode) -> Plan? {
        if let f = root.string("format", log), f != JSONExport.formatVersion {
            log.error(root.path + ".format", "\"\(f)\" is not a format this careplan reads (it reads \"\(JSONExport.formatVersion)\")")
            return nil
        }
        guard let id = root.string("id", log, required: true), let title = root.string("title", log, required: true) else { return nil }
        var p = Plan(id: located(id), title: located(title), span: span)
        if let d = root.word("discipline", Discipline.self, log) { p.discipline = located(d) }
        if let s = root.word("status", PlanStatus.self, log) { p.status = s }
        if let c = root["client"] { p.client = client(c) }
        p.clinician = root.string("clinician", log)
        if let s = root.date("start", log) { p.start = located(s) }
        p.description = root.string("description", log)
        for d in root.array("diagnoses", log) {
            guard let text = d.string("text", log, required: true) else { continue }
            p.diagnoses.append(Diagnosis(code: d.string("code", log).map(located), text: text, span: span))
        }
        p.notes = root.strings("notes", log)
        if let f = root["frequency"] { p.frequency = frequency(f) }
        if let pay = root.word("payer", Payer.self, log) { p.payer = located(pay) }
        if let c = root["certification"] { p.certification = certification(c) }
        p.recertifications = root.array("recertifications", log).map(certification)
        for c in root.array("clinicClosures", log) {
            guard let from = c.date("from", log, required: true), let to = c.date("to", log, required: true) else { continue }
            p.clinicClosures.append(ClinicClosure(from: located(from), to: located(to), reason: c.string("reason", log), span: span))
        }
        if let a = root["assessment"] { p.assessment = assessment(a) }
        if let c = root["planOfCare"] { p.care = planOfCare(c) }
        for g in root.array("goals", log) { if let goal = goal(g) { p.add(goal) } }
        for i in root.array("interventions", log) { if let x = intervention(i) { p.add(x) } }
        for c in root.array("checkins", log) {
            var ci = CheckIn(on: c.date("on", log), every: c["every"].flatMap(duration), from: c.date("from", log),
                             until: c.date("until", log), span: span)
            ci.reviews = c.strings("reviews", log).map(located)
            p.checkins.append(ci)
        }
        p.reassessments = root.array("reassessments", log).compactMap { n in
            guard let s = n.string, let d = CalendarDate(iso: s) else { log.error(n.path, "expected a date (YYYY-MM-DD)"); return nil }
            return located(d)
        }
        for c in root.array("closures", log) {
            guard let g = c.string("goal", log, required: true), let s = c.word("status", GoalClosure.self, log, required: true),
                  let d = c.date("date", log, required: true) else { continue }
            p.closures.append(Closure(goal: located(g), status: s, date: located(d), reason: c.string("reason", log), span: span))
        }
        p.visits = root.array("visits", log).compactMap(visit)
        p.progress = root.array("progress", log).compactMap(progress)
        return p
    }

    package func client(_ c: JSONNode) -> Client? {
        guard let name = c.string("name", log, required: true) else { return nil }
        var out = Client(name: located(name))
        out.identifier = c.string("identifier", log)
        out.identifierSystem = c.string("identifierSystem", log)
        out.born = c.date("born", log).map(located)
        out.gender = c.word("gender", Gender.self, log)
        out.referral = c.string("referral", log)
        out.history = c.string("history", log)
        out.lives = c.string("lives", log)
        out.settings = c.array("settings", log).compactMap { words($0, Setting.self) }
        return out
    }

    package func words<V: Vocabulary>(_ n: JSONNode, _ type: V.Type) -> V? {
        guard let s = n.string, let v = V(rawValue: s) else {
            log.error(n.path, "not a \(V.vocabularyName) careplan knows (one of: \(V.allCases.map(\.rawValue).joined(separator: ", ")))")
            return nil
        }
        return v
    }

    package func duration(_ n: JSONNode) -> Duration? {
        guard let amount = n.int("amount", log, required: true), let word = n.string("unit", log, required: true) else { return nil }
        guard let unit = DurationUnit(word: word) else {
            log.error(n.path + ".unit", "\"\(word)\" is not a unit careplan knows (one of: \(DurationUnit.allCases.map(\.rawValue).joined(separator: ", ")))")
            return nil
        }
        return Duration(amount, unit)
    }

    package func frequency(_ f: JSONNode) -> Frequency? {
        guard let times = f.int("times", log, required: true), let period = f["period"].flatMap(duration) else {
            if f["period"] == nil { log.error(f.path + ".period", "missing (a frequency needs its period)") }
            return nil
        }
        return Frequency(times: times, period: period, length: f["length"].flatMap(duration), start: f.date("start", log), span: span,
                         weekdays: f.array("weekdays", log).compactMap { words($0, Weekday.self) }, isOnce: f["once"]?.bool == true)
    }

    package func certification(_ c: JSONNode) -> Certification {
        Certification(on: c.date("on", log).map(located), length: c["length"].flatMap(duration).map(located),
                      signed: c.date("signed", log).map(located), by: c.string("by", log), npi: c.string("npi", log), span: span)
    }

    package func copm(_ c: JSONNode) -> COPMItem? {
        guard let activity = c.string("activity", log, required: true), let perf = c.int("performance", log, required: true),
              let sat = c.int("satisfaction", log, required: true) else { return nil }
        return COPMItem(activity: activity, importance: c.int("importance", log), performance: perf, satisfaction: sat, span: span)
    }

    package func assessment(_ a: JSONNode) -> Assessment {
        var out = Assessment()
        for o in a.array("observations", log) {
            if let t = o.string("task", log, required: true), let f = o.string("finding", log, required: true) { out.observations.append(.init(task: t, finding: f)) }
        }
        for e in a.array("environments", log) {
            if let s = e.word("setting", Setting.self, log, required: true), let f = e.string("finding", log, required: true) {
                out.environments.append(.init(setting: s, finding: f))
            }
        }
        for s in a.array("scores", log) {
            guard let i = s.string("instrument", log, required: true), let v = s.string("value", log, required: true) else { continue }
            var score = Assessment.Score(instrument: i, value: v)
            if let m = s.string("measure", log) {
                guard let known = OutcomeMeasure(rawValue: m) else { log.error(s.path + ".measure", "\"\(m)\" is not a measure in careplan's library"); continue }
                score.measure = known
            }
            // A number stays a number, so a score on a library measure is checked again.
            score.number = Double(v)
            out.scores.append(score)
        }
        out.interviews = a.strings("interviews", log)
        out.copm = a.array("copm", log).compactMap(copm)
        return out
    }

    package func planOfCare(_ c: JSONNode) -> PlanOfCare {
        var out = PlanOfCare()
        for s in c.array("signatures", log) {
            if let n = s.string("name", log, required: true), let d = s.date("date", log, required: true) {
                out.signatures.append(Signature(name: n, date: located(d), span: span))
            }
        }
        for p in c.array("precautions", log) {
            guard let kindText = p.string("kind", log, required: true) else { continue }
            guard let kind = Precaution.Kind(rawValue: kindText) else { log.error(p.path + ".kind", "\"\(kindText)\" is not precaution, contraindication or weight-bearing"); continue }
            out.precautions.append(Precaution(kind: kind, text: p.string("text", log) ?? "", weightBearing: p.word("weightBearing", WeightBearing.self, log),
                                              percent: p.int("percent", log), until: p.date("until", log), span: span))
        }
        out.priorLevel = c.strings("priorLevel", log)
        if let r = c["rehabPotential"], let level = r.word("level", RehabPotential.self, log, required: true) {
            out.rehabPotential = RehabPotentialNote(level: located(level), reason: r.string("reason", log))
        }
        out.dischargeCriteria = c.strings("dischargeCriteria", log)
        out.dischargePlan = c.string("dischargePlan", log).map(located)
        for t in c.array("trained", log) {
            guard let n = t.string("name", log, required: true) else { continue }
            out.trained.append(TrainedPerson(name: n, role: t.word("role", TrainedRole.self, log), topic: t.string("topic", log), date: t.date("date", log), span: span))
        }
        return out
    }

    package func goal(_ g: JSONNode) -> Goal? {
        guard let id = g.string("id", log, required: true), let title = g.string("title", log, required: true) else { return nil }
        var out = Goal(id: located(id), title: located(title), span: span)
        out.occupation = g.word("occupation", OccupationArea.self, log).map(located)
        out.assistFrom = g.word("assistFrom", AssistLevel.self, log).map(located)
        out.assistTo = g.word("assistTo", AssistLevel.self, log).map(located)
        out.condition = g.string("condition", log)
        out.expressedBy = g.word("expressedBy", GoalAuthor.self, log)
        if let m = g["measure"], let name = m.string("name", log, required: true), let b = m.number("baseline", log, required: true),
           let t = m.number("target", log, required: true) {
            var measure = Measure(name: name, baseline: located(b), target: located(t), span: span)
            if let s = m.string("standard", log) {
                if let known = OutcomeMeasure(rawValue: s) { measure.standard = known } else { log.error(m.path + ".standard", "\"\(s)\" is not a measure in careplan's library") }
            }
            out.measure = measure
        }
        out.due = g.date("due", log).map(located)
        out.focus = g.array("focus", log).compactMap { words($0, MovementFocus.self) }
        out.supports = g.string("supports", log).map(located)
        out.replaces = g.string("replaces", log).map(located)
        out.start = g.date("start", log).map(located)
        if let gas = g["gas"] {
            out.gas = GASScale(weight: gas.number("weight", log) ?? 1, baseline: gas.int("baseline", log) ?? -1, span: span)
        }
        out.notes = g.strings("notes", log)
        return out
    }

    package func intervention(_ i: JSONNode) -> Intervention? {
        guard let id = i.string("id", log, required: true), let title = i.string("title", log, required: true) else { return nil }
        var out = Intervention(id: located(id), title: located(title), span: span)
        out.type = i.word("type", InterventionType.self, log).map(located)
        out.serves = i.strings("serves", log).map(located)
        out.approach = i.word("approach", Approach.self, log)
        out.frequency = i["frequency"].flatMap(frequency)
        out.minutes = i.int("minutes", log)
        out.equipment = i.strings("equipment", log)
        out.cpt = i.strings("cpt", log).map(located)
        out.notes = i.strings("notes", log)
        // In person is the default: written only when it is something else.
        if let d = i.word("delivery", Delivery.self, log), d != .inPerson { out.delivery = located(d) }
        return out
    }

    package func visit(_ v: JSONNode) -> Visit? {
        guard let d = v.date("date", log, required: true), let s = v.word("status", VisitStatus.self, log, required: true) else { return nil }
        var out = Visit(date: located(d), status: s, span: span)
        out.minutes = v.int("minutes", log).map(located)
        out.given = v.strings("given", log).map(located)
        out.reason = v.string("reason", log)
        out.notes = v.strings("notes", log)
        if let soap = v["soap"] {
            out.soap.subjective = soap.string("subjective", log).map(located)
            out.soap.objective = soap.string("objective", log).map(located)
            out.soap.assessment = soap.string("assessment", log).map(located)
            out.soap.plan = soap.string("plan", log).map(located)
        }
        for sv in v.array("services", log) {
            guard let code = sv.string("code", log, required: true), let m = sv.int("minutes", log, required: true) else { continue }
            out.services.append(VisitService(code: located(code), minutes: located(m), note: sv.string("note", log), span: span))
        }
        return out
    }

    package func progress(_ r: JSONNode) -> ProgressRecord? {
        guard let d = r.date("date", log, required: true) else { return nil }
        var out = ProgressRecord(date: located(d), span: span)
        out.notes = r.strings("notes", log)
        out.copm = r.array("copm", log).compactMap(copm)
        for e in r.array("entries", log) {
            guard let g = e.string("goal", log, required: true) else { continue }
            out.entries.append(ProgressRecord.Entry(goal: located(g), note: e.string("note", log), gas: e.int("gas", log).map(located),
                                                    value: e.number("value", log), assist: e.word("assist", AssistLevel.self, log), span: span))
        }
        return out
    }
}
