/// One certified period of a plan of care: the initial certification or a re-certification.
public struct CertificationPeriod: Sendable, Equatable {
    public enum Kind: String, Sendable { case initial, recertification }
    /// Where the period stands on the timeline's `today`.
    public enum Status: String, Sendable {
        /// Signed (or the initial period) and covering today.
        case inForce = "in force"
        /// Signed (or initial) and over.
        case ended
        /// Signed (or initial) and not begun yet.
        case upcoming
        /// A re-certification not signed yet: not in force until it is.
        case planned = "planned, not signed"
    }
    public var kind: Kind
    public var start: CalendarDate
    /// Last day covered (start + length - 1).
    public var end: CalendarDate
    public var length: Duration
    public var signed: CalendarDate?
    public var by: String?
    public var status: Status
    public var span: Span?

    /// "2026-11-02 to 2027-01-30 (initial, in force)".
    public var summary: String {
        var words = [kind == .initial ? "initial" : "re-certification", status.rawValue]
        if let signed { words.append("signed \(signed)") }
        return "\(start) to \(end) (\(words.joined(separator: ", ")))"
    }

    /// The periods of a plan, in date order, with their status on `today`. The initial period
    /// is in force from the plan's start (Medicare gives 30 days to sign it; see the
    /// documents rules); a re-certification counts only once signed on or before `today`.
    static func of(_ plan: Plan, rules: PayerRules, today: CalendarDate?) -> [CertificationPeriod] {
        guard let start = plan.start?.value else { return [] }
        var out: [CertificationPeriod] = []
        func status(_ s: CalendarDate, _ e: CalendarDate, signed: Bool) -> Status {
            guard signed else { return .planned }
            guard let today else { return .upcoming }
            return today < s ? .upcoming : today > e ? .ended : .inForce
        }
        let initialLength = plan.certification?.length?.value ?? rules.defaultCertification
        if let length = initialLength {
            let end = (length.after(start) ?? start.adding(days: 90)).adding(days: -1)
            let c = plan.certification
            let isSigned = c?.signed.map { today == nil || $0.value <= today! } ?? true
            out.append(CertificationPeriod(kind: .initial, start: start, end: end, length: length,
                                           signed: c?.signed?.value, by: c?.by,
                                           status: status(start, end, signed: isSigned), span: c?.span))
        }
        for r in plan.recertifications.sorted(by: { ($0.on?.value ?? start) < ($1.on?.value ?? start) }) {
            let s = r.on?.value ?? start
            guard let length = r.length?.value ?? initialLength ?? rules.defaultCertification ?? Optional(Duration(90, .day)) else { continue }
            let end = (length.after(s) ?? s.adding(days: 90)).adding(days: -1)
            let isSigned = r.signed.map { today == nil || $0.value <= today! } ?? false
            out.append(CertificationPeriod(kind: .recertification, start: s, end: end, length: length,
                                           signed: r.signed?.value, by: r.by,
                                           status: status(s, end, signed: isSigned), span: r.span))
        }
        return out
    }
}

/// How long a goal is part of the plan: from the day it was set to the day it was closed.
public struct GoalLife: Sendable, Equatable {
    public var goal: String
    /// The day the goal was set: `starts DATE`, else the day the goal it replaces closed,
    /// else the plan's start.
    public var start: CalendarDate
    /// The day it was closed (achieved or discontinued), if it was.
    public var end: CalendarDate?
    public var closure: GoalClosure?

    /// Whether the goal is open on `d` (its closing day included: the review that closed it).
    public func isActive(on d: CalendarDate) -> Bool { start <= d && end.map { d <= $0 } ?? true }

    /// The lives of a plan's goals, in goal order. Closures count as written (a closure after
    /// `today` is an error the validator reports; outputs leave such records out).
    static func of(_ plan: Plan, today: CalendarDate?) -> [GoalLife] {
        guard let planStart = plan.start?.value else { return [] }
        var closes: [String: Closure] = [:]
        for c in plan.closures where closes[c.goal.value] == nil && (today.map { c.date.value <= $0 } ?? true) {
            closes[c.goal.value] = c
        }
        // By index, reading fields in place (no copy of each goal).
        return plan.goals.indices.map { k in
            let id = plan.goals[k].id.value
            let replaced = closes.isEmpty ? nil : plan.goals[k].replaces.flatMap { closes[$0.value]?.date.value }
            let start = plan.goals[k].start?.value ?? replaced ?? planStart
            let c = closes.isEmpty ? nil : closes[id]
            return GoalLife(goal: id, start: start, end: c?.date.value, closure: c?.status)
        }
    }
}
