import CarePlanBasics

/// The unit a measure's values are in: a UCUM code (what FHIR's Quantity.code carries) and the
/// unit in words for a reader.
public struct MeasureUnit: Sendable, Equatable {
    /// UCUM code (`deg`, `s`, `m`, `kg`, `{score}`).
    public let code: String
    /// The unit as a report prints it (`degrees`, `s`, `points`).
    public let label: String

    package init(code: String, label: String) {
        self.code = code
        self.label = label
    }

    /// The unit a free-text measure names in a trailing parenthesis ("knee flexion, right
    /// (degrees)", "sit to stand (s)"), or nil where the parenthesis is not a unit careplan can
    /// read with certainty ("stairs climbed (of 14)", "pinch (lb or kg)", no parenthesis): a
    /// quantity without a unit is honest, a guessed unit is not.
    package static func named(in name: String) -> MeasureUnit? {
        let text = name.trimmedWhitespace
        guard text.hasSuffix(")"), let open = text.lastIndex(of: "(") else { return nil }
        let inside = text[text.index(after: open)..<text.index(before: text.endIndex)]
        return spelled[inside.trimmedWhitespace.lowercased()]
    }

    /// Spellings therapists write for units, and their UCUM codes. Only units with one reading:
    /// "in" is left out (a word as often as inches), and scores or counts carry no physical unit.
    private static let spelled: [String: MeasureUnit] = {
        let units: [(code: String, label: String, spellings: [String])] = [
            ("deg", "degrees", ["degrees", "degree", "deg", "°"]),
            ("s", "s", ["seconds", "second", "secs", "sec", "s"]),
            ("min", "min", ["minutes", "minute", "mins", "min"]),
            ("h", "h", ["hours", "hour", "hrs", "hr", "h"]),
            ("m", "m", ["metres", "metre", "meters", "meter", "m"]),
            ("cm", "cm", ["centimetres", "centimetre", "centimeters", "centimeter", "cm"]),
            ("[ft_i]", "ft", ["feet", "foot", "ft"]),
            ("m/s", "m/s", ["m/s", "metres per second", "meters per second"]),
            ("kg", "kg", ["kilograms", "kilogram", "kg"]),
            ("[lb_av]", "lb", ["pounds", "pound", "lbs", "lb"]),
            ("%", "%", ["%", "percent", "per cent"]),
        ]
        var table: [String: MeasureUnit] = [:]
        for u in units { for s in u.spellings { table[s] = MeasureUnit(code: u.code, label: u.label) } }
        return table
    }()
}

extension Measure {
    /// The unit of this measure's baseline, target and readings: a standardised measure's own
    /// (`OutcomeMeasure.Info.unit`), else the unit its name states (`MeasureUnit.named(in:)`),
    /// else nil (exports then write the number alone).
    public var unit: MeasureUnit? {
        if let s = standard { return MeasureUnit(code: s.info.unit, label: s.info.unitLabel) }
        return MeasureUnit.named(in: name)
    }
}
