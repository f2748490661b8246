@testable import CarePlanKit
@testable import CarePlanInterpret
import Testing

/// `Interpreter.isFresh` (nothing has run) and `preludeIsClean` (leading imports left only
/// what `LibraryCache` keeps) read one list of run-state parts, `Interpreter.RunPart`. These
/// tests keep that list complete: a stored property added to `Interpreter` or `ScriptState`
/// must be classified, so a new kind of state cannot be checked by one question and missed
/// by the other.
struct InterpreterStateTests {
    static func interpreter() -> Interpreter {
        Interpreter(host: ScriptHost(today: CalendarDate(year: 2026, month: 11, day: 30)!, services: .standard,
                                     readFile: { _ in nil }))
    }

    @Test func everyStoredPropertyIsARunPartOrDeclaredNotToBe() {
        let i = Self.interpreter()
        var stored = Set(Mirror(reflecting: i).children.compactMap(\.label))
        stored.formUnion(Mirror(reflecting: i.state).children.compactMap(\.label).map { "state." + $0 })
        let classified = Set(Interpreter.RunPart.allCases.map(\.property)).union(Interpreter.notRunState)
        #expect(stored.subtracting(classified).isEmpty, "not classified: \(stored.subtracting(classified).sorted())")
        #expect(classified.subtracting(stored).isEmpty, "no such stored property: \(classified.subtracting(stored).sorted())")
        #expect(Set(Interpreter.RunPart.allCases.map(\.property)).isDisjoint(with: Interpreter.notRunState))
    }

    /// What a prelude may leave is what `LibraryCache` stores with it: a part marked
    /// `madeByPrelude` that the cache did not keep would be lost when the prelude is reused.
    @Test func whatAPreludeMayLeaveIsWhatTheCacheKeeps() {
        let prelude = LibraryCache.Prelude(templates: [:], importedFiles: [], sources: [], steps: 0, loopIterations: 0,
                                           read: [], named: [])
        let kept = Set(Mirror(reflecting: prelude).children.compactMap(\.label))
        let made = Interpreter.RunPart.allCases.filter(\.madeByPrelude).map(\.rawValue)
        #expect(!made.isEmpty)
        for part in made { #expect(kept.contains(part), "\(part) is left by a prelude but not kept by LibraryCache") }
    }
}
