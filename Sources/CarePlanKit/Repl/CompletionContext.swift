import CarePlanBasics
import CarePlanSyntax

/// Where the cursor stands in a statement being typed, for completion: inside a string or a
/// comment, in which block (a goal's fields differ from a plan's), and the words of the
/// statement so far. Found with the real lexer over the text before the cursor (the earlier
/// lines of a multi-line statement included), so it follows the same rules as the parser.
struct CompletionContext {
    /// The cursor is inside a string (outside any `${...}`) or a comment: nothing to offer.
    var inTextOrComment = false
    /// The innermost block open at the cursor (`.script` outside any block).
    var block: BlockContext = .script
    /// The words of the current statement before the word being typed: identifiers and the
    /// kinds of other tokens (`"` for a string, `0` for a number or date, the symbol itself).
    var words: [String] = []

    /// `text` is everything before the word being typed.
    init(before text: String) {
        let file = SourceFile(name: "<completion>", text: text)
        inTextOrComment = Self.endsInTextOrComment(file.bytes)
        if inTextOrComment { return }
        var lexer = Lexer(file: file)
        let tokens = lexer.tokenize()
        // Blocks open at the cursor, with the statement start of each level.
        var stack: [BlockContext] = [.script]
        var statement: [String] = []
        for t in tokens where t.kind != .eof {
            switch t.kind {
            case .newline, .semicolon:
                statement = []
            case .lbrace:
                stack.append(Self.context(opening: statement, in: stack.last!))
                statement = []
            case .rbrace:
                if stack.count > 1 { stack.removeLast() }
                statement = []
            case .identifier:
                statement.append(file.text(t.start..<t.end))
            case .string:
                statement.append("\"")
            case .number, .date:
                statement.append("0")
            default:
                statement.append(t.kind == .comma ? "," : t.kind.description)
            }
        }
        block = stack.last!
        words = statement
    }

    /// The context of the block a statement opens: `goal ... {` a goal, `client ... {` a
    /// client block, `if`/`for`/`else` the same as around them.
    static func context(opening statement: [String], in outer: BlockContext) -> BlockContext {
        guard let first = statement.first else { return outer }
        switch first {
        case "plan": return .plan
        case "goal": return .goal
        case "intervention": return .intervention
        case "template": return .template
        case "if", "for", "else": return outer
        default: return FieldSpec.lookup(first, in: outer)?.body ?? outer
        }
    }

    /// Whether the text ends inside a string (not in an interpolation) or a comment.
    static func endsInTextOrComment(_ bytes: [UInt8]) -> Bool {
        var inString = false, inComment = false, interpolation = false
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if inComment {
                if b == 0x0A { inComment = false }
            } else if inString {
                if interpolation {
                    if b == 0x7D { interpolation = false }
                } else if b == 0x5C {
                    i += 1  // an escape: skip the next byte
                } else if b == 0x24, i + 1 < bytes.count, bytes[i + 1] == 0x7B {
                    interpolation = true
                    i += 1
                } else if b == 0x22 || b == 0x0A {
                    inString = false
                }
            } else if b == 0x22 {
                inString = true
            } else if b == 0x23 {
                inComment = true
            }
            i += 1
        }
        return (inString && !interpolation) || inComment
    }
}
