/// The reserved words of the language, as the lossless lexer classifies them: a keyword token
/// carries one of these cases, so tools switch over the enum instead of comparing strings.
/// `StatementKeyword.reserved` and the statement-starting list are derived from it.
public enum Keyword: String, Sendable, CaseIterable, Hashable {
    case `let`, plan, goal, intervention, template, use, `import`, `if`, `else`, `for`, `in`
    case check, print, export, `true`, `false`, and, or, not

    /// The keyword spelt `word`, if it is one.
    public init?(word: some StringProtocol) {
        guard StatementKeyword.isReserved(String(word)) else { return nil }
        self.init(rawValue: String(word))
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
