import CarePlanKit
import Foundation
import ArgumentParser

/// Reading plan files from disk for the commands, with the exit codes sysexits asks for.
enum FileLoading {
    /// Expands directories into their `.careplan` files (sorted, so output is stable).
    static func expand(_ paths: [String]) -> (files: [String], missing: [String]) {
        let (found, missing) = PlanFiles.find(paths)
        return (found.map(\.path), missing)
    }

    /// Prints `text`, or writes it atomically to `output` (a folder gets `defaultName` inside
    /// it) and says on standard error what was written; 73 when it cannot be written.
    static func emit(_ text: String, to output: String?, defaultName: String, what: String) throws {
        guard let output, output != "-" else {
            printOut(text)
            return
        }
        var path = output
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: output, isDirectory: &isDir), isDir.boolValue {
            path = (output as NSString).appendingPathComponent(defaultName)
        }
        do {
            try ScriptHost.writeAtomically(path, text)
        } catch {
            printError("careplan: could not write \(path): \(error.localizedDescription)\n")
            throw ExitCode(Exit.cantCreate)
        }
        printError("wrote \(path) (\(what), \(text.utf8.count) bytes)\n")
    }

    static func read(_ path: String) -> SourceFile? {
        guard let bytes = ScriptHost.readFromDisk(path) else { return nil }
        return SourceFile(name: path, bytes: bytes)
    }

    /// Lexical problems mean the file is not careplan text at all: exit 65 rather than 1.
    static func isUnreadable(_ diagnostics: [Diagnostic]) -> Bool {
        diagnostics.contains { [.invalidUTF8, .controlCharacter, .fileTooLarge].contains($0.code) }
    }
}
