import CarePlanKit
import Foundation
import Testing

/// Hostile input: every limit gives a diagnostic, never a crash or a hang.
struct LimitsTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 29)!

    static func check(_ bytes: [UInt8], name: String = "input.careplan") -> [Diagnostic] {
        Compilation.check(SourceFile(name: name, bytes: bytes), today: today, readFile: { _ in nil }).diagnostics
    }

    static func codes(_ d: [Diagnostic]) -> Set<DiagnosticCode> { Set(d.map(\.code)) }

    /// Inputs that exercise limits no small corpus file can reach; shared with the coverage test.
    static let specialCases: [(name: String, bytes: @Sendable () -> [UInt8], expect: DiagnosticCode)] = [
        ("file over the size limit", { [UInt8](repeating: 0x20, count: Limits.maxSourceBytes + 1) }, .fileTooLarge),
        ("10,000 nested braces", { Array(("plan p \"P\" " + String(repeating: "{ if true ", count: 10_000)).utf8) }, .nestingTooDeep),
        ("10,000 nested parentheses", { Array(("let x = " + String(repeating: "(", count: 10_000) + "1").utf8) }, .nestingTooDeep),
        ("a 10 MB string", { Array(("let s = \"" + String(repeating: "a", count: 10_000_000) + "\"\n").utf8) }, .stringTooLong),
        ("a 40-deep template chain", {
            var s = ""
            for i in 0..<40 { s += "template t\(i)() {\n  use t\(i + 1)()\n}\n" }
            s += "template t40() {\n}\nplan p \"P\" {\n  use t0()\n}\n"
            return Array(s.utf8)
        }, .templateTooDeep),
    ]

    @Test("limit gives a diagnostic", arguments: 0..<specialCases.count)
    func limit(_ index: Int) {
        let c = Self.specialCases[index]
        let d = Self.check(c.bytes())
        #expect(Self.codes(d).contains(c.expect), "\(c.name): got \(d.map(\.code.rawValue))")
        // One report of the limit, not one per level.
        #expect(d.filter { $0.code == c.expect }.count == 1, "\(c.name)")
    }

    @Test func nestingReportNamesTheLimit() {
        let d = Self.check(Array(("let x = " + String(repeating: "[", count: 5000)).utf8))
        let nesting = d.first { $0.code == .nestingTooDeep }
        #expect(nesting?.message == "nesting deeper than \(Limits.maxNesting) levels")
    }

    @Test func randomBytesNeverCrash() {
        // A deterministic generator: the same bytes every run.
        var state: UInt64 = 0x9E3779B97F4A7C15
        func next() -> UInt8 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        }
        let alphabet = Array("plan goal intervention { } ( ) [ ] \" ${ } : , = + - . 2026-11-02 12 weeks serves by \n\0\u{FF}".utf8)
        for round in 0..<300 {
            let count = Int(next()) * 4
            let bytes = (0..<count).map { _ in round % 2 == 0 ? next() : alphabet[Int(next()) % alphabet.count] }
            _ = Self.check(bytes)
        }
    }

    /// Invalid UTF-8 anywhere (here in a comment, then in a string) makes the file not text:
    /// one diagnostic, at the first bad byte (see `TextCheck`).
    @Test func invalidUTF8InStringsAndCommentsIsReported() {
        let d = Self.check([0x23, 0xC3, 0x28, 0x0A] + Array("let s = \"".utf8) + [0xFF] + Array("\"\n".utf8))
        #expect(d.count == 1)
        #expect(d.first?.code == .invalidUTF8)
        #expect(d.first?.primarySpan?.start == 1)
    }

    @Test func importDepthIsBounded() {
        // a0 imports a1 imports a2 ... each a new file: no cycle, but deeper than the limit.
        let files = (0...40).map { "lib/a\($0).careplan" }
        let read: @Sendable (String) -> [UInt8]? = { path in
            guard let i = files.firstIndex(of: path) else { return nil }
            return Array((i < 40 ? "import \"a\(i + 1).careplan\"\n" : "let done = true\n").utf8)
        }
        let d = Compilation.check(SourceFile(name: "lib/a0.careplan", text: "import \"a1.careplan\"\n"), today: Self.today, readFile: read).diagnostics
        #expect(d.contains { $0.code == .importCycle && $0.message.contains("nested more than") })
    }
}
