import CarePlanBasics
import CarePlanModel

/// The clocks a payer puts on a plan of care. Medicare's are Medicare's: a school plan
/// (IDEA / Section 504), workers' compensation or a commercial payer has its own, so they are
/// applied only to the plans that say who pays (a plan that names no payer is checked as
/// Medicare Part B, the common case for US outpatient therapy; its messages say so).
public struct PayerRules: Sendable, Equatable {
    /// The payer the rules are for; nil: the plan names none (Medicare Part B assumed).
    public var payer: Payer?
    /// The longest certification period, in days (start day counted); nil: no cap.
    public var certificationCap: Int?
    /// A certification period's length when `certify for` does not give one; nil: the plan
    /// has no certification unless it writes one.
    public var defaultCertification: Duration?
    /// A progress report at least every this many treatment days; nil: no such rule.
    public var treatmentDaysPerProgressReport: Int?
    /// A reassessment at least every this many days; nil: no such rule.
    public var reassessmentEveryDays: Int?
    /// How far the plan's clocks run when nothing else ends it (no certification, no due date).
    public var horizon: Duration
    /// Where the rules come from, for `careplan explain` and notes.
    public var source: String

    public static func of(_ payer: Payer?) -> PayerRules {
        switch payer {
        case nil, .medicarePartB?:
            return PayerRules(payer: payer, certificationCap: 90, defaultCertification: Duration(90, .day),
                              treatmentDaysPerProgressReport: 10, reassessmentEveryDays: nil, horizon: Duration(90, .day),
                              source: "Medicare Benefit Policy Manual (Pub. 100-02) ch. 15 §220")

        case .medicareHomeHealth?:
            return PayerRules(payer: payer, certificationCap: 60, defaultCertification: Duration(60, .day),
                              treatmentDaysPerProgressReport: nil, reassessmentEveryDays: 30, horizon: Duration(60, .day),
                              // Each clock its own source (`certificationSource`, `reassessmentSource`);
                              // 42 CFR 484.55 is the agency's comprehensive assessment, OASIS, not these clocks.
                              source: "42 CFR 424.22(b) for the 60-day certification, 42 CFR 409.44(c)(2)(i) for the 30-day therapy reassessment")
        case .school?:
            // An IEP is reviewed at least once a year (IDEA, 34 CFR 300.324(b)(1)); a 504 plan on the school's own cycle.
            return PayerRules(payer: payer, certificationCap: nil, defaultCertification: nil,
                              treatmentDaysPerProgressReport: nil, reassessmentEveryDays: nil, horizon: Duration(1, .year),
                              source: "IDEA, 34 CFR 300.324(b)(1): an IEP is reviewed at least once a year; Section 504: the school's own review cycle")
        case .medicaid?, .workersComp?, .commercial?, .privatePay?:
            return PayerRules(payer: payer, certificationCap: nil, defaultCertification: nil,
                              treatmentDaysPerProgressReport: nil, reassessmentEveryDays: nil, horizon: Duration(90, .day),
                              source: "the payer's own authorisation rules")
        }
    }

    /// Where the progress-report rule comes from.
    public var progressReportSource: String {
        payer == nil || payer == .medicarePartB ? "Medicare Benefit Policy Manual (Pub. 100-02) ch. 15 §220.3.D" : source
    }

    /// Where the certification rule comes from. Medicare home health: 60-day periods,
    /// recertified at least every 60 days (42 CFR 424.22(b); Pub. 100-02 ch. 7 §10.3,
    /// "Continuous 60-Day Episode Recertifications").
    public var certificationSource: String {
        switch payer {
        case nil, .medicarePartB?: return "Medicare Benefit Policy Manual (Pub. 100-02) ch. 15 §220.1.3"
        case .medicareHomeHealth?: return "42 CFR 424.22(b); Medicare Benefit Policy Manual (Pub. 100-02) ch. 7 §10.3"
        default: return source
        }
    }

    /// Where the reassessment rule comes from. Medicare home health: a qualified therapist
    /// functionally reassesses the patient at least once every 30 days of therapy
    /// (42 CFR 409.44(c)(2)(i); Pub. 100-02 ch. 7 §40.2.1). Not the 60-day recertification.
    public var reassessmentSource: String {
        payer == .medicareHomeHealth ? "42 CFR 409.44(c)(2)(i); Medicare Benefit Policy Manual (Pub. 100-02) ch. 7 §40.2.1" : source
    }

    /// How the payer reads in notes: "Medicare Part B" or "Medicare Part B (the plan names no payer)".
    public var name: String {
        guard let payer else { return "Medicare Part B (assumed: the plan names no `payer`)" }
        return payer.label
    }
}

extension Plan {
    /// Medicare Part B (Pub. 100-02 ch. 15 §220.1.3): the day by which the physician or NPP
    /// signs the initial certification, 30 days after the first treatment day (the plan's
    /// start: the evaluation is day 1); nil for other payers or without a start. The validator
    /// (CP0704, CP0705) and the caseload read it.
    package var initialCertificationDeadline: CalendarDate? {
        guard payer?.value == .medicarePartB, let start = start?.value else { return nil }
        return start.adding(days: 30)
    }

    /// Visits attended after `initialCertificationDeadline` and up to `today` while the
    /// initial certification is unsigned: care given on an uncertified plan (CP0705; the
    /// caseload's unsigned-certification item counts them too).
    package func visitsOnUncertifiedPlan(today: CalendarDate) -> [Visit] {
        guard let deadline = initialCertificationDeadline, certification?.signed == nil, today > deadline else { return [] }
        return visits.filter { $0.status == .attended && $0.date.value > deadline && $0.date.value <= today }
    }

    /// The `certify` line a help suggests: the plan's own period when it writes one (a help
    /// must not change it), else the payer's usual 90 days.
    package var certifyExample: String {
        "certify for \(certification?.length?.value.description ?? "90 days") signed DATE by \"Dr. ...\""
    }
}
