import CarePlanBasics
import CarePlanModel
import CarePlanInterpret
import CarePlanAnalysis

/// What the validator says about one version of one plan, with the timeline it read.
struct PlanFindings {
    /// The plan version these findings are for (`ScriptState.revision(ofPlanAt:)`).
    let revision: PlanRevision
    let timeline: Timeline
    /// Exactly `Validator.validate(plan, today:)`: every code, in the validator's order.
    let diagnostics: [Diagnostic]
    /// The goal-local findings, for the next version of the plan to reuse for unchanged goals.
    let goals: GoalFindings

    /// `previous`: this plan's findings at an earlier revision, if any.
    init(_ plan: Plan, revision: PlanRevision, today: CalendarDate, previous: PlanFindings? = nil) {
        self.revision = revision
        timeline = Timeline.of(plan, today: today)
        let validation = Validator.validate(plan, timeline: timeline, reusing: previous?.goals)
        diagnostics = validation.diagnostics
        goals = validation.goals
    }
}

/// A finding as the REPL compares it before and after a statement: its code and message
/// (where it points moves when an earlier statement is edited; what it says does not).
struct FindingKey: Hashable {
    let code: DiagnosticCode
    let message: String
    init(_ d: Diagnostic) { code = d.code; message = d.message }

    /// `a` and `b` say the same thing (`FindingKey(a) == FindingKey(b)`, without building keys).
    static func same(_ a: Diagnostic, _ b: Diagnostic) -> Bool { a.code == b.code && a.message == b.message }
}

/// The REPL's validation findings, per plan, recomputed only for the plans a statement changed.
///
/// Findings depend on the plan and `today` only (`Validator.validate` reads nothing else), and a
/// plan changes only through `ScriptState.withPlan`, which gives it a new revision. So a plan
/// whose revision is the one cached keeps its findings, and everything else is validated again:
/// - a statement inside one plan (a goal, a field) recomputes that plan alone, and in it the
///   goal-local rules (`GoalRules`) of the goals it changed only;
/// - a `let` or a `template` changes no plan: values and template bodies are copied into a
///   plan when a statement uses them, so a later `let start = ...` or a redefined template
///   leaves the plans built before it, and their findings, as they were; the statement that
///   uses them (`use grab-rail(...)` in two plans) touches those plans and recomputes them;
/// - `:undo`, `:reset`, `:reload` and `:edit` replace the state: plans whose revision is still
///   cached keep their findings, the others are validated again.
/// `ReplSessionIncrementalTests` checks this against a validation from scratch after every
/// statement.
struct FindingsCache {
    let today: CalendarDate
    private(set) var byPlan: [String: PlanFindings] = [:]
    /// How many plan validations the cache has kept since the session started (for the tests:
    /// an accepted statement that touches one plan of three adds one; a refused one adds none).
    private(set) var validations = 0

    init(today: CalendarDate) { self.today = today }

    /// The findings of every plan of `state`, in plan order, reusing the cached ones whose
    /// revision is current. Does not change the cache: a statement's candidate state is
    /// validated with this, and kept (`adopt`) only when the statement is accepted. `validated`:
    /// how many plans were validated again.
    func findings(of state: ScriptState) -> (findings: [String: PlanFindings], validated: Int) {
        var out: [String: PlanFindings] = [:], validated = 0
        out.reserveCapacity(state.plans.count)
        for (i, plan) in state.plans.enumerated() {
            let revision = state.revision(ofPlanAt: i)
            let cached = byPlan[plan.id.value]
            if let cached, cached.revision == revision {
                out[plan.id.value] = cached
            } else {
                out[plan.id.value] = PlanFindings(plan, revision: revision, today: today, previous: cached)
                validated += 1
            }
        }
        return (out, validated)
    }

    /// Brings the cache up to date with `state` (plans no longer in it are forgotten).
    mutating func refresh(_ state: ScriptState) {
        let (now, validated) = findings(of: state)
        byPlan = now
        validations += validated
    }

    /// Keeps findings computed by `findings(of:)` for the state just accepted.
    mutating func adopt(_ findings: [String: PlanFindings], validated: Int) {
        byPlan = findings
        validations += validated
    }

    /// The findings of one plan of `state`, brought up to date (`:tree`, `:schedule`, `:export`).
    mutating func current(_ plan: Plan, in state: ScriptState) -> PlanFindings {
        refresh(state)
        return byPlan[plan.id.value]!
    }

    /// Every finding of `state`'s plans, in plan order (what `:check` reports).
    mutating func all(_ state: ScriptState) -> [Diagnostic] {
        refresh(state)
        return state.plans.flatMap { byPlan[$0.id.value]!.diagnostics }
    }
}
