import CarePlanBasics

/// CPT (Current Procedural Terminology, AMA) codes for the physical medicine and
/// rehabilitation services OT and PT plans and daily notes name; FHIR system
/// `http://www.ama-assn.org/go/cpt`.
///
/// Timed codes are billed in 15-minute units by the "8-minute rule"; untimed codes (evaluations,
/// group therapy, supervised modalities) are one unit per session. Sources: CMS, Medicare
/// Claims Processing Manual (Pub. 100-04) ch. 5 §20.2 (counting minutes for timed codes); the
/// descriptions here are careplan's own short wording, not the AMA descriptors.
public struct CPTCode: Sendable, Equatable {
    public static let system = "http://www.ama-assn.org/go/cpt"

    public let code: String
    /// A short description for people and for `Coding.display`.
    public let display: String
    /// Billed per 15 minutes (true) or once per session (false).
    public let isTimed: Bool
    /// The discipline a code belongs to, when only one bills it (the evaluation codes).
    public let onlyFor: Discipline?
    /// Paid as part of other services, never separately by Medicare (status indicator B on the
    /// Medicare Physician Fee Schedule).
    public let isBundled: Bool
    /// Why a bundled code bills nothing, as CP0606 and the daily note say it.
    public static let bundledSource = "Medicare Physician Fee Schedule status indicator B"
    /// Why careplan does not count this code's units, when it cannot: an unlisted code (97039,
    /// 97139, 97999) is billed as the payer decides, work hardening (97545, 97546) by the hour,
    /// not in 15-minute units. nil: units follow the 8-minute rule or one per session.
    public let unitsNotComputed: String?

    package init(_ code: String, _ display: String, timed: Bool, onlyFor: Discipline? = nil, bundled: Bool = false, unitsNotComputed: String? = nil) {
        self.code = code
        self.display = display
        self.isTimed = timed
        self.onlyFor = onlyFor
        self.isBundled = bundled
        self.unitsNotComputed = unitsNotComputed
    }

    /// The lowest and highest code in the table, for messages ("97010-97999").
    public static var range: String { "\(table.first!.code)-\(table.last!.code)" }

    /// The entry for a code, if careplan knows it.
    public static func lookup(_ code: String) -> CPTCode? { byCode[code] }

    /// Whether `code` has CPT's format: five digits (Category I) or four digits and `F`/`T`.
    public static func isWellFormed(_ code: String) -> Bool {
        let b = Array(code.utf8)
        guard b.count == 5, b[0..<4].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return false }
        return (b[4] >= 48 && b[4] <= 57) || b[4] == UInt8(ascii: "F") || b[4] == UInt8(ascii: "T")
    }

    /// A known code close to an unknown one ("97350" -> 97530), for "did you mean". Two
    /// neighbouring digits swapped is the commonest slip, so a code with the same digits is
    /// preferred to one with a digit changed (97350 is one digit from 97150 too).
    public static func nearest(_ code: String) -> CPTCode? {
        let near = table.filter { Suggestion.distance(code, $0.code, limit: 1) <= 1 }
        let digits = code.sorted()
        return near.first { $0.code.sorted() == digits } ?? near.first
    }

    private static let byCode: [String: CPTCode] = Dictionary(uniqueKeysWithValues: table.map { ($0.code, $0) })

    /// The codes careplan knows, in code order.
    public static let table: [CPTCode] = [
        CPTCode("97010", "Hot or cold packs", timed: false, bundled: true),
        CPTCode("97012", "Mechanical traction", timed: false),
        CPTCode("97014", "Electrical stimulation, unattended", timed: false),
        CPTCode("97016", "Vasopneumatic device", timed: false),
        CPTCode("97018", "Paraffin bath", timed: false),
        CPTCode("97022", "Whirlpool", timed: false),
        CPTCode("97032", "Electrical stimulation, manual (attended)", timed: true),
        CPTCode("97033", "Iontophoresis", timed: true),
        CPTCode("97034", "Contrast baths", timed: true),
        CPTCode("97035", "Ultrasound", timed: true),
        CPTCode("97039", "Unlisted modality", timed: false, unitsNotComputed: unlisted),
        CPTCode("97110", "Therapeutic exercise", timed: true),
        CPTCode("97112", "Neuromuscular re-education", timed: true),
        CPTCode("97113", "Aquatic therapy with therapeutic exercises", timed: true),
        CPTCode("97116", "Gait training", timed: true),
        CPTCode("97124", "Massage", timed: true),
        CPTCode("97129", "Therapeutic interventions for cognitive function, initial 15 minutes", timed: true),
        CPTCode("97130", "Therapeutic interventions for cognitive function, each additional 15 minutes", timed: true),
        CPTCode("97139", "Unlisted therapeutic procedure", timed: false, unitsNotComputed: unlisted),
        CPTCode("97140", "Manual therapy techniques", timed: true),
        CPTCode("97150", "Therapeutic procedures, group", timed: false),
        CPTCode("97161", "Physical therapy evaluation, low complexity", timed: false, onlyFor: .PT),
        CPTCode("97162", "Physical therapy evaluation, moderate complexity", timed: false, onlyFor: .PT),
        CPTCode("97163", "Physical therapy evaluation, high complexity", timed: false, onlyFor: .PT),
        CPTCode("97164", "Physical therapy re-evaluation", timed: false, onlyFor: .PT),
        CPTCode("97165", "Occupational therapy evaluation, low complexity", timed: false, onlyFor: .OT),
        CPTCode("97166", "Occupational therapy evaluation, moderate complexity", timed: false, onlyFor: .OT),
        CPTCode("97167", "Occupational therapy evaluation, high complexity", timed: false, onlyFor: .OT),
        CPTCode("97168", "Occupational therapy re-evaluation", timed: false, onlyFor: .OT),
        CPTCode("97530", "Therapeutic activities", timed: true),
        CPTCode("97533", "Sensory integrative techniques", timed: true),
        CPTCode("97535", "Self-care/home management training", timed: true),
        CPTCode("97537", "Community/work reintegration training", timed: true),
        CPTCode("97542", "Wheelchair management training", timed: true),
        CPTCode("97545", "Work hardening/conditioning, initial 2 hours", timed: false, unitsNotComputed: byTheHour),
        CPTCode("97546", "Work hardening/conditioning, each additional hour", timed: false, unitsNotComputed: byTheHour),
        CPTCode("97750", "Physical performance test or measurement", timed: true),
        CPTCode("97755", "Assistive technology assessment", timed: true),
        CPTCode("97760", "Orthotic management and training, initial encounter", timed: true),
        CPTCode("97761", "Prosthetic training, initial encounter", timed: true),
        CPTCode("97763", "Orthotic/prosthetic management and training, subsequent encounter", timed: true),
        CPTCode("97999", "Unlisted physical medicine/rehabilitation service or procedure", timed: false, unitsNotComputed: unlisted),
    ]

    private static let unlisted = "an unlisted code, billed as the payer decides"
    private static let byTheHour = "work hardening is billed by the hour, not in 15-minute units"
}
