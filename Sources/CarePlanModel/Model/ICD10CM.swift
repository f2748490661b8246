import CarePlanBasics

/// ICD-10-CM (the US clinical modification of ICD-10), the code system of diagnoses on US
/// claims and in US Core FHIR: `http://hl7.org/fhir/sid/icd-10-cm`.
///
/// careplan does not ship the classification (about 74,000 codes). It checks a code's format,
/// and knows the display text of the codes its examples and common OT/PT referrals use, so a
/// plan can write `diagnosis Z47.1` alone and a near miss gets "did you mean".
public enum ICD10CM {
    public static let system = "http://hl7.org/fhir/sid/icd-10-cm"

    /// A known code and its display text (the classification's own wording, FY2026 tabular list).
    public struct Entry: Sendable {
        public let code: String
        public let display: String
    }

    /// The format of a billable or header ICD-10-CM code: a letter, a digit, a letter or digit
    /// (the category), then optionally a dot and one to four letters or digits (the
    /// subcategory, with `X` placeholders and the seventh character). No code starts with `U`
    /// in ICD-10-CM except the emergency U07.1 (COVID-19), which the format allows too.
    public static func isWellFormed(_ code: String) -> Bool {
        let b = Array(code.utf8)
        func upper(_ c: UInt8) -> Bool { c >= 65 && c <= 90 }
        func digit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        guard b.count >= 3, upper(b[0]), digit(b[1]), digit(b[2]) || upper(b[2]) else { return false }
        if b.count == 3 { return true }
        guard b[3] == UInt8(ascii: "."), (5...8).contains(b.count) else { return false }
        return b[4...].allSatisfy { digit($0) || upper($0) }
    }

    /// The entry of a known code.
    public static func lookup(_ code: String) -> Entry? { byCode[code] }

    /// Codes one slip away from `code` (a swapped, missing, extra or wrong character, a
    /// missing dot), best first; for "did you mean".
    public static func nearest(_ code: String) -> Entry? {
        let dotted = code.count > 3 && !code.contains(".") ? String(code.prefix(3)) + "." + code.dropFirst(3) : code
        if let e = byCode[dotted.uppercased()] { return e }
        return table.first { Suggestion.distance(dotted.uppercased(), $0.code, limit: 1) <= 1 }
    }

    private static let byCode: [String: Entry] = Dictionary(uniqueKeysWithValues: table.map { ($0.code, $0) })

    /// Codes common in OT/PT referrals (stroke, joint replacement, falls, spine, hand and
    /// paediatric referrals). Displays as in the FY2026 ICD-10-CM tabular list.
    public static let table: [Entry] = [
        // Stroke and its sequelae
        Entry(code: "I63.9", display: "Cerebral infarction, unspecified"),
        Entry(code: "I63.512", display: "Cerebral infarction due to unspecified occlusion or stenosis of left middle cerebral artery"),
        Entry(code: "I63.511", display: "Cerebral infarction due to unspecified occlusion or stenosis of right middle cerebral artery"),
        Entry(code: "I69.351", display: "Hemiplegia and hemiparesis following cerebral infarction affecting right dominant side"),
        Entry(code: "I69.352", display: "Hemiplegia and hemiparesis following cerebral infarction affecting left dominant side"),
        Entry(code: "I69.353", display: "Hemiplegia and hemiparesis following cerebral infarction affecting right non-dominant side"),
        Entry(code: "I69.354", display: "Hemiplegia and hemiparesis following cerebral infarction affecting left non-dominant side"),
        Entry(code: "G81.91", display: "Hemiplegia, unspecified affecting right dominant side"),
        Entry(code: "G81.92", display: "Hemiplegia, unspecified affecting left dominant side"),
        // Joint replacement and osteoarthritis
        Entry(code: "Z47.1", display: "Aftercare following joint replacement surgery"),
        Entry(code: "Z96.651", display: "Presence of right artificial knee joint"),
        Entry(code: "Z96.652", display: "Presence of left artificial knee joint"),
        Entry(code: "Z96.641", display: "Presence of right artificial hip joint"),
        Entry(code: "Z96.642", display: "Presence of left artificial hip joint"),
        Entry(code: "M17.11", display: "Unilateral primary osteoarthritis, right knee"),
        Entry(code: "M17.12", display: "Unilateral primary osteoarthritis, left knee"),
        Entry(code: "M16.11", display: "Unilateral primary osteoarthritis, right hip"),
        Entry(code: "M16.12", display: "Unilateral primary osteoarthritis, left hip"),
        // Pain, spine, shoulder
        Entry(code: "M54.50", display: "Low back pain, unspecified"),
        Entry(code: "M54.2", display: "Cervicalgia"),
        Entry(code: "M48.061", display: "Spinal stenosis, lumbar region without neurogenic claudication"),
        Entry(code: "M25.561", display: "Pain in right knee"),
        Entry(code: "M25.562", display: "Pain in left knee"),
        Entry(code: "M25.511", display: "Pain in right shoulder"),
        Entry(code: "M25.512", display: "Pain in left shoulder"),
        Entry(code: "M75.41", display: "Impingement syndrome of right shoulder"),
        Entry(code: "M75.42", display: "Impingement syndrome of left shoulder"),
        // Gait, balance, falls, weakness
        Entry(code: "R26.2", display: "Difficulty in walking, not elsewhere classified"),
        Entry(code: "R26.81", display: "Unsteadiness on feet"),
        Entry(code: "R26.89", display: "Other abnormalities of gait and mobility"),
        Entry(code: "R29.6", display: "Repeated falls"),
        Entry(code: "Z91.81", display: "History of falling"),
        Entry(code: "M62.81", display: "Muscle weakness (generalized)"),
        // Hand
        Entry(code: "S66.120D", display: "Laceration of flexor muscle, fascia and tendon of right index finger at wrist and hand level, subsequent encounter"),
        Entry(code: "S66.122D", display: "Laceration of flexor muscle, fascia and tendon of right middle finger at wrist and hand level, subsequent encounter"),
        Entry(code: "M79.641", display: "Pain in right hand"),
        Entry(code: "M79.642", display: "Pain in left hand"),
        // Cognition
        Entry(code: "G30.9", display: "Alzheimer's disease, unspecified"),
        Entry(code: "G30.1", display: "Alzheimer's disease with late onset"),
        Entry(code: "R41.841", display: "Cognitive communication deficit"),
        // Children
        Entry(code: "F82", display: "Specific developmental disorder of motor function"),
        Entry(code: "F84.0", display: "Autistic disorder"),
        Entry(code: "F90.2", display: "Attention-deficit hyperactivity disorder, combined type"),
        Entry(code: "G80.9", display: "Cerebral palsy, unspecified"),
        Entry(code: "R27.8", display: "Other lack of coordination"),
    ]
}
