import ArgumentParser
import CarePlanKit

struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "repl", abstract: "Start the interactive REPL (the default).")
    func run() throws { printError("careplan: the REPL is not built yet\n"); throw ExitCode(Exit.software) }
}
struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "schedule", abstract: "List a plan's dated events.")
    func run() throws { throw ExitCode(Exit.software) }
}
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "A progress report.")
    func run() throws { throw ExitCode(Exit.software) }
}
