import CarePlanBasics
import CarePlanModel

/// De-identification for teaching exports (`--deidentify`): names, the birth date and where the
/// client lives are dropped, the client's and clinician's names are replaced wherever free text
/// repeats them, and every date moves back by the same whole number of weeks, so intervals,
/// weekdays and the order of events stay exactly as written.
///
/// The shift is derived from the plan id (SHA-1), so the same plan always shifts the same way:
/// reproducible for golden files, but anyone who knows the plan id can undo it. It hides dates
/// from a casual reader; it is not anonymisation. Other names typed into free text (a carer's,
/// a street) survive: review notes before sharing.
public enum Deidentify {
    /// Days every date moves by: back between 26 and 104 weeks, a multiple of 7.
    public static func offsetDays(forPlan id: String) -> Int {
        let digest = SHA1.hash(Array("careplan-deidentify:\(id)".utf8))
        let n = Int(digest[0]) << 8 | Int(digest[1])
        return -7 * (26 + n % 79)
    }

    /// The plan with identifying fields removed and every date shifted.
    public static func plan(_ original: Plan) -> Plan {
        let offset = offsetDays(forPlan: original.id.value)
        var p = original
        func date(_ d: CalendarDate) -> CalendarDate { d.adding(days: offset) }
        func located(_ d: Located<CalendarDate>) -> Located<CalendarDate> { Located(date(d.value), d.span) }
        let names = nameWords(original.client?.name.value ?? "").map { ($0, "the client") }
            + nameWords(original.clinician ?? "").map { ($0, "the therapist") }
        func text(_ s: String) -> String { replacingWords(names, in: shiftDates(in: s, by: offset)) }

        p.title.value = text(p.title.value)
        if var c = p.client {
            c.name.value = ""
            c.born = nil
            c.identifier = nil
            c.identifierSystem = nil
            c.lives = nil
            c.referral = c.referral.map(text)
            c.history = c.history.map(text)
            p.client = c
        }
        p.clinician = nil
        p.start = p.start.map(located)
        p.description = p.description.map(text)
        p.diagnoses = p.diagnoses.map { Diagnosis(code: $0.code, text: text($0.text), span: $0.span) }
        p.notes = p.notes.map(text)
        p.assessment.observations = p.assessment.observations.map { .init(task: text($0.task), finding: text($0.finding)) }
        p.assessment.environments = p.assessment.environments.map { .init(setting: $0.setting, finding: text($0.finding)) }
        p.assessment.interviews = p.assessment.interviews.map(text)
        for i in p.goals.indices {
            p.goals[i].title.value = text(p.goals[i].title.value)
            p.goals[i].due = p.goals[i].due.map(located)
            p.goals[i].condition = p.goals[i].condition.map(text)
            p.goals[i].notes = p.goals[i].notes.map(text)
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
            p.interventions[i].notes = p.interventions[i].notes.map(text)
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
        }
        for i in p.visits.indices {
            p.visits[i].date = located(p.visits[i].date)
            p.visits[i].notes = p.visits[i].notes.map(text)
            p.visits[i].reason = p.visits[i].reason.map(text)
            for k in [\SOAPNote.subjective, \.objective, \.assessment, \.plan] {
                p.visits[i].soap[keyPath: k] = p.visits[i].soap[keyPath: k].map { Located(text($0.value), $0.span) }
            }
            for k in p.visits[i].services.indices { p.visits[i].services[k].note = p.visits[i].services[k].note.map(text) }
        }
        for i in p.goals.indices { p.goals[i].start = p.goals[i].start.map(located) }
        for i in p.closures.indices {
            p.closures[i].date = located(p.closures[i].date)
            p.closures[i].reason = p.closures[i].reason.map(text)
        }
        for i in p.progress.indices {
            p.progress[i].date = located(p.progress[i].date)
            p.progress[i].notes = p.progress[i].notes.map(text)
            for j in p.progress[i].entries.indices {
                p.progress[i].entries[j].note = p.progress[i].entries[j].note.map(text)
            }
        }
        p.care = care(p.care, text: text, date: date)
        return p
    }

    /// The plan-of-care fields: signers and trained people lose their names (their roles
    /// stay), dates shift, free text loses the client's and therapist's names.
    package static func care(_ original: PlanOfCare, text: (String) -> String, date: (CalendarDate) -> CalendarDate) -> PlanOfCare {
        var c = original
        c.signatures = c.signatures.map { Signature(name: "the therapist", date: Located(date($0.date.value), $0.date.span), span: $0.span) }
        for i in c.precautions.indices {
            c.precautions[i].text = text(c.precautions[i].text)
            c.precautions[i].until = c.precautions[i].until.map(date)
        }
        c.priorLevel = c.priorLevel.map(text)
        if let reason = original.rehabPotential?.reason { c.rehabPotential?.reason = text(reason) }
        c.dischargeCriteria = c.dischargeCriteria.map(text)
        if let plan = original.dischargePlan { c.dischargePlan?.value = text(plan.value) }
        for i in c.trained.indices {
            c.trained[i].name = c.trained[i].role.map { "a \($0.rawValue)" } ?? "someone close to the client"
            c.trained[i].topic = c.trained[i].topic.map(text)
            c.trained[i].date = c.trained[i].date.map(date)
        }
        return c
    }

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
