import ArgumentParser
import CarePlanKit
import Foundation

extension CaseloadFormat: ExpressibleByArgument {}

/// `careplan caseload DIR...`: what is due across every plan found, most urgent first.
struct CaseloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "caseload",
        abstract: "List what is due across a caseload: lapsed or ending certifications, goals overdue, due or behind, clients not seen, discharges due.",
        discussion: """
            One line per item with the plan file and line, most urgent first: what was missed (by
            kind, then date), then goals behind (the goal due soonest first), then what falls due,
            soonest first. A file whose plans have errors is listed once, to be fixed with
            `careplan check`. Exit status 0 whatever is due; 66 if a path does not exist.
            """)

    @Argument(help: "Folders (searched for .careplan files) or plan files.")
    var paths: [String]

    @Option(name: .long, help: "How far ahead to look: a number of days, or '14 days', '2 weeks'.")
    var within: String = "14 days"

    @Option(name: .long, help: "Days without a visit attended or a progress record after which a client counts as not seen.")
    var notSeen: Int = 14

    @Option(name: .long, help: "table, json, html or ics.")
    var format: CaseloadFormat = .table

    @Option(name: .shortAndLong, help: "Write here instead of standard output.")
    var output: String?

    @Option(name: .long, help: "The date to treat as today (YYYY-MM-DD); default: $CAREPLAN_TODAY or the system date.")
    var today: String?

    func run() throws {
        let today = try CommonOptions.resolveToday(self.today)
        guard let days = Self.days(within) else {
            throw ValidationError("--within must be a number of days or weeks, like '14 days' or '2 weeks', got '\(within)'")
        }
        let options = Caseload.Options(today: today, within: days, notSeenDays: notSeen)
        let folder = CaseloadFolder.read(paths, options: options)
        for m in folder.missing { printError("careplan: no such file or folder: \(m)\n") }
        let text = CaseloadRenderer.render(folder.items, as: format, options: options, plans: folder.plans)
        if let output, output != "-" {
            do { try ScriptHost.writeAtomically(output, text) } catch {
                printError("careplan: could not write \(output): \(error.localizedDescription)\n")
                throw ExitCode(Exit.cantCreate)
            }
            printError("wrote \(output) (caseload, \(format.rawValue), \(Words.count(folder.items.count, "item")))\n")
        } else {
            printOut(text)
        }
        if !folder.missing.isEmpty { throw ExitCode(Exit.noInput) }
    }

    /// "14", "14 days", "2 weeks", "1 week".
    static func days(_ text: String) -> Int? {
        let parts = text.split(separator: " ")
        guard let n = parts.first.flatMap({ Int($0) }), n >= 0, parts.count <= 2 else { return nil }
        guard parts.count == 2 else { return n }
        switch parts[1] {
        case "day", "days": return n
        case "week", "weeks": return n * 7
        default: return nil
        }
    }
}
