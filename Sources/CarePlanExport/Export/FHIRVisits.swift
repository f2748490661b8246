import CarePlanBasics
import CarePlanModel

/// The visits a plan records (`visit on DATE attended minutes 55 { ... }`), as US Core 6.1.0
/// resources: one Encounter per visit, a DocumentReference for its daily note (SOAP parts and
/// notes under their headings in one text/plain attachment), and a Procedure per service billed (CPT code,
/// minutes). Only visits up to `today` are exported, like every other record.
///
/// How they hang together, in R4's own terms: the Encounter is the outcome of the CarePlan's
/// therapy-sessions activity and of each intervention given at it (`CarePlan.activity.
/// outcomeReference`, since `Encounter.basedOn` may point only at a ServiceRequest); each
/// Procedure names its Encounter and is `basedOn` the CarePlan; the DocumentReference's
/// `context.encounter` names the visit it documents.
extension FHIRExport {
    package enum VisitCodes {
        package static let encounterProfile = Profile.base + "us-core-encounter"
        package static let procedureProfile = Profile.base + "us-core-procedure"
        package static let documentProfile = Profile.base + "us-core-documentreference"
        /// HL7 v3 ActCode: the Encounter.class codes (AMB ambulatory, HH home health).
        package static let actCodeSystem = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
        /// R4 core extension: why an encounter was cancelled (a no-show is cancelled too).
        package static let reasonCancelledURL = "http://hl7.org/fhir/StructureDefinition/encounter-reasonCancelled"
        /// careplan's visit statuses, coded in reasonCancelled so `cancelled` and `no-show`
        /// (both R4 `cancelled`: "the Encounter has ended before it has begun") stay apart.
        package static let visitStatusSystem = "urn:careplan:visit-status"
        /// The minutes of one billed service (R4 Procedure has no duration of its own).
        package static let serviceMinutesURL = "urn:careplan:service-minutes"
        package static let documentCategorySystem = "http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category"
        /// LOINC 11506-3 Progress note: a US Core clinical note type; a therapy daily note is one.
        package static let progressNoteLOINC = "11506-3"
        package static let noteContentType = "text/plain; charset=utf-8"
        /// The heading of a visit note (`note "..."` in a visit) in the daily note's text; the
        /// SOAP parts carry theirs (SOAPNote.parts).
        package static let noteTitle = "Note"
        /// The title of the daily note's one attachment.
        package static let dailyNoteTitle = "Daily note"
        static let headings = ["Subjective", "Objective", "Assessment", "Plan", noteTitle]

        /// The whole daily note as one text: each part under its heading ("Subjective:" on a
        /// line of its own), parts separated by a blank line. R4 reads repeated
        /// `DocumentReference.content` entries as alternative renditions of one document, so
        /// the SOAP parts are sections of one text/plain attachment, not attachments.
        package static func dailyNoteText(_ parts: [(heading: String, text: String)]) -> String {
            parts.map { "\($0.heading):\n\($0.text)" }.joined(separator: "\n\n")
        }

        /// `dailyNoteText` read back: its parts, or nil when the text does not start with a
        /// heading (a note from elsewhere, kept whole). A part's own words may hold blank
        /// lines; only a blank line followed by a heading line starts the next part.
        package static func dailyNoteParts(_ text: String) -> [(heading: String, text: String)]? {
            func heading(_ chunk: Substring) -> (String, Substring)? {
                for h in headings where chunk.hasPrefix(h + ":\n") { return (h, chunk.dropFirst(h.count + 2)) }
                return nil
            }
            var out: [(heading: String, text: String)] = []
            for chunk in text.split(separator: "\n\n", omittingEmptySubsequences: false) {
                if let (h, rest) = heading(chunk) { out.append((h, String(rest))) }
                else if !out.isEmpty { out[out.count - 1].text += "\n\n" + chunk }
                else { return nil }
            }
            return out.isEmpty ? nil : out
        }
    }

    /// A visit's resources, for the Bundle, and the Encounter names by visit index (for the
    /// CarePlan's activities).
    package struct VisitResources {
        package var entries: [(name: String, resource: [String: JSONValue])] = []
        package var encounters: [String] = []
        /// Encounter names of the visits each intervention (by id) was given at.
        package var given: [String: [String]] = [:]
    }

    package static func visitResources(_ plan: Plan, today: CalendarDate) -> VisitResources {
        let pid = plan.id.value
        var out = VisitResources()
        let discipline = plan.discipline.map { capitalized($0.value.label) } ?? "Therapy"
        let kind = plan.discipline == nil ? "Therapy visit" : "\(discipline) visit"
        let homeHealth = plan.payer?.value == .medicareHomeHealth
        let conditions = plan.diagnoses.indices.map { reference(Names.condition(pid, $0 + 1)) }
        for (n, v) in plan.visits.enumerated() where v.date.value <= today {
            let name = Names.encounter(pid, n + 1)
            let date = v.date.value.description
            var e: [String: JSONValue] = [
                "resourceType": "Encounter",
                "meta": meta(VisitCodes.encounterProfile),
                "status": .string(v.status == .attended ? "finished" : "cancelled"),
                "class": .object(homeHealth
                    ? ["system": .string(VisitCodes.actCodeSystem), "code": "HH", "display": "home health"]
                    : ["system": .string(VisitCodes.actCodeSystem), "code": "AMB", "display": "ambulatory"]),
                "type": .array([.object(["text": .string(kind)])]),
                "subject": reference(Names.patient(pid)),
                "period": .object(["start": .string(date), "end": .string(date)]),
            ]
            if let m = v.minutes { e["length"] = minutes(m.value) }
            if !conditions.isEmpty { e["reasonReference"] = .array(conditions) }
            var sentence = "\(kind) on \(date): \(v.status.label)"
            if let m = v.minutes { sentence += ", \(m.value) minutes" }
            if v.status == .attended {
                if let r = nonBlank(v.reason) { e["reasonCode"] = .array([.object(["text": .string(r)])]); sentence += ", for \(r)" }
            } else {
                var why: [String: JSONValue] = ["coding": .array([coding(system: VisitCodes.visitStatusSystem, code: v.status.rawValue, display: capitalized(v.status.label))])]
                if let r = nonBlank(v.reason) { why["text"] = .string(r); sentence += " (\(r))" }
                e["extension"] = .array([.object(["url": .string(VisitCodes.reasonCancelledURL), "valueCodeableConcept": .object(why)])])
            }
            // In the plan's order, which FHIR keeps (each intervention's activity lists its visits).
            let given = plan.interventions.filter { i in v.given.contains { $0.value == i.id.value } }.map(\.title.value)
            if !given.isEmpty { sentence += "; given: " + given.joined(separator: "; ") }
            if !v.services.isEmpty { sentence += "; services: " + v.services.map { "CPT \($0.code.value) \($0.minutes.value) min" }.joined(separator: ", ") }
            e["text"] = text(sentence)
            out.entries.append((name, e))
            out.encounters.append(name)
            for g in v.given where !(out.given[g.value]?.contains(name) ?? false) { out.given[g.value, default: []].append(name) }

            // The daily note: one text/plain attachment, its parts in S-O-A-P order, then the notes.
            let parts = (v.soap.parts.map { ($0.heading, $0.text) } + v.notes.map { (VisitCodes.noteTitle, $0) })
                .filter { nonBlank($0.1) != nil }
            if !parts.isEmpty {
                let content: [JSONValue] = [.object(["attachment": .object([
                    "contentType": .string(VisitCodes.noteContentType), "title": .string(VisitCodes.dailyNoteTitle),
                    "data": .string(Base64.encode(VisitCodes.dailyNoteText(parts.map { (heading: $0.0, text: $0.1) }))),
                ])])]
                var d: [String: JSONValue] = [
                    "resourceType": "DocumentReference",
                    "meta": meta(VisitCodes.documentProfile),
                    "status": "current",
                    "type": .object(["coding": .array([coding(system: loinc, code: VisitCodes.progressNoteLOINC, display: "Progress note")]),
                                     "text": .string("Daily note")]),
                    "category": .array([concept(system: VisitCodes.documentCategorySystem, code: "clinical-note", display: "Clinical Note")]),
                    "subject": reference(Names.patient(pid)),
                    "description": .string("Daily note, \(kind.lowercased()) on \(date)"),
                    "content": .array(content),
                    "context": .object(["encounter": .array([reference(name)]), "period": .object(["start": .string(date), "end": .string(date)])]),
                    "text": paragraphs(["Daily note, \(kind.lowercased()) on \(date)"] + parts.map { "\($0.0): \($0.1)" }),
                ]
                if let c = nonBlank(plan.clinician) { d["author"] = .array([.object(["display": .string(c)])]) }
                out.entries.append((Names.dailyNote(pid, n + 1), d))
            }

            for (k, s) in v.services.enumerated() {
                let display = s.known?.display ?? "CPT \(s.code.value)"
                var p: [String: JSONValue] = [
                    "resourceType": "Procedure",
                    "meta": meta(VisitCodes.procedureProfile),
                    "extension": .array([.object(["url": .string(VisitCodes.serviceMinutesURL), "valueDuration": minutes(s.minutes.value)])]),
                    "basedOn": .array([reference(Names.plan(pid))]),
                    // A service on a visit that did not take place was not done.
                    "status": .string(v.status == .attended ? "completed" : "not-done"),
                    "code": .object(["coding": .array([coding(system: CPTCode.system, code: s.code.value, display: display)])]),
                    "subject": reference(Names.patient(pid)),
                    "encounter": reference(name),
                    "performedDateTime": .string(date),
                    "text": text("CPT \(s.code.value) \(display), \(s.minutes.value) minutes on \(date)" + (nonBlank(s.note).map { ": \($0)" } ?? "")),
                ]
                if let note = nonBlank(s.note) { p["note"] = .array([annotation(note)]) }
                out.entries.append((Names.service(pid, n + 1, k + 1), p))
            }
        }
        return out
    }

    /// A generated narrative of several paragraphs (a daily note's parts, one each).
    package static func paragraphs(_ ps: [String]) -> JSONValue {
        let body = ps.map { "<p>\(HTMLExport.escape($0))</p>" }.joined()
        return .object(["status": "generated", "div": .string("<div xmlns=\"http://www.w3.org/1999/xhtml\">\(body)</div>")])
    }

    /// A UCUM Duration in minutes.
    package static func minutes(_ m: Int) -> JSONValue {
        .object(["value": .number(Double(m)), "unit": "min", "system": .string(ucum), "code": "min"])
    }
}
