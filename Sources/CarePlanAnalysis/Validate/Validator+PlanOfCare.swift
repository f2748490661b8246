import CarePlanBasics
import CarePlanModel

/// Rules on the plan-of-care fields (PlanOfCare.swift): signatures and precautions.
extension Validator.Run {
    package mutating func planOfCare(today: CalendarDate) {
        certificationSignature(today: today)
        planOfCareContent()
        let care = plan.care
        for s in care.signatures where s.date.value > today {
            add(.signedInFuture, "plan `\(name)` is signed on \(s.date.value), after today (\(today))", at: s.date.span,
                label: "after today", help: "correct the date, or leave out `signed` until the plan is signed")
        }
        if let start = plan.start?.value {
            for p in care.precautions {
                guard let until = p.until, until < start else { continue }
                add(.precautionEndsBeforeStart, "\(p.kind.rawValue) ends on \(until), before the plan starts on \(start)", at: p.span,
                    label: "never in force", help: "correct the `until` date, or drop `until` if it applies throughout")
            }
        }
    }

    /// Medicare Part B (Pub. 100-02 ch. 15 §220.1.3): the initial certification is signed
    /// within 30 days of the first treatment day (the plan's start: the evaluation is day 1).
    /// Unsigned after that: a warning; visits attended after that with no signature: an error.
    package mutating func certificationSignature(today: CalendarDate) {
        guard let deadline = plan.initialCertificationDeadline, let start = plan.start?.value else { return }
        let cert = plan.certification
        if let signed = cert?.signed {
            if signed.value > deadline {
                add(.certificationUnsignedAfter30Days,
                    "the initial certification was signed on \(signed.value), \(start.days(until: signed.value)) days after the first treatment day (\(start))",
                    at: signed.span, label: "later than \(deadline)",
                    notes: ["Medicare Part B: the physician or NPP signs the initial plan of care within 30 days of the first treatment day (Medicare Benefit Policy Manual (Pub. 100-02) ch. 15 §220.1.3); a later one is a delayed certification"],
                    help: "keep the reason for the delay with the plan: `note \"Certification delayed: ...\"`")
            }
            return
        }
        guard today > deadline else { return }
        let span = cert?.span ?? plan.id.span
        let late = plan.visitsOnUncertifiedPlan(today: today)
        // A certification signed late is accepted with the reason for the delay (§220.1.3):
        // the help says so, and keeps the plan's own period.
        let delayed = "; a certification signed late is accepted with the reason for the delay: keep it with the plan (`note \"Certification delayed: ...\"`)"
        if let first = late.first {
            add(.visitsWithoutCertification,
                "\(late.count) visit\(late.count == 1 ? "" : "s") from \(first.date.value) given after the initial certification fell due (\(deadline)) unsigned",
                at: first.span, label: "given on an uncertified plan",
                notes: ["Medicare Part B covers services under a certified plan of care; the initial certification is due within 30 days of the first treatment day, \(start) (Medicare Benefit Policy Manual (Pub. 100-02) ch. 15 §220.1.3)"],
                help: "record the physician's or NPP's signature when it is given: `\(plan.certifyExample)`" + delayed)
        } else {
            add(.certificationUnsignedAfter30Days,
                "the initial certification is not signed, \(start.days(until: today)) days after the first treatment day (\(start))",
                at: span, label: cert == nil ? "no `certify` line" : "no `signed` date",
                notes: ["Medicare Part B: the physician or NPP signs the initial plan of care within 30 days of the first treatment day, here by \(deadline) (Medicare Benefit Policy Manual (Pub. 100-02) ch. 15 §220.1.3)"],
                help: "send the plan of care for signature (`careplan document FILE --kind plan-of-care`), then write `\(plan.certifyExample)`" + delayed)
        }
    }

    /// Medicare Part B (Pub. 100-02 ch. 15 §220.1.2, from 42 CFR 424.24(c) and 410.61(c)): a
    /// plan of care contains the diagnoses, long-term goals, and the type, amount, frequency
    /// and duration of treatment. One warning per plan naming each part that is missing (CP0700).
    ///
    /// Parts another rule already reports are left to it (one mistake, one diagnostic): the
    /// type is the discipline (CP0100 when missing; §220.1.2 accepts "PT" or "OT"); a plan
    /// with no goals is CP0206; each long-term goal's measure and function are checked on the
    /// goal (CP0305, CP0301, CP0302, CP0307). The amount is never missing: where it is not
    /// given, Medicare assumes one session a day. This reports: no diagnosis (CP0309 yields to
    /// it on Part B plans), no long-term goal in force, no frequency (Medicare would assume a
    /// single treatment), and no duration (the frequency's `for 8 weeks` or `for 12 visits`).
    package mutating func planOfCareContent() {
        guard plan.payer?.value == .medicarePartB else { return }
        var missing: [String] = [], help: [String] = []
        if plan.diagnoses.isEmpty && !plan.attempted.contains(.diagnosis) {
            missing.append("diagnoses")
            help.append(diagnosisHelp)
        }
        if !plan.goals.isEmpty {
            let longTerm = plan.goals.filter { $0.supports == nil }
            let open = longTerm.filter { plan.closure(of: $0.id.value)?.status != .discontinued }
            if open.isEmpty {
                missing.append(longTerm.isEmpty ? "a long-term goal (every goal `supports` another)"
                                                : "a long-term goal still in force (\(longTerm.map { "`\($0.id.value)`" }.joined(separator: ", ")) discontinued)")
                help.append(longTerm.isEmpty ? "a functional, measurable long-term goal that the short-term goals `supports`"
                                             : "a functional, measurable long-term goal in its place: `goal ID \"...\" { replaces \(longTerm[0].id.value); ... }`, and point the short-term goals at it")
            }
        }
        // Sessions are the plan's own frequency and those of interventions given in sessions
        // (a home programme is not treatment the plan of care prescribes by frequency).
        let frequencies = [plan.frequency].compactMap { $0 }
            + plan.interventions.filter { !$0.isHomeProgramme }.compactMap(\.frequency)
        let attemptedFrequency = plan.attempted.contains(.frequency)
            || plan.interventions.contains { !$0.isHomeProgramme && $0.attempted.contains(.frequency) }
        if frequencies.isEmpty && !attemptedFrequency {
            missing.append("frequency and duration (with no frequency Medicare assumes a single treatment)")
            help.append("`frequency 2 per week for 8 weeks`")
        } else if !frequencies.isEmpty, frequencies.allSatisfy({ $0.length == nil && !$0.isOnce }) {
            missing.append("duration (the number of weeks or sessions)")
            help.append("a length after the frequency: `for 8 weeks` or `for 16 visits`")
        }
        guard !missing.isEmpty else { return }
        let last = missing.count > 1 ? missing.dropLast().joined(separator: "; ") + "; and " + missing.last! : missing[0]
        add(.planOfCareContentMissing, "plan `\(name)` is missing what Medicare requires in a plan of care: \(last)",
            at: plan.id.span, label: "plan of care incomplete",
            notes: ["Medicare Benefit Policy Manual (Pub. 100-02) ch. 15 §220.1.2: a plan of care contains the diagnoses, long-term treatment goals, and the type, amount, frequency and duration of therapy; the physician or NPP certifies it as written"],
            help: "add " + help.joined(separator: "; "))
    }
}
