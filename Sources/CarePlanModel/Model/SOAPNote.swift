/// The daily note of one visit in SOAP form, as therapists write it: what the client reports
/// (subjective), what the therapist measured and saw (objective), what it means (assessment),
/// and what comes next (plan). Each part is one paragraph of the therapist's own words
/// (`subjective "..."` inside `visit ... { }`); nil when not written.
///
/// The plan part is written `plan "..."` inside a visit: there `plan` cannot start a plan
/// declaration (plans are declared only at the top level), so the parser reads it as this
/// field.
public struct SOAPNote: Sendable {
    public var subjective: Located<String>?
    public var objective: Located<String>?
    public var assessment: Located<String>?
    public var plan: Located<String>?

    public init() {}

    public var isEmpty: Bool { subjective == nil && objective == nil && assessment == nil && plan == nil }

    /// The parts written, in S-O-A-P order, with their headings.
    public var parts: [(heading: String, text: String)] {
        [("Subjective", subjective), ("Objective", objective), ("Assessment", assessment), ("Plan", plan)]
            .compactMap { h, t in t.map { (h, $0.value) } }
    }
}
