import ArgumentParser
import CarePlanKit
import Foundation

extension ExportFormat: ExpressibleByArgument {}

/// `careplan export FILE --format F [-o OUT]`: one plan, checked first, in one format. The same
/// `Exporter.render` serves the script's `export` statement and the REPL's `:export`.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a plan as JSON, FHIR R4, iCalendar, Markdown or HTML.",
        discussion: """
            A plan with errors is not exported: the diagnostics are printed and the exit status is 1.
            Without -o the export goes to standard output. With -o it is written to a temporary
            file that is then renamed into place, so no half-written file is left behind.
            """)

    @Argument(help: "The plan file.")
    var file: String

    @Option(name: .shortAndLong, help: "The format: \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: ExportFormat

    @Option(name: .shortAndLong, help: "Write here instead of standard output (a folder gets PLAN.EXT inside it).")
    var output: String?

    @Option(name: .long, help: "The plan to export, when the file declares several.")
    var plan: String?

    @Flag(name: .long, help: "Drop names, birth date and address, and shift every date by a fixed number of weeks.")
    var deidentify = false

    @Option(name: .long, help: "The date to treat as today (YYYY-MM-DD); default: $CAREPLAN_TODAY or the system date.")
    var today: String?

    @Flag(name: .long, help: "Colour diagnostics even when not writing to a terminal.")
    var color = false

    @Flag(name: .shortAndLong, help: "Do not print warnings.")
    var quiet = false

    @Option(name: .long, help: "Show at most this many errors (and as many warnings); 0 shows all.")
    var errorLimit: Int = DiagnosticRenderer.defaultErrorLimit

    func run() throws {
        let today = try CommonOptions.resolveToday(self.today)
        let useColor = color || Terminal.wantsColor(fd: 2)
        guard let source = FileLoading.read(file) else {
            printError("careplan: cannot read \(file): \(FileProblem.reason(file))\n")
            throw ExitCode(Exit.noInput)
        }
        let compiled = Compilation.check(source, today: today)
        let diagnostics = compiled.diagnostics
        if diagnostics.hasErrors {
            printError(Terminal.render(diagnostics, color: useColor, errorLimit: errorLimit) + "\n")
            printError("careplan: \(file) has errors; nothing exported\n")
            throw ExitCode(FileLoading.isUnreadable(diagnostics) ? Exit.dataError : Exit.planErrors)
        }
        if !quiet && !diagnostics.isEmpty {
            printError(Terminal.render(diagnostics, color: useColor, errorLimit: errorLimit) + "\n")
        }
        let chosen = try choosePlan(compiled.plans)
        let text: String
        do {
            text = try Exporter.render(chosen, as: format, options: ExportOptions(today: today, deidentify: deidentify))
        } catch {
            printError("careplan: cannot export plan `\(chosen.id.value)` as \(format.rawValue): \(error)\n")
            throw ExitCode(Exit.software)
        }
        try FileLoading.emit(text, to: output, defaultName: "\(chosen.id.value).\(format.fileExtension)", what: format.rawValue)
    }

    /// The plan named by --plan, or the file's only plan.
    func choosePlan(_ plans: [Plan]) throws -> Plan {
        try PlanChoice.choose(plans, wanted: plan, file: file, doing: "to export")
    }
}
