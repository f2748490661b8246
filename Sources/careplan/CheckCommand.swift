import ArgumentParser
import CarePlanKit
import Foundation

/// `careplan check FILE...`: validate only; nothing is written.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate plan files (or folders of them) without running any action.")

    @Argument(help: "Plan files, or folders searched for .careplan files.")
    var files: [String]

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    @Flag(name: .shortAndLong, help: "Print only diagnostics, no summary.")
    var quiet = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        let today = try common.resolvedToday()
        let (paths, missing) = FileLoading.expand(files)
        for m in missing { printError("careplan: no such file or folder: \(m)\n") }
        if !missing.isEmpty && paths.isEmpty { throw ExitCode(Exit.noInput) }
        let results = Checker.check(paths: paths, today: today)
        var all: [Diagnostic] = []
        var unreadable = false
        for r in results {
            all += r.diagnostics
            if r.unreadable { unreadable = true }
        }
        if common.format == .json {
            printOut(DiagnosticRenderer.json(all))
        } else {
            let text = common.render(all, summary: false)
            if !text.isEmpty { printError(text + "\n") }
            if !quiet {
                let plans = results.reduce(0) { $0 + $1.planCount }
                printError("checked \(paths.count) file\(paths.count == 1 ? "" : "s"), \(plans) plan\(plans == 1 ? "" : "s"): \(DiagnosticRenderer.summaryLine(all))")
            }
        }
        if !missing.isEmpty { throw ExitCode(Exit.noInput) }
        if unreadable { throw ExitCode(Exit.dataError) }
        if all.hasErrors || (strict && all.warningCount > 0) { throw ExitCode(Exit.planErrors) }
    }
}

/// Checks files in parallel on every core (one interpreter per file; files are independent).
enum Checker {
    struct Result: Sendable {
        var diagnostics: [Diagnostic]
        var planCount: Int
        var unreadable: Bool
    }

    static func check(paths: [String], today: CalendarDate) -> [Result] {
        // The files of a caseload import the same template libraries: each is read, parsed
        // and run once, and recognised unchanged on disk without reading it again.
        let libraries = LibraryCache(recognisesFilesOnDisk: true)
        return Workers.map(paths.count) { i in checkOne(paths[i], today: today, libraries: libraries) }
    }

    static func checkOne(_ path: String, today: CalendarDate, libraries: LibraryCache? = nil) -> Result {
        guard let file = FileLoading.read(path) else {
            let d = Diagnostic(.importNotFound, "cannot read \(path): \(FileProblem.reason(path))", at: nil, help: "check the path and permissions")
            return Result(diagnostics: [d], planCount: 0, unreadable: true)
        }
        let compiled = Compilation.check(file, today: today, libraries: libraries)
        let diagnostics = compiled.diagnostics
        return Result(diagnostics: diagnostics, planCount: compiled.plans.count,
                      unreadable: FileLoading.isUnreadable(diagnostics))
    }
}
