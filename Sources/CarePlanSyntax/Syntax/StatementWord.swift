/// The first word of a statement, spelt and classified once.
///
/// The parser asks several questions of it: is it a keyword, which field does it name, is it
/// allowed in this block, does it belong to an enclosing one (a missing `}`). Each used to
/// build the word's `String` again and hash it in every context asked about (6% of
/// `check DIR`'s instructions, callgrind); now they read the two enums found here.
package struct StatementWord {
    package let text: String
    /// The language keyword it is (`goal`, `let`, ...), if any.
    package let keyword: Keyword?
    /// The field keyword it spells (`measure`, `plan` in a visit, ...), if any.
    package let field: FieldKeyword?

    package init(_ text: String) {
        self.text = text
        keyword = Keyword.spelt(text)
        field = FieldKeyword.spelt(text)
    }

    /// The field it names in `context`, if it names one there.
    package func fieldSpec(in context: BlockContext) -> FieldSpec? {
        field.flatMap { FieldSpec.lookup($0, in: context) }
    }

    /// Whether a statement starting with this word is allowed in `context`: as a statement
    /// keyword or as one of the context's fields.
    package func isAllowed(in context: BlockContext) -> Bool {
        if let keyword, StatementKeyword.allows(keyword, in: context) { return true }
        return fieldSpec(in: context) != nil
    }
}
