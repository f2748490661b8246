import CarePlanBasics
import CarePlanModel

/// The teaching rules (CP03xx): what a fieldwork educator checks first in a student's plan.
/// Each rule's source and a good and a bad example are in its `careplan explain` text
/// (DiagnosticCode.swift); the wording questions are answered by `GoalWording`.
///
/// One mistake, one diagnostic: a goal whose title is vague (CP0306) is not also called
/// unmeasurable, movement-less or an impairment goal, because rewriting the title fixes all of
/// them; an OT goal whose COAST check already asks for an assist level is not also called
/// unmeasurable.
extension Validator.Run {
    package mutating func teaching() {
        let discipline = plan.discipline?.value
        for g in plan.goals {
            // Read in full only when the first word can start a vague or impairment goal, or
            // when a PT goal without a focus must be searched for a movement word (this runs
            // for every goal on every REPL statement).
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
                    help: "name the activity and how much of it, e.g. \"walk to the corner shop and back with a stick\" or \"dress the upper body with set-up only\"")
                titleReported = true
            }
            var assistAsked = false
            switch discipline {
            case .OT?:
                assistAsked = g.assistTo == nil && !g.attempted.contains(.assist)
                coast(g)
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
                    } else if g.supports == nil, let term = wording?.impairmentOnly {
                        add(.ptImpairmentLongTermGoal, "PT goal `\(g.id.value)` is an impairment goal (\"\(term)\") with no function named", at: g.title.span,
                            label: "what will this let the client do?",
                            notes: ["Medicare Benefit Policy Manual ch. 15 §220.1.2: long-term goals are functional; impairment goals (range of motion, strength, pain) are short-term goals toward them"],
                            help: "make it a short-term goal with `supports <functional goal>`, or name the function: \"bend the knee enough to climb stairs step-over-step\"")
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
            if let lt = g.supports, let due = g.due, lt.value != g.id.value, let i = plan.goalIndex(lt.value),
               let ltDue = plan.goals[i].due, due.value > ltDue.value {
                diagnostics.append(Diagnostic(.shortTermGoalAfterLongTerm,
                    "short-term goal `\(g.id.value)` is due \(due.value), after the long-term goal `\(lt.value)` it supports (\(ltDue.value))",
                    labels: [Label(due.span, "due \(due.value)"), Label(ltDue.span, "`\(lt.value)` due \(ltDue.value)", primary: false)],
                    notes: ["a short-term goal is a step on the way: it is met before the long-term goal it leads to"],
                    help: "set `by` on or before \(ltDue.value), or move the long-term goal's date"))
            }
        }
        // A school plan (IDEA / Section 504) rests on educational eligibility, not a medical
        // diagnosis; every other payer's plan of care names one.
        // On a Medicare Part B plan the missing diagnosis is part of CP0700 (plan-of-care content).
        if plan.diagnoses.isEmpty && !plan.attempted.contains(.diagnosis) && plan.payer?.value != .school
            && plan.payer?.value != .medicarePartB {
            add(.planWithoutDiagnosis, "plan `\(name)` names no diagnosis", at: plan.id.span, label: "what is being treated?",
                notes: ["Medicare Benefit Policy Manual ch. 15 §220.1.2: a plan of care contains the diagnoses"],
                help: "add `diagnosis \"Left MCA ischaemic stroke\"` (the medical diagnosis and the treatment diagnosis)")
        }
        guard let discipline else { return }
        if discipline == .OT, !plan.goals.isEmpty, plan.goals.allSatisfy({ $0.occupation == nil && !$0.attempted.contains(.occupation) }) {
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
                    help: "\(discipline.rawValue) types: " + InterventionType.allCases.filter { $0.onlyFor == nil || $0.onlyFor == discipline }.map(\.rawValue).joined(separator: ", "))
            }
        }
        if discipline == .PT {
            let withApproach = plan.interventions.filter { $0.approach != nil }
            if let first = withApproach.first {
                let ids = withApproach.map { "`\($0.id.value)`" }
                diagnostics.append(Diagnostic(.approachInPTPlan,
                    withApproach.count == 1 ? "intervention \(ids[0]) in PT plan `\(name)` has an OTPF-4 approach"
                        : "\(withApproach.count) interventions in PT plan `\(name)` have OTPF-4 approaches: \(ids.joined(separator: ", "))",
                    labels: [Label(first.id.span, "`approach \(first.approach!.rawValue)`")]
                        + withApproach.dropFirst().map { Label($0.id.span, "`approach \($0.approach!.rawValue)`", primary: false) },
                    notes: ["approaches (create, establish, maintain, modify, prevent) are an OT construct (AOTA OTPF-4); PT plans describe the intervention itself"],
                    help: "remove the `approach` lines, or say what the intervention does in its title"))
            }
        }
    }

    /// COAST (Gateley & Borcherding) for an OT goal: Occupation, Assist level, Specific
    /// condition, Timeline; the Client is the plan's.
    /// The same for every goal (one array, not one per incomplete goal).
    package static let coastNotes = ["COAST: Client will perform Occupation with Assist level under a Specific condition by a Timeline",
                             "for example: \"Client will prepare a hot drink with supervision using labelled cabinets within 6 weeks\""]

    package mutating func coast(_ g: Goal) {
        // Each missing element: its name, and the name with an example for the help.
        var missing: [(name: String, example: String)] = []
        if g.occupation == nil && !g.attempted.contains(.occupation) { missing.append(("occupation", "occupation (`occupation iadl`)")) }
        if g.assistTo == nil && !g.attempted.contains(.assist) { missing.append(("assist level", "assist level (`assist from moderate to supervision`)")) }
        if g.condition == nil && !g.attempted.contains(.condition) { missing.append(("condition", "condition (`condition \"using labelled cabinets\"`)")) }
        if g.due == nil && !g.attempted.contains(.by) { missing.append(("timeline", "timeline (`by start + 6 weeks`)")) }
        guard !missing.isEmpty else { return }
        add(.coastMissing, "goal `\(g.id.value)` is missing \(missing.count == 1 ? "a COAST element" : "\(missing.count) COAST elements"): \(missing.map(\.name).joined(separator: ", "))",
            at: g.id.span, label: "incomplete goal", notes: Self.coastNotes,
            help: "add " + missing.map(\.example).joined(separator: "; "))
    }
}
