import Testing
@testable import CarePlanKit

/// The plan model's bookkeeping: id look-ups across the index threshold, field-name sets.
@Suite struct PlanModelTests {
    static let file = SourceFile(name: "<model>", text: String(repeating: " ", count: 64))
    static func span(_ i: Int) -> Span { Span(file: file, start: i, end: i + 1) }
    static func goal(_ id: String, _ i: Int) -> Goal { Goal(id: Located(id, span(i)), title: Located("t", span(i)), span: span(i)) }

    @Test func goalLookUpIsTheSameBelowAndAboveTheIndexThreshold() {
        var plan = Plan(id: Located("p", Self.span(0)), title: Located("P", Self.span(0)), span: Self.span(0))
        var expected: [String: Int] = [:]
        for n in 0..<(Plan.indexFrom * 3) {
            // Every fifth id repeats an earlier one: the first element with an id keeps it.
            let id = n % 5 == 4 ? "g\(n / 2)" : "g\(n)"
            plan.add(Self.goal(id, n % 60))
            if expected[id] == nil { expected[id] = n }
            for (k, v) in expected { #expect(plan.goalIndex(k) == v, "after \(n + 1) goals, \(k)") }
            #expect(plan.goalIndex("missing") == nil)
        }
        // Taking back the last ones, down through the threshold, keeps look-ups right.
        while !plan.goals.isEmpty {
            let last = plan.goals.count - 1
            let id = plan.goals[last].id.value
            plan.removeLastGoal()
            if expected[id] == last { expected[id] = nil }
            for (k, v) in expected { #expect(plan.goalIndex(k) == v, "after removing down to \(last), \(k)") }
        }
    }

    @Test func trimmingGivesBackSpareCapacityAndKeepsElements() {
        var plan = Plan(id: Located("p", Self.span(0)), title: Located("P", Self.span(0)), span: Self.span(0))
        for n in 0..<5 { plan.add(Self.goal("g\(n)", n)) }
        #expect(plan.goals.capacity > 5)  // arrays grow by doubling
        plan.trimCapacity()
        #expect(plan.goals.capacity < 8)
        #expect(plan.goals.map(\.id.value) == ["g0", "g1", "g2", "g3", "g4"])
        #expect(plan.goalIndex("g3") == 3)
    }

    @Test func fieldNamesBehaveLikeASetOfKeywords() {
        var a: FieldNames = [.discipline, .client]
        #expect(a.contains(.discipline) && a.contains(.client) && !a.contains(.starts))
        let first = a.insert(.starts), again = a.insert(.starts)
        #expect(first && !again)
        let b: FieldNames = [.client]
        #expect(a.subtracting(b).sorted() == ["discipline", "starts"])
        #expect(b.subtracting(a).isEmpty)
        #expect(a != b && b == [.client])
        // Every keyword has its own bit, the last one included.
        var all = FieldNames()
        for k in FieldKeyword.allCases { let new = all.insert(k); #expect(new, "\(k) shares a bit") }
        #expect(all.sorted().count == FieldKeyword.allCases.count)
        #expect(FieldKeyword.allCases.count <= 128)
    }

    @Test func everyFieldKeywordIsInTheFieldTable() {
        let inTable = Set(FieldSpec.all.map(\.field)).union([FieldSpec.progressEntry.field])
        #expect(Set(FieldKeyword.allCases) == inTable)
    }

    /// Goals and interventions share their fields between copies (`SharedFields`): a change to
    /// a copy must leave the original as it was, and copies compare equal until one changes.
    @Test func copiesOfGoalsAndInterventionsChangeIndependently() {
        let original = Self.goal("meals", 1)
        var copy = original
        #expect(copy == original)
        copy.notes.append("with a perching stool")
        copy.supports = Located("independence", Self.span(2))
        #expect(original.notes.isEmpty && original.supports == nil)
        #expect(copy.notes == ["with a perching stool"] && copy.supports?.value == "independence")
        #expect(copy != original)
        var again = original
        again.notes = ["with a perching stool"]
        again.supports = Located("independence", Self.span(2))
        #expect(again == copy, "equal fields compare equal, whatever box holds them")

        let i = Intervention(id: Located("kitchen", Self.span(3)), title: Located("Kitchen practice", Self.span(3)), span: Self.span(3))
        var j = i
        j.serves.append(Located("meals", Self.span(4)))
        j.minutes = 30
        #expect(i.serves.isEmpty && i.minutes == nil)
        #expect(j.serves.map(\.value) == ["meals"] && j.minutes == 30)
    }
}
