import ArgumentParser
import CarePlanKit
import Foundation

extension DocumentKind: ExpressibleByArgument {}
extension DocumentFormat: ExpressibleByArgument {}

/// `careplan document FILE --kind K --format markdown|html [-o OUT]`: a clinical document for
/// one plan, checked first (a plan with errors gets no document).
struct DocumentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "document",
        abstract: "Write a clinical document for a plan: \(DocumentKind.allCases.map(\.rawValue).joined(separator: ", ")).",
        discussion: """
            Precautions head every document; signature blocks end it (blank lines to sign on paper
            when the plan records no signature). HTML is one self-contained printable page.
            --as-of sets the date a progress report, re-certification or discharge summary is
            written for (default: today; a discharge summary defaults to the last visit or goal
            closed). A plan that cannot have the document gets a message saying what to record.
            """)

    @Argument(help: "The plan file (or a log file that imports it).")
    var file: String

    @Option(name: .long, help: "The document: \(DocumentKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: DocumentKind

    @Option(name: .shortAndLong, help: "markdown or html.")
    var format: DocumentFormat = .markdown

    @Option(name: .shortAndLong, help: "Write here instead of standard output (a folder gets PLAN.KIND.EXT inside it).")
    var output: String?

    @Option(name: .long, help: "The plan, when the file declares several.")
    var plan: String?

    @Option(name: .long, help: "The visit a daily note is about (YYYY-MM-DD).")
    var visit: String?

    @Option(name: .long, help: "The end of the period a report covers, or the day a plan of care is written as of, e.g. the day it was signed (YYYY-MM-DD); default: today.")
    var asOf: String?

    @Option(name: .long, help: "The date to treat as today (YYYY-MM-DD); default: $CAREPLAN_TODAY or the system date.")
    var today: String?

    @Flag(name: .long, help: "Colour diagnostics even when not writing to a terminal.")
    var color = false

    @Flag(name: .shortAndLong, help: "Do not print warnings.")
    var quiet = false

    func run() throws {
        let today = try CommonOptions.resolveToday(self.today)
        func date(_ text: String?, _ option: String) throws -> CalendarDate? {
            guard let text else { return nil }
            guard let d = CalendarDate(iso: text) else { throw ValidationError("\(option) must be a date like 2026-11-29, got '\(text)'") }
            return d
        }
        let options = DocumentOptions(today: today, asOf: try date(asOf, "--as-of"), visit: try date(visit, "--visit"))
        let useColor = color || Terminal.wantsColor(fd: 2)
        guard let source = FileLoading.read(file) else {
            printError("careplan: cannot read \(file): \(FileProblem.reason(file))\n")
            throw ExitCode(Exit.noInput)
        }
        let compiled = Compilation.check(source, today: today)
        if compiled.diagnostics.hasErrors {
            printError(Terminal.render(compiled.diagnostics, color: useColor, errorLimit: DiagnosticRenderer.defaultErrorLimit) + "\n")
            printError("careplan: \(file) has errors; no document written\n")
            throw ExitCode(FileLoading.isUnreadable(compiled.diagnostics) ? Exit.dataError : Exit.planErrors)
        }
        if !quiet && !compiled.diagnostics.isEmpty {
            printError(Terminal.render(compiled.diagnostics, color: useColor, errorLimit: DiagnosticRenderer.defaultErrorLimit) + "\n")
        }
        let chosen = try PlanChoice.choose(compiled.plans, wanted: plan, file: file, doing: "to document")
        let text: String
        do {
            text = try Documents.render(kind, plan: chosen, format: format, options: options)
        } catch let e as DocumentError {
            printError("careplan: \(e.description)\n")
            throw ExitCode(Exit.usage)
        }
        try FileLoading.emit(text, to: output, defaultName: "\(chosen.id.value).\(kind.rawValue).\(format.fileExtension)",
                             what: "\(kind.rawValue), \(format.rawValue)")
    }
}

/// The plan named by `--plan`, or the file's only plan; shared by `export` and `document`.
enum PlanChoice {
    static func choose(_ plans: [Plan], wanted: String?, file: String, doing: String) throws -> Plan {
        let ids = plans.map(\.id.value)
        if let wanted {
            if let p = plans.first(where: { $0.id.value == wanted }) { return p }
            let hint = Suggestion.didYouMean(wanted, in: ids) ?? "its plans: \(ids.joined(separator: ", "))"
            printError("careplan: \(file) has no plan `\(wanted)`; \(hint)\n")
            throw ExitCode(Exit.usage)
        }
        guard let only = plans.first else {
            printError("careplan: \(file) declares no plan; nothing \(doing)\n")
            throw ExitCode(Exit.dataError)
        }
        if plans.count > 1 {
            printError("careplan: \(file) declares \(plans.count) plans (\(ids.joined(separator: ", "))); choose one with --plan\n")
            throw ExitCode(Exit.usage)
        }
        return only
    }
}
