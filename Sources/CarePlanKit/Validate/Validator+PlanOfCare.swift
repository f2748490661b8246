/// Rules on the plan-of-care fields (PlanOfCare.swift): signatures and precautions.
extension Validator.Run {
    mutating func planOfCare(today: CalendarDate) {
        certificationSignature(today: today)
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
    mutating func certificationSignature(today: CalendarDate) {
        guard plan.payer?.value == .medicarePartB, let start = plan.start?.value else { return }
        let deadline = start.adding(days: 30)
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
        let late = plan.visits.filter { $0.status == .attended && $0.date.value > deadline && $0.date.value <= today }
        if let first = late.first {
            add(.visitsWithoutCertification,
                "\(late.count) visit\(late.count == 1 ? "" : "s") from \(first.date.value) given after the initial certification fell due (\(deadline)) unsigned",
                at: first.span, label: "given on an uncertified plan",
                notes: ["Medicare Part B covers services under a certified plan of care; the initial certification is due within 30 days of the first treatment day, \(start) (Medicare Benefit Policy Manual (Pub. 100-02) ch. 15 §220.1.3)"],
                help: "record the physician's or NPP's signature: `certify for 90 days signed DATE by \"Dr. ...\"`")
        } else {
            add(.certificationUnsignedAfter30Days,
                "the initial certification is not signed, \(start.days(until: today)) days after the first treatment day (\(start))",
                at: span, label: cert == nil ? "no `certify` line" : "no `signed` date",
                notes: ["Medicare Part B: the physician or NPP signs the initial plan of care within 30 days of the first treatment day, here by \(deadline) (Medicare Benefit Policy Manual (Pub. 100-02) ch. 15 §220.1.3)"],
                help: "send the plan of care for signature (`careplan document FILE --kind plan-of-care`), then write `certify for 90 days signed DATE by \"Dr. ...\"`")
        }
    }
}
