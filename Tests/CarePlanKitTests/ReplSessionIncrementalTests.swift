@testable import CarePlanKit
import Foundation
import Testing

/// The REPL validates only the plans a statement changed (`FindingsCache`). After every
/// statement of a session, the cached findings must equal a validation of every plan from
/// scratch, and the problems the statement was told about must be exactly the ones a
/// from-scratch comparison of the session before and after finds.
@Suite("ReplSession incremental validation")
struct ReplSessionIncrementalTests {
    static let today = ReplSessionTests.today

    /// Submits `text` and checks the session against a validation from scratch.
    static func submitAndCompare(_ session: ReplSession, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> ReplSession.Response {
        let before = session.state
        let response = session.submit(text)
        let after = session.state
        // The cache, brought up to date (a copy, so the session's count of validations stays
        // its own), holds the findings of exactly the session's plans, as the validator gives them.
        var cache = session.findings
        cache.refresh(after)
        #expect(Set(cache.byPlan.keys) == Set(after.plans.map(\.id.value)), "after `\(text.prefix(60))`", sourceLocation: sourceLocation)
        for (i, plan) in after.plans.enumerated() {
            let cached = cache.byPlan[plan.id.value]
            #expect(cached?.revision == after.revision(ofPlanAt: i), "plan \(plan.id.value) after `\(text.prefix(60))`", sourceLocation: sourceLocation)
            #expect(cached?.diagnostics == Validator.validate(plan, today: today),
                    "plan \(plan.id.value): cached findings differ from a full validation after `\(text.prefix(60))`", sourceLocation: sourceLocation)
        }
        // What the statement was told: the new findings of each plan, still-composing ones left out.
        if response.accepted, !text.hasPrefix(":") {
            var expected: [Diagnostic] = []
            for plan in after.plans {
                let old = before.plan(plan.id.value).map { Set(Validator.validate($0, today: today).map(FindingKey.init)) } ?? []
                expected += Validator.validate(plan, today: today)
                    .filter { !ReplSession.stillComposing.contains($0.code) && !old.contains(FindingKey($0)) }
            }
            #expect(Array(response.diagnostics.suffix(expected.count)) == expected,
                    "new findings after `\(text.prefix(60))`: told \(response.diagnostics.map(\.code.rawValue)), expected to end with \(expected.map(\.code.rawValue))",
                    sourceLocation: sourceLocation)
        } else if !response.accepted {
            #expect(after.plans.map(\.id.value) == before.plans.map(\.id.value), sourceLocation: sourceLocation)
            for i in after.plans.indices {
                #expect(after.revision(ofPlanAt: i) == before.revision(ofPlanAt: i), "a rejected statement changed plan \(after.plans[i].id.value)", sourceLocation: sourceLocation)
            }
        }
        return response
    }

    /// The top-level statements of a file, as text, in order (what a person would type one by one).
    static func statements(of path: String) -> [String] {
        let file = SourceFile(name: path, bytes: [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()))
        var parser = Parser(lexing: file)
        var out: [String] = []
        while let s = parser.nextScriptStatement() { out.append(file.text(s.span.start..<s.span.end)) }
        return out
    }

    static var examples: [String] {
        let root = GoldenFile.packageRoot.appendingPathComponent("examples").path
        return PlanFiles.find([root]).found.map(\.relative).sorted()
    }

    /// Every example, typed statement by statement into a session of its own (in a copy of
    /// the examples folder, so `export ... to` writes nothing into the checkout).
    @Test("an example typed statement by statement", arguments: examples)
    func exampleStatementByStatement(_ name: String) throws {
        let work = try ReplSessionTests.Workspace()
        // Relative imports resolve against the session's folder: the example's own.
        let path = work.path + "/examples/" + name
        let session = ReplSession(host: ScriptHost(today: Self.today, services: .standard), workingDirectory: Paths.directory(of: path))
        let statements = Self.statements(of: path)
        #expect(!statements.isEmpty)
        for text in statements { _ = Self.submitAndCompare(session, text) }
        _ = Self.submitAndCompare(session, ":check")
    }

    /// Every example loaded into one session, one after another (plans with the same id as an
    /// earlier example's are refused, which must leave the findings as they were), then undone.
    @Test func everyExampleLoadedIntoOneSession() throws {
        let work = try ReplSessionTests.Workspace()
        let session = work.session()
        for name in Self.examples { _ = Self.submitAndCompare(session, ":load examples/\(name)") }
        #expect(session.state.plans.count >= 5)
        for _ in 0..<3 { _ = Self.submitAndCompare(session, ":undo") }
        _ = Self.submitAndCompare(session, ":check")
    }

    /// Three plans, a template used by two of them, a `let` used by several: each statement
    /// validates only the plans it changed, and the findings stay those of a full validation.
    @Test func aScriptedMultiPlanSession() throws {
        let work = try ReplSessionTests.Workspace(withExamples: false)
        let session = work.session()
        func validations(_ text: String) -> (Int, ReplSession.Response) {
            let before = session.findings.validations
            let r = Self.submitAndCompare(session, text)
            return (session.findings.validations - before, r)
        }
        let header = { (id: String) in "plan \(id) \"Plan \(id)\" {\n  discipline OT\n  client \"Client \(id)\" { born 1950-01-01 }\n  starts start\n}" }
        #expect(validations("let start = 2026-11-02").0 == 0)
        #expect(validations("template rail(serving, room = \"bathroom\") {\n  intervention \"rail-${room}\" \"Grab rail in the ${room}\" {\n    type environment-modification\n    serves serving\n  }\n}").0 == 0)
        #expect(validations(header("a")).0 == 1)
        #expect(validations(header("b")).0 == 1)
        #expect(validations(header("c")).0 == 1)
        // Focus is on c; a goal in a touches a alone.
        #expect(validations("plan a").0 == 0)
        #expect(validations("goal bath \"Bathe with supervision\" { occupation adl; by start + 8 weeks }").0 == 1)
        #expect(validations("use rail(serving: bath)").0 == 1)
        #expect(validations("plan b").0 == 0)
        #expect(validations("goal bath \"Bathe with supervision\" { occupation adl; by start + 6 weeks }").0 == 1)
        #expect(validations("use rail(serving: bath, room: \"hall\")").0 == 1)
        // A new `let start` and a redefined template change no plan: nothing is validated again,
        // and the plans keep the dates and interventions they were built with.
        #expect(validations("let start = 2027-01-04").0 == 0)
        #expect(validations("template rail(serving, room = \"kitchen\") {\n  intervention \"bar-${room}\" \"Grab bar in the ${room}\" {\n    type environment-modification\n    serves serving\n  }\n}").0 == 0)
        #expect(session.state.plan("a")?.start?.value == CalendarDate(year: 2026, month: 11, day: 2))
        #expect(session.state.plan("a")?.interventions.map(\.id.value) == ["rail-bathroom"])
        // One statement touching two plans validates both.
        #expect(validations("plan a\ncheckin every 2 weeks\nplan c\ngoal walk \"Walk to the shop\" { occupation iadl; by 2027-02-01 }").0 == 2)
        // An error the statement introduces (a due date before the start) is refused; nothing changes.
        // (Its candidate plan was validated; `validations` counts the findings kept.)
        let (n, refused) = validations("plan b\ngoal late \"Late goal\" { occupation adl; by 2026-10-01 }")
        #expect(!refused.accepted)
        #expect(refused.diagnostics.map(\.code) == [.dueBeforeStart], "\(refused.diagnostics.map(\.message))")
        #expect(n == 0)
        // `:check` reads the cache.
        #expect(validations(":check").0 == 0)
        // `:undo` restores earlier versions: only plans whose version is not cached are validated.
        #expect(validations(":undo").0 == 0)
        #expect(validations(":check").0 == 2)
        #expect(validations(":reset").0 == 0)
        #expect(validations("let start = 2026-11-02\n" + header("d")).0 == 1)
    }

    /// `novel` walks the old and new findings side by side; whatever the edit (findings added,
    /// removed, moved, repeated, many or few), it must say exactly what a comparison of sets says.
    @Test func novelFindingsAreExactlyThoseASetComparisonFinds() {
        let codes: [DiagnosticCode] = [.vagueGoal, .goalNotServed, .dueBeforeStart, .unknownGoal, .missingField]
        let pool = (0..<40).map { Diagnostic(codes[$0 % codes.count], "finding \($0 % 23)", at: nil) }
        var rng = SplitMix(seed: 14)
        func below(_ n: Int) -> Int { n <= 0 ? 0 : Int.random(in: 0..<n, using: &rng) }
        for round in 0..<400 {
            let old = (0..<below(60)).map { _ in pool[below(pool.count)] }
            var now = old
            for _ in 0..<below(round % 4 == 0 ? 40 : 4) {
                switch below(3) {
                case 0: now.insert(pool[below(pool.count)], at: below(now.count + 1))
                case 1: if !now.isEmpty { now.remove(at: below(now.count)) }
                default: if now.count > 1 { now.swapAt(below(now.count), below(now.count)) }
                }
            }
            let oldKeys = Set(old.map(FindingKey.init))
            let expected = now.filter { !ReplSession.stillComposing.contains($0.code) && !oldKeys.contains(FindingKey($0)) }
            #expect(ReplSession.novel(now, comparedWith: old) == expected, "round \(round)")
        }
    }
}

