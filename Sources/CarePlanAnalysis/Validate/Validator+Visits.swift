import CarePlanBasics

/// Rules on what a visit's daily note bills (VisitService.swift): the services fit inside the
/// visit's minutes (CP0706). Codes are checked with the plan's (Validator+Codes.swift); a
/// service on a visit that did not happen is rejected where it is written (CP0707).
extension Validator.Run {
    package mutating func visitNotes() {
        for v in plan.visits {
            guard let minutes = v.minutes, !v.services.isEmpty else { continue }
            let total = v.serviceMinutes
            guard total > minutes.value else { continue }
            let parts = v.services.map { "\($0.code.value) \($0.minutes.value)" }.joined(separator: " + ")
            // The caret goes on the service that takes the total past the visit's minutes.
            var running = 0
            let over = v.services.first { running += $0.minutes.value; return running > minutes.value } ?? v.services[0]
            let labels = [Label(over.span, "\(running) minutes of services by here"),
                          Label(minutes.span, "visit of \(minutes.value) minutes", primary: false)]
            diagnostics.append(Diagnostic(.serviceMinutesExceedVisit,
                "the services of the visit on \(v.date.value) add up to \(total) minutes (\(parts)), more than the visit's \(minutes.value)",
                labels: labels,
                notes: ["billed minutes are minutes of treatment actually given (Medicare Claims Processing Manual (Pub. 100-04) ch. 5 §20.2)"],
                help: "correct the service minutes, or the visit's `minutes \(minutes.value)` if the visit was longer"))
        }
    }
}
