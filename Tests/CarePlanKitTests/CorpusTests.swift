import CarePlanKit
import Foundation
import Testing

/// The test corpus: every `Corpus/**/*.careplan` is run and its diagnostics (and, for
/// `# mode: run` cases, its printed output) compared with the `.expected` file beside it.
/// Adding a case means adding a file.
///
/// Every case states what it expects, so that a wrong branch or a wrong default fails it:
/// a case about a mistake expects its diagnostics; a case that should give none is a
/// `# mode: run` case that prints what it computed (`print a` for date arithmetic, the title of
/// the intervention each `if` branch declares) and ends with `check PLAN`, whose
/// `check: PLAN ok (0 warnings)` line is in the golden (the printer's cases state their
/// printed text in a `.printed` golden instead). A golden that says only
/// "no diagnostics" would pass with the computation wrong, and `noCaseExpectsOnlySilence`
/// fails on one. `scripts/mutation-check.sh` checks that these cases do fail on such mutants.
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
        // The mode is the first line's comment (after a byte-order mark, which the lexer skips).
        let head = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        let runMode = String(decoding: head.prefix(40), as: UTF8.self).hasPrefix("# mode: run")
        let printed = PrintLog()
        let corpusParent = root.deletingLastPathComponent().path
        var host = ScriptHost(today: today, services: .standard,
                        readFile: { path in
                            // Imports resolve against the corpus folder; the names stay relative.
                            let resolved = path.hasPrefix("/") ? path : corpusParent + "/" + path
                            return ScriptHost.readFromDisk(resolved)
                        },
                        writeFile: { path, text in printed.append("(would write \(URL(fileURLWithPath: path).lastPathComponent), \(text.utf8.count) bytes)") },
                        print: { printed.append($0) })
        host.listDirectory = { path in
            ScriptHost.listFromDisk(path.hasPrefix("/") ? path : corpusParent + "/" + path)
        }
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
        let (text, diagnostics) = Self.output(of: path)
        GoldenFile.check(text, against: Self.root.appendingPathComponent(path.replacingOccurrences(of: ".careplan", with: ".expected")))
        // A case may state how many diagnostics it gives (`# expect: 1 diagnostic` on its first
        // line): one mistake, one diagnostic, checked apart from the golden text.
        if let expected = Self.expectedCount(of: path) {
            let shown = DiagnosticRenderer.limited(diagnostics, errorLimit: nil).diagnostics
            #expect(shown.count == expected, "\(path): expected \(expected), got \(shown.count): \(shown.map { "\($0.code.rawValue) \($0.message)" })")
        }
    }

    /// The count in a case's `# expect: N diagnostic(s)` first line, if it has one.
    static func expectedCount(of relativePath: String) -> Int? {
        guard let text = try? String(contentsOf: root.appendingPathComponent(relativePath), encoding: .utf8),
              let first = text.split(separator: "\n", maxSplits: 1).first else { return nil }
        let words = first.split(separator: " ")
        guard words.count == 4, words[0] == "#", words[1] == "expect:", words[3].hasPrefix("diagnostic") else { return nil }
        return Int(words[2])
    }

    /// The new-user mistakes (issue 11): each case states its count, and each is one
    /// diagnostic (none holds two distinct mistakes).
    @Test func everyMistakeCaseStatesOneDiagnostic() {
        let mistakes = Self.cases.filter { $0.hasPrefix("mistakes/") }
        #expect(mistakes.count >= 10)
        for path in mistakes { #expect(Self.expectedCount(of: path) == 1, "\(path) has no `# expect: 1 diagnostic` line") }
        for name in ["misspelt-field", "no-timeline", "intervention-serves-nothing", "impossible-date", "unclosed-brace",
                     "missing-quote", "goal-used-before-it-exists", "duplicate-id", "wrong-discipline-word",
                     "template-missing-argument"] {
            #expect(mistakes.contains("mistakes/\(name).careplan"), "missing the mistake `\(name)`")
        }
    }

    /// A case whose golden is "no diagnostics" and nothing else asserts nothing about what it
    /// computed; it prints its results instead (see the type's comment).
    @Test func noCaseExpectsOnlySilence() throws {
        for path in Self.cases {
            let expected = Self.root.appendingPathComponent(path.replacingOccurrences(of: ".careplan", with: ".expected"))
            // The printer's cases state their printed text in a `.printed` golden (PrinterRoundTripTests).
            let printed = Self.root.appendingPathComponent(path.replacingOccurrences(of: ".careplan", with: ".printed"))
            guard !FileManager.default.fileExists(atPath: printed.path),
                  let text = try? String(contentsOf: expected, encoding: .utf8) else { continue }
            #expect(text != "no diagnostics\n", "\(path) expects only \"no diagnostics\": make it a `# mode: run` case that prints what it computes")
        }
    }

    @Test func corpusIsNotEmpty() {
        #expect(Self.cases.count >= 40)
    }
}

/// Collects printed lines from a ScriptHost callback.
final class PrintLog: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []
    func append(_ s: String) { lock.lock(); storage.append(s); lock.unlock() }
    var lines: [String] { lock.lock(); defer { lock.unlock() }; return storage }
}
