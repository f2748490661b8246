import Testing
@testable import CarePlanKit

/// Spans hold a file number, not the file: these check who keeps files alive.
@Suite struct SpanTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 29)!

    @Test func diagnosticOutlivesEverythingElse() {
        // Only the diagnostics are kept: their labels must keep the file for rendering.
        let diagnostics: [Diagnostic] = {
            let file = SourceFile(name: "gone.careplan", text: "plan p \"P\" {\n  discipline XY\n}\n")
            return Compilation.check(file, today: Self.today).diagnostics
        }()
        let text = DiagnosticRenderer.render(diagnostics, color: false)
        #expect(text.contains("gone.careplan:2:"))
        #expect(text.contains("discipline XY"))
        #expect(!text.contains("<unknown source>"))
    }

    @Test func stateKeepsImportedFiles() throws {
        let lib = "template t(x) {\n  note \"${x}\"\n}\n"
        let state: ScriptState = {
            let file = SourceFile(name: "dir/main.careplan", text: "import \"lib.careplan\"\nlet a = 1\n")
            return Compilation.check(file, today: Self.today,
                                     readFile: { $0 == "dir/lib.careplan" ? Array(lib.utf8) : nil }).state
        }()
        let template = try #require(state.templates["t"])
        #expect(template.name.span.file.name == "dir/lib.careplan")
        #expect(template.name.span.text == "t")
    }

    @Test func spanOfAFileNoLongerAliveRendersAsUnknown() {
        let span: Span = { Span(file: SourceFile(name: "x", text: "abc"), start: 0, end: 1) }()
        #expect(span.file.name == "<unknown source>")
        #expect(span.text == "")
        let text = DiagnosticRenderer.render([Diagnostic(.unexpectedCharacter, "m", at: span)], color: false)
        #expect(text.contains("<unknown source>"))
    }

    @Test func numbersAreDistinctAndSpansCompareByFile() {
        let a = SourceFile(name: "a", text: "x"), b = SourceFile(name: "b", text: "x")
        #expect(a.id != b.id && a.id != 0 && b.id != 0)
        #expect(Span(file: a, start: 0, end: 1) != Span(file: b, start: 0, end: 1))
        #expect(Span(file: a, start: 0, end: 1).to(Span(file: a, start: 3, end: 4)) == Span(file: a, start: 0, end: 4))
        #expect(MemoryLayout<Span>.size == 12)
    }
}
