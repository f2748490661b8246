import CarePlanKit
import Testing

/// The wording rules on goal titles as students and clinicians write them: which of CP0301
/// (OT body function), CP0302 (PT without movement), CP0306 (vague verb) and CP0307 (PT
/// impairment long-term goal) each title raises, with everything else about the goal sound.
struct GoalWordingTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 29)!
    static let wordingCodes: Set<String> = ["CP0301", "CP0302", "CP0306", "CP0307"]

    static func codes(_ title: String, _ discipline: String, supports: Bool = false) -> Set<String> {
        let ot = discipline == "OT"
        let source = """
            plan p "P" {
              discipline \(discipline)
              client "A B" { born 1950-01-01 }
              starts 2026-11-02
              diagnosis "Test"
              checkin every 2 weeks until start + 8 weeks { review g, lt }
              goal g "\(title)" {
                \(ot ? "occupation iadl; condition \"at home\"" : "")
                assist from moderate to independent
                by start + 6 weeks
                \(supports ? "supports lt" : "")
              }
              goal lt "Lift a 10 kg box at work" {
                \(ot ? "occupation work; condition \"at work\"" : "")
                assist from moderate to independent
                by start + 8 weeks
              }
              intervention i "Practice" { type training; serves g, lt }
            }
            """
        let d = Compilation.check(source: source, today: today).diagnostics
        return Set(d.map(\.code.rawValue)).intersection(wordingCodes)
    }

    static let cases: [(title: String, discipline: String, expected: Set<String>)] = [
        // OT: occupations, whatever body words they contain.
        ("Use a progressive muscle relaxation routine to fall asleep", "OT", []),
        ("Plan the crop rotation for his allotment", "OT", []),
        ("Open jars and carry a full shopping bag (grip strength 25 kg)", "OT", []),
        ("Increase grip strength to open jars", "OT", []),
        ("Reach the top shelf to put groceries away", "OT", []),
        ("Client will dress the upper body with set-up only", "OT", []),
        ("Improve handwriting legibility", "OT", []),
        ("Tolerate 30 minutes of sitting to finish homework", "OT", []),
        // OT: body functions and vague verbs.
        ("Increase shoulder flexion to 120 degrees", "OT", ["CP0301"]),
        ("Grip strength 25 kg", "OT", ["CP0301"]),
        ("Improve independence", "OT", ["CP0306"]),
        ("Work on balance", "OT", ["CP0306"]),
        ("Client will improve independence with ADLs", "OT", ["CP0306"]),
        ("Increase strength", "OT", ["CP0306"]),
        // PT: functional goals.
        ("Lift a 10 kg box at work", "PT", []),
        ("Get in and out of the car", "PT", []),
        ("Play 9 holes of golf", "PT", []),
        ("Walk 400 m to the corner shop", "PT", []),
        ("Stand up from a dining chair without using his arms", "PT", []),
        ("Straighten the right knee fully when standing and walking", "PT", []),
        ("Bend the knee enough to get in and out of the car", "PT", []),
        // PT: impairments as long-term goals, vague verbs, no movement.
        ("Bend the right knee to 115 degrees", "PT", ["CP0307"]),
        ("Reduce knee pain to 2 out of 10", "PT", ["CP0307"]),
        ("Tolerate activity", "PT", ["CP0306"]),
        ("Go shopping with friends", "PT", ["CP0302"]),
    ]

    @Test("wording rules", arguments: cases.indices)
    func wording(_ i: Int) {
        let c = Self.cases[i]
        #expect(Self.codes(c.title, c.discipline) == c.expected, "\(c.discipline): \(c.title)")
    }

    /// An impairment goal is fine as a short-term goal toward a functional one.
    @Test func impairmentGoalsAreFineAsShortTermGoals() {
        #expect(Self.codes("Bend the right knee to 115 degrees", "PT", supports: true).isEmpty)
        #expect(Self.codes("Increase shoulder flexion to 120 degrees", "OT", supports: true).isEmpty)
        // A vague goal stays vague, short-term or not.
        #expect(Self.codes("Improve independence", "OT", supports: true) == ["CP0306"])
    }
}
