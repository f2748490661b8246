@testable import CarePlanKit
import Foundation
import Testing

/// The lossless syntax layer: trivia, keywords, the concrete syntax tree and its invariant
/// (the tree prints back as the file, byte for byte), over every example, every corpus case
/// and random bytes; and the one line-continuation rule.
struct LosslessSyntaxTests {
    /// Every `.careplan` file of the examples and the corpus, as (name, bytes).
    static let sources: [(String, [UInt8])] = {
        let root = GoldenFile.packageRoot
        var out: [(String, [UInt8])] = []
        for folder in ["examples", "Tests/CarePlanKitTests/Corpus", "lessons"] {
            let dir = root.appendingPathComponent(folder)
            let names = (FileManager.default.enumerator(atPath: dir.path)?.compactMap { $0 as? String } ?? [])
                .filter { $0.hasSuffix(".careplan") }.sorted()
            for n in names {
                if let bytes = FileManager.default.contents(atPath: dir.appendingPathComponent(n).path) {
                    out.append(("\(folder)/\(n)", Array(bytes)))
                }
            }
        }
        return out
    }()

    @Test func thereAreManySources() { #expect(Self.sources.count > 100) }

    @Test func everyExampleAndCorpusFilePrintsBackByteForByte() {
        for (name, bytes) in Self.sources {
            let tree = SyntaxTree(SourceFile(name: name, bytes: bytes))
            #expect(tree.text == bytes, "\(name) does not print back")
        }
    }

    /// Random inputs, mostly broken: fragments of the language, stray brackets, quotes,
    /// comments, CRLF, a BOM, invalid UTF-8. Seeded, so a failure repeats.
    @Test func randomInputsPrintBackByteForByte() {
        var rng = SplitMix(seed: 0x5EED_CA4E)
        let pieces: [[UInt8]] = ["goal", " ", "\n", "\r\n", "{", "}", "(", ")", "[", "]", "\"", "\"text\"", "#c", "# x {\n",
                                 "let", "=", "+", "-", ",", ";", ":", ".", "2026-11-02", "12", "weeks", "plan", "\t",
                                 "${", "\\", "!", "'", "é", "\u{201C}"].map { Array($0.utf8) } + [[0xFF], [0x00], [0xEF, 0xBB, 0xBF], [0xC3]]
        for n in 0..<600 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(rng.next() % 60) { bytes += pieces[Int(rng.next() % UInt64(pieces.count))] }
            let tree = SyntaxTree(SourceFile(name: "<random \(n)>", bytes: bytes))
            #expect(tree.text == bytes, "random input \(n): \(bytes)")
            if tree.text != bytes { return }
        }
    }

    @Test func commentsBlankLinesAndNewlinesAreTrivia() throws {
        let file = SourceFile(name: "t", text: "# head\n\nlet x = 1  # one\n\n\n  goal g \"G\"\n")
        let (tokens, diagnostics) = LosslessLexer.tokens(of: file)
        #expect(diagnostics.isEmpty)
        #expect(tokens.map(\.kind) == [.identifier, .identifier, .equal, .number, .identifier, .identifier, .string, .eof])
        #expect(tokens[0].keyword == .let && tokens[1].keyword == nil && tokens[4].keyword == .goal)
        #expect(tokens[0].leading.map(\.kind) == [.comment, .newline, .newline])
        #expect(tokens[3].trailing.map(\.kind) == [.whitespace, .comment])
        #expect(file.text(try #require(tokens[3].trailingComment).range) == "# one")
        #expect(tokens[4].leading.map(\.kind) == [.newline, .newline, .newline, .whitespace])
        #expect(tokens[4].afterStatementBreak && !tokens[3].afterStatementBreak)
        #expect(tokens[7].leading.map(\.kind) == [.newline])
    }

    @Test func keywordEnumMatchesTheReservedWords() {
        // The parser's hand-written fast check agrees with the enum, both ways.
        for k in Keyword.allCases { #expect(Keyword.spelt(k.rawValue) != nil, "\(k.rawValue)") }
        for word in ["plans", "goals", "lett", "If", "els", "inn", "templates", "interventions", "", "x"] {
            #expect(Keyword.spelt(word) == nil && Keyword(word: word) == nil, "\(word)")
        }
        #expect(StatementKeyword.keywords(in: .script) == ["let", "plan", "goal", "intervention", "template", "use", "import", "if", "for", "check", "print", "export"])
    }

    @Test func lineBreaksAfterACommaContinueTheStatement() {
        let tree = SyntaxTree(SourceFile(name: "t", text: "settings home,\n  community\nlet x = [1,\n 2]\n"))
        #expect(tree.root.nodes.map(\.kind) == [.field, .letStatement])
    }

    @Test func nodeAtAnOffsetAndItsEnclosingBlock() throws {
        let text = "plan p \"P\" {\n  goal meals \"M\" {\n    measure \"steps\" from 4 to 10\n  }\n}\n"
        let tree = SyntaxTree(SourceFile(name: "t", text: text))
        func offset(of word: String) -> Int { text.utf8.distance(from: text.startIndex, to: text.range(of: word)!.lowerBound) }
        let measure = offset(of: "measure"), meals = offset(of: "meals")
        let statement = try #require(tree.statement(at: measure))
        #expect(statement.kind == .field)
        let (block, owner) = try #require(tree.enclosingBlock(at: measure))
        #expect(block.kind == .block)
        #expect(owner.map { tree.file.text($0.range).hasPrefix("goal meals") } == true)
        #expect(tree.statement(at: meals)?.kind == .element)
        #expect(tree.enclosingBlock(at: meals)?.owner.map { tree.file.text($0.range).hasPrefix("plan p") } == true)
        #expect(tree.enclosingBlock(at: 0) == nil)
    }

    /// Error recovery keeps partial nodes: a goal block missing its `}` still holds the fields
    /// typed so far, and a statement that starts with no keyword is a node of its own.
    @Test func recoveryKeepsPartialNodes() throws {
        let text = "plan p \"P\" {\n  goal meals \"M\" {\n    measure \"steps\" from 4 to 10\n    assi"
        let tree = SyntaxTree(SourceFile(name: "t", text: text))
        #expect(tree.text == Array(text.utf8))
        let (block, owner) = try #require(tree.enclosingBlock(at: text.utf8.count))
        #expect(block.isMissingClose)
        #expect(owner.map { tree.file.text($0.range).hasPrefix("goal meals") } == true)
        #expect(tree.statement(at: text.utf8.count).map { tree.file.text($0.range) } == "assi")
        // On a new line after the last field: still in the goal's block (and in the plan's
        // statement, whose block holds it), not at the top level.
        let newLine = text + "\n    "
        let later = SyntaxTree(SourceFile(name: "t", text: newLine))
        let (laterBlock, laterOwner) = try #require(later.enclosingBlock(at: newLine.utf8.count))
        #expect(laterBlock.isMissingClose)
        #expect(laterOwner.map { later.file.text($0.range).hasPrefix("goal meals") } == true)
        #expect(later.path(at: newLine.utf8.count).filter(\.isStatement).count == 2)
        #expect(later.statement(at: newLine.utf8.count).map { later.file.text($0.range).hasPrefix("goal meals") } == true)
        let odd = SyntaxTree(SourceFile(name: "t", text: "42 weeks\n}\nlet x = (1\n"))
        #expect(odd.root.nodes.map(\.kind) == [.unknownStatement, .strayClose, .letStatement])
        #expect(odd.root.nodes[2].nodes.first?.isMissingClose == true)
    }

    /// One line-continuation rule: the lexer, the tree and the REPL agree. A line ending in
    /// `+` is complete for the REPL (the lexer ends the statement there), so the REPL reports
    /// the unfinished expression at once instead of waiting for a line it would then reject.
    @Test func aLineEndingInPlusIsCompleteEverywhere() {
        #expect(ReplSession.isComplete("let d = start +"))
        #expect(!ReplSession.isComplete("let rooms = [\"kitchen\","))
        let tree = SyntaxTree(SourceFile(name: "t", text: "let d = 1 +\n2\n"))
        #expect(tree.root.nodes.map(\.kind) == [.letStatement, .unknownStatement])
        let (_, diagnostics) = Parser.parse(SourceFile(name: "t", text: "let d = 1 +\n"))
        #expect(diagnostics.count == 1)
        let session = ReplSession(host: ScriptHost(today: CalendarDate(year: 2026, month: 11, day: 29)!, services: .standard))
        let r = session.submit("let d = 2026-11-02 +")
        #expect(!r.accepted && r.diagnostics.count == 1)
    }
}

/// A small seeded generator (SplitMix64), so random tests repeat exactly.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
