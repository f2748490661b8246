import CarePlanBasics

/// What a plan of care records beyond its goals and interventions, for the documents that
/// leave the clinic: who signed it, what to be careful of, where the client started from, how
/// far they are expected to get, when therapy ends, and who else was taught.
///
/// Kept together on `Plan.care`, so a plan without any of it stays small and the documents
/// read one place.
public struct PlanOfCare: Sendable {
    /// The therapist's signatures on the plan (`signed by "A. Chen, OTR/L" on 2026-11-02`).
    public var signatures: [Signature] = []
    /// Precautions, contraindications and weight-bearing status, in the order written; shown
    /// on every document and visit note.
    public var precautions: [Precaution] = []
    /// Prior level of function: what the client did before the onset (one line each).
    public var priorLevel: [String] = []
    public var rehabPotential: RehabPotentialNote?
    /// When therapy ends: the conditions that mean the client no longer needs skilled care.
    public var dischargeCriteria: [String] = []
    /// What happens after discharge (home programme, community services, follow-up).
    public var dischargePlan: Located<String>?
    /// Carers, family, teachers and employers taught to help.
    public var trained: [TrainedPerson] = []

    public init() {}

    public var isEmpty: Bool {
        signatures.isEmpty && precautions.isEmpty && priorLevel.isEmpty && rehabPotential == nil
            && dischargeCriteria.isEmpty && dischargePlan == nil && trained.isEmpty
    }

    /// The precautions in force on a date (those with an `until` after it has passed are not).
    public func precautions(on date: CalendarDate) -> [Precaution] {
        precautions.filter { $0.until.map { date <= $0 } ?? true }
    }
}

/// A signature on a document: who, and on which date.
public struct Signature: Sendable {
    /// The signer's name with credentials, as written ("A. Chen, OTR/L").
    public var name: String
    public var date: Located<CalendarDate>
    public var span: Span

    package init(name: String, date: Located<CalendarDate>, span: Span) {
        self.name = name
        self.date = date
        self.span = span
    }
}

/// Something everyone treating the client must respect: a precaution, a contraindication or
/// the weight-bearing status of a limb.
public struct Precaution: Sendable {
    public enum Kind: String, Sendable {
        case precaution, contraindication
        case weightBearing = "weight-bearing"
    }
    public var kind: Kind
    /// The precaution in the therapist's words; for weight-bearing, the limb if given.
    public var text: String
    public var weightBearing: WeightBearing?
    /// For partial weight-bearing: the most body weight allowed through the limb, in percent.
    public var percent: Int?
    /// Until when it applies (hip precautions for 6 weeks after the operation); nil: throughout.
    public var until: CalendarDate?
    public var span: Span

    /// One line for documents: "Precaution: Posterior hip precautions, until 14 Dec 2026",
    /// "Weight-bearing (left leg): partial (PWB), up to 50% of body weight".
    public var summary: String {
        var s: String
        switch kind {
        case .precaution: s = "Precaution: \(text)"
        case .contraindication: s = "Contraindication: \(text)"
        case .weightBearing:
            s = "Weight-bearing" + (text.isEmpty ? "" : " (\(text))") + ": \(weightBearing?.label ?? "as written")"
            if let p = percent { s += ", up to \(p)% of body weight" }
        }
        if let u = until { s += ", until \(Words.shortDate(u))" }
        return s
    }

    package init(kind: Kind, text: String, weightBearing: WeightBearing? = nil, percent: Int? = nil, until: CalendarDate? = nil, span: Span) {
        self.kind = kind
        self.text = text
        self.weightBearing = weightBearing
        self.percent = percent
        self.until = until
        self.span = span
    }
}

/// Weight-bearing orders, least weight first (the usual abbreviations in the labels).
public enum WeightBearing: String, Vocabulary {
    case none = "non-weight-bearing"
    case toeTouch = "toe-touch"
    case partial
    case asTolerated = "as-tolerated"
    case full
    public static let vocabularyName = "weight-bearing status"
    public var label: String {
        switch self {
        case .none: return "non-weight-bearing (NWB)"
        case .toeTouch: return "toe-touch (TTWB)"
        case .partial: return "partial (PWB)"
        case .asTolerated: return "as tolerated (WBAT)"
        case .full: return "full (FWB)"
        }
    }
}

/// The therapist's judgement of how far the client will get, and why.
public struct RehabPotentialNote: Sendable {
    public var level: Located<RehabPotential>
    public var reason: String?

    package init(level: Located<RehabPotential>, reason: String? = nil) {
        self.level = level
        self.reason = reason
    }
}

/// Rehabilitation potential as plans of care state it.
public enum RehabPotential: String, Vocabulary {
    case excellent, good, fair, poor
    public static let vocabularyName = "rehab potential"
    public var label: String { rawValue }
}

/// Someone other than the client who was taught to help (`trained "Ana Lopez" as carer`).
public struct TrainedPerson: Sendable {
    public var name: String
    public var role: TrainedRole?
    /// What they were taught.
    public var topic: String?
    public var date: CalendarDate?
    public var span: Span

    package init(name: String, role: TrainedRole? = nil, topic: String? = nil, date: CalendarDate? = nil, span: Span) {
        self.name = name
        self.role = role
        self.topic = topic
        self.date = date
        self.span = span
    }
}

/// Who, besides the client, is trained.
public enum TrainedRole: String, Vocabulary {
    case carer, family, teacher, aide, employer, colleague
    public static let vocabularyName = "role"
    public var label: String { rawValue }
}
