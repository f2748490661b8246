import CarePlanBasics
import CarePlanModel

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
    /// The certifying physician's or NPP's NPI, as the `certify`/`recertify` line gives it.
    public var npi: String? = nil
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
    package static func of(_ plan: Plan, rules: PayerRules, today: CalendarDate?) -> [CertificationPeriod] {
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
                                           signed: c?.signed?.value, by: c?.by, npi: c?.npi,
                                           status: status(start, end, signed: isSigned), span: c?.span))
        }
        for r in plan.recertifications.sorted(by: { ($0.on?.value ?? start) < ($1.on?.value ?? start) }) {
            let s = r.on?.value ?? start
            guard let length = r.length?.value ?? initialLength ?? rules.defaultCertification ?? Optional(Duration(90, .day)) else { continue }
            let end = (length.after(s) ?? s.adding(days: 90)).adding(days: -1)
            let isSigned = r.signed.map { today == nil || $0.value <= today! } ?? false
            out.append(CertificationPeriod(kind: .recertification, start: s, end: end, length: length,
                                           signed: r.signed?.value, by: r.by, npi: r.npi,
                                           status: status(s, end, signed: isSigned), span: r.span))
        }
        return out
    }
}
