import ArgumentParser
import CarePlanKit
import Foundation

/// `careplan`: check, run and export therapy care plans; with no arguments, the REPL.
@main
struct CarePlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "careplan",
        abstract: "Write, check and export therapy care plans.",
        discussion: """
            With no subcommand, starts the interactive REPL (type :help there).
            Exit status: 0 ok, 1 the plans have errors, 64 usage, 65 unreadable input,
            66 missing file, 70 internal error, 73 the output could not be written.
            """,
        version: CarePlanVersion.string,
        subcommands: [ReplCommand.self, CheckCommand.self, RunCommand.self, ExportCommand.self,
                      ScheduleCommand.self, ReportCommand.self, SimulateCommand.self, ExplainCommand.self, GradeCommand.self, LearnCommand.self,
                      DocumentCommand.self, CaseloadCommand.self, FmtCommand.self, DiffCommand.self, ImportCommand.self, LSPCommand.self],
        defaultSubcommand: ReplCommand.self
    )
}

enum CarePlanVersion {
    static let string = "0.1.0"
}

/// sysexits(3) codes used by every command.
enum Exit {
    static let ok: Int32 = 0
    static let planErrors: Int32 = 1
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let noInput: Int32 = 66
    static let software: Int32 = 70
    static let cantCreate: Int32 = 73
}

/// Options every command that reads plans shares.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "The date to treat as today (YYYY-MM-DD); default: the system date.")
    var today: String?

    @Option(name: .long, help: "Diagnostics as human text or JSON.")
    var format: DiagnosticFormat = .human

    @Flag(name: .long, help: "Colour diagnostics even when not writing to a terminal.")
    var color = false

    @Option(name: .long, help: "Show at most this many errors (and as many warnings), then 'and N more'; 0 shows all.")
    var errorLimit: Int = DiagnosticRenderer.defaultErrorLimit

    func resolvedToday() throws -> CalendarDate { try Self.resolveToday(today) }

    /// `--today`, else $CAREPLAN_TODAY, else the system date; shared with commands whose
    /// `--format` means something else (`export`).
    static func resolveToday(_ today: String?) throws -> CalendarDate {
        let text = today ?? ProcessInfo.processInfo.environment["CAREPLAN_TODAY"]
        guard let text else { return ScriptHost.systemToday() }
        guard let d = CalendarDate(iso: text) else {
            throw ValidationError("--today must be a date like 2026-11-29, got '\(text)'")
        }
        return d
    }

    var useColor: Bool { color || Terminal.wantsColor(fd: 2) }

    /// Diagnostics as text for standard error: coloured and as wide as the terminal, limited.
    func render(_ list: [Diagnostic], summary: Bool = true) -> String {
        Terminal.render(list, color: useColor, summary: summary, errorLimit: errorLimit)
    }
}

enum DiagnosticFormat: String, ExpressibleByArgument, CaseIterable {
    case human, json
}

enum Terminal {
    /// The width diagnostics are fitted to: the terminal's (from the kernel, else `COLUMNS`)
    /// when `fd` is one, else `DiagnosticRenderer.defaultWidth` (100), so piped output does
    /// not depend on the window it was run in.
    static func width(fd: Int32) -> Int {
        guard isatty(fd) == 1 else { return DiagnosticRenderer.defaultWidth }
        var size = winsize()
        if ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let c = ProcessInfo.processInfo.environment["COLUMNS"].flatMap({ Int($0) }), c > 0 { return c }
        return DiagnosticRenderer.defaultWidth
    }

    /// Diagnostics for the terminal on `fd` (standard error by default), at its width.
    static func render(_ list: [Diagnostic], color: Bool, summary: Bool = true, errorLimit: Int, fd: Int32 = 2) -> String {
        DiagnosticRenderer.render(list, color: color, summary: summary, width: width(fd: fd),
                                  errorLimit: errorLimit, limitHint: "--error-limit N changes the limit; 0 shows all")
    }

    /// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
    static func wantsColor(fd: Int32) -> Bool {
        if let v = ProcessInfo.processInfo.environment["NO_COLOR"], !v.isEmpty { return false }
        return isatty(fd) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }
}

/// Writes to standard error without buffering surprises.
func printError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

func printOut(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}
