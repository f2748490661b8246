import CarePlanBasics
import CarePlanModel

/// An element the rubric asks for and the plan lacks, as a finding (CP0780) like any other
/// deduction: what is missing, the fix to copy and why the element matters. Before, a missing
/// assessment cost 10 points with nothing in the findings or "why" to say what an assessment
/// holds or why goals rest on it (review-2dec finding 10).
enum RubricFinding {
    /// A CP0780 for each requirement of `criterion` that `plan` does not meet.
    static func missing(_ criterion: Rubric.Criterion, in plan: Plan) -> [Diagnostic] {
        requirements(of: criterion.check).compactMap { r in
            let (met, missing) = r.evaluate(plan)
            guard !met else { return nil }
            return Diagnostic(.rubricElementMissing,
                "\"\(criterion.title)\" (\(GradeReport.number(criterion.points)) points): missing \(missing)",
                at: nil, notes: [r.why], help: r.fix(in: plan))
        }
    }

    static func requirements(of check: Rubric.Check) -> [Rubric.Requirement] {
        switch check {
        case .requires(let r): return [r]
        case .all(let checks): return checks.flatMap(requirements)
        case .diagnostics, .noErrors: return []
        }
    }

    /// Why a finding matters, for the feedback page: the note of a CP0780.
    static func why(_ d: Diagnostic) -> String? {
        d.code == .rubricElementMissing ? d.notes.first : nil
    }
}

extension Rubric.Requirement {
    /// What to add, with a line to copy, named after the plan's own goals where one is needed.
    func fix(in plan: Plan) -> String {
        let goal = plan.goals.first?.id.value ?? "GOAL"
        switch self {
        case .assessment:
            // Examples of the plan's own discipline: a PT student is not shown a cup of tea.
            let (task, scores) = plan.discipline?.value == .PT
                ? ("`observe \"Climbs the stairs at home\": \"one step at a time, both hands on the rail\"`", "`score tug: 19`")
                : ("`observe \"Makes a cup of tea\": \"needs cues to sequence\"`", "`copm \"Preparing meals\" importance 9 performance 3 satisfaction 2`")
            return "add an `assess { ... }` block before the goals with what the evaluation found: a task watched (\(task)), the home, school or workplace (`environment home: \"...\"`), scores (\(scores)) and what the client wants (`interview \"...\"`); then start each goal's measure from a finding"
        case .observe:
            return "add a task you watched to `assess { ... }`: `observe \"Makes a cup of tea\": \"needs cues to sequence\"`"
        case .environment:
            return "add what you found where the client lives, studies or works to `assess { ... }`: `environment home: \"no grab rail by the bath\"`"
        case .copm:
            return "add the client's COPM ratings to `assess { ... }`, a line for each activity they name: `copm \"Preparing meals\" importance 9 performance 3 satisfaction 2`"
        case .interventionType(let t, let n):
            return "add \(n == 1 ? "an intervention" : "\(n) interventions") of type `\(t.rawValue)` serving a goal: `intervention ID \"...\" { type \(t.rawValue); serves \(goal) }`"
        case .checkinBefore(let weeks):
            guard let start = plan.start?.value else { return "give the plan a start date (`starts DATE`), then a check-in before week \(weeks)" }
            return "add a check-in before week \(weeks): `checkin on \(start.adding(days: weeks * 7 - 1)) { review \(plan.goals.map(\.id.value).joined(separator: ", ")) }` (or earlier), or `checkin every 2 weeks until ...`"
        case .shortTermGoals(let n):
            return "write \(n == 1 ? "a short-term goal" : "\(n) short-term goals") that lead\(n == 1 ? "s" : "") to a long-term one: `goal ID \"...\" { ...; supports \(goal) }`, due on or before it"
        case .progress:
            return "record how each goal is going: `progress \(plan.id.value) on DATE { \(goal) VALUE }`"
        case .occupation(let a):
            return "write a goal in \(a.label) (`occupation \(a.rawValue)`), with an assist level, a condition and a date"
        }
    }

    /// Why the element matters, with its source.
    var why: String {
        switch self {
        case .assessment:
            return "goals rest on what the evaluation found. In the OT process the evaluation (an occupational profile and an analysis of occupational performance) comes before the intervention plan (AOTA OTPF-4), and a PT plan of care follows the examination in the same way; Medicare's long-term goals pertain to identified functional impairments (Benefit Policy Manual ch. 15 §220.1.2), identified at the evaluation. Each goal's baseline is a finding of it: without one, a reader cannot tell where the goals start or why these goals were chosen."
        case .observe:
            return "watching the client do the task is the analysis of occupational performance (AOTA OTPF-4): it shows which steps break down and why, which is what the goals and interventions work on."
        case .environment:
            return "performance depends on where it happens (AOTA OTPF-4: contexts and environments); a finding about the home, school or workplace is what an environment modification and a goal's condition answer."
        case .copm:
            return "the Canadian Occupational Performance Measure has the client name the activities that matter to them and rate importance, performance and satisfaction from 1 to 10; the ratings at assessment are the baseline a re-rating is compared with (a change of 2 points or more is clinically important)."
        case .interventionType(let t, _):
            return "the assignment practises \(t.label) (`\(t.rawValue)`, an intervention type of AOTA OTPF-4), and a plan of care names each service it gives (Medicare Benefit Policy Manual ch. 15 §220.1.2: the type, amount, frequency and duration of therapy)."
        case .checkinBefore:
            return "an early review shows whether the plan works while there is time to change it; Medicare Part B asks for a progress report at least every 10 treatment days, covering each goal (Benefit Policy Manual ch. 15 §220.3.D)."
        case .shortTermGoals:
            return "short-term goals are the steps toward a long-term goal, each with its own date, so progress shows, and the plan can change, before the long-term goal falls due."
        case .progress:
            return "a plan changes in response to dated records of how each goal is going; progress reports, re-certification and the discharge summary rest on them (Medicare Benefit Policy Manual ch. 15 §220.3.D)."
        case .occupation(let a):
            return "the assignment asks for a goal in \(a.label), one of the areas of occupation of AOTA OTPF-4; OT goals name the occupation the client will do."
        }
    }
}
