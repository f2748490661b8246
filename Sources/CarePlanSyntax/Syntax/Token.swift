/// The kinds of token the lexer produces.
public enum TokenKind: UInt8, Sendable {
    case identifier, number, date, string
    case lbrace, rbrace, lparen, rparen, lbracket, rbracket
    case comma, colon, semicolon, equal, plus, minus, star, slash, dot
    case equalEqual, bangEqual, less, lessEqual, greater, greaterEqual
    case newline, eof

    /// How the token kind is named in "expected ..." messages.
    public var description: String {
        switch self {
        case .identifier: return "a name"
        case .number: return "a number"
        case .date: return "a date"
        case .string: return "a string"
        case .lbrace: return "`{`"
        case .rbrace: return "`}`"
        case .lparen: return "`(`"
        case .rparen: return "`)`"
        case .lbracket: return "`[`"
        case .rbracket: return "`]`"
        case .comma: return "`,`"
        case .colon: return "`:`"
        case .semicolon: return "`;`"
        case .equal: return "`=`"
        case .plus: return "`+`"
        case .minus: return "`-`"
        case .star: return "`*`"
        case .slash: return "`/`"
        case .dot: return "`.`"
        case .equalEqual: return "`==`"
        case .bangEqual: return "`!=`"
        case .less: return "`<`"
        case .lessEqual: return "`<=`"
        case .greater: return "`>`"
        case .greaterEqual: return "`>=`"
        case .newline: return "the end of the line"
        case .eof: return "the end of the input"
        }
    }
}

/// A piece of a string literal: literal text, or the byte range of a `${...}` expression.
public enum StringPart: Sendable, Equatable {
    case text(String)
    case interpolation(start: Int, end: Int)
}

/// One token: its kind and byte range. Strings carry their decoded parts.
public struct Token: Sendable {
    public var kind: TokenKind
    /// Only for `.string`: the text between the quotes is the string as written (printable
    /// ASCII, no escapes, no `${`), so `parts` is left empty and the text is taken from the
    /// file's bytes when needed (most strings; no parts array to allocate).
    public var isPlainString = false
    public var start: Int
    public var end: Int
    /// Only for `.string`: the decoded parts (escapes resolved); empty for a plain string.
    public var parts: [StringPart]

    package init(_ kind: TokenKind, _ start: Int, _ end: Int, parts: [StringPart] = []) {
        self.kind = kind
        self.start = start
        self.end = end
        self.parts = parts
    }

    /// A plain string literal (see `isPlainString`).
    package static func plainString(_ start: Int, _ end: Int) -> Token {
        var t = Token(.string, start, end)
        t.isPlainString = true
        return t
    }
}

/// Named limits on input. Each exists so that no input can exhaust memory or time.
public enum Limits {
    /// Largest source file read. Real plans are a few KB; a caseload file of 10,000 plans is
    /// about 10 MB. Anything past this is almost certainly not a plan.
    public static let maxSourceBytes = 32 * 1024 * 1024
    /// Longest string literal: plan text is sentences for a client, not documents.
    public static let maxStringBytes = 64 * 1024
    /// Deepest nesting of blocks/brackets/parentheses; the parser is recursive and real plans
    /// nest 3-4 levels, so 200 leaves room while keeping the stack small.
    public static let maxNesting = 200
    /// How deep templates may use templates: a use-chain longer than this is a cycle in practice.
    public static let maxTemplateDepth = 32
    /// Total loop iterations in one run, so no script hangs the REPL or a batch job.
    public static let maxLoopIterations = 100_000
    /// How deep imports may nest (cycles are caught separately; this bounds long chains).
    public static let maxImportDepth = 32
    /// Statements executed in one run: bounds evaluation even if every other limit is met.
    public static let maxSteps = 5_000_000
}
