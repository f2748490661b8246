import ArgumentParser
import CarePlanKit
import Foundation

/// Options for commands that work on one plan of one file.
struct PlanFileOptions: ParsableArguments {
    @Argument(help: "The plan file.")
    var file: String

    @Option(name: .long, help: "Which plan, when the file declares several (default: the first).")
    var plan: String?

    @Option(name: .long, help: "The date to treat as today (YYYY-MM-DD); default: the system date.")
    var today: String?

    @Option(name: .long, help: "Show at most this many errors (and as many warnings); 0 shows all.")
    var errorLimit: Int = DiagnosticRenderer.defaultErrorLimit

    /// Compiles the file and picks the plan; prints errors and exits as sysexits says.
    func load() throws -> (plan: Plan, today: CalendarDate) {
        let today = try CommonOptions.resolveToday(today)
        guard let source = FileLoading.read(file) else {
            printError("careplan: cannot read \(file): \(FileProblem.reason(file))\n")
            throw ExitCode(Exit.noInput)
        }
        let compiled = Compilation.check(source, today: today)
        if compiled.diagnostics.hasErrors {
            printError(Terminal.render(compiled.diagnostics, color: Terminal.wantsColor(fd: 2), errorLimit: errorLimit))
            throw ExitCode(FileLoading.isUnreadable(compiled.diagnostics) ? Exit.dataError : Exit.planErrors)
        }
        if let id = plan {
            guard let p = compiled.plans.first(where: { $0.id.value == id }) else {
                printError("careplan: \(file) has no plan `\(id)`; its plans: \(compiled.plans.map(\.id.value).joined(separator: ", "))\n")
                throw ExitCode(Exit.usage)
            }
            return (p, today)
        }
        guard let first = compiled.plans.first else {
            printError("careplan: \(file) declares no plan\n")
            throw ExitCode(Exit.dataError)
        }
        return (first, today)
    }
}

func parseDate(_ text: String?, _ flag: String) throws -> CalendarDate? {
    guard let text else { return nil }
    guard let d = CalendarDate(iso: text) else { throw ValidationError("\(flag) must be a date like 2026-12-01, got '\(text)'") }
    return d
}

/// `careplan schedule FILE`: the plan's dated events in order.
struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "List a plan's dated events: sessions, check-ins, re-assessments, re-certification, goal due dates.")

    @OptionGroup var options: PlanFileOptions
    @Option(name: .long, help: "First date to list (YYYY-MM-DD).") var from: String?
    @Option(name: .long, help: "Last date to list (YYYY-MM-DD).") var to: String?

    func run() throws {
        let (plan, today) = try options.load()
        printOut(ScheduleListing.text(Timeline.of(plan, today: today), plan: plan, from: try parseDate(from, "--from"), to: try parseDate(to, "--to")))
    }
}

/// `careplan report FILE`: a progress report.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "A progress report: per goal baseline, latest, target, status and trend; COPM, GAS; next check-ins.",
        discussion: "As Markdown or HTML for the client and family, use `careplan export FILE --format markdown|html`.")

    @OptionGroup var options: PlanFileOptions
    @Option(name: .long, help: "Report as of this date (default: today).") var asOf: String?

    func run() throws {
        let (plan, today) = try options.load()
        printOut(ProgressReport.text(plan, asOf: try parseDate(asOf, "--as-of") ?? today))
    }
}

/// `careplan simulate FILE --change "cancel 2 from 2026-12-01"`.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "What-if: project the plan's clocks under a change and show what moves or falls out of compliance.",
        discussion: """
            Changes: "cancel N [from DATE]", "frequency N per week [from DATE]",
            "frequency every N weeks [from DATE]", "frequency daily [from DATE]". DATE defaults to today.
            """)

    @OptionGroup var options: PlanFileOptions
    @Option(name: .long, help: "The change to simulate (repeatable).") var change: [String] = []

    func run() throws {
        let (plan, today) = try options.load()
        guard !change.isEmpty else { throw ValidationError("give at least one --change, e.g. --change \"cancel 2 from 2026-12-01\"") }
        for text in change {
            guard let whatIf = WhatIf.parse(text, defaultFrom: today) else {
                throw ValidationError("cannot read the change '\(text)'; try \"cancel 2 from 2026-12-01\" or \"frequency 1 per week from 2026-12-01\"")
            }
            printOut("what if \(text):\n" + Simulation.text(Simulation.run(plan, whatIf, today: today)))
        }
    }
}
