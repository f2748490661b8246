import ArgumentParser
import CarePlanKit
import Foundation

/// `careplan diff OLD NEW`: what changed between two versions of a plan file, by meaning.
/// Exit status as diff(1): 0 no differences, 1 differences, 2 trouble (a file that cannot be
/// read or has errors).
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two versions of a plan file: goals, interventions, plan fields and the schedule they book.",
        discussion: """
            Plans, goals and interventions are matched by id; layout, comments and order are not changes. \
            The schedule consequences (sessions, certification periods, next progress report, end of care) \
            come from each version's timeline as of --today.

            Exit status, as diff(1): 0 no differences, 1 differences, 2 a file cannot be read or has errors \
            (its diagnostics are printed and nothing is compared). /dev/null is a file with no plans, as git \
            passes it for added and deleted files; scripts/git-diff-careplan is a git diff driver (see the README).
            """)

    @Argument(help: "The old version of the plan file.") var old: String
    @Argument(help: "The new version of the plan file.") var new: String

    @Option(name: .long, help: "The date to treat as today (YYYY-MM-DD): the schedule consequences are counted from it.")
    var today: String?

    @Option(name: .long, help: "text (a reviewer's summary) or json (careplan-diff/1).")
    var format: DiffFormat = .text

    @Option(name: .long, help: ArgumentHelp(
        "The name to show for OLD, then (repeated) for NEW; imports are read relative to it.",
        discussion: "For git, whose old version is a temporary file: pass the path in the repository."))
    var label: [String] = []

    @Option(name: .long, help: "Show at most this many errors (and as many warnings); 0 shows all.")
    var errorLimit: Int = DiagnosticRenderer.defaultErrorLimit

    enum DiffFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    static let trouble: Int32 = 2

    func validate() throws {
        if label.count > 2 { throw ValidationError("--label is given at most twice (OLD, then NEW)") }
    }

    func run() throws {
        let today = try CommonOptions.resolveToday(today)
        let oldSource = try Self.read(old, as: label.first)
        let newSource = try Self.read(new, as: label.count > 1 ? label[1] : nil)
        let result = FileComparison.compare(old: oldSource, new: newSource, today: today)
        guard let diff = result.diff else {
            printError(Terminal.render(result.errors, color: Terminal.wantsColor(fd: 2), errorLimit: errorLimit) + "\n")
            throw ExitCode(Self.trouble)
        }
        printOut(format == .json ? DiffRenderer.json(diff) : DiffRenderer.text(diff))
        if diff.hasChanges { throw ExitCode(1) }
    }

    /// The file's bytes under the name to show; /dev/null is an empty file (no plans).
    static func read(_ path: String, as name: String?) throws -> SourceFile {
        if path == "/dev/null" { return SourceFile(name: name ?? path, bytes: []) }
        guard let bytes = ScriptHost.readFromDisk(path) else {
            printError("careplan: cannot read \(path): \(FileProblem.reason(path))\n")
            throw ExitCode(trouble)
        }
        return SourceFile(name: name ?? path, bytes: bytes)
    }
}
