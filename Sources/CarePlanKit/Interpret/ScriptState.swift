/// A template as declared: `template name(params) { body }`.
public struct TemplateDecl: Sendable {
    public var name: Ident
    public var params: [Param]
    public var body: [Stmt]
    /// The `let`s of the file that declared it, when that file was imported.
    public var fileGlobals: [String: Value]? = nil
}

/// Everything a script or REPL session has built so far. A value type: the REPL keeps the
/// previous state to undo a statement, and copy-on-write keeps that cheap.
public struct ScriptState: Sendable {
    public private(set) var plans: [Plan] = []
    private var planIndex: [String: Int] = [:]
    /// The plan that top-level goals, interventions and fields go into.
    public var focus: String? {
        didSet { focusIndex = focus.flatMap { planIndex[$0] } }
    }
    /// Position of the plan in focus, kept with `focus` (names are resolved against it for
    /// every bare word a script evaluates).
    public private(set) var focusIndex: Int?
    public var globals: [String: Value] = [:]
    public var templates: [String: TemplateDecl] = [:]
    /// Canonical paths of files already imported (each is read once).
    public var importedFiles: Set<String> = []
    /// Every file run or imported: plans, templates and diagnostics point into them by file
    /// number (`Span.fileID`), so the state keeps them alive.
    public internal(set) var sources: [SourceFile] = []

    public init() {}

    public func planIndex(of id: String) -> Int? { planIndex[id] }
    public func plan(_ id: String) -> Plan? { planIndex[id].map { plans[$0] } }
    public var focusedPlan: Plan? { focusIndex.map { plans[$0] } }

    // Look-ups into one plan that pass its fields, not the plan: `plans[p].goalIndex(id)`
    // copied the whole plan out of the array first (a retain and a release of each field).

    /// Position of goal `id` in plan `p`.
    func goalIndex(inPlan p: Int, _ id: String) -> Int? {
        Plan.position(of: id, in: plans[p].goals, plans[p].goalPositions)
    }
    /// Position of intervention `id` in plan `p`.
    func interventionIndex(inPlan p: Int, _ id: String) -> Int? {
        Plan.position(of: id, in: plans[p].interventions, plans[p].interventionPositions)
    }
    /// Where the element `id` of plan `p` was declared first, if it exists (goal or intervention).
    func elementSpan(inPlan p: Int, _ id: String) -> Span? {
        goalIndex(inPlan: p, id).map { plans[p].goals[$0].id.span }
            ?? interventionIndex(inPlan: p, id).map { plans[p].interventions[$0].id.span }
    }

    mutating func addPlan(_ plan: Plan) -> Int {
        plans.append(plan)
        planIndex[plan.id.value] = plans.count - 1
        if focus == plan.id.value { focusIndex = plans.count - 1 }
        return plans.count - 1
    }

    /// Mutable access by index for the interpreter.
    mutating func withPlan<R>(_ i: Int, _ body: (inout Plan) throws -> R) rethrows -> R {
        try body(&plans[i])
    }
}
