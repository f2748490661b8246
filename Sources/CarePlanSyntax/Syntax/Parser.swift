import CarePlanBasics

/// A recursive-descent parser. Each `parseX` function is named after rule `x` in
/// grammar/careplan.ebnf, so the function list reads as the grammar.
///
/// Errors become diagnostics; the parser then skips to the next line at the same depth
/// (a statement boundary) and carries on, so one run reports every problem.
public struct Parser {
    package let file: SourceFile
    /// Lexed on demand and freed statement by statement (see `TokenStream`).
    package var tokens: TokenStream
    package var index = 0
    public private(set) var diagnostics: [Diagnostic] = []
    package var depth = 0
    /// Set once the nesting limit is hit: everything after is skipped without further reports.
    package var abandoned = false
    /// Lines on which the lexer already complained; the parser stays quiet there (no cascades).
    package var lexerErrorStarts: [Int] = []
    /// How many of the streaming lexer's diagnostics are in `lexerErrorStarts`.
    package var lexerErrorsSeen = 0
    /// The field a misspelt keyword probably meant, carried into `.invalid`.
    package var suggestedField: FieldKeyword?
    /// Suggestions already worked out for an unknown word in a block context.
    package struct GuessKey: Hashable { var word: String; var context: BlockContext }
    package var guesses: [GuessKey: (field: String?, help: String)] = [:]
    /// `nextScriptStatement` has skipped the leading newlines.
    package var scriptStarted = false

    /// Parses a whole file or REPL entry.
    public static func parse(_ file: SourceFile) -> (statements: [Stmt], diagnostics: [Diagnostic]) {
        if file.bytes.count > Limits.maxSourceBytes {
            let d = Diagnostic(.fileTooLarge,
                               "\(file.name) is larger than \(Limits.maxSourceBytes / 1_048_576) MiB, the limit for one file",
                               at: Span(file: file, start: 0, end: 0), label: "file starts here",
                               help: "split the file and `import` the parts")
            return ([], [d])
        }
        var parser = Parser(lexing: file)
        let stmts = parser.parseScript()
        return (stmts, parser.tokens.lexerDiagnostics + parser.diagnostics)
    }

    package init(file: SourceFile, tokens: [Token]) {
        self.file = file
        self.tokens = TokenStream(tokens)
    }

    /// A parser that lexes `file` as it goes; its lexer's diagnostics are in
    /// `tokens.lexerDiagnostics` (complete once the end is reached).
    package init(lexing file: SourceFile) {
        self.file = file
        self.tokens = TokenStream(lexing: file)
        lexesOnDemand = true
    }

    /// Set when the tokens come from `TokenStream(lexing:)`: lexer errors are then picked up
    /// as parsing reaches them (see `error`).
    package var lexesOnDemand = false

    // MARK: - Token helpers

    package var current: Token { tokens[index] }
    package var peekKind: TokenKind { tokens.kind(at: index) }
    package func text(_ t: Token) -> String { file.text(t.start..<t.end) }
    // By file number: `Span(file:)` retained and released the file for every span made.
    package func span(_ t: Token) -> Span { Span(fileID: file.id, start: t.start, end: t.end) }
    package func span(from start: Int) -> Span {
        let end = index > 0 ? tokens.end(at: index - 1) : start
        return Span(fileID: file.id, start: start, end: max(start, end))
    }

    @discardableResult
    package mutating func advance() -> Token {
        let t = tokens[index]
        if t.kind != .eof { index += 1 }
        return t
    }

    package func check(_ kind: TokenKind) -> Bool { peekKind == kind }
    package func checkWord(_ word: String) -> Bool {
        peekKind == .identifier && wordEquals(tokens.start(at: index), tokens.end(at: index), word)
    }
    /// Compares an identifier token's bytes with a word without building a String.
    package func wordEquals(_ t: Token, _ word: String) -> Bool {
        wordEquals(t.start, t.end, word)
    }
    package func wordEquals(_ start: Int, _ end: Int, _ word: String) -> Bool {
        var i = start
        for b in word.utf8 {
            guard i < end, file.bytes[i] == b else { return false }
            i += 1
        }
        return i == end
    }

    package mutating func match(_ kind: TokenKind) -> Bool {
        if check(kind) { advance(); return true }
        return false
    }

    package mutating func matchWord(_ word: String) -> Bool {
        if checkWord(word) { advance(); return true }
        return false
    }

    package mutating func skipNewlines() { while check(.newline) || check(.semicolon) { advance() } }

    /// Reports a syntax error at the current token, unless the lexer already reported on that line.
    package mutating func error(_ code: DiagnosticCode, _ message: String, at span: Span, label: String,
                        help: String? = nil, notes: [String] = [], secondary: [Label] = []) {
        if abandoned || tokens.interrupted { return }
        if lexesOnDemand {
            // Every lexer error on this line must be known before deciding to stay quiet.
            tokens.lexPastLine(of: span.start, in: file)
            let known = tokens.lexerDiagnostics
            if known.count > lexerErrorsSeen {
                lexerErrorStarts += known[lexerErrorsSeen...].compactMap { $0.primarySpan?.start }
                lexerErrorsSeen = known.count
            }
        }
        let line = file.location(of: span.start).line
        if lexerErrorStarts.contains(where: { file.location(of: $0).line == line }) { return }
        diagnostics.append(Diagnostic(code, message, severity: nil, labels: [Label(span, label)] + secondary,
                                      notes: notes, help: help))
    }

    package struct ParseError: Error {}

    /// Consumes a token of `kind` or reports "expected X" and throws to the statement level.
    package mutating func expect(_ kind: TokenKind, _ what: @autoclosure () -> String, help: @autoclosure () -> String? = nil) throws -> Token {
        if check(kind) { return advance() }
        let found = describe(current)
        error(.expectedToken, "expected \(kind.description) \(what()), found \(found)", at: span(current),
              label: "expected \(kind.description)", help: help())
        throw ParseError()
    }

    package func describe(_ t: Token) -> String {
        switch t.kind {
        case .identifier: return "`\(text(t))`"
        case .string: return "a string"
        case .number: return "`\(text(t))`"
        case .date: return "the date `\(text(t))`"
        case .newline: return "the end of the line"
        case .eof: return "the end of the input"
        default: return t.kind.description
        }
    }

    /// Skips to the end of the current statement: the next newline or `;` at this depth, or a
    /// `}` closing the enclosing block (left for the caller).
    package mutating func synchronize() {
        var nesting = 0
        while !check(.eof) {
            switch peekKind {
            case .lbrace: nesting += 1
            case .rbrace:
                if nesting == 0 { return }
                nesting -= 1
                if nesting == 0 { advance(); if check(.newline) { advance() }; return }
            case .newline, .semicolon:
                if nesting == 0 { advance(); return }
            default: break
            }
            advance()
        }
    }

    package mutating func enterNesting(_ at: Token) -> Bool {
        enterNesting(at, message: "nesting deeper than \(Limits.maxNesting) levels",
                     help: "look for a missing closing brace, or use templates to flatten the plan")
    }

    /// Every level of the syntax tree counts (blocks, brackets, and each operator of a chain
    /// such as `1 + 1 + ...`), because evaluation recurses once per level.
    package mutating func enterNesting(_ at: Token, message: @autoclosure () -> String, help: @autoclosure () -> String) -> Bool {
        depth += 1
        if depth > Limits.maxNesting {
            if !abandoned {
                diagnostics.append(Diagnostic(.nestingTooDeep, message(), at: span(at), label: "too deep here", help: help()))
            }
            abandoned = true
            index = tokens.skipToEnd() // skip everything: the input is not a plan
            return false
        }
        return true
    }

    /// One more operator in a chain; see `enterNesting`.
    package mutating func enterChain(_ at: Token) throws {
        guard enterNesting(at, message: "an expression nested deeper than \(Limits.maxNesting) levels",
                           help: "split the expression with `let`") else { throw ParseError() }
    }

    // MARK: - Statements

    /// script = { statement } EOF
    public mutating func parseScript() -> [Stmt] {
        var stmts: [Stmt] = []
        while let s = nextScriptStatement() { stmts.append(s) }
        return stmts
    }

    /// The next top-level statement, or nil at the end: `parseScript` one statement at a time,
    /// so a caller can run each statement and let its syntax tree and tokens go.
    package mutating func nextScriptStatement() -> Stmt? {
        if !scriptStarted {
            skipNewlines()
            scriptStarted = true
        }
        while !check(.eof) {
            if check(.rbrace) {
                error(.expectedToken, "unmatched `}`", at: span(current), label: "no block is open here",
                      help: "remove it, or add the `{` it was meant to close")
                advance()
                skipNewlines()
                continue
            }
            // A `}` that lined up with the wrong block in an earlier declaration says nothing
            // about a block this one leaves open.
            misindentedClose = nil
            let s = parseStatement(.script)
            skipNewlines()
            // Only the token before `index` is ever looked at again (for spans).
            tokens.discard(before: index - 1)
            if let s { return s }
        }
        return nil
    }

    /// A block being parsed: what it is called in messages, its `{`, and the indentation of
    /// the line it opened on (a missing `}` is found by where the next lines start).
    package struct OpenBlock {
        package var context: BlockContext
        package var name: String
        package var open: Span
        package var indent: Int
    }
    /// A block just ended without its `}` (see `closesImplicitly`): the statement that
    /// opened it ends where the block did, before the line that closed it.
    package var blockEndedEarly = false
    /// The blocks being parsed, innermost last.
    package var openBlocks: [OpenBlock] = []
    /// The last block closed by a `}` that starts its line left of where the block opened:
    /// probably the `}` of an enclosing block, so that block lacks its `}` if the input ends
    /// with one open (`depth`: how many blocks were open, that one included).
    package var misindentedClose: (block: OpenBlock, close: Span, depth: Int)?

    /// block = "{" { statement } "}"
    ///
    /// One missing `}` is one diagnostic, at the block that lacks it: a line that starts no
    /// further right than the block's own first line, with a word that belongs only to an
    /// enclosing block (`intervention` after a goal's fields), closes it; so does the end of
    /// the input, naming the innermost block (or one whose `}` lined up with its parent).
    package mutating func parseBlock(_ context: BlockContext, name: String? = nil) throws -> [Stmt] {
        let open = try expect(.lbrace, "to open the block")
        guard enterNesting(open) else { throw ParseError() }
        defer { depth -= 1 }
        let block = OpenBlock(context: context, name: name ?? context.blockName, open: span(open),
                              indent: lineIndent(at: open.start))
        openBlocks.append(block)
        defer { openBlocks.removeLast() }
        var stmts: [Stmt] = []
        stmts.reserveCapacity(8)  // a typical block; growing 1, 2, 4, 8 was four allocations
        skipNewlines()
        while !check(.rbrace) {
            if check(.eof) {
                if !abandoned && !tokens.interrupted {
                    if let m = misindentedClose, m.depth > openBlocks.count {
                        diagnostics.append(Diagnostic(.unclosedBlock, "\(m.block.name) opened here is missing its `}`",
                            labels: [Label(m.block.open, "this `{` is not closed"),
                                     Label(m.close, "this `}` lines up with \(block.name), not with \(m.block.name)", primary: false)],
                            help: "add `}` to close \(m.block.name) before this one"))
                    } else {
                        diagnostics.append(Diagnostic(.unclosedBlock, "\(block.name) opened here is missing its `}`",
                            labels: [Label(block.open, "this `{` is not closed"),
                                     Label(span(current), "the input ends here", primary: false)],
                            help: "add `}` where \(block.name) should end"))
                    }
                }
                abandoned = true
                return stmts
            }
            let first = check(.identifier) ? StatementWord(text(current)) : nil
            if let first, closesImplicitly(block, first) {
                let word = first.text
                let line = file.location(of: current.start).line
                error(.unclosedBlock, "\(block.name) opened here is missing its `}`", at: block.open,
                      label: "this `{` is not closed", help: "add `}` before line \(line)",
                      secondary: [Label(span(current), "`\(word)` starts the next declaration here", primary: false)])
                // The statement that opened the block ends here too, on the next line.
                blockEndedEarly = true
                return stmts
            }
            if let s = parseStatement(context, first) { stmts.append(s) }
            skipNewlines()
        }
        let close = advance()
        let (closeIndent, first) = indentation(of: close.start)
        if first, closeIndent < block.indent { misindentedClose = (block, span(close), openBlocks.count) }
        return stmts
    }

    /// Whether the statement at the current token belongs to a block enclosing `block`, so
    /// `block` must have ended: its first word is allowed in an enclosing block but not in
    /// this one, and its line starts no further right than `block`'s first line.
    package func closesImplicitly(_ block: OpenBlock, _ word: StatementWord) -> Bool {
        guard openBlocks.count >= 1, !word.isAllowed(in: block.context) else { return false }
        let enclosing = openBlocks.dropLast().map(\.context) + [.script]
        guard enclosing.contains(where: word.isAllowed) else { return false }
        let (indent, first) = indentation(of: tokens.start(at: index))
        return first && indent <= block.indent
    }

    /// The indentation (spaces and tabs) of the line holding `offset`.
    package func lineIndent(at offset: Int) -> Int {
        let bytes = file.bytes
        var i = min(offset, bytes.count)
        while i > 0, bytes[i - 1] != 0x0A { i -= 1 }
        var n = 0
        while i + n < bytes.count, bytes[i + n] == 0x20 || bytes[i + n] == 0x09 { n += 1 }
        return n
    }

    /// The column (from 0) of `offset` and whether only blanks come before it on its line.
    package func indentation(of offset: Int) -> (indent: Int, first: Bool) {
        let bytes = file.bytes
        var i = min(offset, bytes.count)
        while i > 0, bytes[i - 1] != 0x0A { i -= 1 }
        let first = bytes[i..<min(offset, bytes.count)].allSatisfy { $0 == 0x20 || $0 == 0x09 }
        return (min(offset, bytes.count) - i, first)
    }

    /// statement = let | element | template | use | import | if | for | check | print | export | field
    ///
    /// `classified`: the statement's first word, when the caller has classified it already.
    package mutating func parseStatement(_ context: BlockContext, _ classified: StatementWord? = nil) -> Stmt? {
        let start = current.start
        suggestedField = nil
        do {
            guard check(.identifier) else {
                let t = current
                error(.expectedToken, "expected a statement \(context.phrase), found \(describe(t))", at: span(t),
                      label: "a statement starts with a keyword",
                      help: "statements here: \(allowedWords(context).prefix(8).joined(separator: ", "))…")
                throw ParseError()
            }
            let first = classified ?? StatementWord(text(current))
            let word = first.text
            // A keyword starts its statement, unless the context has a field spelt the same
            // (`plan` in a visit record).
            if let keyword = first.keyword,
               StatementKeyword.allows(keyword, in: context) || first.fieldSpec(in: context) == nil {
                guard StatementKeyword.allows(keyword, in: context) else {
                    error(.misplacedStatement, "`\(word)` cannot be used \(context.phrase)", at: span(current),
                          label: "not allowed here", help: misplacedHelp(word))
                    throw ParseError()
                }
                let kind: StmtKind
                switch keyword {
                case .let: kind = try parseLet()
                case .plan: kind = try parseElement(.plan)
                case .goal: kind = try parseElement(.goal)
                case .intervention: kind = try parseElement(.intervention)
                case .template: kind = try parseTemplate()
                case .use: kind = try parseUse()
                case .import: kind = try parseImport()
                case .if: kind = try parseIf(context)
                case .for: kind = try parseFor(context)
                case .check: kind = try parseCheck()
                case .print: advance(); kind = .print(try parseExpr())
                case .export: kind = try parseExport()
                case .else, .in, .true, .false, .and, .or, .not: throw ParseError()
                }
                try parseEndOfStatement()
                return Stmt(kind, span(from: start))
            }
            if let spec = first.fieldSpec(in: context) {
                suggestedField = spec.field
                let field = try parseField(spec)
                try parseEndOfStatement()
                return Stmt(.field(field), span(from: start))
            }
            if context == .progress {
                let field = try parseField(FieldSpec.progressEntry)
                try parseEndOfStatement()
                return Stmt(.field(field), span(from: start))
            }
            let t = current
            // The same slip on every line of a generated file is worked out once.
            let key = GuessKey(word: word, context: context)
            let guess = guesses[key] ?? {
                let candidates = allowedWords(context)
                return (Suggestion.closest(to: word, in: FieldSpec.keywords(in: context)),
                        Suggestion.didYouMean(word, in: candidates)
                            ?? "\(context.phrase) you can write: \(candidates.joined(separator: ", "))")
            }()
            guesses[key] = guess
            suggestedField = guess.field.flatMap(FieldKeyword.init(rawValue:))
            error(.unknownKeyword, "unknown \(context == .script ? "statement" : "field") `\(word)` \(context.phrase)",
                  at: span(t), label: context == .script ? "not a statement" : "not a field \(context.phrase)",
                  help: guess.help)
            throw ParseError()
        } catch {
            synchronize()
            return Stmt(.invalid(attempting: suggestedField), span(from: start))
        }
    }

    package func allowedWords(_ context: BlockContext) -> [String] {
        var words = StatementKeyword.keywords(in: context)
        for k in FieldSpec.keywords(in: context) where !words.contains(k) { words.append(k) }
        return words
    }

    package func misplacedHelp(_ word: String) -> String {
        switch word {
        case "plan": return "plans are declared at the top level of a file"
        case "template", "import": return "write `\(word)` at the top level of a file"
        case "goal", "intervention": return "declare goals and interventions inside a plan or at the top level"
        case "check", "export": return "write `\(word)` at the top level, after the plan"
        case "else": return "`else` follows the `}` of an `if` block on the same line"
        default: return "`\(word)` is reserved; choose another name"
        }
    }

    /// A `"` inside a string ends it early: `"Prepare "simple" hot meals"` reads as the string
    /// `"Prepare "`, the word `simple` and another string. Recognised when a word, number or
    /// string follows a string with no space between. Reported once, suggesting the escaped
    /// string, and the rest of the text up to a `{` or the line's end is passed over, so the
    /// block after it is read as usual (it was four diagnostics and a skipped block).
    package mutating func skipStrayQuote() -> Bool {
        guard index > 0, tokens.kind(at: index - 1) == .string else { return false }
        switch peekKind {
        case .identifier, .number, .string, .date: break
        default: return false
        }
        let firstStart = tokens.start(at: index - 1), firstEnd = tokens.end(at: index - 1)
        guard tokens.start(at: index) == firstEnd, file.bytes[firstEnd - 1] == 0x22 else { return false }
        var lastEnd = firstEnd
        while true {
            switch peekKind {
            case .lbrace, .rbrace, .newline, .semicolon, .eof: break
            default:
                if peekKind == .string { lastEnd = tokens.end(at: index) }
                advance()
                continue
            }
            break
        }
        var fixed = "\""
        if lastEnd - 1 > firstStart + 1 {
            for ch in file.text((firstStart + 1)..<(lastEnd - 1)) {
                if ch == "\"" { fixed += "\\\"" } else { fixed.append(ch) }
            }
        }
        fixed += "\""
        error(.strayQuote, "a `\"` inside a string ends it early", at: Span(fileID: file.id, start: firstEnd - 1, end: firstEnd),
              label: "this `\"` ends the string", help: "to put a quote inside a string, write `\\\"`: \(DiagnosticRenderer.clip(fixed))")
        return true
    }

    /// end = NEWLINE | ";" | (before "}") | EOF
    package mutating func parseEndOfStatement() throws {
        if blockEndedEarly { blockEndedEarly = false; return }
        if skipStrayQuote() && check(.lbrace) {
            error(.expectedToken, "unexpected block", at: span(current), label: "no block expected here")
            throw ParseError()
        }
        if match(.newline) || match(.semicolon) || check(.rbrace) || check(.eof) { return }
        error(.expectedToken, "expected the end of the statement, found \(describe(current))", at: span(current),
              label: "unexpected here", help: "put each statement on its own line")
        throw ParseError()
    }

    /// let = "let" NAME "=" expr
    package mutating func parseLet() throws -> StmtKind {
        advance()
        let name = try parseName("after `let`")
        _ = try expect(.equal, "after the name in `let`", help: "write `let \(name.name) = value`")
        return .letBinding(name, try parseExpr())
    }

    /// NAME, refusing reserved words.
    package mutating func parseName(_ context: @autoclosure () -> String) throws -> Ident {
        let t = try expect(.identifier, context())
        let name = text(t)
        if StatementKeyword.isReservedName(name) {
            error(.invalidID, "`\(name)` is a reserved word and cannot be a name", at: span(t),
                  label: "reserved word", help: "choose another name, such as `\(Parser.alternativeName(for: name))`")
            throw ParseError()
        }
        return Ident(name, span(t))
    }

    /// A name to suggest instead of a reserved word. Not `true-1`: a `-` joins words only
    /// before a letter, so that reads as `true - 1`; `true-value` is one name.
    package static func alternativeName(for word: String) -> String { "\(word)-value" }

    /// element = ("plan" | "goal" | "intervention") id [title] [block]
    /// id = NAME | STRING
    package mutating func parseElement(_ kind: ElementKind) throws -> StmtKind {
        advance()
        let id: Expr
        if check(.string) {
            id = try parsePrimary()
        } else {
            let name = try parseName("as the \(kind.rawValue)'s id (a word such as `meals`)")
            id = .name(name.name, name.span)
        }
        var title: Expr? = nil
        if !check(.lbrace) && !check(.newline) && !check(.eof) && !check(.rbrace) && !check(.semicolon) {
            title = try parseExpr()
            _ = skipStrayQuote()
        }
        var body: [Stmt]? = nil
        if check(.lbrace) {
            let ctx: BlockContext = kind == .plan ? .plan : kind == .goal ? .goal : .intervention
            let idText: String
            if case .name(let n, _) = id { idText = n } else { idText = file.text(id.span.start..<id.span.end) }
            body = try parseBlock(ctx, name: "\(kind.rawValue) `\(idText)`")
        }
        return .element(kind, id: id, title: title, body: body)
    }

    /// template = "template" NAME "(" [param {"," param}] ")" block ; param = NAME ["=" expr]
    package mutating func parseTemplate() throws -> StmtKind {
        advance()
        let name = try parseName("as the template's name")
        _ = try expect(.lparen, "after the template's name", help: "write `template \(name.name)(param) { ... }`")
        var params: [Param] = []
        while !check(.rparen) {
            let p = try parseName("as a parameter name")
            var def: Expr? = nil
            if match(.equal) { def = try parseExpr() }
            params.append(Param(name: p, defaultValue: def))
            if !match(.comma) { break }
        }
        _ = try expect(.rparen, "to close the parameter list")
        return .template(name, params, try parseBlock(.template, name: "template `\(name.name)`"))
    }

    /// use = "use" NAME "(" [arg {"," arg}] ")" ; arg = NAME ":" expr
    package mutating func parseUse() throws -> StmtKind {
        advance()
        let name = try parseName("as the template to use")
        var args: [TemplateArgument] = []
        if match(.lparen) {
            while !check(.rparen) {
                let n = try parseName("as an argument name (arguments are named: `room: \"bathroom\"`)")
                _ = try expect(.colon, "after the argument name", help: "arguments are named: `\(n.name): value`")
                args.append(TemplateArgument(name: n, value: try parseExpr()))
                if !match(.comma) { break }
            }
            _ = try expect(.rparen, "to close the argument list")
        }
        return .use(name, args)
    }

    /// import = "import" STRING
    package mutating func parseImport() throws -> StmtKind {
        advance()
        let t = try expect(.string, "after `import`", help: "write `import \"templates.careplan\"`")
        var path = t.isPlainString ? plainText(t) : ""
        for part in t.parts {
            if case .text(let s) = part { path += s } else {
                error(.expectedToken, "an import path cannot interpolate values", at: span(t),
                      label: "plain path expected", help: "write the path literally")
                throw ParseError()
            }
        }
        return .importFile(path, span(t))
    }

    /// if = "if" expr block ["else" (if | block)]
    package mutating func parseIf(_ context: BlockContext) throws -> StmtKind {
        advance()
        let cond = try parseExpr()
        let then = try parseBlock(context, name: "the `if` block")
        var otherwise: [Stmt]? = nil
        if checkWord("else") {
            let elseStart = advance().start
            if checkWord("if") {
                let nested = try parseIf(context)
                otherwise = [Stmt(nested, span(from: elseStart))]
            } else {
                otherwise = try parseBlock(context, name: "the `else` block")
            }
        }
        return .ifElse(cond, then, otherwise)
    }

    /// for = "for" NAME "in" expr block
    package mutating func parseFor(_ context: BlockContext) throws -> StmtKind {
        advance()
        let name = try parseName("as the loop variable")
        if !matchWord("in") {
            error(.expectedToken, "expected `in` after the loop variable, found \(describe(current))", at: span(current),
                  label: "expected `in`", help: "write `for \(name.name) in [a, b] { ... }`")
            throw ParseError()
        }
        let seq = try parseExpr()
        return .forLoop(name, seq, try parseBlock(context, name: "the `for` loop"))
    }

    /// check = "check" [expr]
    package mutating func parseCheck() throws -> StmtKind {
        advance()
        if check(.newline) || check(.eof) || check(.semicolon) || check(.rbrace) { return .check(nil) }
        return .check(try parseExpr())
    }

    /// export = "export" [expr] "as" NAME ["to" expr]
    package mutating func parseExport() throws -> StmtKind {
        advance()
        var plan: Expr? = nil
        if !checkWord("as") { plan = try parseExpr() }
        if !matchWord("as") {
            error(.expectedToken, "expected `as FORMAT` in export, found \(describe(current))", at: span(current),
                  label: "expected `as`", help: "write `export kitchen as fhir to \"kitchen.fhir.json\"`")
            throw ParseError()
        }
        let format = try parseName("as the export format (json, fhir, ics, markdown, html)")
        var to: Expr? = nil
        if matchWord("to") { to = try parseExpr() }
        return .export(plan: plan, format: format, to: to)
    }

    /// Whether the current word starts one of the field's clauses or flags.
    package func startsClause(of spec: FieldSpec) -> Bool {
        guard check(.identifier) else { return false }
        let s = tokens.start(at: index), e = tokens.end(at: index)
        return spec.clauses.contains { wordEquals(s, e, $0) } || spec.flags.contains { wordEquals(s, e, $0) }
    }

    /// Whether the field's line (or its value) ends here.
    package var atFieldEnd: Bool {
        switch peekKind {
        case .newline, .eof, .semicolon, .rbrace, .lbrace: return true
        default: return false
        }
    }

    /// The word before `word` and the assist level they abbreviate together (`mod` `I`:
    /// modified-independent), when `word` follows a one-word assist value of `spec`.
    func twoWordAssist(_ word: String, _ spec: FieldSpec, _ clauses: [Clause]) -> (Token, String)? {
        guard spec.field == .assist || clauses.last?.word.name == "assist", index > 0 else { return nil }
        let before = tokens[index - 1]
        guard before.kind == .identifier, let level = AssistAbbreviation.level(for: text(before) + " " + word) else { return nil }
        return (before, level)
    }

    /// field = KEYWORD [value] [":" expr] {clause} [block] ; clause = WORD [exprList]
    package mutating func parseField(_ spec: FieldSpec) throws -> Field {
        let kwTok = advance()
        let keyword = Ident(text(kwTok), span(kwTok))
        var value: Expr? = nil
        if spec.takesCode, let code = parseCodeWord() {
            // `diagnosis I69.351 "Hemiplegia ..."`: the code, then the text if given.
            if !atFieldEnd { value = try parseExpr() }
            if !atFieldEnd {
                error(.expectedToken, "expected the end of `\(keyword.name)`, found \(describe(current))", at: span(current),
                      label: "unexpected here", help: "one coded diagnosis per line, for example: \(spec.example)")
                throw ParseError()
            }
            return Field(keyword: keyword, field: spec.field, value: value, clauses: [Clause(word: Ident("code", code.span), value: code)],
                         body: nil)
        }
        if spec.value != .none, !atFieldEnd, !startsClause(of: spec) {
            value = try spec.list ? parseExprList() : parseExpr()
        } else if spec.value == .required {
            error(.expectedToken, "`\(keyword.name)` needs a value, found \(describe(current))", at: span(current),
                  label: "value expected", help: "for example: \(spec.example)")
            throw ParseError()
        }
        var clauses: [Clause] = []
        if spec.labelled {
            let colon = try expect(.colon, "after \(keyword.name)'s subject", help: "for example: \(spec.example)")
            clauses.append(Clause(word: Ident(":", span(colon)), value: try parseExpr()))
        }
        while !atFieldEnd {
            if skipStrayQuote() { continue }
            guard check(.identifier) else {
                error(.expectedToken, "expected the end of `\(keyword.name)`, found \(describe(current))",
                      at: span(current), label: "unexpected here", help: "for example: \(spec.example)")
                throw ParseError()
            }
            let w = text(current)
            if spec.flags.contains(w) {
                clauses.append(Clause(word: Ident(w, span(advance())), value: nil))
            } else if spec.clauses.contains(w) {
                let wt = advance()
                // A clause may take a list too: `on mon, wed, fri`.
                clauses.append(Clause(word: Ident(w, span(wt)), value: try parseExprList()))
            } else if let (abbreviation, level) = twoWordAssist(w, spec, clauses) {
                // `assist from mod I to ...`: an abbreviation in two words, named as one value
                // (as `mod-i` is), not as a stray `I`.
                error(.unknownEnumValue, "`\(text(abbreviation)) \(w)` is not a known assist level",
                      at: Span(fileID: file.id, start: abbreviation.start, end: current.end),
                      label: "unknown assist level", help: "did you mean `\(level)`?")
                throw ParseError()
            } else {
                let all = spec.clauses + spec.flags
                error(.expectedToken, "`\(w)` does not belong in `\(keyword.name)`", at: span(current),
                      label: all.isEmpty ? "unexpected word" : "expected \(all.map { "`\($0)`" }.joined(separator: ", "))",
                      help: Suggestion.didYouMean(w, in: all) ?? "for example: \(spec.example)")
                throw ParseError()
            }
        }
        var body: [Stmt]? = nil
        if check(.lbrace) {
            guard let ctx = spec.body else {
                error(.expectedToken, "`\(keyword.name)` does not take a block", at: span(current),
                      label: "unexpected `{`", help: "for example: \(spec.example)")
                throw ParseError()
            }
            body = try parseBlock(ctx, name: "`\(keyword.name)`")
        }
        return Field(keyword: keyword, field: spec.field, value: value, clauses: clauses, body: body)
    }

    /// code = CAPITAL DIGIT {adjacent letter, digit or "."}   (`I69.351`, `Z47.1`, `S66.120D`)
    ///
    /// A classification code written bare. The lexer reads `I69.351` as a name, a `.` and a
    /// number; written without spaces those tokens are one code, taken from the text as is.
    /// Its format is checked by the interpreter (CP0600), which knows the code system.
    package mutating func parseCodeWord() -> Expr? {
        guard check(.identifier) else { return nil }
        let s = tokens.start(at: index), e = tokens.end(at: index)
        guard e - s >= 2, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(file.bytes[s]),
              (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(file.bytes[s + 1]) else { return nil }
        var end = e
        advance()
        while tokens.start(at: index) == end, [.dot, .number, .identifier].contains(peekKind) {
            end = tokens.end(at: index)
            advance()
        }
        let sp = Span(fileID: file.id, start: s, end: end)
        return .text(file.text(s..<end), sp)
    }

    /// exprList = expr {"," expr}   (a single expression stays itself)
    package mutating func parseExprList() throws -> Expr {
        let first = try parseExpr()
        guard check(.comma) else { return first }
        var items = [first]
        while match(.comma) { items.append(try parseExpr()) }
        return .list(items, first.span.to(items.last!.span))
    }

    // MARK: - Expressions

    /// expr = or
    public mutating func parseExpr() throws -> Expr {
        // Most values are one literal or name followed by the end of the line, a comma or a
        // bracket, where no operator can follow: parse it as the primary it is, instead of
        // descending through the eight precedence levels that would each find no operator.
        // (Keywords such as `not` take the long way, for its messages.)
        switch peekKind {
        case .string, .number, .date, .identifier:
            switch tokens.kind(at: index + 1) {
            case .newline, .eof, .comma, .semicolon, .colon, .rbrace, .rparen, .rbracket, .lbrace:
                if peekKind == .identifier && StatementKeyword.isReservedName(text(current)) { break }
                return try parsePrimary()
            default: break
            }
        default: break
        }
        return try parseOr()
    }

    /// or = and {"or" and}
    package mutating func parseOr() throws -> Expr {
        var left = try parseAnd()
        let saved = depth
        defer { depth = saved }
        while checkWord("or") {
            try enterChain(advance())
            let right = try parseAnd()
            left = .binary(.or, left, right, left.span.to(right.span))
        }
        return left
    }

    /// and = not {"and" not}
    package mutating func parseAnd() throws -> Expr {
        var left = try parseNot()
        let saved = depth
        defer { depth = saved }
        while checkWord("and") {
            try enterChain(advance())
            let right = try parseNot()
            left = .binary(.and, left, right, left.span.to(right.span))
        }
        return left
    }

    /// not = "not" not | comparison
    package mutating func parseNot() throws -> Expr {
        if checkWord("not") {
            let t = advance()
            guard enterNesting(t) else { throw ParseError() }
            defer { depth -= 1 }
            let inner = try parseNot()
            return .not(inner, span(t).to(inner.span))
        }
        return try parseComparison()
    }

    /// comparison = sum [("==" | "!=" | "<" | "<=" | ">" | ">=") sum]
    package mutating func parseComparison() throws -> Expr {
        let left = try parseSum()
        let op: BinaryOp?
        switch peekKind {
        case .equalEqual: op = .equal
        case .bangEqual: op = .notEqual
        case .less: op = .less
        case .lessEqual: op = .lessEqual
        case .greater: op = .greater
        case .greaterEqual: op = .greaterEqual
        default: op = nil
        }
        guard let op else { return left }
        advance()
        let right = try parseSum()
        return .binary(op, left, right, left.span.to(right.span))
    }

    /// sum = product {("+" | "-") product}
    package mutating func parseSum() throws -> Expr {
        var left = try parseProduct()
        let saved = depth
        defer { depth = saved }
        while check(.plus) || check(.minus) {
            let t = advance()
            try enterChain(t)
            let op: BinaryOp = t.kind == .plus ? .plus : .minus
            let right = try parseProduct()
            left = .binary(op, left, right, left.span.to(right.span))
        }
        return left
    }

    /// product = unary {("*" | "/") unary}
    package mutating func parseProduct() throws -> Expr {
        var left = try parseUnary()
        let saved = depth
        defer { depth = saved }
        while check(.star) || check(.slash) {
            let t = advance()
            try enterChain(t)
            let op: BinaryOp = t.kind == .star ? .times : .divide
            let right = try parseUnary()
            left = .binary(op, left, right, left.span.to(right.span))
        }
        return left
    }

    /// unary = ("-" | "+") unary | postfix
    package mutating func parseUnary() throws -> Expr {
        if check(.minus) || check(.plus) {
            let t = advance()
            guard enterNesting(t) else { throw ParseError() }
            defer { depth -= 1 }
            let inner = try parseUnary()
            return t.kind == .minus ? .negate(inner, span(t).to(inner.span)) : inner
        }
        return try parsePostfix()
    }

    /// postfix = primary {"." NAME}
    package mutating func parsePostfix() throws -> Expr {
        var e = try parsePrimary()
        let saved = depth
        defer { depth = saved }
        while check(.dot) {
            try enterChain(advance())
            let t = try expect(.identifier, "after `.` (a member such as `due` or `start`)")
            e = .member(e, Ident(text(t), span(t)), e.span.to(span(t)))
        }
        return e
    }

    /// primary = NUMBER [UNIT] | DATE | STRING | "true" | "false" | NAME | "(" expr ")" | "[" [expr {"," expr}] "]"
    package mutating func parsePrimary() throws -> Expr {
        let t = current
        switch t.kind {
        case .number:
            advance()
            let literal = text(t)
            let n = Double(literal) ?? 0
            if let unit = currentUnitWord() {
                let u = advance()
                return .duration(.number(n, span(t)), unit, span(t).to(span(u)))
            }
            try rejectMisspeltUnit()
            return .number(n, span(t))
        case .date:
            advance()
            let literal = text(t)
            let date = CalendarDate(iso: literal)
            if date == nil, literal.utf8.count == 10 {
                let parts = literal.split(separator: "-").compactMap { Int($0) }
                var help = "write dates as YYYY-MM-DD with a real month and day"
                if parts.count == 3, parts[1] >= 1, parts[1] <= 12 {
                    let days = CalendarDate.daysIn(month: parts[1], year: parts[0])
                    help = "\(Parser.monthNames[parts[1] - 1]) \(parts[0]) has \(days) days"
                }
                error(.invalidDate, "`\(literal)` is not a calendar date", at: span(t), label: "no such date", help: help)
            }
            if let unit = currentUnitWord() {
                error(.expectedToken, "a date cannot be followed by `\(unit.plural)`", at: span(current),
                      label: "unexpected unit", help: "to shift a date write `\(literal) + 2 \(unit.plural)`")
                throw ParseError()
            }
            return .date(date, span(t))
        case .string:
            advance()
            return try parseStringParts(t)
        case .identifier:
            let word = text(t)
            if word == "true" || word == "false" { advance(); return .bool(word == "true", span(t)) }
            if StatementKeyword.isReservedName(word) {
                error(.expectedToken, "expected a value, found the keyword `\(word)`", at: span(t),
                      label: "a keyword cannot stand here", help: "a value is a string, number, date, list or name")
                throw ParseError()
            }
            advance()
            // `n weeks`, with `n` a name: a duration, unless the name is itself a unit word
            // (`per week` stays a plain name).
            if let unit = currentUnitWord(), DurationUnit(word: word) == nil {
                let u = advance()
                return .duration(.name(word, span(t)), unit, span(t).to(span(u)))
            }
            return .name(word, span(t))
        case .lparen:
            advance()
            guard enterNesting(t) else { throw ParseError() }
            defer { depth -= 1 }
            let inner = try parseExpr()
            _ = try expect(.rparen, "to close `(`")
            if let unit = currentUnitWord() {
                let u = advance()
                return .duration(inner, unit, span(t).to(span(u)))
            }
            try rejectMisspeltUnit()
            return inner
        case .lbracket:
            advance()
            guard enterNesting(t) else { throw ParseError() }
            defer { depth -= 1 }
            var items: [Expr] = []
            while !check(.rbracket) {
                items.append(try parseExpr())
                if !match(.comma) { break }
            }
            let close = try expect(.rbracket, "to close the list")
            return .list(items, span(t).to(span(close)))
        default:
            error(.expectedToken, "expected a value, found \(describe(t))", at: span(t), label: "value expected",
                  help: "a value is a string (\"...\"), a number, a date (2026-11-02), a list ([a, b]) or a name")
            throw ParseError()
        }
    }

    /// A word one slip from a unit right after a number or `( )` (`2 weks`): reported as the
    /// unit it nearly is, with did-you-mean, rather than as a stray word ("expected the end of
    /// the statement", "does not belong in `checkin`"). One edit at most, and only unit words
    /// are compared: no clause word that may follow a number (`per`, `performance`) is that close.
    package mutating func rejectMisspeltUnit() throws {
        guard check(.identifier) else { return }
        let word = text(current)
        guard word.count >= 3 else { return }
        let lower = word.lowercased()
        let units = DurationUnit.allCases.flatMap { [$0.rawValue, $0.plural] }
        guard let near = units.first(where: { Suggestion.distance(lower, $0, limit: 1) <= 1 }) else { return }
        error(.unknownEnumValue, "`\(word)` is not a unit of time", at: span(current), label: "unknown unit",
              help: "did you mean `\(near)`? units: \(DurationUnit.allCases.map(\.plural).joined(separator: ", "))")
        throw ParseError()
    }

    /// The duration unit the current token names (`week`, `months`...), if it is one; read
    /// from the bytes, as this is asked after every number and name.
    package func currentUnitWord() -> DurationUnit? {
        guard check(.identifier) else { return nil }
        let s = tokens.start(at: index), e = tokens.end(at: index)
        let unit: DurationUnit
        switch file.bytes[s] {
        case 0x64: unit = .day     // d
        case 0x77: unit = .week    // w
        case 0x6D: unit = .month   // m
        case 0x79: unit = .year    // y
        case 0x76: unit = .visit   // v
        default: return nil
        }
        return wordEquals(s, e, unit.rawValue) || wordEquals(s, e, unit.plural) ? unit : nil
    }

    /// The text of a plain string token (between its quotes).
    package func plainText(_ t: Token) -> String {
        String(decoding: file.bytes[(t.start + 1)..<(t.end - 1)], as: UTF8.self)
    }

    /// Splits a string token into text and `${expr}` segments, parsing each expression.
    package mutating func parseStringParts(_ t: Token) throws -> Expr {
        if t.isPlainString { return .text(plainText(t), span(t)) }
        var segments: [StringSegment] = []
        for part in t.parts {
            switch part {
            case .text(let s): segments.append(.text(s))
            case .interpolation(let s, let e):
                var lexer = Lexer(file: file, range: s..<e)
                var sub = Parser(file: file, tokens: lexer.tokenize())
                sub.depth = depth + 1
                sub.lexerErrorStarts = lexer.diagnostics.compactMap { $0.primarySpan?.start }
                diagnostics += lexer.diagnostics
                if sub.check(.eof) {
                    error(.expectedToken, "empty `${}` in a string", at: Span(file: file, start: s - 2, end: e + 1),
                          label: "nothing to insert", help: "write a name inside: \"${name}\"")
                    segments.append(.expr(.error(Span(file: file, start: s, end: e))))
                    continue
                }
                do {
                    let expr = try sub.parseExpr()
                    if !sub.check(.eof) {
                        sub.error(.expectedToken, "unexpected \(sub.describe(sub.current)) in `${...}`",
                                  at: sub.span(sub.current), label: "expected `}`", help: "one expression per `${...}`")
                    }
                    segments.append(.expr(expr))
                } catch {
                    segments.append(.expr(.error(Span(file: file, start: s, end: e))))
                }
                diagnostics += sub.diagnostics
            }
        }
        return .string(segments, span(t))
    }

    package static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                             "August", "September", "October", "November", "December"]
}

extension Parser {
    /// True when `text` is a whole statement (`LineContinuation.isComplete`): every `{`, `(`
    /// and `[` is closed and the text does not end where a line continues (`,` `=`). The REPL
    /// keeps reading on a `...>` prompt otherwise.
    public static func isComplete(_ text: String) -> Bool {
        var lexer = Lexer(file: SourceFile(name: "<input>", text: text))
        return LineContinuation.isComplete(lexer.tokenize())
    }
}
