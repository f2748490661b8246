import ArgumentParser
import CarePlanKit

/// `careplan explain CP0102`: the long explanation of a diagnostic code.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a diagnostic code, or list all codes.")

    @Argument(help: "A code such as CP0102 (omit to list every code).")
    var code: String?

    func run() throws {
        guard let code else {
            for c in DiagnosticCode.allCases {
                printOut("\(c.rawValue)  \(c.defaultSeverity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)) \(c.title)\n")
            }
            return
        }
        guard let c = DiagnosticCode.parse(code) else {
            printError("careplan: unknown diagnostic code '\(code)'; `careplan explain` lists them all\n")
            throw ExitCode(Exit.usage)
        }
        printOut(Explanation.text(for: c))
    }
}
