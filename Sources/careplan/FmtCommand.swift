import ArgumentParser
import CarePlanKit
import Foundation

/// `careplan fmt FILE|DIR...`: rewrites plan files in the canonical layout (`Formatter`).
struct FmtCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt",
        abstract: "Format plan files in the one canonical layout (comments kept).",
        discussion: """
            Rewrites each file in place unless --check or --diff is given. In a file with syntax \
            errors, the statements that hold them are kept as written and the rest is formatted. \
            Text between `# fmt: off` and `# fmt: on` comment lines is kept as written.
            """)

    @Argument(help: "Plan files, or folders searched for .careplan files.")
    var files: [String]

    @Flag(name: .long, help: "Write nothing; list the files that are not formatted and exit 1 if there are any.")
    var check = false

    @Flag(name: .long, help: "Write nothing; print what formatting would change as a unified diff.")
    var diff = false

    @Flag(name: .long, help: "Colour diagnostics even when not writing to a terminal.")
    var color = false

    func run() throws {
        let (paths, missing) = FileLoading.expand(files)
        for m in missing { printError("careplan: no such file or folder: \(m)\n") }
        if !missing.isEmpty && paths.isEmpty { throw ExitCode(Exit.noInput) }
        var errors = false, unformatted: [String] = [], changed = 0, internalError = false
        for path in paths {
            guard let file = FileLoading.read(path) else {
                printError("careplan: cannot read \(path): \(FileProblem.reason(path))\n")
                errors = true
                continue
            }
            switch Formatter.format(file) {
            case .tooLarge(let diagnostics):
                printError(Terminal.render(diagnostics, color: color || Terminal.wantsColor(fd: 2), summary: false, errorLimit: DiagnosticRenderer.defaultErrorLimit) + "\n")
                printError("careplan: \(path) cannot be formatted\n")
                errors = true
            case .internalError(let message):
                printError("careplan: internal error: \(message); \(path) is left as it is\n")
                internalError = true
            case .formatted(let bytes, let syntaxErrors):
                if !syntaxErrors.isEmpty && !check && !diff {
                    let n = syntaxErrors.count
                    printError("careplan: note: \(path) has \(n) syntax error\(n == 1 ? "" : "s"); the statement\(n == 1 ? " that holds it is" : "s that hold them are") kept as written (`careplan check \(path)` shows \(n == 1 ? "it" : "them"))\n")
                }
                guard bytes != file.bytes else { continue }
                unformatted.append(path)
                if diff {
                    printOut(UnifiedDiff.diff(old: String(decoding: file.bytes, as: UTF8.self), new: String(decoding: bytes, as: UTF8.self),
                                              oldName: path, newName: path + " (formatted)"))
                }
                if check && !diff { printOut(path + "\n") }
                if !check && !diff {
                    do {
                        try ScriptHost.writeAtomically(path, String(decoding: bytes, as: UTF8.self))
                        changed += 1
                    } catch {
                        printError("careplan: could not write \(path): \(error.localizedDescription)\n")
                        throw ExitCode(Exit.cantCreate)
                    }
                }
            }
        }
        if !check && !diff && changed > 0 {
            printError("formatted \(changed) of \(paths.count) file\(paths.count == 1 ? "" : "s")\n")
        }
        if check && !unformatted.isEmpty {
            printError("\(unformatted.count) of \(paths.count) file\(paths.count == 1 ? " is" : "s are") not formatted; run `careplan fmt` on \(unformatted.count == 1 ? "it" : "them")\n")
        }
        if internalError { throw ExitCode(Exit.software) }
        if !missing.isEmpty { throw ExitCode(Exit.noInput) }
        if errors || (check && !unformatted.isEmpty) { throw ExitCode(Exit.planErrors) }
    }
}
