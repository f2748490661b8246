import CarePlanBasics
import CarePlanModel

/// The rules that read one goal, the plan's discipline and the plan's start, and nothing else.
///
/// Kept apart so that their findings can be remembered per goal (`GoalFindings`): a statement
/// that adds or changes one goal of a 1,000-goal plan re-checks that goal, and the other 999
/// keep what they were told. Rules that compare goals with each other (served, supports,
/// reviews) stay in `Validator.Run`.
package struct GoalRules {
    /// Everything outside the goal that these rules read.
    package struct Context: Equatable {
        package let discipline: Discipline?
        package let start: Located<CalendarDate>?
        package init(_ plan: Plan) { discipline = plan.discipline?.value; start = plan.start }
    }

    /// The findings of the rules of `Validator.Run.soundness` about one goal: dates and targets
    /// that contradict each other.
    package let soundness: [Diagnostic]
    /// The findings of the teaching rules (CP03xx) about one goal's wording and COAST elements.
    package let teaching: [Diagnostic]

    package init(_ g: Goal, _ context: Context) {
        soundness = Self.soundness(g, context)
        teaching = Self.teaching(g, context.discipline)
    }

    static func soundness(_ g: Goal, _ context: Context) -> [Diagnostic] {
        var out: [Diagnostic] = []
        if let start = context.start, let due = g.due, due.value <= start.value {
            out.append(Diagnostic(.dueBeforeStart,
                "goal `\(g.id.value)` is due \(due.value), \(due.value == start.value ? "the day" : "before") the plan starts (\(start.value))",
                labels: [Label(due.span, "due \(due.value)"), Label(start.span, "plan starts \(start.value)", primary: false)],
                help: "set a later date, for example `by start + 8 weeks`"))
        }
        if let m = g.measure, m.baseline.value == m.target.value {
            out.append(Diagnostic(.baselineEqualsTarget,
                "goal `\(g.id.value)`: measure \"\(m.name)\" starts and ends at \(JSONValue.format(m.target.value))",
                labels: [Label(m.target.span, "target"), Label(m.baseline.span, "baseline", primary: false)],
                help: "the target should differ from the baseline, or there is nothing to achieve"))
        }
        if let from = g.assistFrom, let to = g.assistTo, to.value.rank > from.value.rank {
            out.append(Diagnostic(.assistGetsWorse,
                "goal `\(g.id.value)` moves from \(from.value.rawValue) to \(to.value.rawValue), which needs more help",
                labels: [Label(to.span, "more help than at the start"), Label(from.span, "starting level", primary: false)],
                notes: ["assist levels from most to least independent: \(AssistLevel.spellings.joined(separator: ", "))"],
                help: "did you mean `assist from \(to.value.rawValue) to \(from.value.rawValue)`?"))
        }
        return out
    }

    /// One mistake, one diagnostic: a goal whose title is vague (CP0306) is not also called
    /// unmeasurable, movement-less or an impairment goal, because rewriting the title fixes all
    /// of them; an OT goal whose COAST check already asks for an assist level is not also
    /// called unmeasurable.
    static func teaching(_ g: Goal, _ discipline: Discipline?) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func add(_ code: DiagnosticCode, _ message: String, at span: Span, label: String, notes: [String] = [], help: String) {
            out.append(Diagnostic(code, message, at: span, label: label, notes: notes, help: help))
        }
        // Read in full only when the first word can start a vague or impairment goal, or when a
        // PT goal without a focus must be searched for a movement word.
        let title = g.title.value
        let needsWords = discipline == .PT && g.focus.isEmpty && !g.attempted.contains(.focus)
        let wording: GoalWording? = needsWords || GoalWording.mayNeedAnalysis(title) ? GoalWording(title) : nil
        var titleReported = false
        if let wording, let verb = wording.vagueVerb, wording.namesNoActivity, !wording.statesDegree {
            add(.vagueGoal, "goal `\(g.id.value)` starts with the vague verb \"\(verb)\" and names no activity", at: g.title.span,
                label: "what will the client do?",
                notes: [discipline == .PT
                            ? "ABCD: the Behaviour is something the client does that you can watch: \"lift a 10 kg box from floor to waist\", not \"increase strength\""
                            : "COAST: the Occupation is an activity the client does: \"put on a button-up shirt\", not \"improve independence\""],
                help: "name the activity and how much of it, " + GoalExample.phrase(for: g, discipline))
            titleReported = true
        }
        var assistAsked = false
        switch discipline {
        case .OT?:
            assistAsked = g.assistTo == nil && !g.attempted.contains(.assist)
            if let missing = coast(g) { out.append(missing) }
            if !titleReported, g.supports == nil, let term = wording?.impairmentOnly {
                add(.otGoalLooksLikeMovement, "OT goal `\(g.id.value)` names a body function (\"\(term)\") but no occupation", at: g.title.span,
                    label: "an impairment, not an activity",
                    notes: ["COAST / OTPF-4: an OT goal names the occupation the body function makes possible",
                            "an impairment goal is fine as a short-term goal: add `supports <goal>` pointing at the occupation goal it leads to"],
                    help: "reword it around the activity, e.g. \"reach the top shelf to put groceries away\", or make it a short-term goal with `supports`")
            }
        case .PT?:
            if g.due == nil && !g.attempted.contains(.by) {
                add(.coastMissing, "goal `\(g.id.value)` has no expected time", at: g.id.span, label: "when is it due?",
                    notes: ["ABCD(E): Audience, Behaviour, Condition, Degree, Expected time",
                            "a goal without a timeline cannot be reviewed or re-certified"],
                    help: "add `by start + 6 weeks`")
            }
            if !titleReported {
                if needsWords, wording?.movementWord == nil {
                    add(.ptGoalWithoutMovement, "PT goal `\(g.id.value)` does not say which movement it depends on", at: g.title.span,
                        label: "which movement?",
                        notes: ["ABCD: a PT goal's Behaviour is a functional movement, e.g. \"lift a 10 kg box at work\", \"get in and out of the car\", \"play 9 holes of golf\""],
                        help: "say the movement in the title (\"walk round the supermarket pushing a trolley\"), or add `focus mobility` (or \(MovementFocus.spellings.filter { $0 != "mobility" }.joined(separator: ", ")))")
                } else if g.supports == nil, let wording, let term = wording.impairmentOnly {
                    add(.ptImpairmentLongTermGoal, "PT goal `\(g.id.value)` is an impairment goal (\"\(term)\") with no function named", at: g.title.span,
                        label: "what will this let the client do?",
                        notes: ["Medicare Benefit Policy Manual ch. 15 §220.1.2: long-term goals are measurable and pertain to functional impairments; goal-writing practice (APTA, ABCD) makes impairment goals (range of motion, strength, pain) short-term goals toward them"],
                        help: "make it a short-term goal with `supports <functional goal>`, or name the function: \"\(wording.functionExample)\"")
                }
            }
        case nil:
            break
        }
        if !titleReported && !assistAsked && g.measure == nil && g.assistTo == nil && g.assistFrom == nil
            && !g.attempted.contains(.measure) && !g.attempted.contains(.assist) && !GoalWording.statesDegree(title) {
            add(.goalNotMeasurable, "goal `\(g.id.value)` has neither a measure nor an assist level", at: g.id.span,
                label: "how will you know it is met?",
                notes: [discipline == .PT ? "ABCD: the Degree says how well or how much (distance, time, repetitions, assist level)"
                                          : "SMART / COAST: a goal is measurable through its assist level or a measure"],
                help: "add `measure \"metres walked\" from 50 to 400` or `assist from moderate to supervision`")
        }
        return out
    }

    /// COAST (Gateley & Borcherding) for an OT goal: Occupation, Assist level, Specific
    /// condition, Timeline; the Client is the plan's. The example fits the goal's occupation
    /// area (CP0306's picker, `GoalExample`), so a play goal is not shown a hot drink.
    static func coastNotes(_ g: Goal) -> [String] {
        ["COAST: Client will perform Occupation with Assist level under a Specific condition by a Timeline",
         "for example: \"Client will \(GoalExample.activity(for: g, .OT)) within 6 weeks\""]
    }

    static func coast(_ g: Goal) -> Diagnostic? {
        // Each missing element: its name, and the name with an example for the help.
        var missing: [(name: String, example: String)] = []
        if g.occupation == nil && !g.attempted.contains(.occupation) { missing.append(("occupation", "occupation (`occupation iadl`)")) }
        if g.assistTo == nil && !g.attempted.contains(.assist) { missing.append(("assist level", "assist level (`assist from moderate to supervision`)")) }
        if g.condition == nil && !g.attempted.contains(.condition) { missing.append(("condition", "condition (`condition \"using labelled cabinets\"`)")) }
        if g.due == nil && !g.attempted.contains(.by) { missing.append(("timeline", "timeline (`by start + 6 weeks`)")) }
        guard !missing.isEmpty else { return nil }
        return Diagnostic(.coastMissing, "goal `\(g.id.value)` is missing \(missing.count == 1 ? "a COAST element" : "\(missing.count) COAST elements"): \(missing.map(\.name).joined(separator: ", "))",
                          at: g.id.span, label: "incomplete goal", notes: coastNotes(g),
                          help: "add " + missing.map(\.example).joined(separator: "; "))
    }
}

/// The goal-local findings of one validation of a plan, handed to the next validation of the
/// same plan (`Validator.validate(_:timeline:reusing:)`): a goal equal to the one remembered,
/// in the same context, keeps its findings without being checked again.
package struct GoalFindings: Sendable {
    /// One goal's findings with what they were worked out from. A class: the next validation
    /// keeps an unchanged goal's entry by reference instead of copying its goal and findings.
    final class Entry: Sendable {
        let goal: Goal
        let rules: GoalRules
        /// What decides the due-date finding besides the goal and the calendar.
        let lifeEnd: CalendarDate?
        let dueDate: Diagnostic?
        init(goal: Goal, rules: GoalRules, lifeEnd: CalendarDate?, dueDate: Diagnostic?) {
            self.goal = goal
            self.rules = rules
            self.lifeEnd = lifeEnd
            self.dueDate = dueDate
        }
    }
    /// In the plan's goal order.
    var entries: [Entry] = []
    var context: GoalRules.Context?
    var calendar: ReviewCalendar?
    /// How many goals were checked (not reused) to build these findings.
    package private(set) var checked = 0

    package init() {}

    /// The findings of every goal of `plan`, reusing `previous`'s for the goals that are equal
    /// to the ones it saw, in the same context.
    package init(_ plan: Plan, _ t: Timeline, previous: GoalFindings?) {
        let context = GoalRules.Context(plan), calendar = ReviewCalendar(plan, t)
        self.context = context
        self.calendar = calendar
        let old = previous.map { $0.context == context && $0.calendar == calendar ? $0.entries : [] } ?? []
        // Goals are usually appended or changed in place, so the same position is tried first;
        // an index by id only once a goal is found to have moved (one before it was removed).
        var byID: [String: Entry]? = nil
        entries.reserveCapacity(plan.goals.count)
        for (i, g) in plan.goals.enumerated() {
            // No lives when the plan has no start (and then no due date is reviewed either).
            let lifeEnd = i < t.lives.count ? t.lives[i].end : nil
            var candidate: Entry? = nil
            if i < old.count, old[i].goal.id.value == g.id.value {
                candidate = old[i]
            } else if i < old.count || byID != nil {
                // A goal past the old end is new, unless goals have moved.
                if byID == nil { byID = Dictionary(old.map { ($0.goal.id.value, $0) }, uniquingKeysWith: { a, _ in a }) }
                candidate = byID![g.id.value]
            }
            if let candidate, candidate.lifeEnd == lifeEnd, candidate.goal == g {
                entries.append(candidate)
                continue
            }
            entries.append(Entry(goal: g, rules: GoalRules(g, context), lifeEnd: lifeEnd,
                                 dueDate: calendar.unreviewedDueDate(g, closed: lifeEnd)))
            checked += 1
        }
    }
}
