@testable import CarePlanKit
import Foundation
import Testing

/// `Compilation.check(ParsedSource)` (the language server's check, on statements parsed once)
/// against `Compilation.check(SourceFile)` (`careplan check`, parsing as it runs): the same
/// diagnostics, in the same order, and the same plans, on every example and corpus case.
struct ParsedSourceTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 29)!

    /// Both checks of one file: rendered diagnostics and the plans as JSON.
    static func compare(_ file: SourceFile, readFile: @escaping @Sendable (String) -> [UInt8]?) {
        let streamed = Compilation.check(file, today: today, readFile: readFile)
        let parsed = Compilation.check(ParsedSource(file), today: today, readFile: readFile)
        #expect(DiagnosticRenderer.render(parsed.diagnostics, color: false) == DiagnosticRenderer.render(streamed.diagnostics, color: false),
                "\(file.name)")
        #expect(parsed.diagnostics.map(\.occurrences) == streamed.diagnostics.map(\.occurrences), "\(file.name)")
        #expect(parsed.plans.map { JSONExport.document($0).serialized(pretty: false) }
                == streamed.plans.map { JSONExport.document($0).serialized(pretty: false) }, "\(file.name)")
        #expect(parsed.state.sources.map(\.name) == streamed.state.sources.map(\.name), "\(file.name)")
    }

    @Test("a parsed example checks as the file does", arguments: ExamplesTests.files)
    func example(_ name: String) throws {
        let path = ExamplesTests.root.appendingPathComponent(name).path
        let file = try #require(ScriptHost.readFromDisk(path).map { SourceFile(name: path, bytes: $0) })
        Self.compare(file, readFile: ScriptHost.readFromDisk)
    }

    @Test("a parsed corpus case checks as the file does", arguments: CorpusTests.cases)
    func corpusCase(_ path: String) throws {
        let bytes = [UInt8](try Data(contentsOf: CorpusTests.root.appendingPathComponent(path)))
        let parent = CorpusTests.root.deletingLastPathComponent().path
        Self.compare(SourceFile(name: "Corpus/" + path, bytes: bytes), readFile: { p in
            ScriptHost.readFromDisk(p.hasPrefix("/") ? p : parent + "/" + p)
        })
    }

    /// The edges `Interpreter.execute` handles before running anything, and an import of
    /// the file itself (a cycle only if the file is on the import stack).
    @Test func notTextTooLargeAndSelfImport() {
        Self.compare(SourceFile(name: "bin.careplan", bytes: [0x70, 0x6C, 0x00, 0x01, 0xFF, 0x0A]), readFile: { _ in nil })
        Self.compare(SourceFile(name: "big.careplan", bytes: [UInt8](repeating: 0x20, count: Limits.maxSourceBytes + 1)), readFile: { _ in nil })
        let me = "import \"me.careplan\"\nplan p \"P\" {\n  discipline OT\n}\n"
        Self.compare(SourceFile(name: "me.careplan", text: me), readFile: { $0 == "me.careplan" ? Array(me.utf8) : nil })
        #expect(!ParsedSource(SourceFile(name: "bin", bytes: [0x00, 0x00])).isText)
        #expect(ParsedSource(SourceFile(name: "t", text: "let x = 1\n")).statements.count == 1)
    }
}
