import CarePlanBasics
import CarePlanModel
import CarePlanAnalysis

/// The dates and counts a reviewer checks after a plan changes, read from one version's
/// `Timeline`, so they are the ones `schedule`, `report` and `caseload` show for it: sessions
/// booked (and those still to come after `today`), the last session, the certification
/// periods, the next progress report the payer asks for, and the end of care (the last date
/// the plan books: a session, check-in, re-assessment or an open goal's due date).
package struct ScheduleFacts: Equatable {
    package var sessions: Int
    package var sessionsAfterToday: Int
    package var lastSession: CalendarDate?
    package var certification: [String]
    package var progressReport: String
    package var endOfCare: CalendarDate?
    package var today: CalendarDate

    package static func of(_ plan: Plan, today: CalendarDate) -> ScheduleFacts {
        let t = Timeline.of(plan, today: today)
        // Sessions as a clinic books them: one per day, not the client's own home programme.
        var days = Set<CalendarDate>()
        for s in t.schedule.series where s.kind == .session && !t.homeProgrammeSeries.contains(s.id) { days.formUnion(s.dates) }
        var end: CalendarDate? = nil
        for s in t.schedule.series where [.session, .checkin, .reassessment, .goalDue].contains(s.kind) {
            if let last = s.dates.max(), end.map({ last > $0 }) ?? true { end = last }
        }
        let report: String
        if let due = ProgressReportDue.of(plan, t) {
            report = "\(due.date) (treatment day \(due.limit) since \(due.since.map { "the review of \($0)" } ?? "the start"))"
        } else if t.rules.treatmentDaysPerProgressReport == nil {
            report = "none (\(t.rules.name) has no treatment-day rule)"
        } else {
            report = "none before the last treatment day"
        }
        return ScheduleFacts(sessions: days.count, sessionsAfterToday: days.filter { $0 > today }.count,
                             lastSession: days.max(), certification: t.schedule.certifications.map(Self.period),
                             progressReport: report, endOfCare: end, today: today)
    }

    /// "2026-10-26 to 2027-01-23", with "(re-certification, not signed)" where it applies.
    package static func period(_ c: CertificationPeriod) -> String {
        var s = "\(c.start) to \(c.end)"
        if c.kind == .recertification { s += c.status == .planned ? " (re-certification, not signed)" : " (re-certification)" }
        return s
    }

    /// What moved from `self` (the old version) to `other`, as before -> after lines.
    package func changes(to other: ScheduleFacts) -> [FieldChange] {
        var out: [FieldChange] = []
        func field(_ name: String, _ a: String?, _ b: String?) { if a != b { out.append(FieldChange(name, a, b)) } }
        field("sessions booked", "\(sessions) (\(sessionsAfterToday) after \(today))", "\(other.sessions) (\(other.sessionsAfterToday) after \(today))")
        field("last session", lastSession.map { "\($0)" } ?? "none", other.lastSession.map { "\($0)" } ?? "none")
        field("certification", certification.isEmpty ? "none" : certification.joined(separator: "; "),
              other.certification.isEmpty ? "none" : other.certification.joined(separator: "; "))
        field("next progress report due", progressReport, other.progressReport)
        field("end of care", endOfCare.map { "\($0)" } ?? "none", other.endOfCare.map { "\($0)" } ?? "none")
        return out
    }
}
