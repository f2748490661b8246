import CarePlanBasics
import CarePlanModel

/// How long a goal is part of the plan: from the day it was set to the day it was closed.
public struct GoalLife: Sendable, Equatable {
    public var goal: String
    /// The day the goal was set: `starts DATE`, else the day the goal it replaces closed,
    /// else the plan's start.
    public var start: CalendarDate
    /// The day it was closed (achieved or discontinued), if it was.
    public var end: CalendarDate?
    public var closure: GoalClosure?

    /// Whether the goal is open on `d` (its closing day included: the review that closed it).
    public func isActive(on d: CalendarDate) -> Bool { start <= d && end.map { d <= $0 } ?? true }

    /// The lives of a plan's goals, in goal order. Closures count as written (a closure after
    /// `today` is an error the validator reports; outputs leave such records out).
    package static func of(_ plan: Plan, today: CalendarDate?) -> [GoalLife] {
        guard let planStart = plan.start?.value else { return [] }
        var closes: [String: Closure] = [:]
        for c in plan.closures where closes[c.goal.value] == nil && (today.map { c.date.value <= $0 } ?? true) {
            closes[c.goal.value] = c
        }
        // By index, reading fields in place (no copy of each goal).
        return plan.goals.indices.map { k in
            let id = plan.goals[k].id.value
            let replaced = closes.isEmpty ? nil : plan.goals[k].replaces.flatMap { closes[$0.value]?.date.value }
            let start = plan.goals[k].start?.value ?? replaced ?? planStart
            let c = closes.isEmpty ? nil : closes[id]
            return GoalLife(goal: id, start: start, end: c?.date.value, closure: c?.status)
        }
    }
}
