import CarePlanBasics
import CarePlanModel

/// De-identification for teaching exports (`--deidentify`), after HIPAA's Safe Harbor list
/// (45 CFR 164.514(b)(2)): the identifiers of the client *and of relatives, employers and
/// household members* must go. Names in structured fields can be removed; names typed into
/// free text cannot be found reliably ("Daughter Claire attended"), so free text is withheld.
///
/// Per field:
/// - removed: the client's name, birth date, identifier and address; the clinician; the
///   certifying physician's name and NPI; signers' and trained people's names (their roles stay).
/// - withheld (each text, or a list of them, becomes `withheld`): referral, history, the plan's
///   description and notes, assessment findings and interviews, goal, intervention and progress
///   notes, visit notes, SOAP parts, service notes and reasons, closure reasons, prior level of
///   function, rehab potential reason, discharge criteria and plan, what trained people were
///   taught, and diagnosis text not given by a known ICD-10-CM code (a known code keeps the
///   classification's display).
/// - dropped: clinic closure reasons ("Christmas" would date the shifted calendar).
/// - replaced: the plan's title, by the discipline's ("Occupational therapy plan of care").
/// - kept, with the names the plan knows (client, clinician, signers, physician, trained
///   people) replaced and dates shifted: goal and intervention titles, goal conditions and
///   measure names, equipment, assessment tasks, instruments and scores, COPM activities and
///   precautions. They are the plan itself; `notice` tells the reader to review them.
/// - coded and structured data (codes, levels, measures, minutes, frequencies, statuses) stay.
///
/// Every date moves back by the same whole number of weeks, so intervals, weekdays and the
/// order of events stay exactly as written. The shift is derived from the plan id (SHA-1), so
/// the same plan always shifts the same way: reproducible for golden files, but anyone who
/// knows the plan id can undo it. Safe Harbor removes dates instead: a shifted export is fit
/// for teaching, not a de-identified data set.
public enum Deidentify {
    /// What a de-identified export shows in place of free text.
    public static let withheld = "[free text withheld: de-identified export]"

    /// Said once in every de-identified export (as the plan's only note; in iCalendar, the
    /// calendar's description).
    public static let notice = "De-identified export: names, identifiers, the address and the birth date are removed, "
        + "dates are moved back by a fixed number of weeks, and free text (notes, SOAP notes, history, referral, "
        + "findings, reasons) is withheld as \"\(withheld)\", because it can name relatives, employers or household "
        + "members (HIPAA Safe Harbor, 45 CFR 164.514(b)(2)). Goal and intervention titles are kept: review them before sharing."
    /// Free text withheld: a text becomes `withheld`, a list of them one `withheld`.
    package static func hidden(_ s: String?) -> String? { s.map { _ in withheld } }
    static func hidden(_ list: [String]) -> [String] { list.isEmpty ? [] : [withheld] }

    /// Days every date moves by: back between 26 and 104 weeks, a multiple of 7.
    public static func offsetDays(forPlan id: String) -> Int {
        let digest = SHA1.hash(Array("careplan-deidentify:\(id)".utf8))
        let n = Int(digest[0]) << 8 | Int(digest[1])
        return -7 * (26 + n % 79)
    }

    /// The plan with identifying fields removed, free text withheld and every date shifted.
    public static func plan(_ original: Plan) -> Plan {
        let offset = offsetDays(forPlan: original.id.value)
        var p = original
        func date(_ d: CalendarDate) -> CalendarDate { d.adding(days: offset) }
        func located(_ d: Located<CalendarDate>) -> Located<CalendarDate> { Located(date(d.value), d.span) }
        // Every name the plan knows, so the text that is kept does not repeat one.
        var known = nameWords(original.client?.name.value ?? "").map { ($0, "the client") }
            + nameWords(original.clinician ?? "").map { ($0, "the therapist") }
            + original.care.signatures.flatMap { nameWords($0.name).map { ($0, "the therapist") } }
            + ([original.certification].compactMap { $0 } + original.recertifications)
                .flatMap { nameWords($0.by ?? "").map { ($0, "the physician") } }
        for t in original.care.trained {
            known += nameWords(t.name).map { ($0, t.role.map { "the \($0.rawValue)" } ?? "someone close to the client") }
        }
        let names = known.sorted { $0.0.count > $1.0.count }
        /// Kept text: names replaced, dates shifted.
        func text(_ s: String) -> String { replacingWords(names, in: shiftDates(in: s, by: offset)) }
        /// Free text: withheld.

        p.title.value = capitalized(original.discipline?.value.label ?? "therapy") + " plan of care"
        if var c = p.client {
            c.name.value = ""
            c.born = nil
            c.identifier = nil
            c.identifierSystem = nil
            c.lives = nil
            c.referral = hidden(c.referral)
            c.history = hidden(c.history)
            p.client = c
        }
        p.clinician = nil
        p.start = p.start.map(located)
        p.description = hidden(p.description)
        p.diagnoses = p.diagnoses.map { d in
            let known = d.code.flatMap { ICD10CM.lookup($0.value) }
            return Diagnosis(code: d.code, text: known?.display ?? withheld, span: d.span)
        }
        // The plan's own notes are withheld like the rest; the notice takes their place, once.
        p.notes = [notice]
        p.assessment.observations = p.assessment.observations.map { .init(task: text($0.task), finding: withheld) }
        p.assessment.environments = p.assessment.environments.map { .init(setting: $0.setting, finding: withheld) }
        p.assessment.interviews = hidden(p.assessment.interviews)
        p.assessment.scores = p.assessment.scores.map { s in
            var s = s
            s.instrument = text(s.instrument)
            s.value = text(s.value)
            return s
        }
        p.assessment.copm = p.assessment.copm.map { c in var c = c; c.activity = text(c.activity); return c }
        for i in p.goals.indices {
            p.goals[i].title.value = text(p.goals[i].title.value)
            p.goals[i].due = p.goals[i].due.map(located)
            p.goals[i].condition = p.goals[i].condition.map(text)
            if let m = p.goals[i].measure { p.goals[i].measure?.name = text(m.name) }
            p.goals[i].notes = hidden(p.goals[i].notes)
        }
        func frequency(_ f: Frequency?) -> Frequency? {
            guard var f else { return nil }
            f.start = f.start.map(date)
            return f
        }
        p.frequency = frequency(p.frequency)
        for i in p.interventions.indices {
            p.interventions[i].frequency = frequency(p.interventions[i].frequency)
            p.interventions[i].title.value = text(p.interventions[i].title.value)
            p.interventions[i].equipment = p.interventions[i].equipment.map(text)
            p.interventions[i].notes = hidden(p.interventions[i].notes)
        }
        for i in p.checkins.indices {
            p.checkins[i].on = p.checkins[i].on.map(date)
            p.checkins[i].from = p.checkins[i].from.map(date)
            p.checkins[i].until = p.checkins[i].until.map(date)
        }
        p.reassessments = p.reassessments.map(located)
        func certification(_ c: Certification) -> Certification {
            var c = c
            c.on = c.on.map(located)
            c.signed = c.signed.map(located)
            c.by = c.by.map { _ in "[physician]" }
            c.npi = nil
            return c
        }
        p.certification = p.certification.map(certification)
        p.recertifications = p.recertifications.map(certification)
        for i in p.clinicClosures.indices {
            p.clinicClosures[i].from = located(p.clinicClosures[i].from)
            p.clinicClosures[i].to = located(p.clinicClosures[i].to)
            p.clinicClosures[i].reason = nil
        }
        for i in p.visits.indices {
            p.visits[i].date = located(p.visits[i].date)
            p.visits[i].notes = hidden(p.visits[i].notes)
            p.visits[i].reason = hidden(p.visits[i].reason)
            for k in [\SOAPNote.subjective, \.objective, \.assessment, \.plan] {
                p.visits[i].soap[keyPath: k] = p.visits[i].soap[keyPath: k].map { Located(withheld, $0.span) }
            }
            for k in p.visits[i].services.indices { p.visits[i].services[k].note = hidden(p.visits[i].services[k].note) }
        }
        for i in p.goals.indices { p.goals[i].start = p.goals[i].start.map(located) }
        for i in p.closures.indices {
            p.closures[i].date = located(p.closures[i].date)
            p.closures[i].reason = hidden(p.closures[i].reason)
        }
        for i in p.progress.indices {
            p.progress[i].date = located(p.progress[i].date)
            p.progress[i].notes = hidden(p.progress[i].notes)
            p.progress[i].copm = p.progress[i].copm.map { c in var c = c; c.activity = text(c.activity); return c }
            for j in p.progress[i].entries.indices {
                p.progress[i].entries[j].note = hidden(p.progress[i].entries[j].note)
            }
        }
        p.care = care(p.care, text: text, date: date)
        return p
    }

    /// The plan-of-care fields: signers and trained people lose their names (their roles
    /// stay), dates shift, precautions keep their text (`text` replaces known names), the rest
    /// of the free text is withheld.
    package static func care(_ original: PlanOfCare, text: (String) -> String, date: (CalendarDate) -> CalendarDate) -> PlanOfCare {
        var c = original
        c.signatures = c.signatures.map { Signature(name: "the therapist", date: Located(date($0.date.value), $0.date.span), span: $0.span) }
        for i in c.precautions.indices {
            c.precautions[i].text = text(c.precautions[i].text)
            c.precautions[i].until = c.precautions[i].until.map(date)
        }
        c.priorLevel = hidden(c.priorLevel)
        if original.rehabPotential?.reason != nil { c.rehabPotential?.reason = withheld }
        c.dischargeCriteria = hidden(c.dischargeCriteria)
        if original.dischargePlan != nil { c.dischargePlan?.value = withheld }
        for i in c.trained.indices {
            c.trained[i].name = c.trained[i].role.map { "a \($0.rawValue)" } ?? "someone close to the client"
            c.trained[i].topic = c.trained[i].topic.map { _ in withheld }
            c.trained[i].date = c.trained[i].date.map(date)
        }
        return c
    }

    private static func capitalized(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }

    /// The options to use with a de-identified plan: "today" moves with the dates, so "next
    /// check-in" and statuses read the same as in the original.
    public static func options(_ options: ExportOptions, forPlan id: String) -> ExportOptions {
        var o = options
        o.today = options.today.adding(days: offsetDays(forPlan: id))
        return o
    }

    /// The words of a person's name worth looking for in text: capitalised, at least three
    /// letters, not initials or credentials ("A. Chen, OTR/L" gives "Chen"). Whole hyphenated
    /// names come first, so "O'Brien-Ngata" is replaced as one.
    package static func nameWords(_ name: String) -> [String] {
        func isName(_ w: Substring) -> Bool {
            guard let first = w.first, first.isUppercase, w.count >= 3 else { return false }
            return w.contains { $0.isLowercase }
        }
        let whole = name.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "/" }).filter(isName)
        let parts = whole.flatMap { $0.split(separator: "-") }.filter(isName)
        return Array(Set((whole + parts).map(String.init))).sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }

    /// Replaces whole-word occurrences (not inside a longer word) of each word, longest first.
    package static func replacingWords(_ pairs: [(String, String)], in text: String) -> String {
        var out = text
        for (word, replacement) in pairs {
            var result = ""
            var rest = Substring(out)
            while let r = rest.range(of: word) {
                let before = r.lowerBound == rest.startIndex ? (result.last) : rest[rest.index(before: r.lowerBound)]
                let after = r.upperBound == rest.endIndex ? nil : rest[r.upperBound]
                let boundary = !(before?.isLetter ?? false) && !(after?.isLetter ?? false)
                result += rest[..<r.lowerBound] + (boundary ? replacement : word)
                rest = rest[r.upperBound...]
            }
            out = result + rest
        }
        return out
    }

    /// Replaces every `YYYY-MM-DD` date in free text (not part of a longer number) with the
    /// shifted date.
    public static func shiftDates(in text: String, by days: Int) -> String {
        let u = Array(text.utf8)
        guard u.count >= 10 else { return text }
        func digit(_ i: Int) -> Bool { i >= 0 && i < u.count && u[i] >= 0x30 && u[i] <= 0x39 }
        var out: [UInt8] = []
        var i = 0
        while i < u.count {
            if i + 10 <= u.count, !digit(i - 1), !digit(i + 10),
               let d = CalendarDate(iso: String(decoding: u[i..<(i + 10)], as: UTF8.self)) {
                out += Array(d.adding(days: days).description.utf8)
                i += 10
            } else {
                out.append(u[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
