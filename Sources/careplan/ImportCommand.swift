import ArgumentParser
import CarePlanKit

/// `careplan import FILE.json [-o OUT]`: a FHIR R4 Bundle, or careplan's own JSON export, back
/// to careplan text. What careplan cannot represent is listed as comments at the top of the
/// text and summarised on standard error; the text is checked before it is written.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn a FHIR R4 Bundle or careplan JSON export back into careplan text.",
        discussion: """
            Reads a FHIR R4 Bundle (careplan's own FHIR export, or a US Core bundle from another
            system) or careplan's JSON export (`careplan export --format json`), and prints the
            plan as careplan text that `careplan check` accepts. What careplan has no place for is
            listed as `#` comments above the plan and summarised on standard error. Input that is
            not JSON, not a Bundle, or lacks a required part gets one line per problem, with the
            JSON path of the part at fault, and exit status 65.
            """)

    @Argument(help: "The JSON file: a FHIR R4 Bundle or careplan's JSON export.")
    var file: String

    @Option(name: .shortAndLong, help: "Write here instead of standard output (a folder gets PLAN.careplan inside it).")
    var output: String?

    @Option(name: .long, help: "The date to treat as today when checking the result (YYYY-MM-DD); default: $CAREPLAN_TODAY or the system date.")
    var today: String?

    func run() throws {
        let today = try CommonOptions.resolveToday(self.today)
        guard let bytes = ScriptHost.readFromDisk(file) else {
            printError("careplan: cannot read \(file): \(FileProblem.reason(file))\n")
            throw ExitCode(Exit.noInput)
        }
        let result = PlanImporter.importPlan(bytes, name: file)
        guard result.errors.isEmpty else {
            for e in result.errors { printError("careplan: \(file): \(e)\n") }
            printError("careplan: \(file): nothing imported (\(result.errors.count) problem\(result.errors.count == 1 ? "" : "s"))\n")
            throw ExitCode(Exit.dataError)
        }
        // What is printed must check: a plan that does not is careplan's fault, not the input's.
        let compiled = Compilation.check(source: result.text, name: "imported from \(file)", today: today)
        if compiled.diagnostics.hasErrors {
            printError(DiagnosticRenderer.render(compiled.diagnostics, color: false) + "\n")
            printError("careplan: the text imported from \(file) does not check; this is a bug in careplan import\n")
            throw ExitCode(Exit.software)
        }
        let plan = compiled.plans.first
        var summary = "careplan: imported plan `\(plan?.id.value ?? "?")` from \(file) (\(result.format))"
        if let plan { summary += ": \(plan.goals.count) goal\(plan.goals.count == 1 ? "" : "s"), \(plan.interventions.count) intervention\(plan.interventions.count == 1 ? "" : "s")" }
        printError(summary + "\n")
        if result.notRepresented.isEmpty {
            printError("careplan: everything in the file is represented\n")
        } else {
            printError("careplan: \(result.notRepresented.count) thing\(result.notRepresented.count == 1 ? "" : "s") not represented (also listed as comments in the output):\n")
            for p in result.notRepresented { printError("  \(p)\n") }
        }
        try FileLoading.emit(result.text, to: output, defaultName: "\(plan?.id.value ?? "imported").careplan", what: "careplan")
    }
}
