import CarePlanKit
import Foundation
import Testing

/// The test corpus: every `Corpus/**/*.careplan` is run and its diagnostics (and, for
/// `# mode: run` cases, its printed output) compared with the `.expected` file beside it.
/// Adding a case means adding a file.
struct CorpusTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 29)!
    static let root = GoldenFile.packageRoot.appendingPathComponent("Tests/CarePlanKitTests/Corpus")

    static var cases: [String] {
        let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
        return files.filter { $0.hasSuffix(".careplan") && !$0.contains("/_") && !$0.hasPrefix("_") }.sorted()
    }

    /// Runs one case and returns what the golden file should contain.
    static func output(of relativePath: String) -> (text: String, diagnostics: [Diagnostic]) {
        let url = root.appendingPathComponent(relativePath)
        let bytes = [UInt8]((try? Data(contentsOf: url)) ?? Data())
        // Diagnostics name files relative to the corpus, so goldens do not depend on the checkout path.
        let file = SourceFile(name: "Corpus/" + relativePath, bytes: bytes)
        let runMode = String(decoding: bytes.prefix(40), as: UTF8.self).hasPrefix("# mode: run")
        let printed = PrintLog()
        let corpusParent = root.deletingLastPathComponent().path
        let host = Host(today: today,
                        readFile: { path in
                            // Imports resolve against the corpus folder; the names stay relative.
                            let resolved = path.hasPrefix("/") ? path : corpusParent + "/" + path
                            return Host.readFromDisk(resolved)
                        },
                        writeFile: { path, text in printed.append("(would write \(URL(fileURLWithPath: path).lastPathComponent), \(text.utf8.count) bytes)") },
                        print: { printed.append($0) })
        var diagnostics: [Diagnostic]
        if runMode {
            let interpreter = Interpreter(host: host, options: .init(mode: .run, outputDirectory: "Corpus"))
            diagnostics = interpreter.execute(file)
        } else {
            let interpreter = Interpreter(host: host, options: .init(mode: .check))
            diagnostics = interpreter.execute(file)
            for plan in interpreter.state.plans { diagnostics += Validator.validate(plan, today: today) }
        }
        var text = ""
        if runMode { text += printed.lines.map { "> \($0)\n" }.joined() }
        text += DiagnosticRenderer.render(diagnostics, color: false)
        if diagnostics.isEmpty { text += "no diagnostics\n" }
        return (text, diagnostics)
    }

    @Test("corpus case", arguments: cases)
    func corpusCase(_ path: String) {
        let (text, _) = Self.output(of: path)
        GoldenFile.check(text, against: Self.root.appendingPathComponent(path.replacingOccurrences(of: ".careplan", with: ".expected")))
    }

    @Test func corpusIsNotEmpty() {
        #expect(Self.cases.count >= 40)
    }
}

/// Collects printed lines from a Host callback.
final class PrintLog: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []
    func append(_ s: String) { lock.lock(); storage.append(s); lock.unlock() }
    var lines: [String] { lock.lock(); defer { lock.unlock() }; return storage }
}
