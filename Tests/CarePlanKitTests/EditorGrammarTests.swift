@testable import CarePlanKit
import Foundation
import Testing

/// The VS Code TextMate grammar (editors/vscode/syntaxes/careplan.tmLanguage.json) names
/// every word the language has: a field, statement keyword or vocabulary word added to the
/// tables without the grammar fails here. (scripts/test_grammar.py tokenizes the examples.)
struct EditorGrammarTests {
    static let grammarURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("editors/vscode/syntaxes/careplan.tmLanguage.json")

    /// The words of every `(a|b|c)` alternation in the grammar's patterns.
    static func words() throws -> Set<String> {
        let grammar = try JSONReader.parse(Array(try Data(contentsOf: grammarURL)))
        var out: Set<String> = []
        func visit(_ v: JSONValue) {
            switch v {
            case .object(let o): for (k, x) in o { if k == "match" || k == "begin", case .string(let s) = x { add(s) } else { visit(x) } }
            case .array(let a): a.forEach(visit)
            default: break
            }
        }
        func add(_ pattern: String) {
            var depth = 0, current = ""
            for ch in pattern {
                if ch == "(" { depth += 1; current = "" } else if ch == ")" || ch == "|" {
                    if current.range(of: "^[A-Za-z][A-Za-z0-9-]*$", options: .regularExpression) != nil { out.insert(current) }
                    current = ""
                    if ch == ")" { depth -= 1 }
                } else { current.append(ch) }
            }
        }
        visit(grammar)
        return out
    }

    @Test func theGrammarNamesEveryFieldKeywordAndVocabularyWord() throws {
        let words = try Self.words()
        let fields = Set(FieldSpec.all.map(\.keyword))
        #expect(fields.subtracting(words).isEmpty, "fields missing from the grammar's `field` pattern: \(fields.subtracting(words).sorted())")
        let statements = Set(BlockContext.allCases.flatMap { StatementKeyword.keywords(in: $0) })
        #expect(statements.subtracting(words).isEmpty, "statement keywords missing: \(statements.subtracting(words).sorted())")
        let vocabulary = Set(Vocabularies.byName.values.joined())
        #expect(vocabulary.subtracting(words).isEmpty, "vocabulary words missing from the grammar: \(vocabulary.subtracting(words).sorted())")
        let clauses = Set(FieldSpec.all.flatMap { $0.clauses + $0.flags })
        #expect(clauses.subtracting(words).isEmpty, "clause words missing: \(clauses.subtracting(words).sorted())")
        // The parser's goal-id fields are highlighted as goal ids.
        for goalField in FieldSpec.all where goalField.expects == "goal" && goalField.keyword != "close" {
            #expect(words.contains(goalField.keyword))
        }
    }
}
