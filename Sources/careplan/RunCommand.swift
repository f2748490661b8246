import ArgumentParser
import CarePlanKit
import Foundation

/// `careplan run FILE`: execute a script's actions (check, print, export).
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a script: its check, print and export statements take effect.")

    @Argument(help: "The script to run.")
    var file: String

    @Option(name: .long, help: "Folder exports are written below (default: the script's folder).")
    var outDir: String?

    @Flag(name: .long, help: "Allow export paths outside the output folder.")
    var allowOutside = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        let today = try common.resolvedToday()
        guard let source = FileLoading.read(file) else {
            printError("careplan: cannot read \(file): \(FileProblem.reason(file))\n")
            throw ExitCode(Exit.noInput)
        }
        let host = ScriptHost(today: today, services: .standard, print: { printOut($0 + "\n") })
        let interpreter = Interpreter(host: host, options: .init(mode: .run, outputDirectory: outDir, allowOutside: allowOutside))
        let diagnostics = interpreter.execute(source)
        if common.format == .json {
            printError(DiagnosticRenderer.json(diagnostics))
        } else if !diagnostics.isEmpty {
            printError(common.render(diagnostics))
        }
        if FileLoading.isUnreadable(diagnostics) { throw ExitCode(Exit.dataError) }
        if diagnostics.hasErrors { throw ExitCode(Exit.planErrors) }
    }
}
