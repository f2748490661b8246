import CarePlanBasics
import CarePlanSyntax

/// Where the cursor stands in a statement being typed, for completion: inside a string or a
/// comment, in which block (a goal's fields differ from a plan's), and the words of the
/// statement so far. Read from the lossless syntax tree (`SyntaxTree`) of the text: the
/// language server's tree of the document version, or, at the REPL's prompt, the tree of the
/// entry typed so far; so it follows the parser's rules for blocks and statement ends.
struct CompletionContext {
    /// The cursor is inside a string (outside any `${...}`) or a comment: nothing to offer.
    var inTextOrComment = false
    /// The innermost block open at the cursor (`.script` outside any block).
    var block: BlockContext = .script
    /// The words of the current statement before the word being typed: identifiers and the
    /// kinds of other tokens (`"` for a string, `0` for a number or date, the symbol itself).
    var words: [String] = []
    /// The goals declared in the plan block the cursor is in (`inPlanBlock`), or, outside any
    /// plan block, at the top level before the cursor: a plan still being typed has no goals
    /// in the session yet, but `serves` inside it should offer the ones written in it.
    var declaredGoals: [String] = []
    /// The cursor is inside a `plan ... {` block: its goals are the ones declared in it.
    var inPlanBlock = false

    /// Nowhere in particular: the top level, no statement yet.
    init() {}

    /// `text` is everything before the word being typed (a REPL entry so far).
    init(before text: String) {
        let tree = SyntaxTree(SourceFile(name: "<completion>", text: text))
        self.init(tree: tree, tokens: tree.root.tokens, offset: tree.file.bytes.count)
    }

    /// The context at byte `offset` of the file of `tree`, where the word being typed starts
    /// (`tokens`: the tree's tokens in order, `tree.root.tokens`, which a caller asking often
    /// keeps). Only the text before `offset` decides, as if the file ended there.
    init(tree: SyntaxTree, tokens: [SyntaxToken], offset: Int) {
        let bytes = tree.file.bytes
        let offset = max(0, min(offset, bytes.count))
        // The tokens before the cursor: those ending at or before it (the end-of-file token
        // never counts).
        let count = tokens.last?.kind == .eof ? tokens.count - 1 : tokens.count
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if tokens[mid].range.upperBound <= offset { lo = mid + 1 } else { hi = mid }
        }
        var before = lo
        // In a string (the one ending at the cursor, unclosed, or running past it) or a comment.
        for i in [before - 1, before] where i >= 0 && i < count && tokens[i].kind == .string {
            let r = tokens[i].range
            guard r.lowerBound < offset, offset <= r.upperBound else { continue }
            if Self.endsInTextOrComment(bytes[r.lowerBound..<offset]) {
                inTextOrComment = true
                return
            }
            // In a `${...}`: the string is a word of the statement so far, as a whole string.
            before = max(before, i + 1)
        }
        let trivia = (lo > 0 ? tokens[lo - 1].trailing : []) + (lo < tokens.count ? tokens[lo].leading : [])
        if trivia.contains(where: { $0.kind == .comment && $0.range.lowerBound < offset && offset <= $0.range.upperBound }) {
            inTextOrComment = true
            return
        }
        // The blocks open at the cursor, outermost first: each block's context follows from the
        // statement that owns it and the context around it.
        var inGroup = false
        var node = tree.root
        // Where the innermost plan block holding the cursor opens (its `{`), if any.
        var planOpen: Int? = nil
        // The last node starting before the cursor is the only one that may hold it.
        while let n = node.nodes.last(where: { ($0.firstToken?.range.lowerBound ?? Int.max) < offset }) {
            if n.kind == .block || n.kind == .parenGroup || n.kind == .bracketGroup {
                guard let open = n.firstToken, open.range.upperBound <= offset,
                      n.isMissingClose || offset <= (n.lastToken?.range.lowerBound ?? 0) else { break }
                if n.kind == .block {
                    let first = node.isStatement ? node.firstToken.map { String(decoding: bytes[$0.range], as: UTF8.self) } : nil
                    block = Self.context(opening: first.map { [$0] } ?? [], in: block)
                    if first == "plan" { planOpen = open.range.upperBound }
                }
                inGroup = n.kind != .block
            }
            node = n  // a statement before the cursor: a block in it may hold the cursor
        }
        // The statement so far: back from the last token before the cursor to the token that
        // starts the statement (after a statement break), a `{`, `}` or `;`. A line break
        // between that token and the cursor ends the statement, as the lexer would end it.
        inPlanBlock = planOpen != nil
        declaredGoals = Self.goalsDeclared(in: tokens, from: planOpen ?? 0, to: planOpen == nil ? offset : Int.max, bytes: bytes)
        guard before > 0 else { return }
        let last = tokens[before - 1]
        if last.range.upperBound < offset, bytes[last.range.upperBound..<offset].contains(0x0A),
           !inGroup, !LineContinuation.continues(after: last.kind) {
            return
        }
        var statement: [String] = []
        for t in tokens[..<before].reversed() {
            if t.kind == .lbrace || t.kind == .rbrace || t.kind == .semicolon { break }
            switch t.kind {
            case .identifier: statement.append(String(decoding: bytes[t.range], as: UTF8.self))
            case .string: statement.append("\"")
            case .number, .date: statement.append("0")
            case .comma: statement.append(",")
            default: statement.append(t.kind.description)
            }
            if t.afterStatementBreak { break }
        }
        words = statement.reversed()
    }

    /// The ids of the `goal ID` statements directly in the block that starts at byte `start`
    /// (0: the top level), up to its end or byte `end`. A goal statement starts after a
    /// statement break, a `{` or a `;`; goals in blocks nested deeper are not counted.
    static func goalsDeclared(in tokens: [SyntaxToken], from start: Int, to end: Int, bytes: [UInt8]) -> [String] {
        var ids: [String] = []
        var depth = 0
        var i = tokens.firstIndex { $0.range.lowerBound >= start } ?? tokens.endIndex
        while i < tokens.endIndex, tokens[i].range.upperBound <= end {
            let t = tokens[i]
            switch t.kind {
            case .lbrace: depth += 1
            case .rbrace: depth -= 1
            default: break
            }
            if depth < 0 { break }  // the end of the plan's block
            if depth == 0, t.keyword == .goal, i + 1 < tokens.endIndex, tokens[i + 1].kind == .identifier,
               i == 0 || t.afterStatementBreak || [.lbrace, .semicolon].contains(tokens[i - 1].kind) {
                ids.append(String(decoding: bytes[tokens[i + 1].range], as: UTF8.self))
            }
            i += 1
        }
        return ids
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
    static func endsInTextOrComment(_ bytes: ArraySlice<UInt8>) -> Bool {
        var inString = false, inComment = false, interpolation = false
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if inComment {
                if b == 0x0A { inComment = false }
            } else if inString {
                if interpolation {
                    if b == 0x7D { interpolation = false }
                } else if b == 0x5C {
                    i += 1  // an escape: skip the next byte
                } else if b == 0x24, i + 1 < bytes.endIndex, bytes[i + 1] == 0x7B {
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
