@testable import CarePlanKit
import Testing

/// Carets placed by display width, and source excerpts fitted to the screen.
struct DisplayWidthTests {
    @Test func widthOfCharacters() {
        #expect(DisplayWidth.of("a" as Unicode.Scalar) == 1)
        #expect(DisplayWidth.of("é" as Unicode.Scalar) == 1)
        #expect(DisplayWidth.of("李" as Unicode.Scalar) == 2)
        #expect(DisplayWidth.of("한" as Unicode.Scalar) == 2)       // Hangul syllable
        #expect(DisplayWidth.of("ｱ" as Unicode.Scalar) == 1)        // halfwidth katakana
        #expect(DisplayWidth.of("Ａ" as Unicode.Scalar) == 2)       // fullwidth A
        #expect(DisplayWidth.of("\u{0308}" as Unicode.Scalar) == 0) // combining diaeresis
        #expect(DisplayWidth.of("\u{200D}" as Unicode.Scalar) == 0) // zero width joiner
        #expect(DisplayWidth.of("\u{FE0F}" as Unicode.Scalar) == 0) // variation selector
        #expect(DisplayWidth.of("😀" as Unicode.Scalar) == 2)
        #expect(DisplayWidth.of("→" as Unicode.Scalar) == 1)
        #expect(DisplayWidth.of("\"李小龍 practice\"") == 17)
        #expect(DisplayWidth.of("Zoe\u{0308}") == 3)
    }

    static func diagnostic(_ source: String, at needle: String, length: Int? = nil, label: String = "here") -> Diagnostic {
        let file = SourceFile(name: "t.careplan", text: source)
        let start = source.utf8.count - source[source.range(of: needle)!.lowerBound...].utf8.count
        let span = Span(file: file, start: start, end: start + (length ?? needle.utf8.count))
        return Diagnostic(.unknownName, "unknown name", at: span, label: label)
    }

    /// The caret line's marker column, in cells, and the excerpt line, from rendered text.
    static func caretAndText(_ rendered: String) -> (text: String, caretCell: Int, carets: Int) {
        let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let textLine = lines[2], caretLine = lines[3]
        let bar = caretLine.firstIndex(of: "|")!
        let afterBar = caretLine[caretLine.index(bar, offsetBy: 2)...]
        let caretCell = afterBar.prefix { $0 == " " }.count
        let carets = afterBar.drop { $0 == " " }.prefix { $0 == "^" }.count
        let textBar = textLine.firstIndex(of: "|")!
        return (String(textLine[textLine.index(textBar, offsetBy: 2)...]), caretCell, carets)
    }

    /// Cells of the excerpt text before `needle`.
    static func cells(before needle: String, in text: String) -> Int {
        DisplayWidth.of(String(text[..<text.range(of: needle)!.lowerBound]))
    }

    @Test func caretAfterWideCharactersSitsUnderTheMistake() {
        let source = "intervention p \"李小龍 practice\" { serves meal }"
        let r = Self.caretAndText(DiagnosticRenderer.render(Self.diagnostic(source, at: "meal")))
        #expect(r.caretCell == Self.cells(before: "meal", in: r.text))
        #expect(r.caretCell == 42)  // 39 scalars before `meal`, three of them two cells wide
        #expect(r.carets == 4)
    }

    @Test func caretAfterCombiningMarkSitsUnderTheMistake() {
        let source = "client \"Zoe\u{0308} Martin\" { bron 1954-03-12 }"
        let r = Self.caretAndText(DiagnosticRenderer.render(Self.diagnostic(source, at: "bron")))
        #expect(r.caretCell == Self.cells(before: "bron", in: r.text))
        #expect(r.caretCell == 22)  // 23 scalars before `bron`, one of them a combining mark
    }

    @Test func underlineOfWideTextCoversItsCells() {
        let source = "goal g \"李小龍\" { occupation iadl }"
        let r = Self.caretAndText(DiagnosticRenderer.render(Self.diagnostic(source, at: "\"李小龍\"")))
        #expect(r.caretCell == 7)
        #expect(r.carets == 8)
    }

    /// A long line is windowed to the width given; the caret stays under its text.
    @Test(arguments: [50, 100])
    func longLineFitsTheWidth(width: Int) {
        let source = "intervention practice \"李小龍 practice with a very long title that goes on and on and on\" { type trainig; serves meals }"
        let rendered = DiagnosticRenderer.render(Self.diagnostic(source, at: "trainig"), width: width)
        for line in rendered.split(separator: "\n") where line.contains("|") {
            #expect(DisplayWidth.of(String(line)) <= width, "\(line)")
        }
        let r = Self.caretAndText(rendered)
        #expect(r.caretCell == Self.cells(before: "trainig", in: r.text))
        #expect(r.carets == 7)
    }

    @Test func shortLineIsShownWhole() {
        let source = "goal meals \"Prepare a hot meal\" { occupation iadll }"
        let r = Self.caretAndText(DiagnosticRenderer.render(Self.diagnostic(source, at: "iadll"), width: 100))
        #expect(r.text == source)
        #expect(!r.text.contains("…"))
    }

    @Test func windowOfAHugeLineKeepsTheCaret() {
        let source = "let s = [" + String(repeating: "1, ", count: 100_000) + "oops]"
        let rendered = DiagnosticRenderer.render(Self.diagnostic(source, at: "oops"), width: 80)
        let r = Self.caretAndText(rendered)
        #expect(r.text.hasPrefix("…"))
        #expect(r.caretCell == Self.cells(before: "oops", in: r.text))
        #expect(DisplayWidth.of(r.text) <= 80 - 4)
    }

    @Test func longLabelMovesBelowTheCaretsOnANarrowScreen() {
        let source = "intervention labels \"Label the cabinets\" { type environment-modification; serves meal }"
        let d = Self.diagnostic(source, at: "meal", label: "no goal named `meal` in plan `kitchen`")
        let rendered = DiagnosticRenderer.render(d, width: 50)
        for line in rendered.split(separator: "\n") where line.contains(" | ") || line.hasSuffix("|") {
            #expect(DisplayWidth.of(String(line)) <= 50, "\(line)")
        }
        #expect(rendered.contains("no goal named `meal` in plan `kitchen`"))
    }
}
