/// The abbreviations of assist levels that therapists write in notes (CGA, SBA, Mod I, Max A),
/// each with the assist level careplan spells in full. careplan does not accept them (one
/// spelling per level keeps plans and exports unambiguous); it suggests the full word, which
/// edit distance cannot find (`CGA` is no slip of `contact-guard`). Here, below the model, so
/// the parser can name `mod I`, written as two words, as well as the interpreter `mod-i`.
/// Source of the levels: domain.md (assist levels, most to least independent).
public enum AssistAbbreviation {
    /// By the abbreviation as `key(_:)` spells it.
    static let levels: [String: String] = [
        "i": "independent", "ind": "independent", "indep": "independent",
        "mod i": "modified-independent", "modi": "modified-independent", "mod ind": "modified-independent",
        "modified independent": "modified-independent",
        "set up": "setup",
        "s": "supervision", "sup": "supervision", "supv": "supervision", "sba": "supervision", "sb": "supervision",
        "stand by": "supervision", "standby": "supervision", "stand by assist": "supervision",
        "cga": "contact-guard", "cg": "contact-guard", "contact guard": "contact-guard", "contact guard assist": "contact-guard",
        "min": "minimal", "min a": "minimal", "mina": "minimal", "min assist": "minimal",
        "mod": "moderate", "mod a": "moderate", "moda": "moderate", "mod assist": "moderate",
        "max": "maximal", "max a": "maximal", "maxa": "maximal", "max assist": "maximal",
        "dep": "dependent", "total": "dependent", "total assist": "dependent",
    ]

    /// Case, hyphens and dots do not matter: `Mod I`, `mod-i` and `Mod.I` are one abbreviation.
    static func key(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "." }).joined(separator: " ")
    }

    /// The assist level's spelling for an abbreviation (`CGA` -> `contact-guard`), if it is one.
    public static func level(for text: String) -> String? {
        levels[key(text)]
    }

    /// Every abbreviation known, for tests.
    public static var all: [String] { Array(levels.keys) }
}
