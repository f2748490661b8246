@testable import CarePlanKit
import Testing

/// The parser classifies a statement's first word once (`StatementWord`) and answers from
/// enums what it used to answer by comparing and hashing strings. These tests hold each fast
/// answer equal to the table or list it stands for, so a keyword or field added to one and not
/// the other fails here.
struct StatementWordTests {
    @Test func keywordSpellingsAreTheKeywordsAndNothingElse() {
        for keyword in Keyword.allCases {
            #expect(Keyword.spelt(keyword.rawValue) == keyword)
            #expect(Keyword(word: keyword.rawValue[...]) == keyword)
        }
        for word in ["", "i", "iff", "Goal", "goals", "plans", "interventions", "templat", "measure", "x"] {
            #expect(Keyword.spelt(word) == nil, "\(word)")
        }
    }

    @Test func statementKeywordsAllowedMatchTheListsOfMessagesAndCompletion() {
        for context in BlockContext.allCases {
            for keyword in Keyword.allCases {
                #expect(StatementKeyword.allows(keyword, in: context)
                        == StatementKeyword.keywords(in: context).contains(keyword.rawValue), "\(keyword) \(context)")
            }
        }
    }

    @Test func fieldPositionsAreTheOrderOfAllCases() {
        for (i, field) in FieldKeyword.allCases.enumerated() {
            #expect(field.position == i, "\(field)")
            #expect(FieldKeyword.spelt(field.rawValue) == field)
        }
        #expect(FieldKeyword.spelt("measures") == nil)
        var names = FieldNames()
        let added = names.insert(.expressedBy), addedAgain = names.insert(.expressedBy)
        #expect(added && !addedAgain)
        #expect(names.contains(.expressedBy) && !names.contains(.discipline))
        #expect(names.sorted() == ["expressed-by"])
    }

    @Test func fieldLookupIsTheSpecTable() {
        for context in BlockContext.allCases {
            for field in FieldKeyword.allCases {
                let scanned = FieldSpec.all.first { $0.context == context.fieldContext && $0.field == field }
                #expect(FieldSpec.lookup(field, in: context)?.example == scanned?.example, "\(field) \(context)")
                #expect(FieldSpec.lookup(field.rawValue, in: context)?.example == scanned?.example, "\(field) \(context)")
            }
        }
        #expect(FieldSpec.lookup("goals", in: .plan) == nil)
        // `plan` is a statement keyword and, in a visit record, the SOAP note's plan.
        let plan = StatementWord("plan")
        #expect(plan.keyword == .plan && plan.field == .plan)
        #expect(plan.isAllowed(in: .script) && plan.isAllowed(in: .visit) && !plan.isAllowed(in: .goal))
        #expect(StatementWord("measure").isAllowed(in: .goal) && !StatementWord("measure").isAllowed(in: .plan))
    }
}
