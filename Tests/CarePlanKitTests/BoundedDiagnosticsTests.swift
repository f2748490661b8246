import CarePlanKit
import Foundation
import Testing

/// Input that is not a plan, and plans that fail thousands of times, give a bounded answer:
/// one diagnostic for non-text, at most the error limit, one diagnostic per place.
struct BoundedDiagnosticsTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 29)!

    static func check(_ bytes: [UInt8], name: String = "input.careplan") -> [Diagnostic] {
        Compilation.check(SourceFile(name: name, bytes: bytes), today: today, readFile: { _ in nil }).diagnostics
    }

    /// Deterministic pseudo-random bytes (xorshift), `count` of them.
    static func randomBytes(_ count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> [UInt8] {
        var state = seed
        var out = [UInt8](repeating: 0, count: count)
        out.withUnsafeMutableBytes { raw in
            let words = raw.bindMemory(to: UInt64.self)
            for i in 0..<words.count {
                state ^= state << 13; state ^= state >> 7; state ^= state << 17
                words[i] = state
            }
        }
        return out
    }

    @Test func firstProblemFindsTheFirstBadByte() {
        #expect(TextCheck.firstProblem(in: Array("plan k \"Back to cooking\" { discipline OT }\n".utf8)) == nil)
        #expect(TextCheck.firstProblem(in: Array("Zoë Müller 李小龍 😀 practice".utf8)) == nil)
        #expect(TextCheck.firstProblem(in: []) == nil)
        // Past the eight-byte fast path, and inside it.
        let nul = TextCheck.firstProblem(in: Array("let title = \"abcdef".utf8) + [0] + Array("\"".utf8))
        #expect(nul?.offset == 19)
        #expect(nul?.problem == .nul)
        let latin1 = TextCheck.firstProblem(in: Array("let t = \"Caf".utf8) + [0xE9] + Array(" work\"".utf8))
        #expect(latin1?.offset == 12)
        #expect(latin1?.problem == .invalidUTF8(byte: 0xE9))
        // Overlong form, surrogate, truncated sequence at the end.
        #expect(TextCheck.firstProblem(in: [0x61, 0xC0, 0x80])?.offset == 1)
        #expect(TextCheck.firstProblem(in: [0x61, 0x62, 0xED, 0xA0, 0x80])?.offset == 2)
        #expect(TextCheck.firstProblem(in: Array("abcdefghij".utf8) + [0xE6, 0x9D])?.offset == 10)
    }

    @Test func binaryInputGetsOneDiagnosticNamingTheOffset() {
        // An ELF header, as `careplan check /bin/ls` meets it.
        let elf: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00] + Self.randomBytes(4096)
        let d = Self.check(elf, name: "ls")
        #expect(d.count == 1)
        #expect(d.first?.code == .controlCharacter)
        #expect(d.first?.message == "ls is not careplan text: a NUL byte at byte 7 (line 1, column 8)")
        #expect(d.first?.help == "this looks like a binary file; check the file name")
    }

    @Test func latin1PlanGetsOneDiagnosticWithLineAndColumn() {
        let bytes = Array("plan k \"K\" {\n  discipline OT\n  client \"Zo".utf8) + [0xEB] + Array("\"\n}\n".utf8)
        let d = Self.check(bytes)
        #expect(d.count == 1)
        #expect(d.first?.code == .invalidUTF8)
        #expect(d.first?.message == "input.careplan is not careplan text: invalid UTF-8 byte 0xEB at byte 41 (line 3, column 13)")
        #expect(d.first?.help?.contains("save the file as UTF-8") == true)
    }

    /// The case: 30 MB of random bytes used to grow to 13 GB and run for minutes.
    @Test func thirtyMegabytesOfRandomBytesAnswerAtOnce() {
        let bytes = Self.randomBytes(30_000_000)
        let clock = ContinuousClock()
        var d: [Diagnostic] = []
        var text = ""
        let elapsed = clock.measure {
            d = Self.check(bytes, name: "random.bin")
            text = DiagnosticRenderer.render(d, errorLimit: DiagnosticRenderer.defaultErrorLimit)
        }
        #expect(d.count == 1)
        #expect(text.split(separator: "\n").count <= 10)
        // 0.5 s is the target in a release build; a debug build is several times slower.
        #expect(elapsed < .seconds(2), "took \(elapsed)")
    }

    /// A valid 30 MB file is scanned fully, still quickly.
    @Test func scanningALargeTextFileIsFast() {
        let line = Array("  note \"a long plan line with ordinary text in it, repeated\"\n".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(30_000_000)
        while bytes.count + line.count < 30_000_000 { bytes += line }
        let clock = ContinuousClock()
        var found: (offset: Int, problem: TextCheck.Problem)?
        let elapsed = clock.measure { found = TextCheck.firstProblem(in: bytes) }
        #expect(found == nil)
        #expect(elapsed < .seconds(1), "took \(elapsed)")
    }

    @Test func errorLimitShowsTheFirstNThenHowManyMore() {
        // 120 fields outside any plan, on 120 lines: 120 distinct errors.
        let source = (0..<120).map { _ in "starts 2026-11-02" }.joined(separator: "\n")
        let d = Self.check(Array(source.utf8))
        #expect(d.count == 120)
        let shown = DiagnosticRenderer.limited(d, errorLimit: 50)
        #expect(shown.diagnostics.count == 50)
        #expect(shown.hiddenErrors == 70)
        let text = DiagnosticRenderer.render(d, errorLimit: 50)
        #expect(text.components(separatedBy: "error[CP0108]").count - 1 == 50)
        #expect(text.contains("… and 70 more errors not shown (the limit is 50 of each; --error-limit N changes the limit; 0 shows all)"))
        #expect(text.hasSuffix("120 errors, 0 warnings\n"))
        // No limit: everything.
        #expect(DiagnosticRenderer.limited(d, errorLimit: 0).diagnostics.count == 120)
        #expect(DiagnosticRenderer.limited(d, errorLimit: nil).diagnostics.count == 120)
    }

    /// Nested loops repeating one mistake (the fuzzed script gave 90,067 errors and
    /// 179,982 warnings): one diagnostic per place, with a count, in a bounded number of lines.
    @Test func nestedLoopsRepeatingOneMistakeAnswerInBoundedLines() {
        let source = """
            let xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
            plan p "Loops" {
              discipline OT
              client "A" { born 1950-01-01 }
              starts 2026-11-02
              for a in xs {
                for b in xs {
                  for c in xs {
                    goal "g${a}x${b}x${c}" "Goal ${a}" { occupation iadll; by 2027-01-01 }
                    intervention "i${a}x${b}x${c}" "I" { type trainig; serves "g${a}x${b}" }
                  }
                }
              }
            }
            """
        let clock = ContinuousClock()
        var d: [Diagnostic] = []
        let elapsed = clock.measure { d = Self.check(Array(source.utf8)) }
        #expect(d.errorCount >= 1000)
        let shown = DiagnosticRenderer.limited(d, errorLimit: 50)
        // Six mistakes in the loop body, each once with its count (and the plan's own, once).
        #expect(shown.diagnostics.filter { $0.occurrences >= 999 }.count == 6, "\(shown.diagnostics.map(\.message))")
        #expect(shown.diagnostics.count <= 8, "\(shown.diagnostics.map(\.message))")
        let text = DiagnosticRenderer.render(d, errorLimit: 50)
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).count < 60)
        #expect(text.contains("= note: reported 1,000 times at this place (a loop or a template); the first is shown"))
        #expect(elapsed < .seconds(3), "took \(elapsed)")
    }

    /// The interpreter counts a diagnostic it met again instead of dropping the count.
    @Test func identicalDiagnosticsFromALoopCarryTheirCount() {
        let source = """
            let xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
            for a in xs {
              for b in xs {
                starts 2026-11-02
              }
            }
            """
        let d = Self.check(Array(source.utf8))
        #expect(d.count == 1)
        #expect(d.first?.code == .noPlanInFocus)
        #expect(d.first?.occurrences == 100)
        #expect(DiagnosticRenderer.render(d).contains("reported 100 times at this place"))
        #expect(DiagnosticRenderer.json(d).contains("\"occurrences\": 100"))
    }
}
