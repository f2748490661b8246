import CarePlanBasics
import CarePlanSyntax

/// The names of one parsed file, for go to definition, find references, rename and the
/// outline: what each declaration declares (plans, goals, interventions, templates, `let`s,
/// parameters, loop variables), every place a name is used, resolved to its declaration the
/// way the interpreter resolves it, and the files it imports. Built from the syntax tree, so
/// it works on a file with errors as far as the parser recovered.
struct SymbolIndex {
    enum Kind: String, Sendable {
        case plan, goal, intervention, template, binding = "let", parameter, loopVariable = "loop variable"
    }

    /// One declared name.
    struct Symbol {
        var kind: Kind
        var name: String
        /// The plan a goal or intervention belongs to (nil when no plan is known, as in a
        /// template's body).
        var plan: String?
        /// The name as written in the declaration.
        var nameSpan: Span
        /// The whole declaration (for the outline).
        var span: Span
        /// The declaration this one sits in (a goal's plan), for the outline.
        var parent: Int?
    }

    /// One use of a name, and the symbol it resolves to (nil: a vocabulary word, a field's
    /// value such as `iadl`, or a name the interpreter will report as unknown).
    struct Reference {
        var name: String
        var span: Span
        var symbol: Int?
    }

    /// An `import "path"`: the string as written and where it is.
    struct Import {
        var path: String
        var span: Span
    }

    private(set) var symbols: [Symbol] = []
    private(set) var references: [Reference] = []
    private(set) var imports: [Import] = []

    init(_ statements: [Stmt]) {
        var collector = Collector()
        collector.declare(statements)
        symbols = collector.symbols
        imports = collector.imports
        var resolver = Resolver(symbols: symbols)
        resolver.walk(statements, context: .script, plan: nil, locals: [:])
        references = resolver.references
    }

    /// The symbol whose name, or a use of it, covers byte `offset`.
    func symbol(at offset: Int) -> Int? {
        if let i = symbols.firstIndex(where: { $0.nameSpan.start <= offset && offset <= $0.nameSpan.end }) { return i }
        return references.first { $0.span.start <= offset && offset <= $0.span.end }?.symbol
    }

    /// The reference (resolved or not) at `offset`.
    func reference(at offset: Int) -> Reference? {
        references.first { $0.span.start <= offset && offset <= $0.span.end }
    }

    /// The import whose path string covers `offset`.
    func importAt(_ offset: Int) -> Import? {
        imports.first { $0.span.start <= offset && offset <= $0.span.end }
    }

    /// Every use of symbol `i` in this file.
    func uses(of i: Int) -> [Span] { references.filter { $0.symbol == i }.map(\.span) }

    /// A declaration visible to other files: plans, goals, interventions, templates, `let`s
    /// at the top level. Parameters and loop variables are local.
    func exported(named name: String, kinds: Set<Kind>) -> Int? {
        symbols.lastIndex { $0.name == name && kinds.contains($0.kind) }
    }

    // MARK: - Declarations

    /// First pass: every declaration, in source order, with the plan it belongs to (a goal
    /// may be used before the line that declares it: `supports`, `serves`).
    private struct Collector {
        var symbols: [Symbol] = []
        var imports: [Import] = []
        /// The plan top-level goals go into: the last `plan` statement.
        var focus: String?

        mutating func declare(_ stmts: [Stmt], plan: String? = nil, parent: Int? = nil, inTemplate: Bool = false) {
            for s in stmts {
                switch s.kind {
                case .element(let kind, let id, _, let body):
                    guard case .name(let name, let span) = id else {
                        if let body { declare(body, plan: plan, parent: parent, inTemplate: inTemplate) }
                        continue
                    }
                    switch kind {
                    case .plan:
                        var index = symbols.firstIndex { $0.kind == .plan && $0.name == name }
                        if index == nil {
                            symbols.append(Symbol(kind: .plan, name: name, plan: nil, nameSpan: span, span: s.span, parent: nil))
                            index = symbols.count - 1
                        }
                        if parent == nil, !inTemplate { focus = name }
                        if let body { declare(body, plan: name, parent: index, inTemplate: inTemplate) }
                    case .goal, .intervention:
                        let owner = inTemplate ? plan : (plan ?? focus)
                        let k: Kind = kind == .goal ? .goal : .intervention
                        if !symbols.contains(where: { $0.kind == k && $0.name == name && $0.plan == owner }) {
                            let p = parent ?? symbols.lastIndex { $0.kind == .plan && $0.name == owner }
                            symbols.append(Symbol(kind: k, name: name, plan: owner, nameSpan: span, span: s.span, parent: p))
                        }
                        if let body { declare(body, plan: owner, parent: symbols.count - 1, inTemplate: inTemplate) }
                    }
                case .template(let name, let params, let body):
                    symbols.append(Symbol(kind: .template, name: name.name, plan: nil, nameSpan: name.span, span: s.span, parent: nil))
                    let template = symbols.count - 1
                    for p in params {
                        symbols.append(Symbol(kind: .parameter, name: p.name.name, plan: nil, nameSpan: p.name.span, span: p.name.span, parent: template))
                    }
                    declare(body, plan: nil, parent: template, inTemplate: true)
                case .letBinding(let name, _):
                    symbols.append(Symbol(kind: .binding, name: name.name, plan: plan, nameSpan: name.span, span: s.span, parent: parent))
                case .importFile(let path, let span):
                    imports.append(Import(path: path, span: span))
                case .ifElse(_, let then, let otherwise):
                    declare(then, plan: plan, parent: parent, inTemplate: inTemplate)
                    if let otherwise { declare(otherwise, plan: plan, parent: parent, inTemplate: inTemplate) }
                case .forLoop(let name, _, let body):
                    symbols.append(Symbol(kind: .loopVariable, name: name.name, plan: plan, nameSpan: name.span, span: name.span, parent: parent))
                    declare(body, plan: plan, parent: parent, inTemplate: inTemplate)
                case .field(let f):
                    if let body = f.body { declare(body, plan: plan, parent: parent, inTemplate: inTemplate) }
                case .use, .check, .print, .export, .invalid:
                    break
                }
            }
        }
    }

    // MARK: - References

    /// Second pass: every use of a name, resolved as the interpreter does: a parameter or
    /// loop variable, then a `let`, then a goal or intervention of the plan in focus, then a
    /// plan.
    private struct Resolver {
        let symbols: [Symbol]
        var references: [Reference] = []
        var focus: String?

        init(symbols: [Symbol]) { self.symbols = symbols }

        func find(_ kind: Kind, _ name: String, plan: String? = nil, anyPlan: Bool = false) -> Int? {
            symbols.firstIndex { $0.kind == kind && $0.name == name && (anyPlan || $0.plan == plan) }
        }

        func resolve(_ name: String, plan: String?, locals: [String: Int]) -> Int? {
            if let local = locals[name] { return local }
            if let binding = symbols.lastIndex(where: { $0.kind == .binding && $0.name == name }) { return binding }
            if let goal = find(.goal, name, plan: plan) { return goal }
            if let intervention = find(.intervention, name, plan: plan) { return intervention }
            if plan == nil, let goal = find(.goal, name, anyPlan: true) { return goal }
            return find(.plan, name)
        }

        mutating func use(_ name: String, _ span: Span, _ symbol: Int?) {
            references.append(Reference(name: name, span: span, symbol: symbol))
        }

        mutating func walk(_ e: Expr?, plan: String?, locals: [String: Int]) {
            guard let e else { return }
            switch e {
            case .name(let n, let span): use(n, span, resolve(n, plan: plan, locals: locals))
            case .member(let base, _, _): walk(base, plan: plan, locals: locals)
            case .binary(_, let a, let b, _): walk(a, plan: plan, locals: locals); walk(b, plan: plan, locals: locals)
            case .not(let x, _), .negate(let x, _), .duration(let x, _, _): walk(x, plan: plan, locals: locals)
            case .list(let items, _): for x in items { walk(x, plan: plan, locals: locals) }
            case .string(let segments, _):
                for case .expr(let x) in segments { walk(x, plan: plan, locals: locals) }
            case .text, .number, .date, .bool, .error: break
            }
        }

        mutating func walk(_ stmts: [Stmt], context: BlockContext, plan: String?, locals: [String: Int]) {
            for s in stmts {
                // Where this statement puts goals: its plan block, else the plan in focus.
                let here = plan ?? (context == .script ? focus : nil)
                switch s.kind {
                case .letBinding(let name, let value):
                    walk(value, plan: here, locals: locals)
                    _ = name
                case .element(let kind, let id, let title, let body):
                    walk(title, plan: here, locals: locals)
                    var owner = here
                    if case .name(let n, let span) = id {
                        let k: Kind = kind == .plan ? .plan : kind == .goal ? .goal : .intervention
                        let decl = kind == .plan ? find(.plan, n) : find(k, n, plan: here)
                        // A later `plan kitchen` (focus) or a repeated declaration is a use.
                        if let decl, symbols[decl].nameSpan != span { use(n, span, decl) }
                        if kind == .plan {
                            owner = n
                            if context == .script { focus = n }
                        }
                    } else {
                        walk(id, plan: here, locals: locals)
                    }
                    let ctx: BlockContext = kind == .plan ? .plan : kind == .goal ? .goal : .intervention
                    if let body { walk(body, context: ctx, plan: owner, locals: locals) }
                case .template(_, let params, let body):
                    var scope = locals
                    for p in params {
                        walk(p.defaultValue, plan: nil, locals: scope)
                        if let i = symbols.firstIndex(where: { $0.kind == .parameter && $0.nameSpan == p.name.span }) {
                            scope[p.name.name] = i
                        }
                    }
                    walk(body, context: .template, plan: nil, locals: scope)
                case .use(let name, let args):
                    use(name.name, name.span, symbols.lastIndex { $0.kind == .template && $0.name == name.name })
                    for a in args { walk(a.value, plan: here, locals: locals) }
                case .importFile:
                    break
                case .ifElse(let cond, let then, let otherwise):
                    walk(cond, plan: here, locals: locals)
                    walk(then, context: context, plan: plan, locals: locals)
                    if let otherwise { walk(otherwise, context: context, plan: plan, locals: locals) }
                case .forLoop(let name, let seq, let body):
                    walk(seq, plan: here, locals: locals)
                    var scope = locals
                    if let i = symbols.firstIndex(where: { $0.kind == .loopVariable && $0.nameSpan == name.span }) {
                        scope[name.name] = i
                    }
                    walk(body, context: context, plan: plan, locals: scope)
                case .check(let e):
                    walk(e, plan: here, locals: locals)
                case .print(let e):
                    walk(e, plan: here, locals: locals)
                case .export(let p, _, let to):
                    walk(p, plan: here, locals: locals)
                    walk(to, plan: here, locals: locals)
                case .field(let f):
                    field(f, context: context, plan: here, locals: locals)
                case .invalid:
                    break
                }
            }
        }

        mutating func field(_ f: Field, context: BlockContext, plan: String?, locals: [String: Int]) {
            // A progress record's line starts with the goal it is about: `meals 6 assist minimal`
            // (the parser marks such lines).
            if f.field == .progressEntry {
                use(f.keyword.name, f.keyword.span, resolve(f.keyword.name, plan: plan, locals: locals))
            }
            walk(f.value, plan: plan, locals: locals)
            for c in f.clauses where c.word.name != "code" { walk(c.value, plan: plan, locals: locals) }
            guard let body = f.body else { return }
            // `progress kitchen on ... { ... }`, `visit kitchen ...`: the block is about that plan.
            var inner = plan
            if case .name(let n, _)? = f.value, find(.plan, n) != nil { inner = n }
            walk(body, context: FieldSpec.lookup(f.keyword.name, in: context)?.body ?? context, plan: inner, locals: locals)
        }
    }
}
