import CarePlanKit
import Testing

/// The assist-level abbreviations of practice (CGA, SBA, Mod I, Max A: domain.md's levels) get
/// "did you mean" the level careplan spells in full; before, `CGA`, `SBA`, `mod-i` and `mod`
/// got only the list of levels, and `mod I` "`I` does not belong in `assist`" (review-2dec
/// finding 15). They are suggested, never accepted.
struct AssistAbbreviationTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 29)!

    static func plan(assist: String, progress: String? = nil) -> String {
        """
        plan p "Dressing" {
          discipline OT
          client "Ana Ruiz" { born 1950-01-01 }
          starts 2026-11-02
          diagnosis "Left hemiparesis after a stroke"
          checkin every 2 weeks until 2026-12-28
          goal dress "Put on a button-up shirt" {
            occupation adl
            assist \(assist)
            condition "seated on the bed"
            by 2026-12-28
          }
          intervention practice "Dressing practice" { type occupation; serves dress }
        }

        """ + (progress.map { "progress p on 2026-11-16 { dress assist \($0) }\n" } ?? "")
    }

    static func errors(_ source: String) -> [Diagnostic] {
        Compilation.check(source: source, name: "t.careplan", today: today).diagnostics.filter { $0.severity == .error }
    }

    static let cases: [(written: String, meant: String)] = [
        ("CGA", "contact-guard"), ("cga", "contact-guard"), ("SBA", "supervision"), ("mod-i", "modified-independent"),
        ("mod I", "modified-independent"), ("Mod I", "modified-independent"), ("modI", "modified-independent"),
        ("mod", "moderate"), ("mod A", "moderate"), ("Mod-A", "moderate"), ("max", "maximal"), ("Max A", "maximal"),
        ("min A", "minimal"), ("dep", "dependent"), ("\"mod I\"", "modified-independent"),
    ]

    @Test(arguments: cases.indices)
    func anAbbreviationInAGoalSuggestsTheLevel(_ k: Int) throws {
        let (written, meant) = Self.cases[k]
        let source = Self.plan(assist: "from \(written) to independent")
        let errors = Self.errors(source)
        #expect(errors.map(\.code) == [.unknownEnumValue], "\(written): \(errors.map(\.message))")
        let d = try #require(errors.first)
        #expect(d.help == "did you mean `\(meant)`?", "\(written)")
        #expect(d.message == "`\(written.replacingOccurrences(of: "\"", with: ""))` is not a known assist level")
        // The caret covers the whole abbreviation, both words of `mod I`.
        let span = try #require(d.primarySpan)
        #expect(span.file.text(span.start..<span.end) == written, "\(written)")
        // What it suggests is accepted.
        #expect(Self.errors(Self.plan(assist: "from \(meant) to independent")).isEmpty)
    }

    @Test func anAbbreviationInAProgressEntrySuggestsTheLevel() {
        for (written, meant) in [("CGA", "contact-guard"), ("mod I", "modified-independent"), ("Min A", "minimal")] {
            let errors = Self.errors(Self.plan(assist: "from moderate to independent", progress: written))
            #expect(errors.map(\.code) == [.unknownEnumValue], "\(written): \(errors.map(\.message))")
            #expect(errors.first?.help == "did you mean `\(meant)`?", "\(written)")
        }
    }

    /// Every abbreviation names a level that exists; a word that is no abbreviation still gets
    /// the closest spelling or the list.
    @Test func everyAbbreviationNamesALevel() {
        for a in AssistAbbreviation.all {
            #expect(AssistLevel.expanding(a) != nil, "\(a)")
            #expect(AssistLevel.parse(a) == nil, "\(a) is a level's own spelling")
        }
        #expect(AssistLevel.didYouMean("supervison") == "did you mean `supervision`?")
        #expect(AssistLevel.didYouMean("help") == nil)
        #expect(OccupationArea.expanding("cga") == nil)
    }
}
