import CarePlanBasics
import CarePlanModel
import CarePlanAnalysis

/// HL7 FHIR R4: a `collection` Bundle holding a Patient, a Condition per diagnosis, one Goal per
/// goal and the CarePlan that ties them together. Ids are name-based UUIDs of the plan and goal
/// ids, so the same plan always gives the same Bundle. Codes follow the R4 value sets; see
/// ../shared/docs/domain.md and scripts/validate_exports.py, which checks them.
public enum FHIRExport {
    package static let ucum = "http://unitsofmeasure.org"
    package static let conditionClinicalSystem = "http://terminology.hl7.org/CodeSystem/condition-clinical"
    package static let carePlanCategorySystem = "http://hl7.org/fhir/us/core/CodeSystem/careplan-category"

    public static func render(_ plan: Plan, options: ExportOptions) -> String {
        bundle(plan, options: options).serialized(pretty: true) + "\n"
    }

    /// Stable names for the resources' UUIDs.
    package enum Names {
        package static func plan(_ p: String) -> String { "careplan:\(p):careplan" }
        package static func patient(_ p: String) -> String { "careplan:\(p):patient" }
        package static func goal(_ p: String, _ g: String) -> String { "careplan:\(p):goal:\(g)" }
        package static func condition(_ p: String, _ n: Int) -> String { "careplan:\(p):condition:\(n)" }
        package static func observation(_ p: String, _ g: String, _ n: Int) -> String { "careplan:\(p):observation:\(g):\(n)" }
        package static func device(_ p: String, _ i: String, _ n: Int) -> String { "careplan:\(p):device-request:\(i):\(n)" }
        /// The plan's n-th visit (1-based, as written), its daily note and its k-th service.
        package static func encounter(_ p: String, _ n: Int) -> String { "careplan:\(p):encounter:\(n)" }
        package static func dailyNote(_ p: String, _ n: Int) -> String { "careplan:\(p):daily-note:\(n)" }
        package static func service(_ p: String, _ n: Int, _ k: Int) -> String { "careplan:\(p):procedure:\(n):\(k)" }
    }

    public static func bundle(_ plan: Plan, options: ExportOptions) -> JSONValue {
        let pid = plan.id.value
        var entries: [JSONValue] = []
        func entry(_ name: String, _ resource: [String: JSONValue]) {
            // Blank text never reaches the Bundle (FHIR forbids empty strings).
            guard case .object(var r)? = scrub(.object(resource)) else { return }
            r["id"] = .string(StableID.uuid5(name))
            entries.append(.object(["fullUrl": .string(StableID.urn(name)), "resource": .object(r)]))
        }
        let timeline = Timeline.of(plan, today: options.today)
        let devices = deviceRequests(plan)
        let visits = visitResources(plan, today: options.today)
        var care = carePlan(plan, timeline: timeline, visits: visits)
        care["meta"] = meta(Profile.carePlan)
        care["identifier"] = careplanIdentifier(planIDSystem, pid)
        if let payer = plan.payer {
            // Who pays decides the certification rules careplan applies (PayerRules).
            care["extension"] = .array([.object(["url": .string(payerURL), "valueCode": .string(payer.value.rawValue)])])
        }
        care["text"] = narrative(plan)
        if !devices.isEmpty {
            // Equipment is ordered as DeviceRequests, each an activity by reference.
            var activities: [JSONValue] = []
            if case .array(let a)? = care["activity"] { activities = a }
            care["activity"] = .array(activities + devices.map { .object(["reference": reference($0.name)]) })
        }
        entry(Names.plan(pid), care)
        entry(Names.patient(pid), usCorePatient(plan))
        for (n, d) in plan.diagnoses.enumerated() {
            entry(Names.condition(pid, n + 1), usCoreCondition(d, plan))
        }
        var observationEntries: [(name: String, resource: [String: JSONValue])] = []
        for g in plan.goals {
            // The goal's readings, once: its achievement status and its Observations read them.
            let readings = GoalReadings(g, in: plan, asOf: options.today)
            let observations = self.observations(g, plan, readings)
            observationEntries += observations
            var r = goal(g, plan, timeline, readings)
            usCoreGoal(&r, g, plan, observations: observations.map(\.name))
            entry(Names.goal(pid, g.id.value), r)
        }
        for o in observationEntries { entry(o.name, o.resource) }
        for d in devices { entry(d.name, d.resource) }
        for v in visits.entries { entry(v.name, v.resource) }
        return .object([
            "resourceType": "Bundle",
            "id": .string(StableID.uuid5("careplan:\(pid):bundle")),
            "type": "collection",
            "entry": .array(entries),
        ])
    }

    // MARK: Resources

    package static func condition(_ d: Diagnosis, _ plan: Plan) -> [String: JSONValue] {
        var code: [String: JSONValue] = [:]
        if let c = d.code {
            code["coding"] = .array([coding(system: ICD10CM.system, code: c.value, display: ICD10CM.lookup(c.value)?.display ?? d.text)])
        }
        if let text = nonBlank(d.text) { code["text"] = .string(text) }
        return [
            "resourceType": "Condition",
            "clinicalStatus": concept(system: conditionClinicalSystem, code: "active", display: "Active"),
            "code": .object(code),
            "subject": reference(Names.patient(plan.id.value)),
        ]
    }

    /// The text, or nil when it is empty or only white space (FHIR forbids empty strings).
    package static func nonBlank(_ s: String?) -> String? {
        guard let s, s.contains(where: { !$0.isWhitespace }) else { return nil }
        return s
    }

    /// `readings`: the goal's progress readings up to the timeline's today.
    package static func goal(_ g: Goal, _ plan: Plan, _ timeline: Timeline, _ readings: GoalReadings) -> [String: JSONValue] {
        let pid = plan.id.value
        let today = timeline.today
        // A closure dated after today has not happened: left out, like every later record.
        let closure = plan.closure(of: g.id.value).flatMap { $0.date.value <= today ? $0 : nil }
        let progress = ProgressAnalysis.goal(plan, g, timeline)
        var r: [String: JSONValue] = [
            "resourceType": "Goal",
            "lifecycleStatus": .string(lifecycleStatus(closure, plan)),
            "description": .object(["text": .string(g.title.value)]),
            "subject": reference(Names.patient(pid)),
        ]
        if let a = Achievement(progress, entries: readings.entryCount) {
            r["achievementStatus"] = concept(system: Achievement.system, code: a.rawValue, display: a.display)
        }
        var categories: [JSONValue] = []
        if let o = g.occupation { categories.append(.object(["text": .string(o.value.label)])) }
        categories += g.focus.map { .object(["text": .string($0.label)]) }
        if !categories.isEmpty { r["category"] = .array(categories) }
        if let life = timeline.life(of: g.id.value) { r["startDate"] = .string(life.start.description) }
        let targets = self.targets(g)
        if !targets.isEmpty { r["target"] = .array(targets) }
        if let c = closure {
            r["statusDate"] = .string(c.date.value.description)
            if let reason = c.reason { r["statusReason"] = .string(reason) }
        }
        var notes: [JSONValue] = []
        if let c = g.condition { notes.append(annotation(Wording.condition + c)) }
        if let a = g.assistFrom { notes.append(annotation(Wording.assistAtStart + "\(a.value.rawValue) (\(a.value.label))")) }
        notes += g.notes.map { annotation($0) }
        notes += progressNotes(g, plan).map { annotation($0.text, time: $0.date) }
        if !notes.isEmpty { r["note"] = .array(notes) }
        return r
    }

    package static func lifecycleStatus(_ closure: Closure?, _ plan: Plan) -> String {
        if let c = closure { return c.status == .achieved ? "completed" : "cancelled" }
        switch plan.status {
        case .draft: return "proposed"
        case .onHold: return "on-hold"
        case .revoked: return "cancelled"
        // R4: completed means "no longer being sought", which a finished plan's open goals are.
        case .completed: return "completed"
        case .active: return "active"
        }
    }

    /// A value of measure `m` as a FHIR Quantity: with the UCUM unit `Measure.unit` gives (a
    /// standardised measure's, or the one a free-text name states, "(degrees)"), else the
    /// number alone: careplan does not guess a unit.
    package static func quantity(_ value: Double, _ m: Measure?) -> [String: JSONValue] {
        var q: [String: JSONValue] = ["value": .number(value)]
        if let u = m?.unit { q["unit"] = .string(u.label); q["system"] = .string(ucum); q["code"] = .string(u.code) }
        return q
    }

    /// One target per scale the goal names: its measure, its assist level; a bare due date otherwise.
    package static func targets(_ g: Goal) -> [JSONValue] {
        var out: [[String: JSONValue]] = []
        if let m = g.measure {
            var q = quantity(m.target.value, m)
            if m.target.value != m.baseline.value { q["comparator"] = .string(m.target.value > m.baseline.value ? ">=" : "<=") }
            out.append(["measure": .object(["text": .string(m.name)]), "detailQuantity": .object(q)])
        }
        if let a = g.assistTo {
            out.append(["measure": .object(["text": .string(Wording.assistLevelMeasure)]),
                        "detailCodeableConcept": .object(["text": .string("\(a.value.rawValue) (\(a.value.label))")])])
        }
        if out.isEmpty, g.due != nil { out.append([:]) }
        return out.map { t in
            var t = t
            if let d = g.due { t["dueDate"] = .string(d.value.description) }
            return .object(t)
        }
    }

    /// Progress entries for a goal, as dated notes.
    package static func progressNotes(_ g: Goal, _ plan: Plan) -> [(date: CalendarDate, text: String)] {
        var out: [(CalendarDate, String)] = []
        for r in plan.progress {
            for e in r.entries where e.goal.value == g.id.value {
                // Values and assist levels are Observations; what is left is said here.
                var parts: [String] = []
                if let gas = e.gas { parts.append(Wording.gas + "\(gas.value)") }
                if let n = nonBlank(e.note) { parts.append(n) }
                if !parts.isEmpty { out.append((r.date.value, Wording.progress + parts.joined(separator: Wording.partSeparator))) }
            }
        }
        return out.enumerated().sorted { a, b in
            a.element.0 != b.element.0 ? a.element.0 < b.element.0 : a.offset < b.offset
        }.map { (date: $0.element.0, text: $0.element.1) }
    }

    /// `visits`: the visits' Encounters, which the activities name as their outcomes.
    package static func carePlan(_ plan: Plan, timeline: Timeline, visits: VisitResources = VisitResources()) -> [String: JSONValue] {
        let pid = plan.id.value
        let schedule = timeline.schedule
        let discipline = plan.discipline.map { $0.value.label } ?? "therapy"
        var r: [String: JSONValue] = [
            "resourceType": "CarePlan",
            "status": .string(plan.status.rawValue),
            "intent": "plan",
            "subject": reference(Names.patient(pid)),
            "title": .string(plan.title.value),
            "description": .string(plan.description ?? Wording.defaultDescription(plan.discipline?.value)),
            "category": .array([.object([
                "coding": .array([coding(system: carePlanCategorySystem, code: "assess-plan", display: "Assessment and Plan of Treatment")]),
                "text": .string("\(capitalized(discipline)) plan of care"),
            ])]),
        ]
        if let start = schedule.start {
            var period: [String: JSONValue] = ["start": .string(start.description)]
            if let end = schedule.end { period["end"] = .string(end.description) }
            r["period"] = .object(period)
        }
        if let c = plan.clinician { r["author"] = .object(["display": .string(c)]) }
        if !plan.diagnoses.isEmpty {
            r["addresses"] = .array(plan.diagnoses.indices.map { reference(Names.condition(pid, $0 + 1)) })
        }
        if !plan.goals.isEmpty { r["goal"] = .array(plan.goals.map { reference(Names.goal(pid, $0.id.value)) }) }
        let activities = self.activities(plan, timeline: timeline, visits: visits)
        if !activities.isEmpty { r["activity"] = .array(activities) }
        if !plan.notes.isEmpty { r["note"] = .array(plan.notes.map { annotation($0) }) }
        return r
    }

    // MARK: Activities

    package static func activities(_ plan: Plan, timeline: Timeline, visits: VisitResources = VisitResources()) -> [JSONValue] {
        let pid = plan.id.value
        let schedule = timeline.schedule, today = timeline.today
        var out: [JSONValue] = []
        func sessions(_ id: String) -> Schedule.Series? { schedule.series.first { $0.id == id } }
        // The plan's own sessions, once; interventions without a frequency of their own are
        // given in them and say so, instead of repeating their timing. The visits recorded
        // are their outcomes (a plan with visits and no frequency still has sessions).
        if plan.frequency != nil || !visits.encounters.isEmpty {
            var detail: [String: JSONValue] = [
                "kind": "ServiceRequest",
                "status": .string(plan.status == .active ? "scheduled" : plan.status == .draft ? "not-started" : "completed"),
                "code": .object(["text": .string(Wording.sessions)]),
                "description": .string("\(Wording.sessions): \(plan.title.value)"),
            ]
            if let f = plan.frequency {
                detail["scheduledTiming"] = timing(f, minutes: nil, schedule: schedule, dates: sessions("\(pid)-sessions")?.dates)
            }
            var activity: [String: JSONValue] = ["detail": .object(detail)]
            if !visits.encounters.isEmpty { activity["outcomeReference"] = .array(visits.encounters.map(reference)) }
            out.append(.object(activity))
        }
        for i in plan.interventions {
            var detail: [String: JSONValue] = [
                "kind": "ServiceRequest",
                "status": .string(interventionStatus(i, plan, schedule: schedule, today: today)),
                "description": .string(i.equipment.isEmpty ? i.title.value : "\(i.title.value)\(Wording.equipmentList)\(i.equipment.joined(separator: ", ")))"),
            ]
            var code: [String: JSONValue] = [:]
            let cpt = i.cpt.map { c in coding(system: CPTCode.system, code: c.value, display: CPTCode.lookup(c.value)?.display ?? "CPT \(c.value)") }
            if !cpt.isEmpty { code["coding"] = .array(cpt) }
            if let t = i.type { code["text"] = .string(t.value.label) }
            if !code.isEmpty { detail["code"] = .object(code) }
            let goals = i.serves.filter { plan.goal($0.value) != nil }.map { reference(Names.goal(pid, $0.value)) }
            if !goals.isEmpty { detail["goal"] = .array(goals) }
            if let f = i.frequency {
                detail["scheduledTiming"] = timing(f, minutes: i.minutes, schedule: schedule, dates: sessions("\(pid)-\(i.id.value)-sessions")?.dates)
            } else if i.isHomeProgramme {
                // Done at home, not in the sessions: it must not claim their timing.
                detail["scheduledString"] = "at home, as taught (no frequency written)"
            } else {
                detail["scheduledString"] = .string(plan.frequency == nil ? "when needed (no sessions booked)" : "during the plan's therapy sessions")
            }
            var extensions: [JSONValue] = [.object(["url": .string(interventionIDURL), "valueString": .string(i.id.value)])]
            // How it reaches the client (`delivery`). A home programme is done by the client
            // alone: R4 says so with the Patient as the activity's performer. Telehealth has no
            // R4 CarePlan element, so careplan's own extension carries it. Without either, an
            // import reads clinic sessions, a different plan.
            switch i.delivery?.value {
            case .homeProgramme?: detail["performer"] = .array([reference(Names.patient(pid))])
            case .telehealth?: extensions.append(.object(["url": .string(deliveryURL), "valueCode": .string(Delivery.telehealth.rawValue)]))
            case .inPerson?, nil: break
            }
            detail["extension"] = .array(extensions)
            var activity: [String: JSONValue] = ["detail": .object(detail)]
            if let given = visits.given[i.id.value] { activity["outcomeReference"] = .array(given.map(reference)) }
            if !i.notes.isEmpty { activity["progress"] = .array(i.notes.map { annotation($0) }) }
            out.append(.object(activity))
        }
        for s in schedule.series where !s.dates.isEmpty {
            let kind: String, code: String
            switch s.kind {
            case .checkin: kind = "Appointment"; code = Wording.checkin
            case .reassessment: kind = "Appointment"; code = Wording.reassessment
            case .recertification, .session, .certificationEnd, .goalDue: continue
            }
            var detail: [String: JSONValue] = [
                "kind": .string(kind),
                "code": .object(["text": .string(code)]),
                "status": .string(eventStatus(s, plan, today: today)),
                "description": .string(s.kind == .checkin ? checkinDescription(s, plan) : s.title),
            ]
            let goals = s.reviews.filter { plan.goal($0) != nil }.map { reference(Names.goal(pid, $0)) }
            if !goals.isEmpty { detail["goal"] = .array(goals) }
            if s.dates.count == 1 {
                detail["scheduledPeriod"] = .object(["start": .string(s.dates[0].description), "end": .string(s.dates[0].description)])
            } else if let rule = s.rule, rule.weekdays.isEmpty, let unit = periodUnit(rule.unit) {
                detail["scheduledTiming"] = .object(["repeat": .object([
                    "frequency": 1, "period": .number(Double(rule.interval)), "periodUnit": .string(unit),
                    "count": .number(Double(rule.count)),
                    "boundsPeriod": .object(["start": .string(s.dates.first!.description), "end": .string(s.dates.last!.description)]),
                ])])
            } else {
                detail["scheduledTiming"] = .object(["event": .array(s.dates.map { .string($0.description) })])
            }
            out.append(.object(["detail": .object(detail)]))
        }
        // Each certification period, with the status the timeline gives it on `today`.
        for c in schedule.certifications {
            let status: String
            switch c.status {
            case .inForce: status = "in-progress"
            case .ended: status = "completed"
            case .upcoming: status = "scheduled"
            case .planned: status = "not-started"
            }
            var description = "\(c.kind == .initial ? "Certification" : "Re-certification") of the plan of care, \(c.start) to \(c.end) (\(c.status.rawValue))"
            if let d = c.signed { description += Wording.signed + d.description }
            if let by = c.by { description += Wording.signedBy + by }
            out.append(.object(["detail": .object([
                "kind": "Task",
                "code": .object(["text": .string(c.kind == .initial ? Wording.certification : Wording.recertification)]),
                "status": .string(status),
                "description": .string(description),
                "scheduledPeriod": .object(["start": .string(c.start.description), "end": .string(c.end.description)]),
            ])]))
        }
        // Clinic closures: no session is booked in them (R4 Timing has no exclusions), so each
        // is an activity that must not happen (doNotPerform) over its dates. Its status stays
        // `scheduled` (the closure is booked) once the dates pass: `completed` would tell a
        // reader that an appointment took place on a day the clinic was shut.
        for c in plan.clinicClosures {
            out.append(.object(["detail": .object([
                "kind": "Appointment",
                "code": .object(["text": .string(closureCode)]),
                "status": "scheduled",
                "doNotPerform": .bool(true),
                "description": .string(c.reason ?? closureCode),
                "scheduledPeriod": .object(["start": .string(c.from.value.description), "end": .string(c.to.value.description)]),
            ])]))
        }
        return out
    }

    package static let closureCode = "Clinic closed"
    /// CPT re-evaluation codes (PT 97164, OT 97168): a visit billed with one records a re-assessment.
    package static let reEvaluationCodes: Set<String> = ["97164", "97168"]

    package static func checkinDescription(_ s: Schedule.Series, _ plan: Plan) -> String {
        let titles = s.reviews.compactMap { plan.goal($0)?.title.value }
        return titles.isEmpty ? "Check-in" : "Check-in: review \(titles.joined(separator: "; "))"
    }

    /// `Timing` for a frequency: `2 per week for 8 weeks` is frequency 2, period 1 wk, bounds 8 wk;
    /// a number of visits is a `count`; with no length, the sessions run to the plan's end.
    /// Sessions that begin later than the plan (`from DATE`) are bounded by dates instead.
    package static func timing(_ f: Frequency, minutes: Int?, schedule: Schedule, dates: [CalendarDate]?) -> JSONValue {
        if f.isOnce, let d = dates?.first ?? f.start {
            return .object(["repeat": .object(["count": 1, "boundsPeriod": .object(["start": .string(d.description), "end": .string(d.description)])])])
        }
        var rep: [String: JSONValue] = ["frequency": .number(Double(f.times)), "period": .number(Double(f.period.amount))]
        if !f.weekdays.isEmpty { rep["dayOfWeek"] = .array(f.weekdays.map { .string($0.rawValue) }) }
        rep["periodUnit"] = periodUnit(f.period.unit).map { .string($0) }
        if let l = f.length {
            if l.unit == .visit {
                rep["count"] = .number(Double(l.amount))
                if let from = f.start { rep["boundsPeriod"] = .object(["start": .string(from.description)]) }
            } else if let from = f.start, let end = l.after(from) {
                rep["boundsPeriod"] = .object(["start": .string(from.description), "end": .string(end.adding(days: -1).description)])
            } else if let u = periodUnit(l.unit) {
                rep["boundsDuration"] = .object(["value": .number(Double(l.amount)), "unit": .string(u), "system": .string(ucum), "code": .string(u)])
            }
        } else if let start = f.start ?? schedule.start, let end = schedule.end {
            rep["boundsPeriod"] = .object(["start": .string(start.description), "end": .string(end.description)])
        }
        // The booked sessions, counted as the schedule books them (weekends and closures left out).
        if let dates, !dates.isEmpty { rep["count"] = .number(Double(dates.count)) }
        if let m = minutes {
            rep["duration"] = .number(Double(m))
            rep["durationUnit"] = "min"
        }
        return .object(["repeat": .object(rep)])
    }

    /// UCUM / Timing.periodUnit code for a calendar unit (visits have none).
    package static func periodUnit(_ u: DurationUnit) -> String? {
        switch u {
        case .day: return "d"
        case .week: return "wk"
        case .month: return "mo"
        case .year: return "a"
        case .visit: return nil
        }
    }

    // MARK: Statuses

    package static func interventionStatus(_ i: Intervention, _ plan: Plan, schedule: Schedule, today: CalendarDate) -> String {
        switch plan.status {
        case .draft: return "not-started"
        case .onHold: return "on-hold"
        case .completed: return "completed"
        case .revoked: return "cancelled"
        case .active: break
        }
        let closures = i.serves.compactMap { plan.closure(of: $0.value) }.filter { $0.date.value <= today }
        if !i.serves.isEmpty, closures.count == i.serves.count {
            return closures.contains { $0.status == .achieved } ? "completed" : "stopped"
        }
        guard let start = schedule.start, today >= start else { return "not-started" }
        let own = schedule.series.first { $0.kind == .session && $0.element == i.id.value }
        if let last = own?.dates.last, last < today { return "completed" }
        return "in-progress"
    }

    /// CarePlan.activity.detail.status (R4 CarePlanActivityStatus, a required binding, so not
    /// Appointment.status's `booked`/`fulfilled`) of a check-in or re-assessment: future dates
    /// are `scheduled`; a past one is `completed` only when the plan records it on its last
    /// date (a check-in: a progress reading of a goal it reviews; a re-assessment: an attended
    /// visit billed with the discipline's re-evaluation code, 97164 PT or 97168 OT), else
    /// `unknown`, R4's "one of the listed statuses is presumed to apply, but the source
    /// system does not know which": careplan cannot tell a review that took place unrecorded
    /// from one that did not. A passed date alone is no record.
    package static func eventStatus(_ s: Schedule.Series, _ plan: Plan, today: CalendarDate) -> String {
        switch plan.status {
        case .draft, .active: break
        case .onHold: return "on-hold"
        case .completed: return "completed"
        case .revoked: return "cancelled"
        }
        guard let last = s.dates.last else { return "unknown" }
        if last >= today { return "scheduled" }
        let recorded: Bool
        switch s.kind {
        case .checkin:
            recorded = plan.progress.contains { p in p.date.value == last && p.entries.contains { s.reviews.contains($0.goal.value) } }
        case .reassessment:
            recorded = plan.visits.contains { v in
                v.date.value == last && v.status == .attended && v.services.contains { reEvaluationCodes.contains($0.code.value) }
            }
        default:
            recorded = false
        }
        return recorded ? "completed" : "unknown"
    }

    // MARK: Data types

    package static func reference(_ name: String) -> JSONValue { .object(["reference": .string(StableID.urn(name))]) }

    package static func coding(system: String, code: String, display: String) -> JSONValue {
        .object(["system": .string(system), "code": .string(code), "display": .string(display)])
    }

    package static func concept(system: String, code: String, display: String) -> JSONValue {
        .object(["coding": .array([coding(system: system, code: code, display: display)])])
    }

    package static func annotation(_ text: String, time: CalendarDate? = nil) -> JSONValue {
        var a: [String: JSONValue] = ["text": .string(text)]
        if let time { a["time"] = .string(time.description) }
        return .object(a)
    }

    package static func capitalized(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }
}
