/// Calendar units a duration can be written in. `visits` counts sessions, not time.
public enum DurationUnit: String, Sendable, CaseIterable {
    case day, week, month, year, visit

    /// Accepts singular and plural spellings (`week`, `weeks`).
    public init?(word: String) {
        let w = word.hasSuffix("s") ? String(word.dropLast()) : word
        self.init(rawValue: w)
    }

    public var plural: String { rawValue + "s" }
}
