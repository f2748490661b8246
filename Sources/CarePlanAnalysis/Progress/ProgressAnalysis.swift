import CarePlanBasics
import CarePlanModel

/// Where a goal stands, from its progress records.
public enum GoalStatus: String, Sendable, CaseIterable {
    case achieved
    case onTrack = "on-track"
    case behind
    case noData = "no-data"
    case discontinued

    public var label: String {
        switch self {
        case .achieved: return "achieved"
        case .onTrack: return "on track"
        case .behind: return "behind"
        case .noData: return "no data yet"
        case .discontinued: return "discontinued"
        }
    }
}

/// The direction of the last change in a goal's measure.
public enum Trend: String, Sendable {
    case improving, worsening, steady, unknown
}

/// One goal's progress summary: the numbers a report and the FHIR achievementStatus use.
public struct GoalProgress: Sendable {
    public var goal: String
    public var title: String
    public var baseline: Double?
    public var target: Double?
    /// Measured values in date order.
    public var points: [(date: CalendarDate, value: Double)]
    public var latestAssist: AssistLevel?
    public var latestGAS: Int?
    /// What a straight line from baseline (at the start) to target (at the due date) expects on
    /// the latest record's date.
    public var expectedAtLatest: Double?
    public var status: GoalStatus
    public var trend: Trend
    /// The standardised measure the goal uses, if any (its direction and MCID).
    public var standard: OutcomeMeasure? = nil
    public var latest: (date: CalendarDate, value: Double)? { points.last }

    /// The change from the baseline to the latest reading, when both are known.
    public var change: Double? { latest.flatMap { l in baseline.map { l.value - $0 } } }
    /// Whether that change is an improvement at least as large as the measure's MCID.
    public var improvedBeyondMCID: Bool {
        guard let s = standard, let c = change else { return false }
        return s.reachesMCID(c)
    }
}

/// COPM summary: mean performance and satisfaction at assessment and at the latest re-rating.
public struct COPMSummary: Sendable, Equatable {
    public var initialPerformance: Double
    public var initialSatisfaction: Double
    public var latestPerformance: Double?
    public var latestSatisfaction: Double?
    public var latestDate: CalendarDate?
    /// How many of the assessment's problems have been re-rated (the latest means cover these).
    public var reratedProblems = 0
    /// The initial means over the re-rated problems only: what the latest means compare with.
    public var comparedPerformance: Double?
    public var comparedSatisfaction: Double?
    /// A change of 2 points or more is clinically important (Law et al.).
    public static let importantChange = 2.0

    public var performanceChange: Double? { latestPerformance.map { $0 - (comparedPerformance ?? initialPerformance) } }
    public var satisfactionChange: Double? { latestSatisfaction.map { $0 - (comparedSatisfaction ?? initialSatisfaction) } }
    public var performanceImportant: Bool { (performanceChange ?? 0) >= Self.importantChange }
    public var satisfactionImportant: Bool { (satisfactionChange ?? 0) >= Self.importantChange }
}

/// Turns progress records into statuses, trends, COPM change and the GAS T-score.
public enum ProgressAnalysis {
    /// Every goal's progress as of `asOf` (records after it are ignored).
    public static func goals(_ plan: Plan, asOf: CalendarDate) -> [GoalProgress] {
        goals(plan, Timeline.of(plan, today: asOf))
    }

    /// Every goal's progress on the timeline's `today`.
    public static func goals(_ plan: Plan, _ timeline: Timeline) -> [GoalProgress] {
        plan.goals.map { goal(plan, $0, timeline) }
    }

    public static func goal(_ plan: Plan, _ g: Goal, asOf: CalendarDate) -> GoalProgress {
        goal(plan, g, Timeline.of(plan, today: asOf))
    }

    /// One goal's progress: readings up to `today`, the expected value on a straight line from
    /// the baseline on the goal's own start (not the plan's) to the target on its due date,
    /// and a status. Achieved means every target the goal states is met: its measure and its
    /// assist level.
    public static func goal(_ plan: Plan, _ g: Goal, _ timeline: Timeline) -> GoalProgress {
        let id = g.id.value
        let asOf = timeline.today
        let (points, assist, gas) = readings(plan, goal: id, upTo: asOf)
        let baseline = g.measure?.baseline.value, target = g.measure?.target.value
        let start = timeline.life(of: id)?.start ?? plan.start?.value
        let expected = points.last.flatMap { expectedValue(g, start: start, on: $0.date) }
        let up = g.measure?.higherIsBetter ?? true
        func better(_ a: Double, than b: Double) -> Bool { up ? a > b : a < b }
        var trend = Trend.unknown
        // The last change: between the last two readings, or from the baseline to the first.
        let previous = points.count >= 2 ? points[points.count - 2].value : baseline
        if let a = previous, let b = points.last?.value {
            trend = a == b ? .steady : better(b, than: a) ? .improving : .worsening
        }
        let targets = targetsMet(g, latest: points.last?.value, assist: assist)
        let status: GoalStatus
        if let life = timeline.life(of: id), let end = life.end, end <= asOf, let how = life.closure {
            status = how == .achieved ? .achieved : .discontinued
        } else if targets.allMet {
            status = .achieved
        } else if let last = points.last, target != nil {
            if let e = expected { status = better(e, than: last.value) ? .behind : .onTrack } else { status = .onTrack }
        } else if assist != nil || gas != nil {
            status = gas.map { $0 >= 0 ? .onTrack : .behind } ?? .onTrack
        } else {
            status = .noData
        }
        return GoalProgress(goal: id, title: g.title.value, baseline: baseline, target: target, points: points,
                            latestAssist: assist, latestGAS: gas, expectedAtLatest: expected, status: status, trend: trend,
                            standard: g.measure?.standard)
    }

    /// A goal's measured readings up to `date` in date order (records of one day in the order
    /// written), and its latest assist level and GAS level by the same order.
    public static func readings(_ plan: Plan, goal id: String, upTo date: CalendarDate)
        -> (points: [(date: CalendarDate, value: Double)], assist: AssistLevel?, gas: Int?) {
        var points: [(date: CalendarDate, value: Double)] = []
        var assist: AssistLevel? = nil
        var gas: Int? = nil
        for record in plan.progress.sorted(by: { $0.date.value < $1.date.value }) where record.date.value <= date {
            for e in record.entries where e.goal.value == id {
                if let v = e.value { points.append((record.date.value, v)) }
                if let a = e.assist { assist = a }
                if let l = e.gas?.value { gas = l }
            }
        }
        return (points, assist, gas)
    }

    /// What a straight line from the baseline (on the goal's own `start`) to the target (on its
    /// due date) expects on `date`; nil without a measure, a start or a due date.
    public static func expectedValue(_ g: Goal, start: CalendarDate?, on date: CalendarDate) -> Double? {
        guard let m = g.measure, let start, let due = g.due?.value else { return nil }
        let b = m.baseline.value, t = m.target.value
        let total = Double(max(1, start.days(until: due)))
        let elapsed = Double(min(max(0, start.days(until: date)), Int(total)))
        return b + (t - b) * elapsed / total
    }

    /// Which of a goal's targets the given readings meet: nil for a target the goal does not
    /// state; a stated target with no reading yet is not met.
    public struct Targets: Sendable, Equatable {
        public var measure: Bool?
        public var assist: Bool?
        /// Achieved: at least one target stated, and every stated one met.
        public var allMet: Bool { (measure != nil || assist != nil) && measure != false && assist != false }
    }

    /// Which of a goal's targets its latest readings on or before `date` meet (the last
    /// measured value and the last assist level recorded by then); nil when nothing is
    /// recorded for it by then. One reading of "met" for a goal closed achieved (CP0512) and
    /// for the documents' goal standing.
    public static func targetsMet(_ plan: Plan, _ g: Goal, on date: CalendarDate) -> (targets: Targets, latest: Double?, assist: AssistLevel?)? {
        // The readings `goal(_:_:_:)` reads, so "met" is one rule however it is asked.
        let (points, assist, _) = readings(plan, goal: g.id.value, upTo: date)
        guard !points.isEmpty || assist != nil else { return nil }
        let latest = points.last?.value
        return (targetsMet(g, latest: latest, assist: assist), latest, assist)
    }

    public static func targetsMet(_ g: Goal, latest: Double?, assist: AssistLevel?) -> Targets {
        var t = Targets()
        if let m = g.measure {
            let up = m.target.value >= m.baseline.value
            t.measure = latest.map { up ? $0 >= m.target.value : $0 <= m.target.value } ?? false
        }
        if let to = g.assistTo?.value { t.assist = assist.map { $0.rank <= to.rank } ?? false }
        return t
    }

    /// The GAS T-score: T = 50 + 10 Σ(wᵢxᵢ) / √((1 − ρ) Σwᵢ² + ρ (Σwᵢ)²), with ρ = 0.3
    /// (Kiresuk and Sherman). nil when no goal has a level.
    public static func gasTScore(levels: [(level: Int, weight: Double)], rho: Double = 0.3) -> Double? {
        guard !levels.isEmpty else { return nil }
        let sumWX = levels.reduce(0) { $0 + $1.weight * Double($1.level) }
        let sumW2 = levels.reduce(0) { $0 + $1.weight * $1.weight }
        let sumW = levels.reduce(0) { $0 + $1.weight }
        let denominator = ((1 - rho) * sumW2 + rho * sumW * sumW).squareRoot()
        return 50 + 10 * sumWX / denominator
    }

    /// The plan's GAS summary: the T-score at baseline and from the latest levels, over the
    /// goals that are scaled (a `gas` line) and still count (neither discontinued nor replaced
    /// by another goal). When a scaled goal has no level yet, `latest` is nil and `unscored`
    /// names it, so a report can say why.
    public struct GASSummary: Sendable, Equatable {
        public var baseline: Double?
        public var latest: Double?
        public var scaled: [String]
        public var unscored: [String]
    }

    public static func gas(_ plan: Plan, asOf: CalendarDate) -> GASSummary {
        gas(plan, Timeline.of(plan, today: asOf))
    }

    public static func gas(_ plan: Plan, _ timeline: Timeline) -> GASSummary {
        gas(plan, timeline) { goal(plan, $0, timeline).latestGAS }
    }

    /// The same, from the goals' progress a caller already has (`goals(plan, timeline)`), so
    /// no goal's readings are walked twice.
    public static func gas(_ plan: Plan, _ timeline: Timeline, progress: [GoalProgress]) -> GASSummary {
        let latest = Dictionary(progress.map { ($0.goal, $0.latestGAS) }, uniquingKeysWith: { first, _ in first })
        return gas(plan, timeline) { latest[$0.id.value] ?? nil }
    }

    private static func gas(_ plan: Plan, _ timeline: Timeline, latestGAS: (Goal) -> Int?) -> GASSummary {
        let replaced = Set(plan.goals.compactMap { $0.replaces?.value })
        let counted = plan.goals.filter { g in
            g.gas != nil && !replaced.contains(g.id.value) && timeline.life(of: g.id.value)?.closure != .discontinued
        }
        let baseline = gasTScore(levels: counted.map { ($0.gas!.baseline, $0.gas!.weight) })
        var latest: [(level: Int, weight: Double)] = []
        var unscored: [String] = []
        for g in counted {
            if let l = latestGAS(g) { latest.append((l, g.gas!.weight)) } else { unscored.append(g.id.value) }
        }
        return GASSummary(baseline: baseline, latest: unscored.isEmpty ? gasTScore(levels: latest) : nil,
                          scaled: counted.map(\.id.value), unscored: unscored)
    }

    /// COPM scores: the assessment's ratings against each problem's latest re-rating on or
    /// before `asOf`. Change is measured over the problems re-rated so far, against their own
    /// initial ratings, so a partial re-rating is not compared with a different set of problems.
    public static func copm(_ plan: Plan, asOf: CalendarDate) -> COPMSummary? {
        let initial = plan.assessment.copm
        guard !initial.isEmpty else { return nil }
        func mean(_ xs: [Int]) -> Double { Double(xs.reduce(0, +)) / Double(xs.count) }
        var summary = COPMSummary(initialPerformance: mean(initial.map(\.performance)),
                                  initialSatisfaction: mean(initial.map(\.satisfaction)))
        var latest: [String: COPMItem] = [:]
        var latestDate: CalendarDate? = nil
        for record in plan.progress.sorted(by: { $0.date.value < $1.date.value }) where record.date.value <= asOf {
            for item in record.copm where initial.contains(where: { $0.activity == item.activity }) {
                latest[item.activity] = item
                latestDate = record.date.value
            }
        }
        guard !latest.isEmpty else { return summary }
        let rerated = initial.filter { latest[$0.activity] != nil }
        summary.reratedProblems = rerated.count
        summary.comparedPerformance = mean(rerated.map(\.performance))
        summary.comparedSatisfaction = mean(rerated.map(\.satisfaction))
        summary.latestPerformance = mean(rerated.map { latest[$0.activity]!.performance })
        summary.latestSatisfaction = mean(rerated.map { latest[$0.activity]!.satisfaction })
        summary.latestDate = latestDate
        return summary
    }
}
