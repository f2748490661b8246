import Foundation
import Testing

/// Golden-file comparison shared by the corpus and export tests. A missing golden file is
/// written and the test fails, so a person reads it before it is trusted;
/// `CAREPLAN_UPDATE_GOLDEN=1` rewrites goldens after a reviewed change.
enum GoldenFile {
    /// The package root, found from this file's path (Tests/CarePlanKitTests/Support/..).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static var updating: Bool { ProcessInfo.processInfo.environment["CAREPLAN_UPDATE_GOLDEN"] == "1" }

    static func check(_ actual: String, against url: URL, sourceLocation: SourceLocation = #_sourceLocation) {
        let fm = FileManager.default
        if updating || !fm.fileExists(atPath: url.path) {
            let existed = fm.fileExists(atPath: url.path)
            try? fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? Data(actual.utf8).write(to: url)
            if !existed {
                Issue.record("golden file \(url.path) was missing; wrote it. Review it and run again.", sourceLocation: sourceLocation)
            }
            return
        }
        let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        if expected != actual {
            Issue.record("""
                output differs from \(url.lastPathComponent):
                \(firstDifference(expected, actual))
                (run with CAREPLAN_UPDATE_GOLDEN=1 to accept after review)
                """, sourceLocation: sourceLocation)
        }
    }

    /// The first differing line, for a readable failure.
    static func firstDifference(_ a: String, _ b: String) -> String {
        let la = a.components(separatedBy: "\n"), lb = b.components(separatedBy: "\n")
        for i in 0..<max(la.count, lb.count) {
            let x = i < la.count ? la[i] : "<end>", y = i < lb.count ? lb[i] : "<end>"
            if x != y { return "line \(i + 1):\n  expected: \(x)\n  actual:   \(y)" }
        }
        return "(no line differs; whitespace at the end?)"
    }
}
