import Foundation
import CarePlanBasics
import CarePlanSyntax
import CarePlanModel

/// Raised while evaluating one statement; caught at the statement, so the rest still runs.
package struct EvalError: Error {
    package var diagnostic: Diagnostic
    /// Already reported (by the lexer or parser): stop the statement without a second message.
    package var silent = false

    package static func alreadyReported(_ span: Span) -> EvalError {
        EvalError(diagnostic: Diagnostic(.expectedToken, "", at: span), silent: true)
    }
}

/// Runs statements against a `ScriptState`. Scripts, imports, templates and the REPL all go
/// through `execute`, so they behave the same.
public final class Interpreter {
    /// `check` evaluates everything but writes and prints nothing; `run` performs actions.
    public enum Mode: Sendable { case check, run }

    /// When pending effects (prints, written files) are performed.
    public enum Commit: Sendable {
        /// After each top-level statement that ran without errors (scripts); a statement with
        /// errors has its effects dropped.
        case eachStatement
        /// Never by the interpreter: the caller calls `commitEffects()` once it has accepted the
        /// whole source, or `discardEffects()` (the REPL, which also validates before accepting).
        case byCaller
    }

    public struct Options: Sendable {
        public var mode: Mode
        /// Exports are written below this folder (default: the script's folder).
        public var outputDirectory: String?
        /// Lets `export ... to` leave the output folder.
        public var allowOutside: Bool
        /// When effects happen; see `Effect`.
        public var commit: Commit
        /// Which existing files `export` may replace.
        public var replaces: Replaces
        public init(mode: Mode = .run, outputDirectory: String? = nil, allowOutside: Bool = false,
                    commit: Commit = .eachStatement, replaces: Replaces = .any) {
            self.mode = mode
            self.outputDirectory = outputDirectory
            self.allowOutside = allowOutside
            self.commit = commit
            self.replaces = replaces
        }
    }

    /// Which existing files an `export` statement may write over.
    public enum Replaces: Sendable {
        /// Any (scripts: running a script again regenerates its exports).
        case any
        /// Only these (absolute, normalised) paths: the REPL's, where a typed `export` must not
        /// replace a file the session did not write itself (a therapist lost a file that way).
        case only(Set<String>)
    }

    /// Where a statement's fields go.
    package enum Target {
        case script
        case plan(Int)
        case goal(Int, Int)
        case intervention(Int, Int)
        case client(Int)
        case assess(Int)
        case checkin(Int, Int)
        case progress(Int, Int)
        case visit(Int, Int)
    }

    public var state: ScriptState
    public let host: ScriptHost
    public var options: Options
    public private(set) var diagnostics: [Diagnostic] = []
    /// Paths written by `export` in this run, for the "wrote ..." summary.
    public private(set) var written: [String] = []
    /// Effects of the statements run so far that are not yet performed (see `Effect`).
    public private(set) var pendingEffects: [Effect] = []

    package var scopes: [[String: Value]] = []
    /// Some diagnostic was reported more than once since the counts were last applied.
    private var repeatsCounted = false
    /// What `report` added, by hash, to spot repeats (with how often each was met).
    private var reportedByHash: [Int: [Diagnostic]] = [:]
    /// Unknown names (and plans) already reported, by place; see `firstReport`.
    private var unknownReported = Set<String>()
    /// Ctrl-C stopped this run (see the end of `execute`).
    package var interruptedRun = false
    /// Names whose `let` failed (and was reported): a use of one stops its statement quietly
    /// instead of a second report ("unknown name", "used before the plan has a start date").
    package var failedLets = Set<String>()
    package var templateChain: [(name: String, span: Span)] = []
    package var importStack: [String] = []
    /// Imported paths that could not be read in this run (one top-level `execute`: a REPL
    /// entry looks again). An import of a missing file inside a loop asked the file system
    /// again on every pass (found by fuzzing: 100,000 failed opens, a fifth of a 2 s input).
    /// Forgotten whenever the script writes a file.
    private var unreadableImports = Set<String>()
    package var loopIterations = 0
    package var steps = 0
    /// While a file's leading imports run from a fresh state with a `LibraryCache`: what they
    /// did so far, to reuse or record their outcome (see `LibraryCache`). nil otherwise.
    private var prelude: PreludeRun?

    package struct PreludeRun {
        package var paths: [String] = []
        package var read: [LibraryCache.Parsed] = []
        package var named = Set<String>()
    }
    /// Set when a run limit is hit: every later statement is skipped, so the limit is
    /// reported once and the run ends promptly.
    package var halted = false

    public init(state: ScriptState = ScriptState(), host: ScriptHost, options: Options = Options()) {
        self.state = state
        self.host = host
        self.options = options
    }

    /// Parses and runs one source (a file or a REPL entry). Returns the diagnostics it produced.
    @discardableResult
    public func execute(_ file: SourceFile) -> [Diagnostic] {
        let before = diagnostics.count
        if importStack.isEmpty {
            steps = 0; loopIterations = 0; halted = false; unreadableImports.removeAll(); failedLets.removeAll()
            interruptedRun = false
        }
        prelude = nil
        if importStack.isEmpty, host.libraries != nil, options.mode == .check, isFresh { prelude = PreludeRun() }
        if state.sources.last !== file { state.sources.append(file) }
        let key = Paths.normalize(file.name)
        if !importStack.contains(key) { importStack.append(key) }
        defer { if importStack.last == key { importStack.removeLast() } }
        if file.bytes.count > Limits.maxSourceBytes {
            diagnostics += Parser.parse(file).diagnostics  // only the size limit's report
            return Array(diagnostics[before...])
        }
        // Not text at all (a binary file, another encoding, NUL bytes): one diagnostic, and
        // nothing is lexed or run (see `TextCheck`).
        if let notText = TextCheck.diagnostic(for: file) {
            diagnostics.append(notText)
            return Array(diagnostics[before...])
        }
        // Each top-level statement runs as soon as it is parsed, and its syntax tree and tokens
        // are freed before the next is parsed: a large file is never held in memory as a
        // whole tree (a 10,000-plan file took 18x its size). The order of the diagnostics is
        // as before: the file's lexer and parser diagnostics, then what running it reported.
        var parser = Parser(lexing: file)
        let commitsEach = options.commit == .eachStatement && importStack.count == 1
        // How many of the lexer's and the parser's diagnostics were already weighed for a
        // statement (both lists only grow, in source order).
        var lexerSeen = 0, parserSeen = 0
        while let s = parser.nextScriptStatement() {
            if prelude != nil, importStack.count == 1 {
                if case .importFile = s.kind {} else { prelude = nil }
            }
            let ranBefore = diagnostics.count
            exec(s, .script)
            guard commitsEach, !pendingEffects.isEmpty || lexerSeen < parser.tokens.lexerDiagnostics.count
                    || parserSeen < parser.diagnostics.count else { continue }
            // A statement is accepted when neither running it nor reading it (an unclosed string
            // in `print "abc`) gave an error. Lexing runs a token ahead, so only the syntax
            // errors that start before the statement ends are its own.
            var failed = diagnostics[ranBefore...].contains { $0.severity == .error }
            func weigh(_ list: [Diagnostic], from seen: inout Int) {
                while seen < list.count, (list[seen].primarySpan.map { $0.fileID != file.id || $0.start < s.span.end } ?? true) {
                    if list[seen].severity == .error { failed = true }
                    seen += 1
                }
            }
            weigh(parser.tokens.lexerDiagnostics, from: &lexerSeen)
            weigh(parser.diagnostics, from: &parserSeen)
            if failed { discardEffects() } else { diagnostics += commitEffects() }
        }
        // Ctrl-C stopped the reading itself (see `TokenStream`): say so once, here.
        if parser.tokens.interrupted, !halted, host.takeInterrupt() {
            halted = true
            interruptedRun = true
            let at = parser.current.start
            report(Diagnostic(.interrupted, "interrupted (Ctrl-C) while reading \(file.name)",
                              at: Span(file: file, start: at, end: at), label: "stopped reading here",
                              help: "nothing of the file was kept; the session is unchanged"))
        }
        if commitsEach { discardEffects() }
        // Stopped by Ctrl-C: the statement is not accepted, so the report is the interruption
        // alone, with a count of what was found before it. Sorting and showing a large bad
        // file's 100,000 problems took half a second after the key was pressed.
        if interruptedRun, importStack.count <= 1, let stop = diagnostics[before...].last(where: { $0.code == .interrupted }) {
            let found = diagnostics.count - before - 1 + parser.tokens.lexerDiagnostics.count + parser.diagnostics.count
            var d = stop
            if found > 0 {
                d.notes.append("\(found) problem\(found == 1 ? " was" : "s were") found in the part run before the stop; run it again to see them")
            }
            diagnostics.removeSubrange(before...)
            diagnostics.append(d)
            interruptedRun = false
            return [d]
        }
        diagnostics.insert(contentsOf: parser.tokens.lexerDiagnostics + parser.diagnostics, at: before)
        if importStack.count <= 1 { applyRepeatCounts(from: before) }
        return Array(diagnostics[before...])
    }

    /// The parts of a run's state that running a statement can leave behind: one list for
    /// both questions asked of them, whether nothing has run yet (`isFresh`: where a prelude
    /// may start) and whether a file's leading imports left only what `LibraryCache` keeps of
    /// them (`preludeIsClean`). `InterpreterStateTests` fails when a stored property of
    /// `Interpreter` or `ScriptState` is in neither this list nor `notRunState`.
    package enum RunPart: String, CaseIterable, Sendable {
        case diagnostics, written, pendingEffects, scopes, reportedByHash, unknownReported, interruptedRun, failedLets
        case templateChain, unreadableImports, halted
        case plans, focus, globals, templates, importedFiles, sources

        /// Made by leading imports and kept with the prelude by `LibraryCache`, so a prelude
        /// may leave it.
        package var madeByPrelude: Bool {
            switch self {
            case .templates, .importedFiles, .sources: return true
            default: return false
            }
        }

        /// The stored property that holds it (`state.` for `ScriptState`'s).
        package var property: String {
            switch self {
            case .plans, .focus, .globals, .templates, .importedFiles, .sources: return "state." + rawValue
            default: return rawValue
            }
        }
    }

    /// Stored properties that are not run state: what the interpreter was given, the counters
    /// and import stack a top-level run resets, the prelude being recorded, and indexes kept
    /// with the parts above.
    package static let notRunState: Set<String> = [
        "state", "host", "options", "repeatsCounted", "importStack", "loopIterations", "steps", "prelude",
        "state.revisions", "state.planIndex", "state.focusIndex",
    ]

    private func isUntouched(_ part: RunPart) -> Bool {
        switch part {
        case .diagnostics: return diagnostics.isEmpty
        case .written: return written.isEmpty
        case .pendingEffects: return pendingEffects.isEmpty
        case .scopes: return scopes.isEmpty
        case .reportedByHash: return reportedByHash.isEmpty
        case .unknownReported: return unknownReported.isEmpty
        case .interruptedRun: return !interruptedRun
        case .failedLets: return failedLets.isEmpty
        case .templateChain: return templateChain.isEmpty
        case .unreadableImports: return unreadableImports.isEmpty
        case .halted: return !halted
        case .plans: return state.plans.isEmpty
        case .focus: return state.focus == nil
        case .globals: return state.globals.isEmpty
        case .templates: return state.templates.isEmpty
        case .importedFiles: return state.importedFiles.isEmpty
        case .sources: return state.sources.isEmpty
        }
    }

    /// Nothing has run yet: what a prelude starts from.
    private var isFresh: Bool { RunPart.allCases.allSatisfy(isUntouched) }

    /// Runs already-parsed statements at the top level. Their effects stay pending.
    public func run(_ stmts: [Stmt]) -> [Diagnostic] {
        let before = diagnostics.count
        exec(stmts, .script)
        applyRepeatCounts(from: before)
        return Array(diagnostics[before...])
    }

    /// Performs the pending effects: every write first, in order, then, only if all of them
    /// succeeded, the printed lines (so "wrote ..." is never printed for a file that was not
    /// written). Returns the diagnostics of a failed write; the effects after it are dropped.
    /// A write that succeeded before a failed one in the same batch stays on disk.
    @discardableResult
    public func commitEffects() -> [Diagnostic] {
        let effects = pendingEffects
        pendingEffects = []
        for case .write(let path, let contents, let span) in effects {
            do {
                try host.writeFile(path, contents)
                unreadableImports.removeAll()
                written.append(path)
            } catch {
                return [Diagnostic(.exportFailed, "could not write `\(path)`: \(error.localizedDescription)", at: span,
                                   label: "export failed", help: "check that the folder exists and is writable")]
            }
        }
        for case .print(let line) in effects { host.print(line) }
        return []
    }

    /// Drops the pending effects of a statement that was not accepted.
    public func discardEffects() { pendingEffects.removeAll() }

    /// Reports a problem once: a statement in a loop body that fails the same way on every
    /// iteration gives one diagnostic, not one per iteration. (Found by fuzzing: nested loops
    /// over a broken body made 630,000 identical diagnostics, 250 MB and seconds of work from
    /// a 3 KB file.)
    package func report(_ d: Diagnostic) {
        var hasher = Hasher()
        hasher.combine(d.code)
        hasher.combine(d.message)
        hasher.combine(d.notes)
        hasher.combine(d.primarySpan)
        let hash = hasher.finalize()
        if let earlier = reportedByHash[hash], let k = earlier.firstIndex(of: d) {
            reportedByHash[hash]![k].occurrences += 1
            repeatsCounted = true
            return
        }
        reportedByHash[hash, default: []].append(d)
        diagnostics.append(d)
    }

    /// Writes the repeat counts kept by `report` into the diagnostics (once per top-level run:
    /// the list is reordered while a file runs, so positions are not kept).
    private func applyRepeatCounts(from start: Int) {
        guard repeatsCounted else { return }
        repeatsCounted = false
        for i in start..<diagnostics.count {
            let d = diagnostics[i]
            var hasher = Hasher()
            hasher.combine(d.code)
            hasher.combine(d.message)
            hasher.combine(d.notes)
            hasher.combine(d.primarySpan)
            if let same = reportedByHash[hasher.finalize()]?.first(where: { $0 == d }) {
                diagnostics[i].occurrences = same.occurrences
            }
        }
    }

    /// True the first time an unknown `name` is met at `span` (through the same template uses)
    /// in this run; `name` also carries whatever else the message says (the plan in focus).
    /// Such errors carry a "did you mean" computed over every name in scope, so a loop that
    /// adds goals while failing on the same unknown name grew quadratically (found by fuzzing:
    /// 10,000 iterations took 44 s, the loop limit would take over an hour). The same slip at
    /// the same place is reported once, like any repeated diagnostic (`report`).
    package func firstReport(_ code: DiagnosticCode, _ name: String, _ span: Span) -> Bool {
        var key = "\(code.rawValue)|\(name)|\(span.fileID)|\(span.start)|\(span.end)"
        for (_, use) in templateChain { key += "|\(use.fileID):\(use.start)" }
        return unknownReported.insert(key).inserted
    }

    package func fail(_ code: DiagnosticCode, _ message: String, _ span: Span, label: String = "",
              help: String? = nil, notes: [String] = []) -> EvalError {
        EvalError(diagnostic: Diagnostic(code, message, at: span, label: label, notes: notes, help: help))
    }

    // MARK: - Statements

    package func exec(_ stmts: [Stmt], _ target: Target) {
        for s in stmts { exec(s, target) }
    }

    package func exec(_ s: Stmt, _ target: Target) {
        if halted { return }
        if host.takeInterrupt() {
            halted = true
            interruptedRun = true
            report(Diagnostic(.interrupted, "interrupted (Ctrl-C)", at: s.span, label: "stopped here",
                              help: "the statement was not completed; the session is unchanged"))
            return
        }
        steps += 1
        if steps >= Limits.maxSteps {
            halted = true
            report(Diagnostic(.loopTooLong, "the script ran more than \(Limits.maxSteps) statements; stopping",
                              at: s.span, label: "stopped here", help: "look for loops over very long lists"))
            return
        }
        do {
            switch s.kind {
            case .invalid(let attempting):
                if let kw = attempting { markAttempted(kw, target) }
            case .letBinding(let name, let expr):
                let v: Value
                do { v = try eval(expr) } catch {
                    // Its uses are not reported again: the mistake is in the `let` (see `failedLets`).
                    failedLets.insert(name.name)
                    throw error
                }
                if !failedLets.isEmpty { failedLets.remove(name.name) }
                if scopes.isEmpty { state.globals[name.name] = v } else { scopes[scopes.count - 1][name.name] = v }
            case .element(let kind, let idExpr, let title, let body):
                try execElement(kind, idExpr, title, body, target, s.span)
            case .template(let name, let params, let body):
                var seen = Set<String>()
                for p in params where !seen.insert(p.name.name).inserted {
                    throw fail(.templateArguments, "parameter `\(p.name.name)` is declared twice", p.name.span,
                               label: "second declaration", help: "give each parameter its own name")
                }
                if let existing = state.templates[name.name], existing.name.span != name.span {
                    // Redefining in the REPL is normal; in one file it is a mistake.
                    if existing.name.span.sameFile(name.span) {
                        throw EvalError(diagnostic: Diagnostic(.duplicateID, "template `\(name.name)` is declared twice",
                            labels: [Label(name.span, "declared again here"), Label(existing.name.span, "first declared here", primary: false)],
                            help: "rename one of them"))
                    }
                }
                state.templates[name.name] = TemplateDecl(name: name, params: params, body: body)
            case .use(let name, let args):
                try execUse(name, args, target, s.span)
            case .importFile(let path, let span):
                try execImport(path, span)
            case .ifElse(let cond, let then, let otherwise):
                let v = try eval(cond)
                guard case .bool(let b) = v else {
                    throw fail(.typeMismatch, "`if` needs true or false, found \(v.kindName)", cond.span,
                               label: "not a condition", help: "compare values: `if room == \"bathroom\" { ... }`")
                }
                scopes.append([:])
                defer { scopes.removeLast() }
                if b { exec(then, target) } else if let otherwise { exec(otherwise, target) }
            case .forLoop(let name, let seqExpr, let body):
                let seq = try eval(seqExpr)
                guard case .list(let items) = seq else {
                    throw fail(.typeMismatch, "`for` needs a list, found \(seq.kindName)", seqExpr.span,
                               label: "not a list", help: "write a list in brackets: `for room in [\"kitchen\", \"bathroom\"]`")
                }
                for item in items {
                    if halted { break }
                    loopIterations += 1
                    if loopIterations > Limits.maxLoopIterations {
                        halted = true
                        throw fail(.loopTooLong, "loops ran more than \(Limits.maxLoopIterations) times in total",
                                   seqExpr.span, label: "this loop", help: "split the work into several scripts")
                    }
                    scopes.append([name.name: item])
                    exec(body, target)
                    scopes.removeLast()
                }
            case .check(let expr):
                try execCheck(expr, s.span)
            case .print(let expr):
                let v = try eval(expr)
                // `print mels` is a typo far more often than a wish to print the word.
                if case .symbol(let word) = v { throw unknownName(word, expr.span) }
                if options.mode == .run { pendingEffects.append(.print(v.display)) }
            case .export(let planExpr, let format, let to):
                try execExport(planExpr, format, to, s.span)
            case .field(let f):
                try applyField(f, target)
            }
        } catch let e as EvalError {
            if e.silent { return }
            var d = e.diagnostic
            if let (name, span) = templateChain.last {
                let (l, c) = span.file.location(of: span.start)
                d.notes.append("while using template `\(name)` at \(span.file.name):\(l):\(c)")
            }
            report(d)
        } catch {
            report(Diagnostic(.invalidOperation, "\(error)", at: s.span))
        }
    }

    /// The plan that a field or element at `target` belongs to.
    package func planIndex(for target: Target, _ span: Span, what: @autoclosure () -> String) throws -> Int {
        switch target {
        case .plan(let p): return p
        case .script:
            guard let p = state.focusIndex else {
                throw fail(.noPlanInFocus, "\(what()) outside any plan", span, label: "no plan is in focus",
                           help: "declare a plan first: `plan kitchen \"Back to cooking\" { discipline OT }`")
            }
            return p
        default:
            throw fail(.misplacedStatement, "\(what()) cannot be declared here", span, label: "not allowed here",
                       help: "declare it inside a plan")
        }
    }

    package func execElement(_ kind: ElementKind, _ idExpr: Expr, _ titleExpr: Expr?, _ body: [Stmt]?,
                     _ target: Target, _ span: Span) throws {
        let id = try elementID(idExpr, kind)
        let title: Located<String>
        if let titleExpr {
            title = try string(titleExpr, "the \(kind.rawValue)'s title")
        } else {
            if kind != .plan || body != nil {
                report(Diagnostic(.missingField, "\(kind.rawValue) `\(id.value)` has no title", at: id.span,
                                  label: "title expected after the id",
                                  help: "write `\(kind.rawValue) \(id.value) \"A short title in everyday words\" { ... }`"))
            }
            title = Located("", id.span)
        }
        switch kind {
        case .plan:
            guard case .script = target else {
                throw fail(.misplacedStatement, "plans cannot be nested", span, label: "plan inside another block",
                           help: "declare each plan at the top level")
            }
            if let existing = state.planIndex(of: id.value) {
                if body == nil && titleExpr == nil {
                    state.focus = id.value // `plan kitchen` alone brings a plan back into focus
                    return
                }
                throw EvalError(diagnostic: Diagnostic(.duplicateID, "plan `\(id.value)` is declared twice",
                    labels: [Label(id.span, "declared again here"), Label(state.plans[existing].id.span, "first declared here", primary: false)],
                    help: "give the second plan another id, or write `plan \(id.value)` alone to go back to it"))
            }
            if body == nil && titleExpr == nil {
                guard firstReport(.unknownPlan, id.value, id.span) else { throw EvalError.alreadyReported(id.span) }
                throw fail(.unknownPlan, "no plan named `\(id.value)`", id.span, label: "unknown plan",
                           help: Suggestion.didYouMean(id.value, in: state.plans.map(\.id.value))
                               ?? "declare it: `plan \(id.value) \"Title\" { ... }`")
            }
            let p = state.addPlan(Plan(id: id, title: title, span: span))
            state.focus = id.value
            scopes.append([:])
            defer { scopes.removeLast() }
            exec(body ?? [], .plan(p))
            state.withPlan(p) { $0.trimCapacity() }
        case .goal, .intervention:
            let p = try planIndex(for: target, span, what: "\(kind == .goal ? "goal" : "intervention") `\(id.value)`")
            // Look up what is needed without keeping a copy of the plan alive: with a copy held,
            // adding the element below copied all the plan's goals and their index each time
            // (quadratic: a loop adding 10,000 goals took 10 s; found by fuzzing).
            let existing = state.elementSpan(inPlan: p, id.value)
            if let existing {
                report(Diagnostic(.duplicateID, "`\(id.value)` is already used in plan `\(state.plans[p].id.value)`",
                    labels: [Label(id.span, "declared again here"), Label(existing, "first declared here", primary: false)],
                    help: "goals and interventions in one plan need different ids; rename this one"))
            }
            scopes.append([:])
            defer { scopes.removeLast() }
            if kind == .goal {
                state.withPlan(p) { $0.add(Goal(id: id, title: title, span: span)) }
                let g = state.plans[p].goals.count - 1
                exec(body ?? [], .goal(p, g))
                if existing != nil { state.withPlan(p) { $0.removeLastGoal() } }
            } else {
                state.withPlan(p) { $0.add(Intervention(id: id, title: title, span: span)) }
                let i = state.plans[p].interventions.count - 1
                exec(body ?? [], .intervention(p, i))
                if existing != nil { state.withPlan(p) { $0.removeLastIntervention() } }
            }
        }
    }

    /// An element id: a bare word, or a string that reads as one after interpolation.
    package func elementID(_ expr: Expr, _ kind: ElementKind) throws -> Located<String> {
        if case .name(let n, let span) = expr { return Located(n, span) }
        let s = try string(expr, "the \(kind.rawValue)'s id")
        // The lexer's rule, so every id can also be written as a bare name.
        guard Lexer.isIdentifier(s.value) else {
            throw fail(.invalidID, "`\(s.value)` is not a valid id", s.span, label: "ids are words like `grab-rail`",
                       help: "start with a letter; use letters, digits and `_`, and `-` only before a letter")
        }
        return s
    }

    /// The import path as written, with its file name replaced by the closest `.careplan`
    /// file in that folder (`templates/home-safty.careplan` -> `templates/home-safety.careplan`).
    package func nearbyFile(_ written: String, _ resolved: String) -> String? {
        let folder = Paths.directory(of: resolved)
        guard let entries = host.listDirectory(folder.isEmpty ? "." : folder) else { return nil }
        let name = Paths.fileName(of: resolved)
        let candidates = entries.filter { $0.hasSuffix(".careplan") }.sorted()
        guard let best = Suggestion.closest(to: name, in: candidates), best != name else { return nil }
        let writtenFolder = Paths.directory(of: written)
        return writtenFolder.isEmpty ? best : writtenFolder + "/" + best
    }

    /// After a `use` that failed because an import failed: goals named in its arguments
    /// count as served (the template would probably have served them).
    package func markServedByFailedUse(_ args: [TemplateArgument], _ target: Target) {
        guard let p = try? planIndex(for: target, args.first?.name.span ?? Span(file: SourceFile.unknown, start: 0, end: 0), what: "") else { return }
        for a in args {
            guard case .name(let n, _) = a.value, let g = state.goalIndex(inPlan: p, n) else { continue }
            state.withPlan(p) { _ = $0.goals[g].attempted.insert(.serves) }
        }
    }

    package func execUse(_ name: Ident, _ args: [TemplateArgument], _ target: Target, _ span: Span) throws {
        guard let t = state.templates[name.name] else {
            // An import that could not be read (reported) may have held it: no second report,
            // and the goals it would have served are not reported as unserved.
            if !unreadableImports.isEmpty {
                markServedByFailedUse(args, target)
                throw EvalError.alreadyReported(name.span)
            }
            throw fail(.unknownTemplate, "no template named `\(name.name)`", name.span, label: "unknown template",
                       help: Suggestion.didYouMean(name.name, in: Array(state.templates.keys).sorted())
                           ?? "declare it with `template \(name.name)(...) { ... }` or import the file that has it")
        }
        if templateChain.count >= Limits.maxTemplateDepth || templateChain.contains(where: { $0.name == name.name }) {
            let chain = (templateChain.map(\.name) + [name.name]).joined(separator: " -> ")
            throw fail(.templateTooDeep, templateChain.contains(where: { $0.name == name.name })
                           ? "template `\(name.name)` uses itself: \(chain)"
                           : "templates nested more than \(Limits.maxTemplateDepth) deep: \(chain)",
                       name.span, label: "used again here", help: "break the cycle: a template must not use itself, directly or through others")
        }
        var bound: [String: Value] = [:]
        for a in args {
            guard t.params.contains(where: { $0.name.name == a.name.name }) else {
                throw fail(.templateArguments, "template `\(name.name)` has no parameter `\(a.name.name)`", a.name.span,
                           label: "unknown parameter",
                           help: Suggestion.didYouMean(a.name.name, in: t.params.map(\.name.name))
                               ?? "its parameters: \(t.params.map(\.name.name).joined(separator: ", "))")
            }
            if bound[a.name.name] != nil {
                throw fail(.templateArguments, "argument `\(a.name.name)` is given twice", a.name.span, label: "given again")
            }
            bound[a.name.name] = try eval(a.value)
        }
        for p in t.params where bound[p.name.name] == nil {
            guard let def = p.defaultValue else {
                throw fail(.templateArguments, "template `\(name.name)` needs argument `\(p.name.name)`", span,
                           label: "missing `\(p.name.name): ...`",
                           help: "write `use \(name.name)(\(t.params.filter { $0.defaultValue == nil }.map { "\($0.name.name): ..." }.joined(separator: ", ")))`")
            }
            // A default may use the parameters before it: `label = "rail-${room}"`.
            scopes.append(bound)
            defer { scopes.removeLast() }
            bound[p.name.name] = try eval(def)
        }
        // Templates see their parameters and globals, not the caller's locals: a template means
        // the same wherever it is used.
        let savedScopes = scopes
        scopes = t.fileGlobals.map { [$0, bound] } ?? [bound]
        templateChain.append((name.name, name.span))
        defer { templateChain.removeLast(); scopes = savedScopes }
        exec(t.body, target)
    }

    package func execImport(_ path: String, _ span: Span) throws {
        let base = Paths.directory(of: span.file.name)
        let resolved = Paths.join(base, path)
        if let at = importStack.firstIndex(of: resolved) {
            let chain = importStack[at...].map(Paths.fileName) + [Paths.fileName(of: resolved)]
            throw fail(.importCycle, "import cycle: \(chain.joined(separator: " -> "))", span,
                       label: "imports a file that is importing this one",
                       help: "move the shared templates into a third file that both import")
        }
        if state.importedFiles.contains(resolved) { return }
        if importStack.count >= Limits.maxImportDepth {
            throw fail(.importCycle, "imports nested more than \(Limits.maxImportDepth) deep", span, label: "too deep")
        }
        prelude?.named.insert(resolved)
        // A file's leading imports, already run by another file in this process: take the
        // state they reached instead of running them again (see `LibraryCache`).
        if prelude != nil, importStack.count == 1, !preludeIsClean { prelude = nil }
        let leading = prelude != nil && importStack.count == 1
        if leading, let libraries = host.libraries, var run = prelude,
           let done = libraries.prelude(.init(paths: run.paths + [resolved], today: host.today, check: true),
                                        importer: importStack[0], read: host.readFile) {
            // The importer's own file comes first in `sources`, then the prelude's libraries.
            state.templates = done.templates
            state.importedFiles = done.importedFiles
            state.sources += done.sources[(state.sources.count - 1)...]
            steps = done.steps
            loopIterations = done.loopIterations
            run.paths.append(resolved)
            run.read = done.read
            run.named = done.named
            prelude = run
            return
        }
        // With a cache (many files checked in one process), a library is read and parsed once.
        let parsed: LibraryCache.Parsed?
        if unreadableImports.contains(resolved) {
            parsed = nil
        } else if let libraries = host.libraries {
            parsed = libraries.library(at: resolved, read: host.readFile)
        } else {
            parsed = host.readFile(resolved).map {
                let f = SourceFile(name: resolved, bytes: $0)
                let p = Parser.parse(f)
                return LibraryCache.Parsed(file: f, statements: p.statements, diagnostics: p.diagnostics)
            }
        }
        guard let parsed else {
            let first = unreadableImports.insert(resolved).inserted
            throw fail(.importNotFound, "cannot read imported file `\(path)`", span, label: "no such file",
                       help: (first ? nearbyFile(path, resolved) : nil).map { "did you mean `\($0)`?" }
                           ?? "paths are relative to the importing file's folder (\(base.isEmpty ? "." : base))")
        }
        let (file, stmts, parseDiagnostics) = (parsed.file, parsed.statements, parsed.diagnostics)
        prelude?.read.append(parsed)
        state.importedFiles.insert(resolved)
        state.sources.append(file)
        importStack.append(resolved)
        defer { importStack.removeLast() }
        diagnostics += parseDiagnostics
        let savedScopes = scopes
        scopes = []
        // Each file has its own `let`s: an imported file's `let start` must not change the
        // importer's `start`. Templates keep their own file's bindings.
        let savedGlobals = state.globals, savedFailedLets = failedLets
        defer { failedLets = savedFailedLets }
        failedLets = []
        let templatesBefore = Set(state.templates.keys)
        state.globals = [:]
        let savedFocus = state.focus
        exec(stmts, .script)
        let fileGlobals = state.globals
        for (name, var t) in state.templates where !templatesBefore.contains(name) || t.name.span.fileID == file.id {
            t.fileGlobals = fileGlobals
            state.templates[name] = t
        }
        state.globals = savedGlobals
        scopes = savedScopes
        // An imported library does not steal focus unless it declares plans.
        if state.focus == nil { state.focus = savedFocus }
        if leading { recordPrelude(adding: resolved) }
    }

    /// Nothing but templates, imports and their files came of the prelude so far: anything
    /// reported, declared or pending would be lost by taking the state alone.
    private var preludeIsClean: Bool { RunPart.allCases.allSatisfy { $0.madeByPrelude || isUntouched($0) } }

    /// After a leading import ran: keep the state it reached for the next file with the same
    /// imports, if running it was clean (see `LibraryCache`); otherwise the prelude ends here.
    private func recordPrelude(adding resolved: String) {
        guard var run = prelude, let libraries = host.libraries, preludeIsClean else {
            prelude = nil
            return
        }
        run.paths.append(resolved)
        prelude = run
        libraries.storePrelude(.init(templates: state.templates, importedFiles: state.importedFiles,
                                     sources: Array(state.sources.dropFirst()), steps: steps,
                                     loopIterations: loopIterations, read: run.read, named: run.named),
                               for: .init(paths: run.paths, today: host.today, check: true))
    }

    package func execCheck(_ expr: Expr?, _ span: Span) throws {
        let plans: [Plan]
        if let expr {
            plans = [try planValue(expr)]
        } else {
            plans = state.plans
        }
        // In check mode the whole file is validated once at the end; a `check` would repeat it.
        guard options.mode == .run else { return }
        let found = plans.flatMap { host.services.validate($0, host.today) }
        found.forEach(report)
        if found.hasErrors {
            report(Diagnostic(.checkFailed, "check found \(found.errorCount) error\(found.errorCount == 1 ? "" : "s")",
                              at: span, label: "this check", help: "fix the errors above; the script exits with status 1"))
        } else {
            pendingEffects.append(.print("check: \(plans.map(\.id.value).joined(separator: ", ")) ok (\(found.warningCount) warning\(found.warningCount == 1 ? "" : "s"))"))
        }
    }

    package func planValue(_ expr: Expr) throws -> Plan {
        let v = try eval(expr)
        switch v {
        case .plan(let id): return state.plan(id)!
        case .symbol(let s), .string(let s):
            if let p = state.plan(s) { return p }
            guard firstReport(.unknownPlan, s, expr.span) else { throw EvalError.alreadyReported(expr.span) }
            throw fail(.unknownPlan, "no plan named `\(s)`", expr.span, label: "unknown plan",
                       help: Suggestion.didYouMean(s, in: state.plans.map(\.id.value)) ?? "declare the plan before this statement")
        default:
            throw fail(.typeMismatch, "expected a plan, found \(v.kindName)", expr.span, label: "not a plan")
        }
    }

    package func execExport(_ planExpr: Expr?, _ format: Ident, _ to: Expr?, _ span: Span) throws {
        let formatNames = host.services.formats.map(\.name)
        guard let fmt = host.services.format(named: format.name) else {
            throw fail(.unknownExportFormat, "unknown export format `\(format.name)`", format.span, label: "not a format",
                       help: Suggestion.didYouMean(format.name, in: formatNames)
                           ?? "formats: \(formatNames.joined(separator: ", "))")
        }
        let plan: Plan
        if let planExpr { plan = try planValue(planExpr) } else {
            guard let p = state.focusedPlan else {
                throw fail(.noPlanInFocus, "nothing to export: no plan is in focus", span, label: "which plan?",
                           help: "name the plan: `export kitchen as \(fmt.name)`")
            }
            plan = p
        }
        let base = options.outputDirectory ?? Paths.directory(of: span.file.name)
        let relative: String
        if let to {
            relative = try string(to, "the export path").value
        } else {
            relative = "\(plan.id.value).\(fmt.fileExtension)"
        }
        let target = Paths.join(base, relative)
        if target.hasSuffix(".careplan") {
            throw fail(.exportOverSource, "export path `\(relative)` is a careplan file name", to?.span ?? format.span,
                       label: "exports never write over plan sources",
                       help: "name it after the format: `\(Paths.fileName(of: String(relative.dropLast(9)))).\(fmt.fileExtension)`")
        }
        if !options.allowOutside, !Paths.isInside(target, base) {
            throw fail(.exportOutsideDirectory, "export path `\(relative)` leaves the output folder", to?.span ?? format.span,
                       label: "outside \(base.isEmpty ? "the script's folder" : base)",
                       help: "write below the output folder, or pass --allow-outside")
        }
        let problems = host.services.validate(plan, host.today)
        if problems.hasErrors {
            // Through `report`: a second export of the same plan does not list them again.
            problems.forEach(report)
            throw fail(.exportFailed, "plan `\(plan.id.value)` has errors; not exported", span, label: "export refused",
                       help: "fix the errors above, then export again")
        }
        guard options.mode == .run else { return }
        if case .only(let own) = options.replaces, !own.contains(Paths.normalize(target)), host.fileExists(target) {
            let replace = ":export! \(fmt.name) \(relative)"
            throw fail(.exportWouldReplace, "export path `\(relative)` already exists", to?.span ?? format.span,
                       label: "not written by this session",
                       help: state.focus == plan.id.value ? "to replace it on purpose, `\(replace)`; or export to another name"
                           : "to replace it on purpose, `plan \(plan.id.value)` then `\(replace)`; or export to another name")
        }
        let text = try host.services.render(plan, fmt, host.today)
        // Written once the statement is accepted (see `Effect`); `commitEffects` reports a failure.
        pendingEffects.append(.write(path: target, contents: text, span: span))
        pendingEffects.append(.print("wrote \(target) (\(fmt.name), \(text.utf8.count) bytes)"))
    }
}
