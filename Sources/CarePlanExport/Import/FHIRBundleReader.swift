import CarePlanBasics
import CarePlanSyntax
import CarePlanModel

/// Reads a FHIR R4 Bundle (careplan's own US Core export, or one from another system) into a
/// plan model: the CarePlan with its activities, the Patient, Conditions, Goals, the
/// Observations of progress and the DeviceRequests for equipment. What careplan computes
/// (narratives, statuses, achievement, counts) is recomputed, not read; what it has no place
/// for is logged as not represented, by JSON path.
package struct FHIRBundleReader {
    package let log: ImportLog
    package let span: Span

    /// Identifier systems careplan's export writes so that ids survive a round trip.
    package static let planIDSystem = FHIRExport.planIDSystem
    package static let goalIDSystem = FHIRExport.goalIDSystem
    package static let interventionIDURL = FHIRExport.interventionIDURL
    /// The export's own words, which mark what it wrote (FHIRWording.swift).
    package typealias Wording = FHIRExport.Wording

    /// Keys each resource type is read for, and keys careplan recomputes (not lost).
    package static let read: [String: Set<String>] = [
        "CarePlan": ["resourceType", "id", "meta", "text", "identifier", "extension", "status", "intent", "category", "title", "description",
                     "subject", "period", "author", "addresses", "goal", "activity", "note"],
        "Patient": ["resourceType", "id", "meta", "text", "identifier", "name", "gender", "birthDate"],
        "Condition": ["resourceType", "id", "meta", "text", "clinicalStatus", "verificationStatus", "category", "code", "subject"],
        "Goal": ["resourceType", "id", "meta", "text", "identifier", "lifecycleStatus", "achievementStatus", "category", "description",
                 "subject", "startDate", "target", "statusDate", "statusReason", "note", "outcomeReference", "extension", "expressedBy"],
        "Observation": ["resourceType", "id", "meta", "text", "status", "category", "code", "subject", "effectiveDateTime", "focus",
                        "valueQuantity", "valueCodeableConcept"],
        "DeviceRequest": ["resourceType", "id", "meta", "text", "status", "intent", "codeCodeableConcept", "subject", "note"],
        // class, type and reasonReference follow from the plan's payer, discipline and diagnoses.
        "Encounter": ["resourceType", "id", "meta", "text", "extension", "status", "class", "type", "subject", "period", "length",
                      "reasonCode", "reasonReference"],
        "DocumentReference": ["resourceType", "id", "meta", "text", "status", "type", "category", "subject", "description", "author",
                              "content", "context"],
        "Procedure": ["resourceType", "id", "meta", "text", "extension", "basedOn", "status", "code", "subject", "encounter",
                      "performedDateTime", "performedPeriod", "note"],
    ]

    package struct Entry { var node: JSONNode; var type: String }
    package var entries: [Entry] = []
    package var byReference: [String: Int] = [:]
    /// Goals whose measure had no baseline in the Bundle's own words (see `goal`).
    package var missingBaseline: [String: String] = [:]
    /// The visit (index in the plan's visits) each Encounter entry became.
    package var visitIndex: [Int: Int] = [:]

    package init(log: ImportLog, span: Span) { self.log = log; self.span = span }

    package func located<T>(_ v: T) -> Located<T> { Located(v, span) }

    package mutating func plan(_ root: JSONNode) -> Plan? {
        guard let list = root["entry"] else { log.error(root.path + ".entry", "missing: the Bundle has no entries, so no plan"); return nil }
        guard list.isArray else { log.error(list.path, "expected an array of entries, found \(list.kind)"); return nil }
        for e in list.items {
            guard e.object != nil else { log.error(e.path, "expected an entry object, found \(e.kind)"); continue }
            guard let r = e["resource"] else { log.error(e.path + ".resource", "missing (each entry holds a resource)"); continue }
            guard r.object != nil else { log.error(r.path, "expected a resource object, found \(r.kind)"); continue }
            guard let type = r.string("resourceType", log, required: true) else { continue }
            let n = entries.count
            entries.append(Entry(node: r, type: type))
            if let url = e.string("fullUrl", log) { byReference[url] = n }
            if let id = r.string("id", log) { byReference["\(type)/\(id)"] = n }
        }
        guard log.errors.isEmpty else { return nil }
        let carePlans = entries.indices.filter { entries[$0].type == "CarePlan" }
        guard let cpIndex = carePlans.first else {
            log.error(list.path, "no CarePlan resource: careplan imports a plan of care (found \(Set(entries.map(\.type)).sorted().joined(separator: ", ")))")
            return nil
        }
        for other in carePlans.dropFirst() { log.omit(entries[other].node.path, "a second CarePlan: careplan imports one plan per file (the first)") }
        let cp = entries[cpIndex].node
        unread(cp, "CarePlan")

        var used = Set<Int>([cpIndex])
        let title = cp.string("title", log) ?? cp.string("description", log) ?? "Imported plan"
        let pid = identifier(cp, system: Self.planIDSystem) ?? Self.name(from: title, fallback: "imported", taken: [])
        var p = Plan(id: located(pid), title: located(title), span: span)
        if let s = cp.string("status", log) {
            if let st = PlanStatus(rawValue: s) { p.status = st } else { log.omit(cp.path + ".status", "status \"\(s)\" has no careplan equivalent (read as active)") }
        }
        p.discipline = discipline(cp).map(located)
        for e in cp.array("extension", log) {
            if e.string("url", log) == FHIRExport.payerURL, let v = e.string("valueCode", log), let payer = Payer(rawValue: v) { p.payer = located(payer) }
            else { log.omit(e.path, "extension \(e.string("url", log).map { "\"\($0)\"" } ?? "") has no place in careplan") }
        }
        let defaultDescription = Wording.defaultDescription(p.discipline?.value)
        if let d = cp.string("description", log), d != defaultDescription, d != title { p.description = d }
        if let s = cp["period"]?.date("start", log) { p.start = located(s) }
        if let a = cp["author"] {
            if let d = a.string("display", log) { p.clinician = d } else { log.omit(a.path, "an author without a display name") }
        }
        p.notes = cp.array("note", log).compactMap { $0.string("text", log) }

        // The client.
        if let ref = cp["subject"], let i = resolve(ref, "Patient") {
            used.insert(i)
            p.client = client(entries[i].node)
        }
        for i in entries.indices where entries[i].type == "Patient" && !used.contains(i) {
            log.omit(entries[i].node.path, "a Patient the CarePlan is not about")
            used.insert(i)
        }

        // Diagnoses: the ones the plan addresses, in its order, then any other Condition.
        var conditionOrder: [Int] = []
        for ref in cp.array("addresses", log) {
            if let i = resolve(ref, "Condition"), !conditionOrder.contains(i) { conditionOrder.append(i) }
        }
        conditionOrder += entries.indices.filter { entries[$0].type == "Condition" && !conditionOrder.contains($0) }
        for i in conditionOrder {
            used.insert(i)
            if let d = diagnosis(entries[i].node) { p.diagnoses.append(d) }
        }

        // Goals, in the plan's order, then any other Goal.
        var goalOrder: [Int] = []
        for ref in cp.array("goal", log) {
            if let i = resolve(ref, "Goal"), !goalOrder.contains(i) { goalOrder.append(i) }
        }
        goalOrder += entries.indices.filter { entries[$0].type == "Goal" && !goalOrder.contains($0) }
        var goalIDs: [Int: String] = [:]
        var taken = Set<String>([pid])
        for i in goalOrder {
            let g = entries[i].node
            let title = g["description"]?.string("text", log) ?? g["description"]?["coding"]?.items.first?.string("display", log)
            let id = identifier(g, system: Self.goalIDSystem) ?? Self.name(from: title ?? "goal", fallback: "goal", taken: taken)
            taken.insert(id)
            goalIDs[i] = id
        }
        var progress: [CalendarDate: [String: ProgressRecord.Entry]] = [:]
        let sp = span
        func entry(_ date: CalendarDate, _ goal: String, _ change: (inout ProgressRecord.Entry) -> Void) {
            var e = progress[date]?[goal] ?? ProgressRecord.Entry(goal: Located(goal, sp), span: sp)
            change(&e)
            progress[date, default: [:]][goal] = e
        }
        for i in goalOrder {
            used.insert(i)
            guard let g = goal(entries[i].node, id: goalIDs[i]!, plan: &p, goalIDs: goalIDs, progress: entry) else { continue }
            p.add(g)
        }
        // Relationships are read once every goal is known.
        for i in goalOrder { relationships(entries[i].node, goalIDs: goalIDs, plan: &p) }
        // A goal that starts the day the goal it replaces closed says nothing by `starts`.
        for k in p.goals.indices {
            if let r = p.goals[k].replaces, let c = p.closure(of: r.value), p.goals[k].start?.value == c.date.value { p.goals[k].start = nil }
        }

        // Observations of progress: values and assist levels, on the goal they are about.
        for i in entries.indices where entries[i].type == "Observation" {
            used.insert(i)
            observation(entries[i].node, goalIDs: goalIDs, progress: entry)
        }
        // From another system, a measure's baseline is its first reading; with none, the
        // target alone cannot be a careplan measure and becomes a note.
        for (goalID, path) in missingBaseline.sorted(by: { $0.key < $1.key }) {
            guard let k = p.goalIndex(goalID), let m = p.goals[k].measure else { continue }
            if let first = progress.keys.sorted().lazy.compactMap({ progress[$0]?[goalID]?.value }).first {
                p.goals[k].measure?.baseline = located(first)
            } else {
                p.goals[k].measure = nil
                p.goals[k].notes.append("Target: \(m.name) \(PlanPrinter.num(m.target.value))")
                log.omit(path, "a target with no baseline reading: kept as a note (careplan measures go from a baseline to a target)")
            }
        }
        p.progress = progress.keys.sorted().map { d in
            var r = ProgressRecord(date: located(d), span: span)
            r.entries = p.goals.compactMap { progress[d]?[$0.id.value] }
            return r
        }

        // Equipment: DeviceRequests, matched to the intervention they are for.
        var equipment: [String: [String]] = [:]
        for i in entries.indices where entries[i].type == "DeviceRequest" {
            used.insert(i)
            let d = entries[i].node
            unread(d, "DeviceRequest")
            guard let text = d["codeCodeableConcept"]?.string("text", log) ?? d["codeCodeableConcept"]?["coding"]?.items.first?.string("display", log) else {
                log.omit(d.path, "a DeviceRequest without a device named in text"); continue
            }
            let forTitle = d.array("note", log).compactMap { $0.string("text", log) }.first { $0.hasPrefix(Wording.equipmentFor) }.map { String($0.dropFirst(Wording.equipmentFor.count)) }
            equipment[forTitle ?? "", default: []].append(text)
        }

        // Visits before the activities: an intervention's activity names the visits it was given at.
        visits(plan: &p, used: &used)
        activities(cp, plan: &p, goalIDs: goalIDs, equipment: &equipment, taken: &taken)
        for (title, items) in equipment.sorted(by: { $0.key < $1.key }) {
            log.omit(cp.path, "equipment \(items.map { "\"\($0)\"" }.joined(separator: ", ")) for \(title.isEmpty ? "no intervention" : "\"\(title)\"") that no activity names")
        }

        for i in entries.indices where !used.contains(i) {
            log.omit(entries[i].node.path, "\(Self.article(entries[i].type)) \(entries[i].type) resource: careplan has no place for it")
        }
        return p
    }

    // MARK: References and names

    /// The entry a reference points at, when it is of `type`.
    package func resolve(_ ref: JSONNode, _ type: String) -> Int? {
        guard let r = ref.string("reference", log) else {
            if ref.object != nil { log.omit(ref.path, "a reference without `reference`") }
            return nil
        }
        guard let i = byReference[r] else { log.omit(ref.path, "\"\(r)\" is not in the Bundle"); return nil }
        guard entries[i].type == type else { log.omit(ref.path, "\"\(r)\" is a \(entries[i].type), not a \(type)"); return nil }
        return i
    }

    package func identifier(_ r: JSONNode, system: String) -> String? {
        for id in r.array("identifier", log) where id.string("system", log) == system {
            if let v = id.string("value", log), Self.isName(v) { return v }
        }
        return nil
    }

    /// True when `s` can be a careplan id as written: the lexer's identifier rule
    /// (`Lexer.isIdentifier`), and not a word that makes a poor id.
    package static func isName(_ s: String) -> Bool {
        Lexer.isIdentifier(s) && !StatementKeyword.reservedNames.contains(s) && !StatementKeywordNames.all.contains(s)
    }

    /// A short careplan id from a title: its first three words, lower case, joined by `-`.
    /// Words are runs of ASCII letters and digits (the characters an id may hold), so `m²`
    /// gives `m`, not a word the lexer would refuse.
    package static func name(from title: String, fallback: String, taken: Set<String>) -> String {
        let words = title.lowercased().split { !(($0.isLetter || $0.isNumber) && $0.isASCII) }.map(String.init)
            .filter { !["the", "a", "an", "to", "with", "of", "and", "for", "in", "on", "at"].contains($0) }
        // `-` joins words only before a letter (`walk-10` would lex as `walk - 10`).
        var base = ""
        for w in words.drop(while: { !$0.first!.isLetter }).prefix(3) {
            base += base.isEmpty ? w : w.first!.isLetter ? "-" + w : w
        }
        if base.isEmpty || !isName(base) { base = fallback }
        var candidate = base, n = 2
        while taken.contains(candidate) || !isName(candidate) { candidate = "\(base)\(n)"; n += 1 }
        return candidate
    }

    /// Logs the keys of a resource careplan neither reads nor recomputes.
    package func unread(_ r: JSONNode, _ type: String) {
        let known = Self.read[type] ?? []
        for k in r.keys where !known.contains(k) {
            log.omit(r.path + "." + k, "\(type).\(k) has no place in careplan")
        }
    }

    /// Every text and display of a CodeableConcept (or list of them), lower-cased.
    package func texts(_ n: JSONNode?) -> [String] {
        guard let n else { return [] }
        var out: [String] = []
        for c in n.items {
            if let t = c.string("text", log) { out.append(t.lowercased()) }
            for coding in c.array("coding", log) {
                if let d = coding.string("display", log) { out.append(d.lowercased()) }
                if let code = coding.string("code", log) { out.append(code.lowercased()) }
            }
        }
        return out
    }

    package func discipline(_ cp: JSONNode) -> Discipline? {
        let words = texts(cp["category"]) + [cp.string("title", log)?.lowercased() ?? ""]
        if words.contains(where: { $0.contains("occupational therapy") }) { return .OT }
        if words.contains(where: { $0.contains("physical therapy") || $0.contains("physiotherapy") }) { return .PT }
        return nil
    }

    // MARK: Resources

    package func client(_ r: JSONNode) -> Client? {
        unread(r, "Patient")
        let name = r.array("name", log).first
        var text = name?.string("text", log)
        if text == nil, let n = name {
            let parts = n.strings("given", log) + [n.string("family", log)].compactMap { $0 }
            if !parts.isEmpty { text = parts.joined(separator: " ") }
        }
        for extra in r.array("name", log).dropFirst() { log.omit(extra.path, "another name of the client (careplan keeps one)") }
        var c = Client(name: located(text ?? ""))
        let ids = r.array("identifier", log)
        if let id = ids.first, id.string("system", log) != FHIRExport.generatedIdentifierSystem, let v = id.string("value", log) {
            c.identifier = v
            if let s = id.string("system", log), s != FHIRExport.clientIdentifierSystem { c.identifierSystem = s }
        }
        for extra in ids.dropFirst() { log.omit(extra.path, "another identifier of the client (careplan keeps one)") }
        if let g = r.string("gender", log), g != "unknown" {
            if let known = Gender(rawValue: g) { c.gender = known } else { log.omit(r.path + ".gender", "gender \"\(g)\" is not one careplan knows") }
        }
        c.born = r.date("birthDate", log).map(located)
        return c
    }

    package func diagnosis(_ r: JSONNode) -> Diagnosis? {
        unread(r, "Condition")
        guard let code = r["code"] else { log.omit(r.path, "a Condition without a code"); return nil }
        var icd: String?
        var display: String?
        for coding in code.array("coding", log) {
            let system = coding.string("system", log)
            if system == ICD10CM.system, icd == nil, let c = coding.string("code", log) {
                icd = c
                display = coding.string("display", log)
            } else {
                log.omit(coding.path, "a \(system ?? "code") coding (careplan codes diagnoses in ICD-10-CM only)")
            }
        }
        guard let text = code.string("text", log) ?? display ?? icd.flatMap({ ICD10CM.lookup($0)?.display }) else {
            log.omit(r.path, "a Condition careplan cannot name"); return nil
        }
        if let s = r["clinicalStatus"], !texts(s).contains("active") {
            log.omit(s.path, "the condition is not active (careplan lists it as a diagnosis)")
        }
        return Diagnosis(code: icd.map(located), text: text, span: span)
    }

    /// The OutcomeMeasure a target or observation code names: its LOINC code, or its name.
    package func standardMeasure(_ code: JSONNode?, quantity: JSONNode?) -> OutcomeMeasure? {
        guard let code else { return nil }
        for coding in code.array("coding", log) where coding.string("system", log) == FHIRExport.loinc {
            if let c = coding.string("code", log), let m = OutcomeMeasure.allCases.first(where: { $0.info.loinc == c }) { return m }
        }
        // Library measures without a LOINC code are named, with a UCUM unit.
        if quantity?.string("system", log) == FHIRExport.ucum, let t = code.string("text", log) {
            return OutcomeMeasure.allCases.first { $0.info.name == t || $0.rawValue == t }
        }
        return nil
    }

    package mutating func goal(_ r: JSONNode, id: String, plan p: inout Plan, goalIDs: [Int: String],
              progress: (CalendarDate, String, (inout ProgressRecord.Entry) -> Void) -> Void) -> Goal? {
        unread(r, "Goal")
        guard let title = r["description"]?.string("text", log) ?? r["description"]?["coding"]?.items.first?.string("display", log) else {
            log.error(r.path + ".description", "missing: a Goal needs a description (text) to become a careplan goal")
            return nil
        }
        var g = Goal(id: located(id), title: located(title), span: span)
        for c in r.array("category", log) {
            let words = texts(c)
            if words.contains("physiotherapy") && p.discipline?.value == .PT { continue }
            if words.contains("physiotherapy") { p.discipline = located(.PT); continue }
            if let t = c.string("text", log), let o = OccupationArea.allCases.first(where: { $0.label == t }), g.occupation == nil {
                g.occupation = located(o); continue
            }
            if let t = c.string("text", log), let f = MovementFocus.allCases.first(where: { $0.label == t }) { g.focus.append(f); continue }
            log.omit(c.path, "goal category \(words.first.map { "\"\($0)\"" } ?? "") has no careplan equivalent")
        }
        if let s = r.date("startDate", log), s != p.start?.value { g.start = located(s) }
        if let by = r["expressedBy"] {
            let ref = by.string("reference", log) ?? ""
            let i = byReference[ref]
            if let i, entries[i].type == "Patient" { g.expressedBy = .client }
            else if let i, entries[i].type == "RelatedPerson" { g.expressedBy = .family }
            else { log.omit(by.path, "expressed by \(i.map { entries[$0].type } ?? "someone not in the Bundle"): careplan records the client's or the family's goals") }
        }
        // The baseline is in careplan's own narrative ("NAME from B to T"); from elsewhere,
        // the first reading stands in for it (see `observation`).
        let narrative = r["text"]?.string("div", log) ?? ""
        for t in r.array("target", log) {
            if let d = t.date("dueDate", log) { g.due = located(d) }
            let measureText = t["measure"]?.string("text", log) ?? t["measure"]?["coding"]?.items.first?.string("display", log)
            if measureText == Wording.assistLevelMeasure, let c = t["detailCodeableConcept"]?.string("text", log) {
                let word = String(c.prefix { $0 != " " })
                if let a = AssistLevel(rawValue: word) { g.assistTo = located(a) } else { log.omit(t.path, "assist level \"\(c)\" is not one careplan knows") }
                continue
            }
            if let q = t["detailQuantity"], let value = q.number("value", log) {
                let standard = standardMeasure(t["measure"], quantity: q)
                let name = standard?.info.name ?? measureText ?? "measure"
                var baseline = value
                if let b = Self.baseline(in: narrative, name: name) { baseline = b } else { missingBaseline[id] = t.path }
                var m = Measure(name: name, baseline: located(baseline), target: located(value), span: span)
                m.standard = standard
                if g.measure == nil { g.measure = m } else { log.omit(t.path, "a second measured target (careplan keeps one measure per goal)") }
                continue
            }
            if t["measure"] != nil || t["detailQuantity"] != nil || t["detailCodeableConcept"] != nil || t["detailString"] != nil {
                log.omit(t.path, "a target careplan cannot represent (neither a measure with a number nor an assist level)")
            }
        }
        if let s = r.string("lifecycleStatus", log) {
            let status: GoalClosure? = s == "completed" ? .achieved : s == "cancelled" ? .discontinued : nil
            if let status, let d = r.date("statusDate", log) {
                let reason = r.string("statusReason", log)
                p.closures.append(Closure(goal: located(id), status: status, date: located(d), reason: reason, span: span))
            } else if status != nil, !(s == "completed" && p.status == .completed) && !(s == "cancelled" && p.status == .revoked) {
                log.omit(r.path + ".lifecycleStatus", "goal \(s) with no statusDate: careplan closes a goal on a date")
            } else if !["active", "proposed", "on-hold", "accepted", "planned", "completed", "cancelled"].contains(s) {
                log.omit(r.path + ".lifecycleStatus", "status \"\(s)\" has no careplan equivalent")
            }
        }
        for n in r.array("note", log) {
            guard let text = n.string("text", log) else { continue }
            if n["time"] != nil, let d = n.date("time", log), text.hasPrefix(Wording.progress) {
                var gas: Int?
                var rest = Array(text.dropFirst(Wording.progress.count).components(separatedBy: Wording.partSeparator))
                if let first = rest.first, first.hasPrefix(Wording.gas), let level = Int(first.dropFirst(Wording.gas.count)) { gas = level; rest.removeFirst() }
                let note = rest.isEmpty ? nil : rest.joined(separator: Wording.partSeparator)
                progress(d, id) { e in
                    if let gas { e.gas = located(gas) }
                    if let note { e.note = note }
                }
            } else if text.hasPrefix(Wording.condition) {
                g.condition = String(text.dropFirst(Wording.condition.count))
            } else if text.hasPrefix(Wording.assistAtStart), let a = AssistLevel(rawValue: String(text.dropFirst(Wording.assistAtStart.count).prefix { $0 != " " })) {
                g.assistFrom = located(a)
            } else if let d = n.date("time", log) {
                g.notes.append("\(d): \(text)")
            } else {
                g.notes.append(text)
            }
        }
        return g
    }

    /// The baseline in careplan's Goal narrative: "...; NAME from B to T..." (nil elsewhere).
    package static func baseline(in narrative: String, name: String) -> Double? {
        let escaped = HTMLExport.escape(name)
        guard let r = narrative.range(of: Wording.measureRange(escaped)) else { return nil }
        let rest = narrative[r.upperBound...]
        return Double(String(rest.prefix { $0 != " " }))
    }

    package func relationships(_ r: JSONNode, goalIDs: [Int: String], plan p: inout Plan) {
        guard let idx = entries.firstIndex(where: { $0.node.path == r.path }), let me = goalIDs[idx] else { return }
        for e in r.array("extension", log) {
            guard e.string("url", log) == FHIRExport.goalRelationshipURL else {
                log.omit(e.path, "extension \(e.string("url", log).map { "\"\($0)\"" } ?? "") has no place in careplan"); continue
            }
            var type: String?, target: String?
            for part in e.array("extension", log) {
                if part.string("url", log) == "type" { type = part["valueCodeableConcept"]?["coding"]?.items.first?.string("code", log) }
                if part.string("url", log) == "target", let ref = part["valueReference"], let i = resolve(ref, "Goal") { target = goalIDs[i] }
            }
            guard let type, let target, let k = p.goalIndex(target) else { log.omit(e.path, "a goal relationship careplan cannot follow"); continue }
            switch type {
            // The milestone goal supports this one; the replacement goal replaces this one.
            case "milestone": p.goals[k].supports = located(me)
            case "replacement": p.goals[k].replaces = located(me)
            default: log.omit(e.path, "goal relationship \"\(type)\" has no careplan equivalent")
            }
        }
    }

    package func observation(_ r: JSONNode, goalIDs: [Int: String], progress: (CalendarDate, String, (inout ProgressRecord.Entry) -> Void) -> Void) {
        unread(r, "Observation")
        var goal: String?
        for ref in r.array("focus", log) { if let i = resolve(ref, "Goal") { goal = goalIDs[i] } }
        if goal == nil {
            // Or the goal that lists it among its outcomes.
            for (i, g) in entries.enumerated() where g.type == "Goal" {
                for ref in g.node.array("outcomeReference", log) {
                    if let u = ref.string("reference", log), byReference[u].map({ entries[$0].node.path == r.path }) == true { goal = goalIDs[i] }
                }
            }
        }
        guard let goal else { log.omit(r.path, "an Observation not about a goal of the plan"); return }
        guard let date = r.date("effectiveDateTime", log) else { log.omit(r.path, "an Observation without effectiveDateTime"); return }
        if let q = r["valueQuantity"], let v = q.number("value", log) {
            progress(date, goal) { $0.value = v }
        } else if let c = r["valueCodeableConcept"] {
            // careplan writes "04 Supervision or touching assistance (supervision)".
            let text = c.string("text", log) ?? ""
            if let open = text.lastIndex(of: "("), text.hasSuffix(")"), let a = AssistLevel(rawValue: String(text[text.index(after: open)..<text.index(before: text.endIndex)])) {
                progress(date, goal) { $0.assist = a }
            } else {
                log.omit(c.path, "a coded reading careplan cannot read as an assist level")
            }
        } else {
            log.omit(r.path, "an Observation without a number or an assist level")
        }
    }

    // MARK: Activities

    package mutating func activities(_ cp: JSONNode, plan p: inout Plan, goalIDs: [Int: String], equipment: inout [String: [String]], taken: inout Set<String>) {
        let planEnd = cp["period"]?.date("end", log)
        for a in cp.array("activity", log) {
            if let ref = a["reference"] {
                // careplan's DeviceRequests are read above, with their intervention.
                if let r = ref.string("reference", log), let i = byReference[r], entries[i].type == "DeviceRequest" { continue }
                log.omit(ref.path, "an activity by reference careplan cannot follow"); continue
            }
            guard let d = a["detail"] else { log.omit(a.path, "an activity without detail"); continue }
            for k in a.keys where !["detail", "progress", "extension", "reference", "outcomeReference"].contains(k) { log.omit(a.path + "." + k, "CarePlan.activity.\(k) has no place in careplan") }
            for k in d.keys where !["kind", "status", "code", "description", "goal", "scheduledTiming", "scheduledString", "scheduledPeriod", "extension", "doNotPerform", "performer"].contains(k) {
                log.omit(d.path + "." + k, "CarePlan.activity.detail.\(k) has no place in careplan")
            }
            let codeText = d["code"]?.string("text", log)
            let goals = d.array("goal", log).compactMap { ref in resolve(ref, "Goal").flatMap { goalIDs[$0] } }
            // Only an intervention's performer is read (the client: a home programme).
            var readAsIntervention = false
            defer { if !readAsIntervention, d["performer"] != nil { log.omit(d.path + ".performer", "CarePlan.activity.detail.performer has no place in careplan") } }
            switch (d.string("kind", log), codeText) {
            case ("ServiceRequest", Wording.sessions?) where goals.isEmpty:
                p.frequency = d["scheduledTiming"].flatMap { timing($0, planStart: p.start?.value, planEnd: planEnd).map(\.0) }
                // Its outcomes are the visits, read from their Encounters.
                for ref in a.array("outcomeReference", log) where visitAt(ref) == nil { log.omit(ref.path, "an outcome that is not a visit of the plan") }
                continue
            case ("Appointment", Wording.checkin?):
                checkins(d, goals: goals, plan: &p)
            case ("Appointment", FHIRExport.closureCode?) where d["doNotPerform"]?.bool == true:
                guard let period = d["scheduledPeriod"], let s = period.date("start", log), let e = period.date("end", log) else {
                    log.omit(d.path, "a clinic closure without its dates"); continue
                }
                let reason = d.string("description", log)
                p.clinicClosures.append(ClinicClosure(from: located(s), to: located(e), reason: reason == FHIRExport.closureCode ? nil : reason, span: span))
            case ("Appointment", Wording.reassessment?):
                p.reassessments += dates(d).map(located)
            case ("Task", Wording.certification?), ("Task", Wording.recertification?):
                certification(d, initial: codeText == Wording.certification, plan: &p)
            default:
                readAsIntervention = true
                intervention(a, d, goals: goals, plan: &p, planEnd: planEnd, equipment: &equipment, taken: &taken)
            }
        }
    }

    package func dates(_ d: JSONNode) -> [CalendarDate] {
        if let s = d["scheduledPeriod"]?.date("start", log) { return [s] }
        if let rep = d["scheduledTiming"]?["repeat"], let b = rep["boundsPeriod"], let s = b.date("start", log), let e = b.date("end", log),
           let n = rep.int("period", log), let unit = rep.string("periodUnit", log).flatMap(Self.unit), let count = rep.int("count", log) {
            var out: [CalendarDate] = []
            var k = 0
            while out.count < count, let next = Duration(n * k, unit).after(s), next <= e { out.append(next); k += 1 }
            return out
        }
        if let events = d["scheduledTiming"]?.array("event", log) { return events.compactMap { $0.string.flatMap { CalendarDate(iso: String($0.prefix(10))) } } }
        log.omit(d.path, "an appointment without dates careplan can read")
        return []
    }

    package func checkins(_ d: JSONNode, goals: [String], plan p: inout Plan) {
        var c = CheckIn(span: span)
        c.reviews = goals.map(located)
        if let s = d["scheduledPeriod"]?.date("start", log) {
            c.on = s
        } else if let rep = d["scheduledTiming"]?["repeat"], let b = rep["boundsPeriod"], let n = rep.int("period", log),
                  let unit = rep.string("periodUnit", log).flatMap(Self.unit) {
            c.every = Duration(n, unit)
            c.from = b.date("start", log)
            c.until = b.date("end", log)
        } else {
            for date in dates(d) {
                var one = c
                one.on = date
                p.checkins.append(one)
            }
            return
        }
        p.checkins.append(c)
    }

    package func certification(_ d: JSONNode, initial: Bool, plan p: inout Plan) {
        guard let period = d["scheduledPeriod"], let s = period.date("start", log), let e = period.date("end", log) else {
            log.omit(d.path, "a certification without its period"); return
        }
        var c = Certification(span: span)
        c.length = located(Self.length(from: s, through: e))
        if !initial { c.on = located(s) }
        // careplan's description: "..., signed DATE by NAME".
        let text = d.string("description", log) ?? ""
        if let r = text.range(of: Wording.signed) {
            let rest = text[r.upperBound...]
            c.signed = CalendarDate(iso: String(rest.prefix(10))).map(located)
            if let by = rest.range(of: Wording.signedBy) { c.by = String(rest[by.upperBound...]) }
        }
        if initial { p.certification = c } else { p.recertifications.append(c) }
    }

    /// The duration from `s` through `e` (inclusive), in the largest unit that fits exactly.
    package static func length(from s: CalendarDate, through e: CalendarDate) -> Duration {
        let end = e.adding(days: 1)
        for months in 1...36 where s.adding(months: months) == end { return months % 12 == 0 ? Duration(months / 12, .year) : Duration(months, .month) }
        let days = s.days(until: end)
        return days % 7 == 0 ? Duration(days / 7, .week) : Duration(days, .day)
    }

    package static func article(_ word: String) -> String { "AEIOU".contains(word.prefix(1)) ? "an" : "a" }

    /// The intervention type a CPT code's service is (the therapy codes of ../shared/docs/domain.md).
    package static func type(forCPT code: String) -> InterventionType? {
        switch code {
        case "97110", "97112", "97113": return .exercise
        case "97116", "97535", "97537": return .training
        case "97140": return .manualTherapy
        case "97530": return .activity
        case "97542": return .wheeledMobility
        case "97760", "97761", "97763": return .orthotics
        case "97010", "97012", "97014", "97018", "97032", "97035": return .physicalAgent
        case "97150": return .group
        default: return nil
        }
    }

    package static func unit(_ code: String) -> DurationUnit? {
        switch code {
        case "d": return .day
        case "wk": return .week
        case "mo": return .month
        case "a": return .year
        default: return nil
        }
    }

    /// A frequency from a FHIR Timing as careplan writes it (see FHIRExport.timing), and the
    /// session minutes.
    package func timing(_ t: JSONNode, planStart: CalendarDate?, planEnd: CalendarDate?) -> (Frequency, Int?)? {
        guard let rep = t["repeat"] else { log.omit(t.path, "a timing without `repeat`"); return nil }
        let minutes = rep.string("durationUnit", log) == "min" ? rep.int("duration", log) : nil
        let bounds = rep["boundsPeriod"]
        let start = bounds?.date("start", log), end = bounds?.date("end", log)
        if rep["frequency"] == nil, rep.int("count", log) == 1, let start {
            return (Frequency(times: 1, period: Duration(1, .day), length: Duration(1, .visit), start: start, span: span, isOnce: true), minutes)
        }
        guard let times = rep.int("frequency", log) ?? 1 as Int?, let unit = rep.string("periodUnit", log).flatMap(Self.unit) else {
            log.omit(t.path, "a timing careplan cannot read as a frequency (it needs frequency, period and periodUnit)"); return nil
        }
        let period = Duration(rep.int("period", log) ?? 1, unit)
        var f = Frequency(times: times, period: period, length: nil, span: span)
        f.weekdays = rep.array("dayOfWeek", log).compactMap { $0.string.flatMap(Weekday.init(rawValue:)) }
        if let b = rep["boundsDuration"], let v = b.int("value", log), let u = b.string("code", log).flatMap(Self.unit) {
            f.length = Duration(v, u)
        } else if let start, let end {
            // Bounded by the plan's own dates: no length of its own.
            if !(start == planStart && end == planEnd) {
                if start != planStart { f.start = start }
                f.length = Self.length(from: start, through: end)
            }
        } else if let count = rep.int("count", log) {
            f.length = Duration(count, .visit)
            if let start, start != planStart { f.start = start }
        }
        return (f, minutes)
    }

    package mutating func intervention(_ a: JSONNode, _ d: JSONNode, goals: [String], plan p: inout Plan, planEnd: CalendarDate?,
                               equipment: inout [String: [String]], taken: inout Set<String>) {
        let description = d.string("description", log) ?? d["code"]?.string("text", log) ?? "Intervention"
        var title = description
        var listed: [String] = []
        // careplan's description names the equipment after the title.
        if let open = description.range(of: Wording.equipmentList), description.hasSuffix(")") {
            title = String(description[..<open.lowerBound])
            listed = description[open.upperBound...].dropLast().components(separatedBy: ", ")
        }
        var id: String?
        var delivery: Delivery?
        for e in d.array("extension", log) {
            if e.string("url", log) == Self.interventionIDURL, let v = e.string("valueString", log), Self.isName(v) { id = v }
            else if e.string("url", log) == FHIRExport.deliveryURL {
                let code = e.string("valueCode", log) ?? ""
                if let v = Delivery(rawValue: code) { delivery = v } else { log.omit(e.path, "delivery \"\(code)\" is not one careplan knows (\(Delivery.spellings.joined(separator: ", ")))") }
            }
            else { log.omit(e.path, "extension \(e.string("url", log).map { "\"\($0)\"" } ?? "") has no place in careplan") }
        }
        // The client as the only performer: done by the client alone, a home programme.
        let performers = d.array("performer", log)
        func isClient(_ ref: JSONNode) -> Bool { ref.string("reference", log).flatMap { byReference[$0] }.map { entries[$0].type == "Patient" } ?? false }
        if !performers.isEmpty {
            if let delivery, delivery != .homeProgramme {
                log.omit(d.path + ".performer", "a performer of a \(delivery.rawValue) intervention (careplan records a performer only for a home programme)")
            } else if performers.allSatisfy(isClient) {
                delivery = .homeProgramme
            } else {
                log.omit(d.path + ".performer", "a performer other than the client (careplan records one only for a home programme, done by the client)")
            }
        }
        let iid = id ?? Self.name(from: title, fallback: "intervention", taken: taken)
        taken.insert(iid)
        var i = Intervention(id: located(iid), title: located(title), span: span)
        i.serves = goals.map(located)
        if let delivery, delivery != .inPerson { i.delivery = located(delivery) }
        if let code = d["code"] {
            if let t = code.string("text", log) {
                if let type = InterventionType.allCases.first(where: { $0.label == t }) { i.type = located(type) }
                else if t != title { i.notes.append("Code: \(t)") }
            }
            for coding in code.array("coding", log) {
                if coding.string("system", log) == CPTCode.system, let c = coding.string("code", log) { i.cpt.append(located(c)) }
                else { log.omit(coding.path, "a \(coding.string("system", log) ?? "code") coding (careplan codes interventions in CPT)") }
            }
        }
        if i.type == nil {
            // careplan needs a type; from elsewhere it is read off the CPT code, and said so.
            let guess = i.cpt.lazy.compactMap { Self.type(forCPT: $0.value) }.first ?? (p.discipline?.value == .OT ? .activity : .exercise)
            i.type = located(guess)
            log.omit((d["code"] ?? d).path, "no careplan intervention type: set to `\(guess.rawValue)`\(i.cpt.isEmpty ? "" : " from CPT \(i.cpt[0].value)"); check it")
        }
        if let t = d["scheduledTiming"], let (f, minutes) = timing(t, planStart: p.start?.value, planEnd: planEnd) {
            i.frequency = f
            i.minutes = minutes
        }
        i.equipment = equipment.removeValue(forKey: title) ?? listed
        i.notes += a.array("progress", log).compactMap { $0.string("text", log) }
        // The visits it was given at (`gave` in each visit).
        for ref in a.array("outcomeReference", log) {
            if let k = visitAt(ref) { p.visits[k].given.append(located(iid)) } else { log.omit(ref.path, "an outcome that is not a visit of the plan") }
        }
        p.add(i)
    }
}

/// Statement keywords, which cannot start a field line and so make poor ids.
package enum StatementKeywordNames {
    package static let all: Set<String> = StatementKeyword.reserved.union(["start", "today"])
}
