@testable import CarePlanKit
import Testing

/// Completion that knows where it is (issue 11): the block at the cursor, the field before it,
/// strings and comments, and the character after the cursor.
struct CompletionContextTests {
    typealias Workspace = ReplSessionTests.Workspace

    static func complete(_ s: ReplSession, _ line: String, earlier: [String] = []) -> [String] {
        s.completions(line: line, cursor: line.count, earlierLines: earlier).candidates
    }

    @Test func insideAGoalOnlyGoalFieldsAndItsStatements() throws {
        let ws = try Workspace(withExamples: false)
        let s = ReplSessionTests.kitchenSession(ws)
        let inGoal = Self.complete(s, "goal cook \"Cook\" { ")
        let expected = StatementKeyword.keywords(in: .goal) + FieldSpec.keywords(in: .goal)
        #expect(inGoal == expected)
        for word in ["born", "import", "plan", "discipline", "serves", "intervention"] {
            #expect(!inGoal.contains(word), "`\(word)` offered inside a goal")
        }
        // The same when the goal was opened on an earlier line of the statement.
        let later = Self.complete(s, "    ", earlier: ["plan k2 \"K2\" {", "  goal cook \"Cook\" {", "    occupation iadl"])
        #expect(later == expected)
        // After the goal's `}`, the plan's fields again.
        let afterGoal = Self.complete(s, "  ", earlier: ["plan k2 \"K2\" {", "  goal cook \"Cook\" { occupation iadl }"])
        #expect(afterGoal.contains("checkin"))
        #expect(!afterGoal.contains("occupation"))
    }

    /// A plan still being typed has no goals in the session yet: `serves` inside it offers the
    /// goals written above in its block (and not the goals of the plan in focus), on the same
    /// line or on earlier `...>` lines. A goal already in the list is not offered again, and
    /// `close` offers only goals still open.
    @Test func goalIdsOfAPlanStillBeingTyped() throws {
        let ws = try Workspace(withExamples: false)
        let s = ReplSessionTests.kitchenSession(ws)
        let earlier = ["plan np \"New\" {", "  discipline OT", "  goal shower \"Shower\" { occupation adl }",
                       "  goal dress \"Dress\" { occupation adl }"]
        #expect(Self.complete(s, "  intervention bench \"Bench\" { serves ", earlier: earlier) == ["shower", "dress"])
        #expect(Self.complete(s, "  intervention bench \"Bench\" { serves sh", earlier: earlier) == ["shower"])
        #expect(Self.complete(s, "plan np \"New\" { discipline OT; goal shower \"S\" { occupation adl }; intervention b \"B\" { serves ")
                == ["shower"])
        // A goal in a nested block of another statement is not a goal of the plan.
        #expect(Self.complete(s, "  intervention b \"B\" { serves ", earlier: ["plan np \"New\" {", "  template t() { goal g \"G\" {} }"]) == [])
        // Outside a plan block: the plan in focus's goals, then those declared earlier in the entry.
        #expect(Self.complete(s, "goal extra \"Extra\" { occupation adl }; intervention x \"X\" { serves ")
                == ["meals", "medication", "bath", "extra"])
        // Once in a list.
        #expect(Self.complete(s, "intervention x \"X\" { serves meals, ") == ["medication", "bath"])
        // `close` offers the goals still open.
        _ = ReplSessionTests.feed(s, ["close bath achieved on 2026-11-20"])
        #expect(Self.complete(s, "close ") == ["meals", "medication"])
    }

    @Test func insideAPlanNoClientOrTopLevelWords() throws {
        let ws = try Workspace(withExamples: false)
        let s = ReplSessionTests.kitchenSession(ws)
        let inPlan = Self.complete(s, "plan k2 \"K2\" { ")
        for word in ["born", "import", "focus", "template", "occupation"] {
            #expect(!inPlan.contains(word), "`\(word)` offered inside a plan")
        }
        #expect(inPlan.contains("discipline"))
        #expect(inPlan.contains("goal"))
        #expect(Self.complete(s, "plan k2 \"K2\" { client \"A\" { b") == ["born"])
        #expect(Self.complete(s, "plan k2 \"K2\" { assess { ob") == ["observe"])
    }

    @Test func afterAFieldKeywordItsOwnNextWords() throws {
        let ws = try Workspace(withExamples: false)
        let s = ReplSessionTests.kitchenSession(ws)
        // The clause words, in the table's order: the length first, then the signature.
        #expect(Self.complete(s, "certify ") == ["for", "signed", "by", "npi"])
        #expect(Self.complete(s, "certify for 90 ") == ["days", "weeks", "months", "years", "visits"])
        let assist = Self.complete(s, "goal cook \"Cook\" { assist ")
        #expect(Array(assist.prefix(2)) == ["from", "to"])
        #expect(assist.contains("moderate"))
        #expect(Self.complete(s, "goal cook \"Cook\" { assist f") == ["from"])
        #expect(Self.complete(s, "goal cook \"Cook\" { assist from moderate ") == ["to"])
        #expect(Self.complete(s, "frequency ") == ["per", "on", "for", "every", "from"])
        #expect(Self.complete(s, "frequency 2 p") == ["per"])
        #expect(Self.complete(s, "frequency 2 per ") == ["day", "week", "month"])
        #expect(Self.complete(s, "frequency 2 per week for 8 ") == ["days", "weeks", "months", "years", "visits"])
        #expect(Self.complete(s, "goal cook \"Cook\" { measure \"steps\" ") == ["from", "to"])
        #expect(Self.complete(s, "checkin ") == ["every", "until", "on", "from", "at"])
        #expect(Self.complete(s, "close bath achieved ") == ["on", "because", "discontinued"])
        #expect(Self.complete(s, "export kitchen as ") == ExportFormat.allCases.map(\.rawValue))
    }

    /// Every field's first words come from its `FieldSpec` entry, so the table and the
    /// completion cannot drift apart: a keyword without a value offers exactly its clauses.
    @Test func completionFollowsTheFieldTable() throws {
        let ws = try Workspace(withExamples: false)
        let s = ReplSessionTests.kitchenSession(ws)
        for spec in FieldSpec.all where spec.value == .none && spec.body == nil {
            let prefix: String
            switch spec.context {
            case .goal: prefix = "goal cook \"Cook\" { "
            case .intervention: prefix = "intervention x \"X\" { "
            case .plan: prefix = ""
            default: continue
            }
            #expect(Self.complete(s, prefix + spec.keyword + " ") == spec.clauses + spec.flags, "\(spec.keyword)")
        }
    }

    /// Every clause of every field says what its value is, so completion after a clause word
    /// follows the field table. A new clause without an entry fails here: add it to
    /// `FieldSpec.clauseKinds` (Syntax/ClauseKinds.swift).
    @Test func everyClauseHasAKind() {
        for spec in FieldSpec.all + [FieldSpec.progressEntry] {
            for clause in spec.clauses {
                #expect(spec.clauseKind(clause) != nil, "`\(spec.keyword) ... \(clause)` has no entry in FieldSpec.clauseKinds")
            }
        }
        for (keyword, clauses) in FieldSpec.clauseKinds {
            let specs = (FieldSpec.all + [FieldSpec.progressEntry]).filter { $0.keyword == keyword }
            #expect(!specs.isEmpty, "clauseKinds names `\(keyword)`, which is no field")
            for clause in clauses.keys { #expect(specs.contains { $0.clauses.contains(clause) }, "`\(keyword) \(clause)` is no clause") }
        }
    }

    @Test func nothingInsideStringsOrComments() throws {
        let ws = try Workspace(withExamples: false)
        let s = ReplSessionTests.kitchenSession(ws)
        #expect(Self.complete(s, "goal cook \"Cook me").isEmpty)
        #expect(Self.complete(s, "note \"see the ").isEmpty)
        #expect(Self.complete(s, "occupation iadl # me").isEmpty)
        // Inside `${...}` a string holds an expression again.
        #expect(Self.complete(s, "print \"${me").contains("meals"))
        // After the string is closed, completion is back.
        #expect(Self.complete(s, "intervention x \"X me\" { serves me") == ["meals", "medication"])
    }

    @Test func noSpaceBeforeACommaSemicolonOrParenthesis() throws {
        let ws = try Workspace(withExamples: false)
        let s = ReplSessionTests.kitchenSession(ws)
        for next in [",", ";", ")"] {
            let line = "intervention x \"X\" { serves me\(next) }"
            let c = s.completions(line: line, cursor: "intervention x \"X\" { serves me".count)
            #expect(c.candidates == ["meals", "medication"])
            #expect(!c.appendsSpace, "a space would go before `\(next)`")
        }
        #expect(s.completions(line: "occupation ia", cursor: 13).appendsSpace)
    }
}
