import CarePlanBasics
import CarePlanModel
import CarePlanInterpret
import CarePlanExport

/// Two versions of a plan file checked and compared (here, beside `Compilation`, because it
/// checks them; the comparison itself is `Diff/`): the entry point `careplan diff` and the
/// REPL's `:diff` share. A version with errors is not compared (a diff of a plan that does not
/// read would describe the mistake, not the change): its errors are returned instead.
public struct FileComparison: Sendable {
    /// The diff; nil when either version has errors.
    public var diff: PlanFileDiff?
    /// The errors of each version that has them (old first), for the usual rendering.
    public var errors: [Diagnostic]

    /// Checks both sources (as `careplan check` would, imports read relative to each file's
    /// name) and compares the plans they build as of `today`.
    public static func compare(old: SourceFile, new: SourceFile, today: CalendarDate,
                               readFile: @escaping @Sendable (String) -> [UInt8]? = ScriptHost.readFromDisk) -> FileComparison {
        let a = Compilation.check(old, today: today, readFile: readFile)
        let b = Compilation.check(new, today: today, readFile: readFile)
        let errors = a.diagnostics.filter { $0.severity == .error } + b.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else { return FileComparison(diff: nil, errors: errors) }
        return FileComparison(diff: PlanDiffer.diff(old: a.plans, new: b.plans, oldName: old.name, newName: new.name, today: today),
                              errors: [])
    }

    /// Checks `old` and compares its plans with `plans` (the REPL's session), named `name`.
    public static func compare(old: SourceFile, plans: [Plan], name: String, today: CalendarDate,
                               readFile: @escaping @Sendable (String) -> [UInt8]? = ScriptHost.readFromDisk) -> FileComparison {
        let a = Compilation.check(old, today: today, readFile: readFile)
        let errors = a.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else { return FileComparison(diff: nil, errors: errors) }
        return FileComparison(diff: PlanDiffer.diff(old: a.plans, new: plans, oldName: old.name, newName: name, today: today), errors: [])
    }
}
