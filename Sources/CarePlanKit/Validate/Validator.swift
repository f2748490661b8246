/// Checks a built plan: structure (required fields, references), soundness (every goal served,
/// dates in order) and teaching rules (COAST, OT versus PT). Pure: a plan in, diagnostics out.
public enum Validator {
    public static func validate(_ plan: Plan, today: CalendarDate) -> [Diagnostic] {
        validate(plan, today: today, skipping: [])
    }

    /// The same, without the findings whose codes are in `skipping`: a caller that would
    /// discard them (the REPL drops still-composing findings after every statement) saves
    /// building a message per goal. The rest are exactly what `validate(_:today:)` returns.
    public static func validate(_ plan: Plan, today: CalendarDate, skipping: Set<DiagnosticCode>) -> [Diagnostic] {
        var v = Run(plan: plan)
        v.skipping = skipping
        v.structure()
        v.references()
        v.soundness()
        v.teaching()
        v.progress()
        v.diagnostics += ScheduleRules.check(plan, skipping: skipping)
        return skipping.isEmpty ? v.diagnostics : v.diagnostics.filter { !skipping.contains($0.code) }
    }

    struct Run {
        let plan: Plan
        var diagnostics: [Diagnostic] = []
        /// Codes not to report (see `validate(_:today:skipping:)`); the costly ones are not built.
        var skipping: Set<DiagnosticCode> = []
        let goalIDs: Set<String>
        let goalNames: [String]

        init(plan: Plan) {
            self.plan = plan
            goalNames = plan.goals.map(\.id.value)
            goalIDs = Set(goalNames)
        }

        mutating func add(_ code: DiagnosticCode, _ message: String, at span: Span, label: String = "",
                          notes: [String] = [], help: String? = nil) {
            diagnostics.append(Diagnostic(code, message, at: span, label: label, notes: notes, help: help))
        }

        var name: String { plan.id.value }

        mutating func structure() {
            if plan.discipline == nil && !plan.attempted.contains("discipline") {
                add(.missingField, "plan `\(name)` has no discipline", at: plan.id.span, label: "discipline missing",
                    notes: ["the discipline decides which goals and intervention types fit, and Medicare expects separate OT and PT plans"],
                    help: "add `discipline OT` or `discipline PT` inside the plan")
            }
            if plan.client == nil && !plan.attempted.contains("client") {
                add(.missingField, "plan `\(name)` has no client", at: plan.id.span, label: "client missing",
                    help: "add `client \"Full Name\" { born 1954-03-12 }` inside the plan")
            }
            if plan.start == nil && !plan.attempted.contains("starts") {
                add(.missingField, "plan `\(name)` has no start date", at: plan.id.span, label: "start missing",
                    notes: ["goal due dates, check-ins and the certification clock all count from the start"],
                    help: "add `starts 2026-11-02` inside the plan")
            }
            if plan.goals.isEmpty {
                add(.emptyPlan, "plan `\(name)` has no goals", at: plan.id.span, label: "no goals",
                    help: "agree a goal with the client and add `goal id \"Title\" { ... }`")
            }
            for i in plan.interventions where i.type == nil && !i.attempted.contains("type") {
                add(.missingField, "intervention `\(i.id.value)` has no type", at: i.id.span, label: "type missing",
                    help: "add `type \(plan.discipline?.value == .PT ? "exercise" : "environment-modification")` (see `:help types`)")
            }
        }

        mutating func unknownGoal(_ ref: GoalRef, _ what: String, code: DiagnosticCode = .unknownGoal) {
            add(code, "\(what) unknown goal `\(ref.value)`", at: ref.span, label: "no goal named `\(ref.value)` in plan `\(name)`",
                help: Suggestion.didYouMean(ref.value, in: goalNames)
                    ?? (goalNames.isEmpty ? "the plan has no goals yet; declare one with `goal \(ref.value) \"Title\" { ... }`"
                        : "the plan's goals: \(goalNames.joined(separator: ", "))"))
        }

        mutating func references() {
            for i in plan.interventions {
                for ref in i.serves where !goalIDs.contains(ref.value) {
                    unknownGoal(ref, "intervention `\(i.id.value)` serves")
                }
            }
            for g in plan.goals {
                if let s = g.supports, !goalIDs.contains(s.value) { unknownGoal(s, "goal `\(g.id.value)` supports") }
                if let r = g.replaces, !goalIDs.contains(r.value) { unknownGoal(r, "goal `\(g.id.value)` replaces") }
                if let s = g.supports, s.value == g.id.value {
                    add(.invalidValue, "goal `\(g.id.value)` supports itself", at: s.span, label: "same goal",
                        help: "a short-term goal supports a different, long-term goal")
                }
            }
            for c in plan.checkins {
                for ref in c.reviews where !goalIDs.contains(ref.value) { unknownGoal(ref, "check-in reviews") }
            }
            var closed: [String: Span] = [:]
            for c in plan.closures {
                if !goalIDs.contains(c.goal.value) { unknownGoal(c.goal, "`close` names"); continue }
                if let first = closed[c.goal.value] {
                    diagnostics.append(Diagnostic(.goalClosedTwice, "goal `\(c.goal.value)` is closed twice",
                        labels: [Label(c.goal.span, "closed again here"), Label(first, "first closed here", primary: false)],
                        help: "to work on it again, write a new goal that `replaces \(c.goal.value)`"))
                }
                closed[c.goal.value] = c.goal.span
            }
        }

        mutating func soundness() {
            var served = Set<String>()
            for i in plan.interventions {
                for r in i.serves {
                    served.insert(r.value)
                    // A misspelt reference already reported as CP0102 counts for the goal it
                    // most likely meant, so the same slip is not reported twice.
                    if !goalIDs.contains(r.value), let meant = Suggestion.closest(to: r.value, in: goalNames) { served.insert(meant) }
                }
            }
            for i in plan.interventions where i.serves.isEmpty && !i.attempted.contains("serves") {
                add(.interventionServesNothing, "intervention `\(i.id.value)` serves no goal", at: i.id.span,
                    label: "which goal is this for?",
                    help: goalNames.isEmpty ? "add a goal, then `serves <goal-id>`" : "add `serves \(goalNames[0])` (or another goal)")
            }
            let replaced = Set(plan.goals.compactMap { $0.replaces?.value })
            for g in plan.goals where !served.contains(g.id.value) && plan.closure(of: g.id.value) == nil && !replaced.contains(g.id.value) {
                add(.goalNotServed, "goal `\(g.id.value)` is not served by any intervention", at: g.id.span,
                    label: "nothing works towards this goal",
                    help: "add an intervention with `serves \(g.id.value)`, or close the goal")
            }
            if let start = plan.start {
                for g in plan.goals {
                    if let due = g.due, due.value <= start.value {
                        diagnostics.append(Diagnostic(.dueBeforeStart,
                            "goal `\(g.id.value)` is due \(due.value), \(due.value == start.value ? "the day" : "before") the plan starts (\(start.value))",
                            labels: [Label(due.span, "due \(due.value)"), Label(start.span, "plan starts \(start.value)", primary: false)],
                            help: "set a later date, for example `by start + 8 weeks`"))
                    }
                }
                if let born = plan.client?.born, born.value > start.value {
                    diagnostics.append(Diagnostic(.bornAfterStart, "the client is born \(born.value), after the plan starts (\(start.value))",
                        labels: [Label(born.span, "born"), Label(start.span, "starts", primary: false)],
                        help: "check the year of both dates"))
                }
            }
            for g in plan.goals {
                if let m = g.measure, m.baseline.value == m.target.value {
                    diagnostics.append(Diagnostic(.baselineEqualsTarget,
                        "goal `\(g.id.value)`: measure \"\(m.name)\" starts and ends at \(JSONValue.format(m.target.value))",
                        labels: [Label(m.target.span, "target"), Label(m.baseline.span, "baseline", primary: false)],
                        help: "the target should differ from the baseline, or there is nothing to achieve"))
                }
                if let from = g.assistFrom, let to = g.assistTo, to.value.rank > from.value.rank {
                    diagnostics.append(Diagnostic(.assistGetsWorse,
                        "goal `\(g.id.value)` moves from \(from.value.rawValue) to \(to.value.rawValue), which needs more help",
                        labels: [Label(to.span, "more help than at the start"), Label(from.span, "starting level", primary: false)],
                        notes: ["assist levels from most to least independent: \(AssistLevel.spellings.joined(separator: ", "))"],
                        help: "did you mean `assist from \(to.value.rawValue) to \(from.value.rawValue)`?"))
                }
            }
        }

        static let movementWords = ["flexion", "extension", "range of motion", "rom", "strength", "strengthen",
                                    "gait", "balance", "abduction", "adduction", "rotation", "muscle", "quadriceps",
                                    "hamstring", "knee", "hip", "shoulder", "ankle", "walk", "walking", "stairs",
                                    "mobility", "pain", "endurance", "transfer", "transfers", "stand", "standing"]
        static let otOnlyMovementWords = ["flexion", "extension", "range of motion", "rom", "abduction", "adduction",
                                          "rotation", "muscle", "quadriceps", "hamstring", "strength", "strengthen"]

        static func words(_ text: String) -> [String] {
            text.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
        }

        /// Each term as the bytes `mentions` searches for: the term with a space either side.
        static func patterns(_ terms: [String]) -> [[UInt8]] { terms.map { Array(" \($0) ".utf8) } }
        static let movementPatterns = patterns(movementWords)
        static let otOnlyMovementPatterns = patterns(otOnlyMovementWords)

        /// The first of `terms` that `text` mentions as whole words; `patterns` are the terms'
        /// `patterns(_:)`, computed once.
        static func mentions(_ text: String, _ terms: [String], _ patterns: [[UInt8]]) -> String? {
            // ASCII text (nearly every title): the same search on bytes, without Foundation's
            // string search (a hot spot with many goals). On ASCII, `isLetter` is A-Z and a-z
            // and `lowercased()` maps A-Z to a-z, so `padded` below equals `lower`.
            var source = text
            let fast: String?? = source.withUTF8 { utf8 -> String?? in
                guard !utf8.contains(where: { $0 >= 0x80 }) else { return .none }
                // Scratch space on the stack: this runs for every goal on every REPL statement.
                return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: utf8.count + 2) { padded in
                    withUnsafeTemporaryAllocation(of: Int.self, capacity: utf8.count / 2 + 1) { starts in
                        var n = 0, words = 0  // bytes in `padded`; words, each starting at a space in `starts`
                        padded[0] = 0x20
                        n = 1
                        for b in utf8 {
                            let c = b >= 0x41 && b <= 0x5A ? b + 0x20 : b
                            if c >= 0x61 && c <= 0x7A {
                                if padded[n - 1] == 0x20 { starts[words] = n - 1; words += 1 }
                                padded[n] = c
                                n += 1
                            } else if padded[n - 1] != 0x20 {
                                padded[n] = 0x20
                                n += 1
                            }
                        }
                        if padded[n - 1] != 0x20 { padded[n] = 0x20; n += 1 }
                        return .some(zip(terms, patterns).first { _, pattern in
                            pattern.withUnsafeBufferPointer { pattern in
                                (0..<words).contains { w in
                                    let i = starts[w]
                                    guard i + pattern.count <= n else { return false }
                                    var k = 1
                                    while k < pattern.count && padded[i + k] == pattern[k] { k += 1 }
                                    return k == pattern.count
                                }
                            }
                        }?.0)
                    }
                }
            }
            if case .some(let found) = fast { return found }
            let lower = " " + words(text).joined(separator: " ") + " "
            return terms.first { lower.contains(" \($0) ") }
        }

        mutating func teaching() {
            guard let discipline = plan.discipline?.value else { return }
            for g in plan.goals {
                if discipline == .OT {
                    // Each missing element: its name, and the name with an example for the help.
                    var missing: [(name: String, example: String)] = []
                    let coast = !skipping.contains(.coastMissing)
                    if coast && g.occupation == nil && !g.attempted.contains("occupation") { missing.append(("occupation", "occupation (`occupation iadl`)")) }
                    if coast && g.assistTo == nil && !g.attempted.contains("assist") { missing.append(("assist level", "assist level (`assist from moderate to supervision`)")) }
                    if coast && g.condition == nil && !g.attempted.contains("condition") { missing.append(("condition", "condition (`condition \"using labelled cabinets\"`)")) }
                    if coast && g.due == nil && !g.attempted.contains("by") { missing.append(("timeline", "timeline (`by start + 6 weeks`)")) }
                    if !missing.isEmpty {
                        add(.coastMissing, "goal `\(g.id.value)` is missing \(missing.count == 1 ? "a COAST element" : "\(missing.count) COAST elements"): \(missing.map(\.name).joined(separator: ", "))",
                            at: g.id.span, label: "incomplete goal",
                            notes: ["COAST: Client will perform Occupation with Assist level under a Specific condition by a Timeline",
                                    "for example: \"Client will prepare a hot drink with supervision using labelled cabinets within 6 weeks\""],
                            help: "add " + missing.map(\.example).joined(separator: "; "))
                    }
                    if let word = Self.mentions(g.title.value, Self.otOnlyMovementWords, Self.otOnlyMovementPatterns) {
                        add(.otGoalLooksLikeMovement, "OT goal `\(g.id.value)` reads as a movement goal (\"\(word)\")", at: g.title.span,
                            label: "a movement, not an activity",
                            notes: ["OT goals name the everyday activity; PT goals name the movement"],
                            help: "reword it around the activity the movement allows, e.g. \"reach the top shelf to put groceries away\"")
                    }
                } else {
                    if g.due == nil && !g.attempted.contains("by") {
                        add(.coastMissing, "goal `\(g.id.value)` has no timeline", at: g.id.span, label: "when is it due?",
                            notes: ["a goal without a timeline cannot be reviewed or re-certified"],
                            help: "add `by start + 6 weeks`")
                    }
                    if g.focus.isEmpty && Self.mentions(g.title.value, Self.movementWords, Self.movementPatterns) == nil {
                        add(.ptGoalWithoutMovement, "PT goal `\(g.id.value)` has no movement focus", at: g.title.span,
                            label: "what movement does this improve?",
                            notes: ["PT goals are about movement: mobility, strength, range of motion, balance, gait, pain",
                                    "everyday-activity goals belong in an OT plan"],
                            help: "add `focus mobility` (or strength, range-of-motion, balance, gait, pain, endurance, prevention, transfers)")
                    }
                }
            }
            if discipline == .OT, !plan.goals.isEmpty, plan.goals.allSatisfy({ $0.occupation == nil && !$0.attempted.contains("occupation") }) {
                add(.otPlanWithoutOccupations, "OT plan `\(name)` names no occupation areas", at: plan.id.span,
                    label: "no goal says which occupation it is about",
                    notes: ["OTPF-4 areas: \(OccupationArea.spellings.joined(separator: ", "))"],
                    help: "add `occupation adl` (or another area) to each goal")
            }
            for i in plan.interventions {
                if let t = i.type, let only = t.value.onlyFor, only != discipline {
                    add(.interventionTypeForOtherDiscipline,
                        "intervention `\(i.id.value)` has type `\(t.value.rawValue)`, which is \(only.rawValue) practice, in a\(discipline == .OT ? "n" : "") \(discipline.rawValue) plan",
                        at: t.span, label: "\(only.rawValue) intervention type",
                        help: discipline == .PT ? "PT types: exercise, manual-therapy, education, training" :
                            "OT types include occupation, activity, environment-modification, assistive-technology, education")
                }
            }
        }

        mutating func progress() {
            let closures = Dictionary(plan.closures.map { ($0.goal.value, $0) }, uniquingKeysWith: { a, _ in a })
            for record in plan.progress {
                if let start = plan.start, record.date.value < start.value {
                    diagnostics.append(Diagnostic(.progressBeforeStart,
                        "progress record dated \(record.date.value), before the plan starts (\(start.value))",
                        labels: [Label(record.date.span, "recorded"), Label(start.span, "plan starts", primary: false)],
                        help: "check the date"))
                }
                for e in record.entries {
                    guard goalIDs.contains(e.goal.value) else {
                        unknownGoal(e.goal, "progress record names", code: .progressUnknownGoal)
                        continue
                    }
                    if let c = closures[e.goal.value], record.date.value > c.date.value {
                        diagnostics.append(Diagnostic(.progressOnClosedGoal,
                            "progress for goal `\(e.goal.value)` on \(record.date.value), after it was closed (\(c.status.rawValue) on \(c.date.value))",
                            labels: [Label(e.goal.span, "recorded after closing"), Label(c.date.span, "closed here", primary: false)],
                            help: "record progress on the goal that replaced it"))
                    }
                }
            }
        }
    }
}
