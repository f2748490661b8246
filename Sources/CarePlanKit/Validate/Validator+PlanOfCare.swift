/// Rules on the plan-of-care fields (PlanOfCare.swift): signatures and precautions.
extension Validator.Run {
    mutating func planOfCare(today: CalendarDate) {
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
}
