import CarePlanBasics
import CarePlanModel
import CarePlanAnalysis

/// What `careplan grade` awards points for: criteria built on the teaching rules (each one the
/// diagnostics that cost its points), plus required elements an educator adds in a rubric file
/// ("at least one environment modification", "a check-in before week 6", "COPM at
/// assessment"). The default rubric totals 100 points.
public struct Rubric: Sendable {
    public var title: String
    public var criteria: [Criterion]
    /// Percent of the total needed to pass.
    public var passPercent: Double

    public var total: Double { criteria.reduce(0) { $0 + $1.points } }

    public struct Criterion: Sendable {
        /// A stable id (`measurable`), used by rubric files, CSV columns and JSON.
        public var id: String
        public var title: String
        public var points: Double
        public var check: Check
        /// What the student did well when the criterion is met, in words for the student.
        public var praise: String
    }

    public enum Check: Sendable {
        /// Points lost to these diagnostics: per goal (the share of goals with none of them),
        /// or per plan (half the points for each finding).
        case diagnostics(Set<DiagnosticCode>, perGoal: Bool)
        /// The file reads without errors of any code.
        case noErrors
        /// Something the plan must contain.
        case requires(Requirement)
        /// Every one of these checks: the criterion earns what the worst of them leaves.
        case all([Check])

        /// The element this check requires, if any (for the JSON rubric).
        public var requirement: Requirement? {
            switch self {
            case .requires(let r): return r
            case .all(let checks): return checks.lazy.compactMap(\.requirement).first
            case .diagnostics, .noErrors: return nil
            }
        }
    }

    /// An element a rubric file can require.
    public enum Requirement: Sendable, Equatable {
        /// At least `count` interventions of a type.
        case interventionType(InterventionType, count: Int)
        /// A check-in (or re-assessment) dated before the plan's start plus this many weeks.
        case checkinBefore(weeks: Int)
        /// A COPM rating at assessment.
        case copm
        /// An observed task at assessment.
        case observe
        /// An environment finding at assessment.
        case environment
        /// Anything at assessment: an observation, environment finding, score, interview or COPM.
        case assessment
        /// At least `count` goals that `supports` another goal.
        case shortTermGoals(count: Int)
        /// At least one progress record.
        case progress
        /// A goal in this occupation area.
        case occupation(OccupationArea)
    }

    /// The default rubric: the teaching rules, weighted as a fieldwork educator would.
    public static let standard = Rubric(title: "careplan teaching rubric", criteria: [
        Criterion(id: "reads", title: "The plan reads without errors", points: 10, check: .noErrors,
                  praise: "the plan reads without errors"),
        Criterion(id: "basics", title: "Discipline, client, start date and diagnosis", points: 10,
                  check: .diagnostics([.missingField, .planWithoutDiagnosis, .emptyPlan, .bornAfterStart], perGoal: false),
                  praise: "the plan names its discipline, client, start date and diagnosis"),
        // A goal's baseline that differs from the assessment's score (CP0613) is a goal that
        // does not rest on the assessment: it costs this criterion, per goal, not
        // "measurable" (the goal is measured; its start is not the finding).
        Criterion(id: "assessment", title: "An assessment: tasks observed, environment, scores", points: 10,
                  check: .all([.requires(.assessment), .diagnostics([.baselineDisagreesWithScore], perGoal: true)]),
                  praise: "the goals rest on an assessment"),
        Criterion(id: "complete", title: "Goals are complete (COAST for OT, expected time for PT)", points: 15,
                  check: .diagnostics([.coastMissing, .otPlanWithoutOccupations], perGoal: true),
                  praise: "every goal is complete: occupation or movement, assist level, condition and timeline"),
        Criterion(id: "measurable", title: "Goals are measurable", points: 15,
                  check: .diagnostics([.goalNotMeasurable, .baselineEqualsTarget], perGoal: true),
                  praise: "every goal can be measured"),
        Criterion(id: "function", title: "Goals name the occupation or the functional movement", points: 15,
                  check: .diagnostics([.otGoalLooksLikeMovement, .ptGoalWithoutMovement, .vagueGoal, .ptImpairmentLongTermGoal], perGoal: true),
                  praise: "goals name what the client will do, not only a body function"),
        Criterion(id: "steps", title: "Short-term goals lead to long-term goals, in order", points: 5,
                  check: .diagnostics([.shortTermGoalAfterLongTerm, .assistGetsWorse, .dueBeforeStart], perGoal: true),
                  praise: "goal dates and assist levels run in a sensible order"),
        Criterion(id: "served", title: "Every goal is served and every intervention serves a goal", points: 10,
                  check: .diagnostics([.goalNotServed, .interventionServesNothing], perGoal: false),
                  praise: "every goal has an intervention working towards it"),
        Criterion(id: "discipline", title: "Interventions fit the discipline", points: 5,
                  check: .diagnostics([.interventionTypeForOtherDiscipline], perGoal: false),
                  praise: "the interventions fit the discipline"),
        Criterion(id: "time", title: "Sessions, check-ins and certification fit together", points: 5,
                  check: .diagnostics([.certificationLapses, .progressReportOverdue, .dueDateNotReviewed, .scheduleHasNoDates], perGoal: false),
                  praise: "check-ins review every goal in time and the plan stays within its certification"),
    ], passPercent: 70)

    public init(title: String, criteria: [Criterion], passPercent: Double) {
        self.title = title
        self.criteria = criteria
        self.passPercent = passPercent
    }
}

extension Rubric.Requirement {
    /// The requirement as a rubric file writes it (`intervention environment-modification`).
    public var spelling: String {
        switch self {
        case .interventionType(let t, let n): return "intervention \(t.rawValue)" + (n == 1 ? "" : " \(n)")
        case .checkinBefore(let w): return "checkin before \(Words.count(w, "week"))"
        case .copm: return "copm"
        case .observe: return "observe"
        case .environment: return "environment"
        case .assessment: return "assessment"
        case .shortTermGoals(let n): return "short-term-goal" + (n == 1 ? "" : " \(n)")
        case .progress: return "progress"
        case .occupation(let a): return "occupation \(a.rawValue)"
        }
    }

    /// Whether `plan` meets the requirement, and what is missing if not.
    func evaluate(_ plan: Plan) -> (met: Bool, missing: String) {
        switch self {
        case .interventionType(let t, let n):
            let have = plan.interventions.filter { $0.type?.value == t }.count
            return (have >= n, "\(n == 1 ? "an" : "\(n)") intervention\(n == 1 ? "" : "s") of type `\(t.rawValue)` (found \(have))")
        case .checkinBefore(let weeks):
            guard let start = plan.start?.value else { return (false, "a start date, to place a check-in before week \(weeks)") }
            let limit = start.adding(days: weeks * 7)
            let dates = Schedule.of(plan).series.filter { $0.kind == .checkin || $0.kind == .reassessment }.flatMap(\.dates)
            return (dates.contains { $0 < limit }, "a check-in before week \(weeks) (before \(limit))")
        case .copm:
            return (!plan.assessment.copm.isEmpty, "a COPM rating at assessment (`copm \"Preparing meals\" importance 9 performance 3 satisfaction 2`)")
        case .observe:
            return (!plan.assessment.observations.isEmpty, "an observed task at assessment (`observe \"Makes a cup of tea\": \"...\"`)")
        case .environment:
            return (!plan.assessment.environments.isEmpty, "an environment finding at assessment (`environment home: \"...\"`)")
        case .assessment:
            return (!plan.assessment.isEmpty, "an `assess { ... }` block with what was observed, found and scored")
        case .shortTermGoals(let n):
            let have = plan.goals.filter { $0.supports != nil }.count
            return (have >= n, "\(n == 1 ? "a" : "\(n)") short-term goal\(n == 1 ? "" : "s") with `supports` (found \(have))")
        case .progress:
            return (!plan.progress.isEmpty, "a progress record (`progress \(plan.id.value) on DATE { ... }`)")
        case .occupation(let a):
            return (plan.goals.contains { $0.occupation?.value == a }, "a goal in the occupation area `\(a.rawValue)`")
        }
    }
}
