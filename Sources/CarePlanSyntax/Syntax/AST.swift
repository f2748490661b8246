import CarePlanBasics

/// A name as written, with where it was written.
public struct Ident: Sendable, Equatable {
    public var name: String
    public var span: Span
    public init(_ name: String, _ span: Span) { self.name = name; self.span = span }
}

/// Binary operators, loosest first: `or`, `and`, comparisons, `+ -`, `* /`.
public enum BinaryOp: String, Sendable {
    case or, and
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case plus = "+", minus = "-", times = "*", divide = "/"
}

/// One piece of an interpolated string.
public enum StringSegment: Sendable {
    case text(String)
    case expr(Expr)
}

/// Expressions: the values written in a plan.
///
/// Only the cases that contain an expression directly are `indirect` (boxed): literals and
/// names, most of what a plan holds, are stored inline, without an allocation each.
public enum Expr: Sendable {
    case string([StringSegment], Span)
    /// A string literal with no escapes and no `${...}`: its text as written.
    case text(String, Span)
    case number(Double, Span)
    /// nil when the date was malformed (already reported by the parser).
    case date(CalendarDate?, Span)
    indirect case duration(Expr, DurationUnit, Span)
    case bool(Bool, Span)
    case list([Expr], Span)
    case name(String, Span)
    indirect case member(Expr, Ident, Span)
    indirect case binary(BinaryOp, Expr, Expr, Span)
    indirect case not(Expr, Span)
    indirect case negate(Expr, Span)
    /// Stands in for an expression that failed to parse, so later phases stay quiet about it.
    case error(Span)

    public var span: Span {
        switch self {
        case .string(_, let s), .text(_, let s), .number(_, let s), .date(_, let s), .duration(_, _, let s),
             .bool(_, let s), .list(_, let s), .name(_, let s), .member(_, _, let s),
             .binary(_, _, _, let s), .not(_, let s), .negate(_, let s), .error(let s):
            return s
        }
    }
}

/// A clause inside a field: `from moderate`, `to independent`, `every 2 weeks`, or a bare
/// flag word such as `achieved`.
public struct Clause: Sendable {
    public var word: Ident
    public var value: Expr?
}

/// A field line: `keyword [value] {clause} [{ body }]`. Which keywords exist where, and which
/// clauses each takes, is described by `FieldSpec`.
public struct Field: Sendable {
    public var keyword: Ident
    /// Which field `keyword` is, found once when parsing.
    public var field: FieldKeyword
    public var value: Expr?
    public var clauses: [Clause]
    public var body: [Stmt]?

    public func clause(_ word: String) -> Clause? { clauses.first { $0.word.name == word } }
}

/// A parameter of a template, with an optional default.
public struct Param: Sendable {
    public var name: Ident
    public var defaultValue: Expr?
}

/// A named argument at a `use`.
public struct TemplateArgument: Sendable {
    public var name: Ident
    public var value: Expr
}

/// What kind of element a declaration introduces.
public enum ElementKind: String, Sendable {
    case plan, goal, intervention
}

/// Statements. Top-level scripts, plan bodies and template bodies are all lists of these.
///
/// Not `indirect`: statements nest only through arrays, which are already references.
public enum StmtKind: Sendable {
    case letBinding(Ident, Expr)
    /// `plan id "Title" { ... }`, `goal id "Title" { ... }`, `intervention id "Title" { ... }`.
    /// The id is an identifier, or a string (useful in templates: `goal "meals-${room}" ...`).
    case element(ElementKind, id: Expr, title: Expr?, body: [Stmt]?)
    case template(Ident, [Param], [Stmt])
    case use(Ident, [TemplateArgument])
    case importFile(String, Span)
    case ifElse(Expr, [Stmt], [Stmt]?)
    case forLoop(Ident, Expr, [Stmt])
    case check(Expr?)
    case print(Expr)
    case export(plan: Expr?, format: Ident, to: Expr?)
    case field(Field)
    /// A statement that failed to parse; kept so the REPL can tell "bad" from "empty".
    /// `attempting` is the field a misspelt keyword most likely meant, so the validator does
    /// not also report that field as missing.
    case invalid(attempting: FieldKeyword?)
}

/// A statement with its whole span.
public struct Stmt: Sendable {
    public var kind: StmtKind
    public var span: Span
    public init(_ kind: StmtKind, _ span: Span) { self.kind = kind; self.span = span }
}
