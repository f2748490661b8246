/// The reserved words of the language, as the lossless lexer classifies them: a keyword token
/// carries one of these cases, so tools switch over the enum instead of comparing strings.
/// `StatementKeyword.reserved` and the statement-starting list are derived from it.
public enum Keyword: String, Sendable, CaseIterable, Hashable {
    case `let`, plan, goal, intervention, template, use, `import`, `if`, `else`, `for`, `in`
    case check, print, export, `true`, `false`, and, or, not

    /// The keyword spelt `word`, if it is one.
    public init?(word: some StringProtocol) {
        guard let keyword = Keyword.spelt(String(word)) else { return nil }
        self = keyword
    }

    /// The keyword spelt `word`, by its length first: the parser asks for every statement,
    /// and neither a hash nor `init(rawValue:)`'s one-by-one comparison is needed.
    package static func spelt(_ word: String) -> Keyword? {
        switch word.utf8.count {
        case 2: return word == "if" ? .if : word == "in" ? .in : word == "or" ? .or : nil
        case 3: return word == "let" ? .let : word == "use" ? .use : word == "for" ? .for
            : word == "and" ? .and : word == "not" ? .not : nil
        case 4: return word == "plan" ? .plan : word == "goal" ? .goal : word == "else" ? .else
            : word == "true" ? .true : nil
        case 5: return word == "check" ? .check : word == "print" ? .print : word == "false" ? .false : nil
        case 6: return word == "import" ? .import : word == "export" ? .export : nil
        case 8: return word == "template" ? .template : nil
        case 12: return word == "intervention" ? .intervention : nil
        default: return nil
        }
    }

    /// Keywords that start a statement of their own (the others are values or operators, or
    /// `else`/`in`, which continue one).
    public var startsStatement: Bool {
        switch self {
        case .let, .plan, .goal, .intervention, .template, .use, .import, .if, .for, .check, .print, .export: return true
        case .else, .in, .true, .false, .and, .or, .not: return false
        }
    }
}
