import CarePlanBasics
import CarePlanModel
import CarePlanAnalysis

/// A goal's progress entries gathered per scale, in date order: what the charts and tables of
/// the exports draw. Where the goal stands (status, trend) is ProgressAnalysis's job.
package struct GoalReadings {
    package struct Point: Equatable {
        package var date: CalendarDate
        package var value: Double
    }

    package var values: [Point] = []
    package var assists: [(date: CalendarDate, level: AssistLevel)] = []
    package var notes: [(date: CalendarDate, text: String)] = []
    /// Every entry for the goal, including GAS-only ones.
    package var entryCount = 0

    /// Records dated after `asOf` are left out, as ProgressAnalysis does.
    package init(_ goal: Goal, in plan: Plan, asOf: CalendarDate) {
        let id = goal.id.value
        // Stable sort: records on the same day keep their written order.
        let records = plan.progress.enumerated().sorted { a, b in
            a.element.date.value != b.element.date.value ? a.element.date.value < b.element.date.value : a.offset < b.offset
        }.map(\.element)
        for r in records where r.date.value <= asOf {
            for e in r.entries where e.goal.value == id {
                entryCount += 1
                let d = r.date.value
                if let v = e.value { values.append(Point(date: d, value: v)) }
                if let a = e.assist { assists.append((d, a)) }
                if let n = e.note { notes.append((d, n)) }
            }
        }
    }
}

/// FHIR `Goal.achievementStatus` (http://terminology.hl7.org/CodeSystem/goal-achievement),
/// read from ProgressAnalysis so that the FHIR export and `careplan report` agree.
package enum Achievement: String, CaseIterable {
    case inProgress = "in-progress", improving, worsening, noChange = "no-change", achieved
    case notAchieved = "not-achieved"

    package static let system = "http://terminology.hl7.org/CodeSystem/goal-achievement"

    package var display: String {
        switch self {
        case .inProgress: return "In Progress"
        case .improving: return "Improving"
        case .worsening: return "Worsening"
        case .noChange: return "No Change"
        case .achieved: return "Achieved"
        case .notAchieved: return "Not Achieved"
        }
    }

    /// nil when there is nothing to say: no progress entries and no closure.
    package init?(_ p: GoalProgress, entries: Int) {
        switch p.status {
        case .achieved: self = .achieved
        case .discontinued: self = .notAchieved
        case .noData:
            guard entries > 0 else { return nil }
            self = .inProgress
        case .onTrack, .behind:
            switch p.trend {
            case .improving: self = .improving
            case .worsening: self = .worsening
            case .steady: self = .noChange
            case .unknown: self = .inProgress
            }
        }
    }
}
