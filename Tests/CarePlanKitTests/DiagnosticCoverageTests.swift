import CarePlanKit
import Testing

/// Every diagnostic code is produced by at least one test input: a corpus file, a limit case,
/// an export case or a REPL entry. A new code without a test fails here.
struct DiagnosticCoverageTests {
    @Test func everyCodeHasATest() {
        var covered = Set<DiagnosticCode>()
        for path in CorpusTests.cases {
            covered.formUnion(CorpusTests.output(of: path).diagnostics.map(\.code))
        }
        for c in LimitsTests.specialCases {
            covered.formUnion(LimitsTests.check(c.bytes()).map(\.code))
        }
        covered.formUnion(GradeTests.rubricProblems().map(\.code))
        covered.formUnion(GradeTests.summary().students.flatMap(\.diagnostics).map(\.code))
        covered.formUnion(LessonTests.lessonProblems().map(\.code))
        covered.formUnion(ReplTransactionTests.replProblems().map(\.code))
        let missing = DiagnosticCode.allCases.filter { !covered.contains($0) }
        #expect(missing.isEmpty, "codes with no test: \(missing.map(\.rawValue).joined(separator: ", "))")
    }

    @Test func everyCodeHasATitleAndExplanation() {
        for code in DiagnosticCode.allCases {
            #expect(!code.title.isEmpty, "\(code.rawValue) has no title")
            #expect(code.explanation.count > 60, "\(code.rawValue) has a thin explanation")
            #expect(DiagnosticCode.parse(code.rawValue) == code)
        }
        #expect(DiagnosticCode.parse("cp102") == .unknownGoal)
        #expect(DiagnosticCode.parse("0102") == .unknownGoal)
        #expect(DiagnosticCode.parse("CP9999") == nil)
    }
}
