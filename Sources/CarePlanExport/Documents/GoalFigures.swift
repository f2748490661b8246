import CarePlanBasics
import CarePlanModel
import CarePlanAnalysis

/// A goal's measured values as the progress report, re-certification and discharge summary
/// print them: baseline, a reading at an earlier date, the latest reading, the target, with
/// the measure's unit, direction and MCID where the goal names a library measure.
package struct GoalFigures {
    package let goal: Goal
    package let progress: GoalProgress

    package init(_ goal: Goal, _ progress: GoalProgress) {
        self.goal = goal
        self.progress = progress
    }

    /// "Timed Up and Go (s)" or the goal's own measure name.
    package var measureName: String? {
        guard let m = goal.measure else { return nil }
        if let s = m.standard { return "\(s.info.name) (\(s.info.unit == "%" ? "%" : s.info.unitLabel))" }
        return m.name
    }

    /// A value with its unit when the measure is a library one.
    package func value(_ v: Double) -> String {
        goal.measure?.standard.map { $0.format(v) } ?? Words.number(v)
    }

    /// One measured target of a goal as every goal table prints it: the measure with its unit
    /// (or "Assist level"), the baseline and the target in the measure's unit or in
    /// clinicians' words for assist levels.
    package struct Target {
        package enum Kind { case measure, assist }
        package let kind: Kind
        package let name: String
        package let baseline: String
        package let target: String
    }

    /// The goal's measure, then its assist level, each as a `Target` (none for a goal that
    /// states neither). The progress report and the daily note print these rows.
    package var targets: [Target] {
        var out: [Target] = []
        if let m = goal.measure {
            out.append(.init(kind: .measure, name: measureName ?? m.name, baseline: value(m.baseline.value), target: value(m.target.value)))
        }
        if let to = goal.assistTo?.value {
            out.append(.init(kind: .assist, name: "Assist level", baseline: goal.assistFrom.map { Self.assistWords($0.value) } ?? "not stated",
                             target: Self.assistWords(to)))
        }
        return out
    }

    /// The last reading on or before `date`.
    package func reading(onOrBefore date: CalendarDate) -> (date: CalendarDate, value: Double)? {
        progress.points.last { $0.date <= date }
    }

    /// The last assist level recorded on or before `date` in the plan's progress records.
    /// One pass in file order, no sort per call: the latest date wins, and on one date the
    /// record written last (what a stable sort by date gave).
    package static func assist(_ plan: Plan, goal: String, onOrBefore date: CalendarDate) -> (date: CalendarDate, level: AssistLevel)? {
        var out: (date: CalendarDate, level: AssistLevel)? = nil
        for r in plan.progress where r.date.value <= date && out.map({ r.date.value >= $0.date }) ?? true {
            for e in r.entries where e.goal.value == goal { if let a = e.assist { out = (r.date.value, a) } }
        }
        return out
    }

    /// "11.4 s (23 Nov 2026)".
    package func dated(_ r: (date: CalendarDate, value: Double)?) -> String {
        r.map { "\(value($0.value)) (\(Words.shortDate($0.date)))" } ?? "not measured"
    }

    /// The change since baseline read against the measure's direction and MCID:
    /// "Timed Up and Go: -7.6 s since baseline (lower is better), at least the MCID of 3.4 s
    /// reported in lumbar degenerative disease; MCID from (source)". nil without a library
    /// measure or a reading.
    package var mcidLine: String? {
        guard let s = progress.standard, let c = progress.change else { return nil }
        let info = s.info
        let sign = c > 0 ? "+" : c < 0 ? "-" : ""
        return "\(info.name): \(sign)\(s.format(abs((c * 100).rounded() / 100))) since baseline (\(info.lowerIsBetter ? "lower" : "higher") is better), \(s.changeVerdict(c, citing: true))"
    }

    /// Whether `a` is a better reading than `b` for this goal (a library measure knows its
    /// direction; a free-text one goes from its baseline towards its target).
    package func better(_ a: Double, than b: Double) -> Bool {
        if let s = goal.measure?.standard { return s.better(a, than: b) }
        guard let m = goal.measure else { return false }
        return m.target.value >= m.baseline.value ? a > b : a < b
    }

    // MARK: - Where the goal stands (one rule for every document)

    /// "targets met, not yet closed": an open goal whose latest readings meet every target it
    /// states. The progress report, the re-certification and the discharge summary all word it
    /// so, with `closePrompt`: none of them may call it "not met".
    package static let targetsMetWords = "targets met, not yet closed"

    /// Whether the goal is open on the timeline's `today` and its latest readings by then meet
    /// every target it states (`GoalProgress.status` achieved on a goal not closed).
    package func targetsMetNotClosed(_ t: Timeline) -> Bool {
        guard let life = t.life(of: goal.id.value), life.end.map({ $0 > t.today }) ?? true else { return false }
        return progress.status == .achieved
    }

    /// "close it (`close stairs achieved on 2026-12-01`)": what the therapist records next for
    /// a goal whose targets are met.
    package func closePrompt(on date: CalendarDate) -> String {
        "close it (`close \(goal.id.value) achieved on \(date)`)"
    }

    /// "closed as achieved on 1 Dec 2026, but its latest readings miss a target (CP0512)":
    /// a goal closed achieved whose readings on the closing day do not meet every target. No
    /// document calls it met or counts it towards "every goal met".
    package static func closedBelowTargetWords(on end: CalendarDate) -> String {
        "closed as achieved on \(Words.shortDate(end)), but its latest readings miss a target (CP0512)"
    }

    /// Whether the goal's latest readings on or before `date` miss a target it states: the
    /// validator's rule for a goal closed achieved (CP0512, `ProgressAnalysis.targetsMet`);
    /// false when nothing is recorded for it by then, as CP0512 says nothing then.
    package func missesATarget(_ plan: Plan, on date: CalendarDate) -> Bool {
        ProgressAnalysis.targetsMet(plan, goal, on: date).map { !$0.targets.allMet } ?? false
    }

    /// Whether the goal was closed achieved by the timeline's `today` below a target
    /// (`missesATarget` on its closing day).
    package func closedBelowTarget(_ plan: Plan, _ t: Timeline) -> Bool {
        guard let life = t.life(of: goal.id.value), let end = life.end, end <= t.today, life.closure == .achieved else { return false }
        return missesATarget(plan, on: end)
    }

    /// "LTG stairs", or "STG bend (toward LTG stairs)": a short-term goal `supports` another
    /// goal of the plan, and names it, so a reader sees which long-term goal each one serves
    /// (one rule for every document: plan of care, daily note, progress report, re-certification).
    package static func label(_ plan: Plan, _ g: Goal) -> String {
        guard let parent = g.supports.flatMap({ plan.goal($0.value) }) else { return "LTG \(g.id.value)" }
        return "STG \(g.id.value) (toward \(parent.supports.flatMap { plan.goal($0.value) } == nil ? "LTG" : "STG") \(parent.id.value))"
    }

    /// Assist levels as clinicians write them ("minimal assist", "contact guard").
    package static func assistWords(_ a: AssistLevel) -> String {
        switch a {
        case .minimal, .moderate, .maximal: return "\(a.rawValue) assist"
        default: return a.rawValue.replacingOccurrences(of: "-", with: " ")
        }
    }
}
