import CarePlanBasics
import CarePlanModel

/// Computes a `PlanFileDiff` from the plans two versions of a file built.
///
/// Plans, goals and interventions are matched by id (when each version has exactly one plan,
/// those two are matched even if the id changed: a renamed plan is still the same client's
/// plan). Only what a reviewer would call a change is reported: a field's meaning, not its
/// spelling (`start + 6 weeks` and `2026-12-07` are the same due date), and schedule
/// consequences only when a date or count moved. Records dated after `today` are left out on
/// both sides, as every output does.
public enum PlanDiffer {
    public static func diff(old: [Plan], new: [Plan], oldName: String, newName: String, today: CalendarDate) -> PlanFileDiff {
        var pairs: [(Plan?, Plan?)] = []
        if old.count == 1 && new.count == 1 {
            pairs = [(old[0], new[0])]
        } else {
            let newIDs = Set(new.map(\.id.value))
            let oldIDs = Set(old.map(\.id.value))
            for p in old { pairs.append((p, newIDs.contains(p.id.value) ? new.first { $0.id.value == p.id.value } : nil)) }
            for p in new where !oldIDs.contains(p.id.value) { pairs.append((nil, p)) }
        }
        let plans = pairs.map { o, n in
            diff(o.map { $0.recorded(upTo: today) }, n.map { $0.recorded(upTo: today) }, today: today)
        }
        return PlanFileDiff(old: oldName, new: newName, today: today, plans: plans)
    }

    /// One plan's changes; either side may be missing (added or removed plan).
    package static func diff(_ old: Plan?, _ new: Plan?, today: CalendarDate) -> PlanDiff {
        guard let old else {
            let n = new!
            var d = PlanDiff(id: n.id.value, title: n.title.value, status: .added)
            d.fields = Describe.planEssentials(n).map { FieldChange($0.0, nil, $0.1) }
            d.goals = n.goals.map { GoalChange(kind: .added, id: $0.id.value, title: $0.title.value, summary: Describe.goal($0, in: n)) }
            d.interventions = n.interventions.map { InterventionChange(kind: .added, id: $0.id.value, title: $0.title.value, details: Describe.intervention($0)) }
            return d
        }
        guard let new else {
            return PlanDiff(id: old.id.value, title: old.title.value, status: .removed)
        }
        var d = PlanDiff(id: new.id.value, title: new.title.value, status: .unchanged)
        d.fields = planFields(old, new)
        d.goals = goals(old, new, today: today)
        d.interventions = interventions(old, new)
        d.schedule = ScheduleFacts.of(old, today: today).changes(to: ScheduleFacts.of(new, today: today))
        d.records = records(old, new)
        if d.hasChanges { d.status = .changed }
        return d
    }

    // MARK: - Plan fields

    /// Most important first: who pays and what is certified decide whether care is covered;
    /// diagnoses and precautions head every document; then how often sessions are booked.
    package static func planFields(_ o: Plan, _ n: Plan) -> [FieldChange] {
        var out: [FieldChange] = []
        func field(_ name: String, _ a: String?, _ b: String?) { if a != b { out.append(FieldChange(name, a, b)) } }
        field("plan id", o.id.value, n.id.value)
        field("payer", o.payer.map { Describe.payer($0.value) }, n.payer.map { Describe.payer($0.value) })
        field("certification", o.certification.map(Describe.certification), n.certification.map(Describe.certification))
        keyed("re-certification", o.recertifications, n.recertifications, key: { $0.on.map { "\($0.value)" } ?? "" },
              describe: Describe.certification, into: &out)
        listed("diagnosis", o.diagnoses.map(Describe.diagnosis), n.diagnoses.map(Describe.diagnosis), into: &out)
        listed("precaution", o.care.precautions.map(Describe.precaution), n.care.precautions.map(Describe.precaution), into: &out)
        field("discipline", o.discipline.map { $0.value.rawValue }, n.discipline.map { $0.value.rawValue })
        field("status", o.status.rawValue, n.status.rawValue)
        field("start", o.start.map { "\($0.value)" }, n.start.map { "\($0.value)" })
        field("frequency", o.frequency.map(Words.frequency), n.frequency.map(Words.frequency))
        // A check-in is the same line when it starts on the same day (`on`, or `every` from).
        keyed("check-in", o.checkins, n.checkins, key: Describe.checkinKey, describe: Describe.checkin, into: &out)
        listed("re-assessment", o.reassessments.map { "on \($0.value)" }, n.reassessments.map { "on \($0.value)" }, into: &out)
        listed("clinic closure", o.clinicClosures.map(Describe.closure), n.clinicClosures.map(Describe.closure), into: &out)
        field("title", Describe.quoted(o.title.value), Describe.quoted(n.title.value))
        field("client", o.client.map { $0.name.value }, n.client.map { $0.name.value })
        field("clinician", o.clinician, n.clinician)
        field("rehab potential", o.care.rehabPotential.map(Describe.rehabPotential), n.care.rehabPotential.map(Describe.rehabPotential))
        listed("discharge criterion", o.care.dischargeCriteria.map(Describe.quoted), n.care.dischargeCriteria.map(Describe.quoted), into: &out)
        field("discharge plan", o.care.dischargePlan.map { Describe.quoted($0.value) }, n.care.dischargePlan.map { Describe.quoted($0.value) })
        listed("signature", o.care.signatures.map { "\($0.name) on \($0.date.value)" }, n.care.signatures.map { "\($0.name) on \($0.date.value)" }, into: &out)
        field("description", o.description.map(Describe.quoted), n.description.map(Describe.quoted))
        return out
    }

    /// Items of a list matched by their text: each one only in the old version is "removed",
    /// each one only in the new version "added"; when exactly one went and one came, it was
    /// most likely reworded, and reads best as one change (`diagnosis: "Low back pain" ->
    /// M54.50 "Low back pain, unspecified"`).
    package static func listed(_ name: String, _ a: [String], _ b: [String], into out: inout [FieldChange]) {
        let gone = a.filter { !b.contains($0) }, came = b.filter { !a.contains($0) }
        if gone.count == 1 && came.count == 1 { out.append(FieldChange(name, gone[0], came[0])); return }
        for x in gone { out.append(FieldChange(name, x, nil)) }
        for x in came { out.append(FieldChange(name, nil, x)) }
    }

    /// A list whose order means nothing (goals served, CPT codes, focus): a change only when
    /// the items differ, shown in each version's own order.
    package static func unordered(_ name: String, _ a: [String], _ b: [String], into out: inout [FieldChange]) {
        if Set(a) != Set(b) { out.append(FieldChange(name, Describe.list(a), Describe.list(b))) }
    }

    /// Items matched by a key (a re-certification by its first day): changed, removed, added.
    package static func keyed<T>(_ name: String, _ a: [T], _ b: [T], key: (T) -> String, describe: (T) -> String, into out: inout [FieldChange]) {
        let bKeys = Set(b.map(key)), aKeys = Set(a.map(key))
        for x in a {
            let k = key(x)
            if let y = b.first(where: { key($0) == k }) {
                if describe(x) != describe(y) { out.append(FieldChange(name, describe(x), describe(y))) }
            } else if !bKeys.contains(k) {
                out.append(FieldChange(name, describe(x), nil))
            }
        }
        for y in b where !aKeys.contains(key(y)) { out.append(FieldChange(name, nil, describe(y))) }
    }

    // MARK: - Goals

    /// Closed and replaced goals first (what a re-evaluation decides), then new goals,
    /// removed ones, reopened ones, and goals whose fields changed; in the plan's order within each.
    package static func goals(_ o: Plan, _ n: Plan, today: CalendarDate) -> [GoalChange] {
        var closedOrReplaced: [GoalChange] = [], added: [GoalChange] = [], removed: [GoalChange] = []
        var reopened: [GoalChange] = [], changed: [GoalChange] = []
        // Goals new in this version that replace a goal of the old one: told with that goal.
        var replacements: [String: Goal] = [:]
        for g in n.goals where o.goal(g.id.value) == nil {
            if let r = g.replaces?.value, o.goal(r) != nil, replacements[r] == nil { replacements[r] = g }
        }
        let told = Set(replacements.values.map(\.id.value))
        for og in o.goals {
            let id = og.id.value
            guard let ng = n.goal(id) else {
                removed.append(GoalChange(kind: .removed, id: id, title: og.title.value, summary: Describe.goal(og, in: o)))
                continue
            }
            let oc = o.closure(of: id), nc = n.closure(of: id)
            // Once closed, which interventions still name a goal no longer matters to it.
            let fields = goalFields(og, ng, o, n, servedBy: nc == nil)
            let closure = nc.map { GoalChange.ClosureInfo(status: $0.status.rawValue, date: $0.date.value, reason: $0.reason) }
            if let r = replacements[id] {
                closedOrReplaced.append(GoalChange(kind: .replaced, id: id, title: og.title.value, closure: oc == nil ? closure : nil,
                                                   replacement: Describe.goal(r, in: n), fields: fields))
            } else if oc == nil, nc != nil {
                closedOrReplaced.append(GoalChange(kind: .closed, id: id, title: ng.title.value, closure: closure, fields: fields))
            } else if oc != nil, nc == nil {
                reopened.append(GoalChange(kind: .reopened, id: id, title: ng.title.value, fields: fields))
            } else {
                var f = fields
                if let oc, let nc, Describe.closure(oc) != Describe.closure(nc) {
                    f.insert(FieldChange("closed", Describe.closure(oc), Describe.closure(nc)), at: 0)
                }
                if !f.isEmpty { changed.append(GoalChange(kind: .changed, id: id, title: ng.title.value, fields: f)) }
            }
        }
        for g in n.goals where o.goal(g.id.value) == nil && !told.contains(g.id.value) {
            added.append(GoalChange(kind: .added, id: g.id.value, title: g.title.value, summary: Describe.goal(g, in: n)))
        }
        return closedOrReplaced + added + removed + reopened + changed
    }

    /// A goal's fields that differ, the ones that decide discharge first: target, due date,
    /// assist level, then wording and links.
    package static func goalFields(_ a: Goal, _ b: Goal, _ o: Plan, _ n: Plan, servedBy: Bool) -> [FieldChange] {
        var out: [FieldChange] = []
        func field(_ name: String, _ x: String?, _ y: String?) { if x != y { out.append(FieldChange(name, x, y)) } }
        switch (a.measure, b.measure) {
        case let (x?, y?) where Describe.measureName(x) == Describe.measureName(y):
            field("target of \(Describe.measureLabel(y))", Words.number(x.target.value), Words.number(y.target.value))
            field("baseline of \(Describe.measureLabel(y))", Words.number(x.baseline.value), Words.number(y.baseline.value))
        default:
            field("measure", a.measure.map(Describe.measure), b.measure.map(Describe.measure))
        }
        field("due", a.due.map { "\($0.value)" }, b.due.map { "\($0.value)" })
        field("assist level", Describe.assist(a), Describe.assist(b))
        field("wording", Describe.quoted(a.title.value), Describe.quoted(b.title.value))
        field("occupation", a.occupation.map { $0.value.rawValue }, b.occupation.map { $0.value.rawValue })
        field("condition", a.condition.map(Describe.quoted), b.condition.map(Describe.quoted))
        unordered("focus", a.focus.map(\.rawValue), b.focus.map(\.rawValue), into: &out)
        // Which interventions serve a goal is told under the interventions (their `serves`);
        // here only an open goal that nothing serves any more, which a reviewer must not miss.
        let before = Describe.servedBy(a.id.value, in: o), after = Describe.servedBy(b.id.value, in: n)
        if servedBy && after.isEmpty && !before.isEmpty {
            out.append(FieldChange("served by", Describe.list(before), "no intervention"))
        }
        field("supports", a.supports?.value, b.supports?.value)
        field("replaces", a.replaces?.value, b.replaces?.value)
        field("set on", a.start.map { "\($0.value)" }, b.start.map { "\($0.value)" })
        field("GAS", a.gas.map(Describe.gas), b.gas.map(Describe.gas))
        listed("note", a.notes.map(Describe.quoted), b.notes.map(Describe.quoted), into: &out)
        return out
    }

    // MARK: - Interventions

    package static func interventions(_ o: Plan, _ n: Plan) -> [InterventionChange] {
        var added: [InterventionChange] = [], removed: [InterventionChange] = [], changed: [InterventionChange] = []
        for oi in o.interventions {
            guard let k = n.interventionIndex(oi.id.value) else {
                removed.append(InterventionChange(kind: .removed, id: oi.id.value, title: oi.title.value, details: Describe.intervention(oi)))
                continue
            }
            let f = interventionFields(oi, n.interventions[k])
            if !f.isEmpty { changed.append(InterventionChange(kind: .changed, id: oi.id.value, title: n.interventions[k].title.value, fields: f)) }
        }
        for ni in n.interventions where o.interventionIndex(ni.id.value) == nil {
            added.append(InterventionChange(kind: .added, id: ni.id.value, title: ni.title.value, details: Describe.intervention(ni)))
        }
        return added + removed + changed
    }

    /// How often and for which goals first (they move the schedule and the goals' progress),
    /// then how long, how, what it is billed as, and wording.
    package static func interventionFields(_ a: Intervention, _ b: Intervention) -> [FieldChange] {
        var out: [FieldChange] = []
        func field(_ name: String, _ x: String?, _ y: String?) { if x != y { out.append(FieldChange(name, x, y)) } }
        field("frequency", a.frequency.map(Words.frequency) ?? Describe.inPlanSessions, b.frequency.map(Words.frequency) ?? Describe.inPlanSessions)
        unordered("serves", a.serves.map(\.value), b.serves.map(\.value), into: &out)
        field("duration", a.minutes.map { "\($0) minutes" }, b.minutes.map { "\($0) minutes" })
        field("delivery", (a.delivery?.value ?? .inPerson).rawValue, (b.delivery?.value ?? .inPerson).rawValue)
        unordered("cpt", a.cpt.map(\.value), b.cpt.map(\.value), into: &out)
        field("type", a.type.map { $0.value.rawValue }, b.type.map { $0.value.rawValue })
        field("approach", a.approach?.rawValue, b.approach?.rawValue)
        field("wording", Describe.quoted(a.title.value), Describe.quoted(b.title.value))
        listed("equipment", a.equipment.map(Describe.quoted), b.equipment.map(Describe.quoted), into: &out)
        listed("note", a.notes.map(Describe.quoted), b.notes.map(Describe.quoted), into: &out)
        return out
    }

    // MARK: - Records

    /// Progress records and visits matched by date (and, for visits, what happened). A record
    /// kept on both sides whose content was edited is "changed", naming the parts: rewriting a
    /// past visit's note or a reading is what an audit asks about.
    package static func records(_ o: Plan, _ n: Plan) -> [RecordChange] {
        var out: [RecordChange] = []
        func progress(_ r: ProgressRecord) -> String {
            let goals = r.entries.count
            var parts = ["\(goals) goal\(goals == 1 ? "" : "s")"]
            if !r.copm.isEmpty { parts.append("COPM re-rated") }
            return parts.joined(separator: ", ")
        }
        func visit(_ v: Visit) -> String {
            v.status.rawValue + (v.minutes.map { ", \($0.value) minutes" } ?? "")
        }
        // What each record says, part by part (spans left out: moving a line is no change).
        func progressParts(_ r: ProgressRecord) -> [(String, String)] {
            r.entries.map { e in
                ("reading of \(e.goal.value)", [e.value.map(JSONValue.format), e.assist?.rawValue, e.gas.map { "gas \($0.value)" }, e.note]
                    .compactMap { $0 }.joined(separator: " "))
            } + [("COPM", r.copm.map { "\($0.activity) \($0.performance)/\($0.satisfaction)" }.joined(separator: "; ")),
                 ("note", r.notes.joined(separator: "; "))]
        }
        func visitParts(_ v: Visit) -> [(String, String)] {
            [("interventions given", v.given.map(\.value).joined(separator: ", ")),
             ("reason", v.reason ?? ""),
             ("note", v.notes.joined(separator: "; "))]
                + v.soap.parts.map { ($0.heading.lowercased(), $0.text) }
                + [("services", v.services.map { "\($0.code.value) \($0.minutes.value) min \($0.note ?? "")" }.joined(separator: "; "))]
        }
        func edited(_ a: [(String, String)], _ b: [(String, String)]) -> [String] {
            var names: [String] = []
            for name in (a + b).map(\.0) where !names.contains(name) {
                let x = a.filter { $0.0 == name }.map(\.1), y = b.filter { $0.0 == name }.map(\.1)
                if x != y { names.append(name) }
            }
            return names
        }
        let op = o.progress.map { ($0.date.value, progress($0)) }, np = n.progress.map { ($0.date.value, progress($0)) }
        for x in op where !np.contains(where: { $0 == x }) { out.append(RecordChange(kind: .removed, record: "progress", date: x.0, detail: x.1)) }
        for x in np where !op.contains(where: { $0 == x }) { out.append(RecordChange(kind: .added, record: "progress", date: x.0, detail: x.1)) }
        let ov = o.visits.map { ($0.date.value, visit($0)) }, nv = n.visits.map { ($0.date.value, visit($0)) }
        for x in ov where !nv.contains(where: { $0 == x }) { out.append(RecordChange(kind: .removed, record: "visit", date: x.0, detail: x.1)) }
        for x in nv where !ov.contains(where: { $0 == x }) { out.append(RecordChange(kind: .added, record: "visit", date: x.0, detail: x.1)) }
        // Edited in place: one record of the same date and summary on each side.
        for r in o.progress {
            let same = n.progress.filter { $0.date.value == r.date.value && progress($0) == progress(r) }
            guard o.progress.filter({ $0.date.value == r.date.value }).count == 1, same.count == 1 else { continue }
            let parts = edited(progressParts(r), progressParts(same[0]))
            if !parts.isEmpty {
                out.append(RecordChange(kind: .changed, record: "progress", date: r.date.value, detail: "edited: " + parts.joined(separator: ", ")))
            }
        }
        for v in o.visits {
            let same = n.visits.filter { $0.date.value == v.date.value && visit($0) == visit(v) }
            guard o.visits.filter({ $0.date.value == v.date.value }).count == 1, same.count == 1 else { continue }
            let parts = edited(visitParts(v), visitParts(same[0]))
            if !parts.isEmpty {
                out.append(RecordChange(kind: .changed, record: "visit", date: v.date.value, detail: "\(visit(v)); edited: " + parts.joined(separator: ", ")))
            }
        }
        return out.sorted { ($0.date, $0.record, $0.kind.rawValue) < ($1.date, $1.record, $1.kind.rawValue) }
    }
}
