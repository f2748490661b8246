import CarePlanBasics
import CarePlanSyntax
import CarePlanModel

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
///
/// Plans change in one place only, `withPlan` (`addPlan` appends one): each change gives the
/// plan a new `PlanRevision`, so whoever keeps something computed from a
/// plan (the REPL's validation findings) can tell exactly which plans a statement touched.
public struct ScriptState: Sendable {
    public private(set) var plans: [Plan] = []
    /// `revisions[i]` names the version of `plans[i]`; see `revision(ofPlanAt:)`.
    private var revisions: [PlanRevision] = []
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
    public package(set) var sources: [SourceFile] = []

    public init() {}

    public func planIndex(of id: String) -> Int? { planIndex[id] }
    public func plan(_ id: String) -> Plan? { planIndex[id].map { plans[$0] } }
    public var focusedPlan: Plan? { focusIndex.map { plans[$0] } }

    // Look-ups into one plan that pass its fields, not the plan: `plans[p].goalIndex(id)`
    // copied the whole plan out of the array first (a retain and a release of each field).

    /// Position of goal `id` in plan `p`.
    package func goalIndex(inPlan p: Int, _ id: String) -> Int? {
        Plan.position(of: id, in: plans[p].goals, plans[p].goalPositions)
    }
    /// Position of intervention `id` in plan `p`.
    package func interventionIndex(inPlan p: Int, _ id: String) -> Int? {
        Plan.position(of: id, in: plans[p].interventions, plans[p].interventionPositions)
    }
    /// Where the element `id` of plan `p` was declared first, if it exists (goal or intervention).
    package func elementSpan(inPlan p: Int, _ id: String) -> Span? {
        goalIndex(inPlan: p, id).map { plans[p].goals[$0].id.span }
            ?? interventionIndex(inPlan: p, id).map { plans[p].interventions[$0].id.span }
    }

    /// The version of the plan at position `i`: equal revisions mean equal plans, in this
    /// state, in a copy of it, or in a state restored by `:undo` (revisions are never reused).
    public func revision(ofPlanAt i: Int) -> PlanRevision { revisions[i] }

    package mutating func addPlan(_ plan: Plan) -> Int {
        plans.append(plan)
        revisions.append(PlanRevision.next())
        planIndex[plan.id.value] = plans.count - 1
        if focus == plan.id.value { focusIndex = plans.count - 1 }
        return plans.count - 1
    }

    /// Mutable access by index for the interpreter: the only way a plan of the state changes.
    /// The plan gets a new revision even when `body` leaves it as it was (a field rejected
    /// half-way); a spurious revision costs one validation, a missed one a stale finding.
    package mutating func withPlan<R>(_ i: Int, _ body: (inout Plan) throws -> R) rethrows -> R {
        revisions[i] = PlanRevision.next()
        return try body(&plans[i])
    }
}
