import CarePlanKit
import Foundation
import Testing

/// `:help` that teaches: the skeleton at the end of `:help structure` is a plan `careplan check`
/// accepts, and every field's help has a meaning and an example that the language accepts
/// where the help shows it.
@Suite("ReplHelp")
struct ReplHelpTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 29)!

    @Test func structureEndsWithASkeletonThatPassesCheck() throws {
        let help = ReplHelp.text(topic: "structure")
        // Shown indented at the end of the topic, and the same text as the one checked here.
        let shown = ReplHelp.structureSkeleton.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
        #expect(help.hasSuffix(shown + "\n"))
        #expect(help.contains("`progress kitchen on DATE"))
        #expect(!help.contains("`progress on DATE"))
        let result = Compilation.check(source: ReplHelp.structureSkeleton, name: "skeleton.careplan", today: Self.today)
        #expect(!result.diagnostics.hasErrors, "\(DiagnosticRenderer.render(result.diagnostics, color: false))")
        let plan = try #require(result.plans.first)
        #expect(plan.goals.count == 1 && plan.interventions.count == 1 && plan.progress.count == 1)
    }

    @Test func fieldHelpExplainsWithAnExample() {
        let measure = ReplHelp.text(topic: "measure")
        #expect(measure.hasPrefix("measure (in a goal): what is counted or timed"))
        #expect(measure.contains("    goal walk \"Walk to the shop\" {\n      measure tug from 19 to 10\n    }\n"))
        #expect(!measure.contains("expects string"))
        // A field with a vocabulary lists its values.
        #expect(ReplHelp.text(topic: "type").contains("  values: "))
    }

    /// Every field has a meaning, and its example is accepted where the help puts it.
    @Test(arguments: FieldSpec.all.indices)
    func everyFieldHasAMeaningAndAWorkingExample(_ k: Int) {
        let spec = FieldSpec.all[k]
        #expect(FieldHelp.meaning(of: spec) != nil, "no meaning for `\(spec.keyword)` \(spec.context.phrase)")
        let (source, line) = FieldHelp.checkableExample(spec)
        let file = SourceFile(name: "example.careplan", text: source)
        #expect(file.lineText(line).contains(spec.example), "line \(line) of:\n\(source)")
        let result = Compilation.check(file, today: Self.today)
        let onTheExample = result.diagnostics.filter { d in
            d.severity == .error && d.primarySpan.map { file.location(of: $0.start).line == line } ?? false
        }
        #expect(onTheExample.isEmpty, "\(spec.keyword) \(spec.context.phrase):\n\(source)\n\(DiagnosticRenderer.render(onTheExample, color: false))")
        let syntax = result.diagnostics.filter { $0.severity == .error && $0.code.rawValue < "CP0100" }
        #expect(syntax.isEmpty, "\(spec.keyword):\n\(source)\n\(DiagnosticRenderer.render(syntax, color: false))")
    }
}
