import CarePlanKit
import Testing

/// CP0306's example fits the goal: an OT goal in instrumental activities of daily living is
/// shown a sandwich to make, not a walk to the shop (review-2dec finding 15); a PT goal is
/// shown its movement.
struct VagueGoalExampleTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 29)!

    static func help(discipline: String?, fields: String) throws -> String {
        let source = """
            plan p "P" {
            \(discipline.map { "  discipline \($0)\n" } ?? "")  client "Ana Ruiz" { born 1950-01-01 }
              starts 2026-11-02
              goal vague "Improve independence" {
                \(fields)
                by 2026-12-28
              }
            }

            """
        let d = Compilation.check(source: source, name: "t.careplan", today: today).diagnostics.filter { $0.code == .vagueGoal }
        return try #require(d.first?.help, "\(source)")
    }

    @Test func theExampleFitsTheOccupationArea() throws {
        let iadl = try Self.help(discipline: "OT", fields: "occupation iadl")
        #expect(iadl == "name the activity and how much of it, e.g. \"prepare a sandwich in the home kitchen with supervision\"")
        #expect(try Self.help(discipline: "OT", fields: "occupation adl").contains("button-up shirt"))
        #expect(try Self.help(discipline: "OT", fields: "occupation education").contains("copy a sentence"))
        for area in OccupationArea.allCases {
            let help = try Self.help(discipline: "OT", fields: "occupation \(area.rawValue)")
            #expect(!help.contains("walk to the corner shop"), "\(area.rawValue): \(help)")
        }
    }

    @Test func theExampleFitsThePTFocus() throws {
        #expect(try Self.help(discipline: "PT", fields: "focus transfers").contains("get in and out of the car"))
        #expect(try Self.help(discipline: "PT", fields: "focus gait").contains("walk to the corner shop"))
        #expect(try Self.help(discipline: "PT", fields: "focus strength").contains("lift a 10 kg box"))
    }

    @Test func withNoDisciplineBothKindsAreShown() throws {
        let help = try Self.help(discipline: nil, fields: "occupation iadl")
        #expect(help.contains("walk to the corner shop") && help.contains("prepare a sandwich"))
    }

    /// CP0300's COAST example comes from the same picker: an OT play goal missing its assist
    /// level is shown a board game, not the hot drink every OT goal was shown before.
    @Test func theCOASTExampleFitsTheOccupationArea() throws {
        func example(_ area: String) throws -> String {
            let source = """
                plan p "P" {
                  discipline OT
                  client "Ana Ruiz" { born 2018-01-01 }
                  starts 2026-11-02
                  goal turns "Take turns in a game" {
                    occupation \(area)
                    by 2026-12-28
                  }
                }

                """
            let d = Compilation.check(source: source, name: "t.careplan", today: Self.today).diagnostics.filter { $0.code == .coastMissing }
            return try #require(d.first?.notes.first { $0.hasPrefix("for example") }, "\(source)")
        }
        #expect(try example("play") == "for example: \"Client will take turns in a board game with two classmates within 6 weeks\"")
        #expect(try example("iadl").contains("prepare a sandwich in the home kitchen"))
        for area in OccupationArea.allCases { #expect(try !example(area.rawValue).contains("hot drink"), "\(area.rawValue)") }
    }
}
