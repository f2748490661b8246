import CarePlanKit
import Foundation

/// Reading plan files from disk for the commands, with the exit codes sysexits asks for.
enum FileLoading {
    /// Expands directories into their `.careplan` files (sorted, so output is stable).
    static func expand(_ paths: [String]) -> (files: [String], missing: [String]) {
        var files: [String] = [], missing: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else { missing.append(path); continue }
            if isDir.boolValue {
                let found = (fm.enumerator(atPath: path)?.compactMap { $0 as? String } ?? [])
                    .filter { $0.hasSuffix(".careplan") }.sorted()
                files += found.map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        return (files, missing)
    }

    static func read(_ path: String) -> SourceFile? {
        guard let bytes = Host.readFromDisk(path) else { return nil }
        return SourceFile(name: path, bytes: bytes)
    }

    /// Lexical problems mean the file is not careplan text at all: exit 65 rather than 1.
    static func isUnreadable(_ diagnostics: [Diagnostic]) -> Bool {
        diagnostics.contains { [.invalidUTF8, .controlCharacter, .fileTooLarge].contains($0.code) }
    }
}
