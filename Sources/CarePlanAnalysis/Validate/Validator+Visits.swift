import CarePlanBasics
import CarePlanModel

/// Rules on what a visit's daily note bills (VisitService.swift): the services fit inside the
/// visit's minutes (CP0706), and a Medicare visit with minutes records its services (CP0760).
/// Codes are checked with the plan's (Validator+Codes.swift); a service on a visit that did
/// not happen is rejected where it is written (CP0707).
extension Validator.Run {
    package mutating func visitNotes() {
        visitsWithoutServices()
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

    /// Medicare Part B (Pub. 100-02 ch. 15 §220.3.E): an attended visit with treatment minutes
    /// and no `service` line documents no intervention billed. One warning for the plan (one
    /// omission, repeated), the caret on the first such visit, the others named.
    package mutating func visitsWithoutServices() {
        guard plan.payer?.value == .medicarePartB else { return }
        let bare = plan.visits.filter { $0.status == .attended && ($0.minutes?.value ?? 0) > 0 && $0.services.isEmpty }
        guard let first = bare.first, let minutes = first.minutes else { return }
        let dates = bare.map(\.date.value.description)
        let message = bare.count == 1
            ? "the visit on \(dates[0]) records \(minutes.value) minutes of treatment but no services"
            : "\(bare.count) attended visits record minutes of treatment but no services: " + Self.dateList(dates)
        // The example code: one the visit's interventions (or else the plan's) are billed as.
        let given = first.given.compactMap { ref in plan.interventions.first { $0.id.value == ref.value } }
        let code = (given + plan.interventions).lazy.compactMap(\.cpt.first).first?.value ?? "97530"
        diagnostics.append(Diagnostic(.visitWithoutServices, message,
            labels: [Label(first.date.span, bare.count == 1 ? "\(minutes.value) minutes, no `service` line" : "the first of \(bare.count)")],
            notes: ["Medicare Benefit Policy Manual (Pub. 100-02) ch. 15 §220.3.E: a treatment note names each service provided and billed, timed and untimed, with the timed-code minutes and the total treatment time"],
            help: "record what was given inside each visit's braces, one CPT code a line with its minutes, e.g. `service \(code) minutes \(minutes.value)`"))
    }

    /// "2026-10-28, 2026-10-30 and 2026-11-02"; past six, the first five and how many more.
    static func dateList(_ dates: [String]) -> String {
        if dates.count > 6 { return dates.prefix(5).joined(separator: ", ") + " and \(dates.count - 5) more" }
        return Words.list(dates)
    }
}
