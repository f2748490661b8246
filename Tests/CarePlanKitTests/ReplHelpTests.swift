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

    /// The fields, and the progress entry (`meals 6 assist minimal gas -1`), which `:help
    /// progress` shows as well.
    static let specs = FieldSpec.all + [FieldSpec.progressEntry]

    /// Every field has a meaning, and its example is accepted where the help puts it, with no
    /// warning either: students copy examples word for word (review-2dec finding 8: the
    /// progress example's `gas 0` on a reading short of the target drew CP0730).
    @Test(arguments: specs.indices)
    func everyFieldHasAMeaningAndAWorkingExample(_ k: Int) {
        let spec = Self.specs[k]
        #expect(FieldHelp.meaning(of: spec) != nil || spec.field == .progressEntry, "no meaning for `\(spec.keyword)` \(spec.context.phrase)")
        let (source, line) = FieldHelp.checkableExample(spec)
        let file = SourceFile(name: "example.careplan", text: source)
        #expect(file.lineText(line).contains(spec.example), "line \(line) of:\n\(source)")
        let result = Compilation.check(file, today: Self.today)
        let onTheExample = result.diagnostics.filter { d in
            d.severity != .note && d.primarySpan.map { file.location(of: $0.start).line == line } ?? false
        }
        #expect(onTheExample.isEmpty, "\(spec.keyword) \(spec.context.phrase):\n\(source)\n\(DiagnosticRenderer.render(onTheExample, color: false))")
        let syntax = result.diagnostics.filter { $0.severity == .error && $0.code.rawValue < "CP0100" }
        #expect(syntax.isEmpty, "\(spec.keyword):\n\(source)\n\(DiagnosticRenderer.render(syntax, color: false))")
    }

    /// The statements `:help time` shows (pieces of its lines that start with a plan field
    /// keyword, a block running on to the line that closes it).
    static func timeStatements() -> [String] {
        let fields = Set(FieldSpec.keywords(in: .plan))
        var out: [String] = []
        var open: String? = nil
        for line in ReplHelp.text(topic: "time").split(separator: "\n") {
            // Columns are set apart by three spaces or more: a statement, then what it means.
            let pieces = line.trimmingCharacters(in: .whitespaces).components(separatedBy: "   ")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard let first = pieces.first else { continue }
            if let o = open {
                let s = o + "\n" + first
                if s.filter({ $0 == "{" }).count == s.filter({ $0 == "}" }).count { out.append(s); open = nil } else { open = s }
                continue
            }
            for p in pieces where fields.contains(String(p.prefix { $0 != " " })) {
                if p.filter({ $0 == "{" }).count > p.filter({ $0 == "}" }).count { open = p } else { out.append(p) }
            }
        }
        return out
    }

    /// Each statement `:help time` shows draws no warning of its own in the plan of `:help
    /// structure` (checked on a day after every date it names). `gas 0` on the reading 6 of
    /// 10 drew CP0730 (review-2dec finding 8).
    @Test func timeHelpStatementsCheckClean() throws {
        let statements = Self.timeStatements()
        #expect(statements.contains { $0.hasPrefix("progress kitchen on ") } && statements.contains { $0.hasPrefix("visit kitchen ") }
                && statements.contains { $0.hasPrefix("close ") } && statements.count >= 9, "\(statements)")
        // The skeleton's plan, without its own progress record.
        let plan = try #require(ReplHelp.structureSkeleton.components(separatedBy: "\nprogress ").first)
        let today = CalendarDate(year: 2026, month: 12, day: 21)!
        for statement in statements {
            let keyword = String(statement.prefix { $0 != " " })
            // A field is given once: the plan's own line for it gives way to the example.
            let head = plan.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("  \(keyword) ") }
                .joined(separator: "\n")
            let first = head.split(separator: "\n", omittingEmptySubsequences: false).count + 2
            let source = head + "\n\n" + statement + "\n"
            let file = SourceFile(name: "time.careplan", text: source)
            let result = Compilation.check(file, today: today)
            let own = result.diagnostics.filter { d in
                d.severity != .note && d.primarySpan.map { file.location(of: $0.start).line >= first } ?? false
            }
            #expect(own.isEmpty, "\(statement):\n\(DiagnosticRenderer.render(own, color: false))")
        }
    }
}
