@testable import CarePlanKit
import Testing

/// One mistake, one diagnostic: suggestions that are themselves accepted, labels that fit.
struct OneMistakeTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 29)!

    static func check(_ source: String) -> [Diagnostic] {
        Compilation.check(SourceFile(name: "t.careplan", text: source), today: today, readFile: { _ in nil }).diagnostics
    }

    /// The suggestion for a reserved word was `true-1`, which reads as `true - 1`.
    @Test func theNameSuggestedForAReservedWordIsAccepted() {
        for word in ["true", "false", "and", "or", "not", "in"] {
            let d = Self.check("let \(word) = 3")
            #expect(d.count == 1, "\(word)")
            let suggested = Parser.alternativeName(for: word)
            #expect(d.first?.help == "choose another name, such as `\(suggested)`")
            #expect(Self.check("let \(suggested) = 3\nprint \(suggested)").isEmpty, "`\(suggested)` is rejected too")
        }
    }

    /// `2 weks` was "expected the end of the statement, found `weks`" with no suggestion
    /// (tester, 1 Dec); a word one slip from a unit after a number or `( )` is named as the
    /// unit meant. Clause words after a number are not mistaken for one.
    @Test func aMisspeltUnitGetsDidYouMean() {
        for (source, meant) in [("let x = 2 weks", "weeks"), ("let y = (1 + 1) dys", "days"), ("let z = 3 monhts", "months"),
                                ("let v = 12 vists", "visits")] {
            let d = Self.check(source)
            #expect(d.map(\.code) == [.unknownEnumValue], "\(source)")
            #expect(d.first?.help?.hasPrefix("did you mean `\(meant)`?") == true, "\(source): \(d.map(\.message))")
        }
        #expect(Self.check("let n = 2\nlet x = n weeks\nprint x").isEmpty)
        let per = Self.check("plan k \"K\" {\n  goal g \"G\" { occupation iadl }\n  intervention i \"I\" { type training; serves g; frequency 2 per week }\n}\n")
        #expect(!per.contains { $0.code == .unknownEnumValue })
    }

    @Test func anUnknownStatementIsNotCalledAField() {
        let d = Self.check("plann kitchen \"Back to cooking\" {\n}\n")
        #expect(d.count == 1)
        #expect(d.first?.labels.first?.message == "not a statement")
        let inGoal = Self.check("plan k \"K\" {\n  goal g \"G\" { occupaton iadl }\n}\n")
        #expect(inGoal.contains { $0.labels.first?.message == "not a field in a goal" })
    }

    /// A `}` that lines up with the goal's own line closes the goal as usual: indentation
    /// decides only where a `}` is missing, never for well-formed input.
    @Test func oddlyIndentedButClosedBlocksAreFine() {
        let source = """
            plan k "K" {
            discipline OT
              goal g "G" {
            occupation iadl
              }
                intervention i "I" { type training; serves g }
            }
            """
        #expect(!Self.check(source).contains { $0.code == .unclosedBlock || $0.code == .expectedToken })
    }

    /// A misplaced field deeper inside a goal is a misplaced field, not a missing `}`.
    @Test func aMisplacedFieldIndentedInsideTheGoalIsNotAMissingBrace() {
        let source = """
            plan k "K" {
              discipline OT
              goal g "G" {
                occupation iadl
                clinician "A. Chen"
              }
            }
            """
        let d = Self.check(source)
        #expect(!d.contains { $0.code == .unclosedBlock })
        #expect(d.contains { $0.code == .unknownKeyword && $0.message.contains("`clinician`") })
    }
}
