import CarePlanBasics
import CarePlanModel

/// The certification on the timeline's `today` in one line, as the documents' "Certification"
/// fact and `careplan report` both print it (so they agree), built on the timeline's
/// certification periods (no date is recomputed here):
///
/// - signed and covering today: "2026-11-02 to 2027-01-30 (initial, signed 2026-11-04)";
/// - the initial period not signed yet: "period 2026-11-02 to 2027-01-30, awaiting the
///   physician's or NPP's signature (due by 2026-12-02)". The timeline counts an unsigned
///   initial period as the plan's period (Medicare gives 30 days to sign it, Pub. 100-02
///   ch. 15 §220.1.3), but it is not "in force" to a reader until it is signed;
/// - no `certify` line at all: "no certification recorded", with the day the signature is due
///   on a Medicare Part B plan (the timeline's period is only the payer's default length);
/// - lapsed, or not begun; then any re-certification signed ahead or planned.
package enum CertificationLine {
    /// nil when the plan has no certification period (a payer that certifies nothing, no start).
    package static func text(_ plan: Plan, _ t: Timeline, date: (CalendarDate) -> String = { "\($0)" }, daysLeft: Bool = false) -> String? {
        guard !t.schedule.certifications.isEmpty else { return nil }
        func range(_ c: CertificationPeriod) -> String { "\(date(c.start)) to \(date(c.end))" }
        // Due by / was due by: the Part B deadline for the initial signature (nil for other payers).
        let due = plan.initialCertificationDeadline.map { d in d < t.today ? "was due by \(date(d))" : "due by \(date(d))" }
        let initial = t.schedule.certifications.first { $0.kind == .initial }
        let unsigned = initial.map { c in c.signed.map { $0 > t.today } ?? true } ?? false
        var text: String
        if plan.certification == nil {
            text = "no certification recorded" + (due.map { "; the physician's or NPP's signature is \($0) (30 days from the start of care)" } ?? "")
        } else if let c = awaitingSignature(t) {
            text = "period \(range(c)), awaiting the physician's or NPP's signature" + (due.map { " (\($0))" } ?? "")
        } else if let c = t.certificationInForce {
            var words = [c.kind == .initial ? "initial" : "re-certification"]
            words.append(c.signed.map { "signed \(date($0))" } ?? "not signed")
            var s = "\(range(c)) (\(words.joined(separator: ", "))"
            if daysLeft {
                let left = t.today.days(until: c.end)
                s += "; \(left) day\(left == 1 ? "" : "s") left"
            }
            text = s + ")"
        } else if let through = t.schedule.certifiedThrough(countingPlanned: false), through < t.today {
            text = "lapsed: " + t.lapsedPeriodPhrase(ending: through, date: date)
        } else if let first = t.schedule.certifications.first {
            text = "\(range(first)) (not begun" + (first.kind == .initial && unsigned ? "; awaiting the physician's or NPP's signature" : "") + ")"
        } else {
            return nil
        }
        // A re-certification signed ahead of its period is part of the chain.
        for p in t.signedRecertificationsAhead {
            text += "; re-certification \(range(p)), signed \(p.signed.map(date) ?? "")" + (p.by.map { " by \($0)" } ?? "")
        }
        for p in t.plannedCertifications { text += "; re-certification \(range(p)) planned, not signed" }
        return text
    }

    /// The initial period covering `today` while it is not signed (by then): the timeline
    /// counts it as the plan's period, but it is not "in force" to a reader until signed.
    package static func awaitingSignature(_ t: Timeline) -> CertificationPeriod? {
        guard let c = t.schedule.certifications.first(where: { $0.kind == .initial }),
              c.signed.map({ $0 > t.today }) ?? true, c.start <= t.today, t.today <= c.end else { return nil }
        return c
    }

    /// The period covering `today` as a sentence names it, in the words of `text`: "The
    /// certification in force" once signed; "The certification period (not yet signed; the
    /// physician's or NPP's signature is due by 2 Dec 2026)" while awaiting it; "No
    /// certification is recorded; the period from the start of care" without a `certify`
    /// line. nil when no period covers `today`.
    package static func subject(_ plan: Plan, _ t: Timeline, date: (CalendarDate) -> String = { "\($0)" }) -> (period: CertificationPeriod, words: String)? {
        guard let c = t.certificationInForce else { return nil }
        let due = plan.initialCertificationDeadline.map { d in "the physician's or NPP's signature \(d < t.today ? "was" : "is") due by \(date(d))" }
        if plan.certification == nil {
            return (c, "No certification is recorded" + (due.map { " (\($0))" } ?? "") + "; the period from the start of care")
        }
        if let a = awaitingSignature(t), a.start == c.start {
            return (c, "The certification period (not yet signed" + (due.map { "; \($0)" } ?? "") + ")")
        }
        return (c, "The certification in force")
    }
}
