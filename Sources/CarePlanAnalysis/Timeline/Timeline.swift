import CarePlanBasics
import CarePlanModel

/// A plan in time, computed once from its text, its records and `today`: the one model every
/// output reads (`schedule`, `report`, `simulate`, the validator's time rules, the exports and
/// the REPL's views), so none of them derives dates, goal activity or certification itself.
///
/// - The **schedule**: the booked calendar (sessions on weekdays outside closures, check-ins
///   naming only open goals, due dates of goals still open, certification periods).
/// - **Goal lives**: each goal from the day it was set to the day it was closed.
/// - **Certification periods** with their status on `today` (in force, planned, ended).
/// - **Treatment days**: visits actually given up to `today`, sessions projected after it (and
///   today's, while no visit is recorded for today).
/// - The **payer's rules**, which decide which clocks apply.
public struct Timeline: Sendable {
    public var plan: String
    public var today: CalendarDate
    public var rules: PayerRules
    public var schedule: Schedule
    /// One per goal, in the plan's goal order.
    public var lives: [GoalLife]
    /// Days therapy was (or is booked to be) given, in date order, one per day.
    public var treatmentDays: [TreatmentDay]
    /// Whether any visit is recorded: then days up to `today` count only recorded visits.
    public var recordsVisits: Bool
    /// The session series the client does at home (`delivery home-programme`): not treatment
    /// days, and not sessions at the clinic (`careplan schedule` labels them apart).
    public var homeProgrammeSeries: Set<String> = []
    /// Days up to `today` with a visit recorded as cancelled or not attended and none attended:
    /// a session booked that day was not given (nor counted as a treatment day).
    public var missedVisits: [CalendarDate: MissedVisit] = [:]

    /// A booked day the client was not seen, as its visit record says.
    public struct MissedVisit: Sendable, Equatable {
        public var status: VisitStatus
        public var reason: String?
        /// Index into `plan.visits`.
        public var visit: Int
    }
    /// Position of each goal's life by id (a report asks once per goal).
    private var lifeIndex: [String: Int] = [:]

    /// A day therapy counts as given: a visit attended up to `today`, or a booked session
    /// after it (or, when the plan records no visits, any booked session).
    public struct TreatmentDay: Sendable, Equatable {
        public var date: CalendarDate
        /// Recorded as given (a visit), rather than projected from the booked sessions.
        public var given: Bool
        /// The series (or visit) it comes from, for pointing at it.
        public var source: Source
        public enum Source: Sendable, Equatable {
            case visit(Int)           // index into `plan.visits`
            case series(String)       // a session series id
            case evaluation           // the plan's start: the evaluation is day 1
        }
    }

    public static func of(_ plan: Plan, today: CalendarDate) -> Timeline {
        of(plan, today: today, schedule: Schedule.of(plan, today: today))
    }

    /// The timeline over a given schedule (a what-if simulation passes a changed one).
    public static func of(_ plan: Plan, today: CalendarDate, schedule: Schedule) -> Timeline {
        let rules = PayerRules.of(plan.payer?.value)
        // Computed with the schedule (its check-ins and due dates follow them), not again here.
        let lives = schedule.lives
        let recordsVisits = !plan.visits.isEmpty
        var days: [CalendarDate: TreatmentDay] = [:]
        let homeSeries = Set(plan.interventions.filter(\.isHomeProgramme).map { "\(plan.id.value)-\($0.id.value)-sessions" })
        var missed: [CalendarDate: MissedVisit] = [:]
        if recordsVisits {
            let attended = Set(plan.visits.filter { $0.status == .attended }.map(\.date.value))
            for (k, v) in plan.visits.enumerated() where v.status != .attended && v.date.value <= today && !attended.contains(v.date.value) {
                if missed[v.date.value] == nil { missed[v.date.value] = MissedVisit(status: v.status, reason: v.reason, visit: k) }
            }
        }
        if let start = plan.start?.value {
            if recordsVisits {
                for (k, v) in plan.visits.enumerated() where v.status == .attended && v.date.value <= today {
                    // A visit that gave only home-programme items is not a treatment day.
                    let ids = v.given.map(\.value)
                    if !ids.isEmpty, ids.allSatisfy({ id in plan.interventions.first { $0.id.value == id }?.isHomeProgramme == true }) { continue }
                    if days[v.date.value] == nil { days[v.date.value] = TreatmentDay(date: v.date.value, given: true, source: .visit(k)) }
                }
            } else {
                // No visits recorded: the evaluation (the plan's start) is day 1.
                days[start] = TreatmentDay(date: start, given: false, source: .evaluation)
            }
            // A session booked for today and not yet recorded (no visit of any status today)
            // is today's treatment day: a therapist checking in the morning is told about
            // today, not the next session.
            let todayRecorded = plan.visits.contains { $0.date.value == today }
            for s in schedule.series where s.kind == .session && !homeSeries.contains(s.id) {
                for d in s.dates where days[d] == nil && (!recordsVisits || d > today || (d == today && !todayRecorded)) {
                    days[d] = TreatmentDay(date: d, given: false, source: .series(s.id))
                }
            }
        }
        var t = Timeline(plan: plan.id.value, today: today, rules: rules, schedule: schedule, lives: lives,
                         treatmentDays: days.values.sorted { $0.date < $1.date }, recordsVisits: recordsVisits,
                         homeProgrammeSeries: homeSeries, missedVisits: missed)
        for (k, life) in lives.enumerated() where t.lifeIndex[life.goal] == nil { t.lifeIndex[life.goal] = k }
        return t
    }

    /// The life of a goal by id.
    public func life(of goal: String) -> GoalLife? { lifeIndex[goal].map { lives[$0] } }

    /// The goals open on `d`.
    public func activeGoals(on d: CalendarDate) -> [String] { lives.filter { $0.isActive(on: d) }.map(\.goal) }

    /// The certification period covering `today` that is in force, if any.
    public var certificationInForce: CertificationPeriod? {
        schedule.certifications.last { $0.status == .inForce }
    }

    /// Re-certifications written but not signed (not in force until they are).
    public var plannedCertifications: [CertificationPeriod] {
        schedule.certifications.filter { $0.status == .planned }
    }

    /// Re-certifications signed ahead of their period (not yet begun): part of the chain that
    /// the summary, the caseload and the documents show.
    public var signedRecertificationsAhead: [CertificationPeriod] {
        schedule.certifications.filter { $0.status == .upcoming && $0.kind == .recertification }
    }

    /// "the last certification period ended 2026-11-05; it was never signed": a period that
    /// lapsed is called signed only if it was (an unsigned initial certification still counts
    /// as the plan's period, so it can lapse too).
    public func lapsedPeriodPhrase(ending through: CalendarDate, date: (CalendarDate) -> String = { "\($0)" }) -> String {
        let period = schedule.certifications.last { $0.end == through && $0.status != .planned }
        let unsigned = period.map { $0.signed == nil } ?? false
        return "the last \(unsigned ? "" : "signed ")certification period ended \(date(through))" + (unsigned ? "; it was never signed" : "")
    }

    /// The certification as one line, the same everywhere it is shown:
    /// "in force 2026-11-02 to 2027-01-30 (58 days left); planned: 2027-01-31 to 2027-04-30 (not signed)".
    public var certificationSummary: String? {
        guard !schedule.certifications.isEmpty else { return nil }
        var parts: [String] = []
        if let c = certificationInForce {
            let left = today.days(until: c.end)
            parts.append("in force \(c.start) to \(c.end) (\(left) day\(left == 1 ? "" : "s") left)")
        } else if let through = schedule.certifiedThrough(countingPlanned: false), through < today {
            let ago = through.days(until: today)
            parts.append("lapsed: \(lapsedPeriodPhrase(ending: through)), \(ago) day\(ago == 1 ? "" : "s") ago")
        } else if let first = schedule.certifications.first, today < first.start {
            parts.append("\(first.start) to \(first.end) (from the plan's start)")
        }
        for p in plannedCertifications { parts.append("planned re-certification \(p.start) to \(p.end) (not signed)") }
        for p in signedRecertificationsAhead {
            parts.append("signed re-certification \(p.start) to \(p.end)")
        }
        return parts.joined(separator: "; ")
    }
}
