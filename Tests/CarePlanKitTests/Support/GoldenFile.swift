import Foundation
import Testing

/// The one golden-file comparison of the test suites (corpus, exports, documents, schedules,
/// grades, caseload; the CLI's REPL scripts compile this same file through a symlink in
/// `Tests/CLITests/Support`). It compares bytes, not Strings: Swift's String equality calls
/// "é" and "e\u{301}" equal and "\r\n" one character, and a golden is a file of bytes.
/// A missing golden file is written and the test fails, so a person reads it before it is
/// trusted; `CAREPLAN_UPDATE_GOLDEN=1` rewrites goldens after a reviewed change.
enum GoldenFile {
    /// The package root, found from this file's path (Tests/<target>/Support/..).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static var updating: Bool { ProcessInfo.processInfo.environment["CAREPLAN_UPDATE_GOLDEN"] == "1" }

    static func check(_ actual: String, against url: URL, sourceLocation: SourceLocation = #_sourceLocation) {
        let fm = FileManager.default
        let actualData = Data(actual.utf8)
        if updating || !fm.fileExists(atPath: url.path) {
            let existed = fm.fileExists(atPath: url.path)
            try? fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? actualData.write(to: url)
            if !existed {
                Issue.record("golden file \(url.path) was missing; wrote it. Review it and run again.", sourceLocation: sourceLocation)
            }
            return
        }
        let expected = fm.contents(atPath: url.path) ?? Data()
        if expected != actualData {
            Issue.record("""
                output differs from \(url.lastPathComponent):
                \(firstDifference(expected, actualData))
                (run with CAREPLAN_UPDATE_GOLDEN=1 to accept after review)
                """, sourceLocation: sourceLocation)
        }
    }

    /// The same for two texts (compared as their UTF-8 bytes).
    static func firstDifference(_ a: String, _ b: String) -> String { firstDifference(Data(a.utf8), Data(b.utf8)) }

    /// The first differing line, for a readable failure; lines split on LF bytes (a String
    /// would keep CRLF as one character and never split it).
    static func firstDifference(_ a: Data, _ b: Data) -> String {
        func lines(_ d: Data) -> [Data] { d.split(separator: 0x0A, omittingEmptySubsequences: false).map { Data($0) } }
        let la = lines(a), lb = lines(b)
        for i in 0..<max(la.count, lb.count) {
            let x = i < la.count ? la[i] : nil, y = i < lb.count ? lb[i] : nil
            if x != y {
                func show(_ d: Data?) -> String { d.map { String(decoding: $0, as: UTF8.self).debugDescription } ?? "<end of file>" }
                return "line \(i + 1):\n  expected: \(show(x))\n  actual:   \(show(y))"
            }
        }
        return "same lines, different bytes"
    }
}
