import CarePlanSyntax
import CarePlanModel
import CarePlanBasics

/// `:help FIELD`: what a field means in a care plan, and its example shown where it is
/// written (inside its block), not only the type it expects. The grammar side (context,
/// clauses, example line) comes from `FieldSpec`, so help and parser cannot drift; this file
/// adds the meaning. A test puts every example into a plan and checks it is accepted.
public enum FieldHelp {
    /// What each field is for, by `context.keyword` (a keyword with one meaning everywhere is
    /// listed once, by keyword).
    static let meanings: [String: String] = [
        "discipline": "which profession writes the plan: OT (everyday activities, occupations) or PT (movement). Medicare expects a separate plan for each.",
        "client": "the person the plan is for, with a block about them (birth date, referral, history, where they live).",
        "clinician": "the therapist responsible for the plan, with their credentials.",
        "starts": "the first day of the episode of care (the evaluation day); goal dates, check-ins and the certification clock count from it.",
        "description": "a sentence on what the plan is about, for the reader of an export.",
        "diagnosis": "the medical and treatment diagnoses the plan addresses: an ICD-10-CM code, words, or both (Medicare's plan of care must name them).",
        "status": "where the plan stands: active while treatment goes on, then completed, on hold and so on.",
        "assess": "what the evaluation found: tasks watched, the environment, scores and what the client said.",
        "plan.frequency": "how often sessions happen and for how long, for the whole plan (an intervention can have its own).",
        "checkin": "when progress is reviewed: regularly (`every 2 weeks until ...`) or on a date; the block names the goals to review.",
        "reassess": "when the client is evaluated again, as a date or a time after the start.",
        "certify": "how long the plan is certified for (Medicare: at most 90 days; the physician signs it).",
        "recertify": "when the plan is certified again, before the current certification runs out.",
        "close": "ends a goal: achieved or discontinued, on a date, optionally with a reason. Goals in use are closed, not edited.",
        "progress": "a dated record of how each goal is going: a value of its measure, the assist level now, a GAS score and notes.",
        "plan.note": "a free note about the plan.",
        "signed": "the therapist's signature on the plan of care: who signed it, with credentials, and on which date.",
        "precaution": "something everyone treating the client must respect (hip or sternal precautions, a tendon-protocol limit), optionally until a date; shown on every document and visit note.",
        "contraindication": "something that must not be done (no heat over the incision, no resisted flexion), optionally until a date; shown on every document and visit note.",
        "weight-bearing": "the surgeon's weight-bearing order for a limb: non-weight-bearing, toe-touch, partial (with a percentage of body weight), as tolerated or full, optionally until a date.",
        "prior-level": "the client's prior level of function: what they did, and how, before the onset; goals aim back towards it.",
        "rehab-potential": "the therapist's judgement of how far the client will get (excellent, good, fair, poor) and why.",
        "discharge-criteria": "the conditions that mean the client no longer needs skilled therapy.",
        "discharge-plan": "what happens after discharge: a home programme, community services, follow-up.",
        "trained": "someone other than the client taught to help (a carer, family member, teacher, employer), in what and when.",
        "born": "the client's date of birth.",
        "id": "the client's identifier in the clinic's records (a medical record number), with the URI of the system that issued it; the FHIR export's Patient.identifier.",
        "gender": "the client's gender, as they state it.",
        "referral": "why the client was referred: the event or condition that brought them to therapy.",
        "history": "relevant medical and personal history: other conditions, hand dominance, previous function.",
        "settings": "where the client lives, studies or works (home, school, workplace, community, hospital); where goals are met.",
        "lives": "who the client lives with and what the home is like (stairs, bathroom, access).",
        "observe": "a task watched during the evaluation, and what was seen.",
        "environment": "a finding about a setting (home, school, workplace): hazards, barriers, what helps.",
        "score": "the result of a standardised test: a measure careplan knows by id (`score berg: 38`, checked against its range), or any test named in quotes.",
        "assess.copm": "a problem activity the client named in the Canadian Occupational Performance Measure, rated 1-10 for importance, performance and satisfaction.",
        "interview": "what the client (or family) said they want, in their own words.",
        "expressed-by": "whose words the goal is: `client` (the client set it, in their own words) or `family` (a parent or carer set it with or for the client). Exported to FHIR as Goal.expressedBy for the client.",
        "occupation": "the area of everyday activity the goal is about (OTPF-4): adl, iadl, health management, rest and sleep, education, work, play, leisure, social participation.",
        "assist": "how much help the client needs now (from) and should need by the goal's date (to), from dependent to independent.",
        "condition": "the specific conditions under which the goal is met (the S of COAST): with which equipment, where, with what cues.",
        "measure": "what is counted or timed to know the goal is met, with the value now (from) and the value aimed at (to); progress records give new values. A standardised measure by id (`tug`, `berg`, `nprs`, ...; `:help measure` lists them under values) brings its unit, range, direction and MCID; anything else goes in quotes.",
        "by": "the date the goal should be met (the T of COAST), often counted from the start.",
        "focus": "for PT goals, the movement the goal is about: mobility, strength, range of motion, balance, gait, pain and so on.",
        "supports": "makes this a short-term goal that serves a long-term goal.",
        "replaces": "says this goal takes the place of an earlier one that was closed (goals are replaced, not edited).",
        "gas": "Goal Attainment Scaling: the goal's weight and the level it starts at (-2 to +2, usually -1 or -2).",
        "goal.note": "a free note about the goal, such as the client's own words.",
        "type": "what kind of intervention it is (OTPF-4): occupation, training, environment modification, assistive technology and so on.",
        "serves": "the goals this intervention works towards; every intervention serves at least one goal.",
        "approach": "the OTPF-4 approach: create, establish (restore), maintain, modify (compensate) or prevent.",
        "intervention.frequency": "how often this intervention happens and for how long, when it differs from the plan's.",
        "minutes": "how long one session of this intervention lasts, in minutes.",
        "cpt": "the CPT code under which the intervention is billed.",
        "equipment": "equipment the intervention uses or provides.",
        "intervention.note": "a free note about how to carry the intervention out.",
        "review": "the goals a check-in looks at.",
        "progress.copm": "the COPM ratings for a problem activity at this date, to compare with the first ones (a change of 2 points matters).",
        "progress.note": "a free note on the session or the period.",
        "plan.payer": "who pays for the plan; it decides which clocks apply (Medicare: 90-day certification, a progress report every 10 treatment days; school and workers' compensation plans follow their own rules).",
        "plan.closed": "days the clinic is closed (holidays): no sessions are booked on them, and a course counted in visits is made up after them.",
        "plan.visit": "a visit as it happened: attended (with its minutes), cancelled or a no-show; attended visits are the treatment days Medicare counts. Its block holds the daily note (subjective, objective, assessment, plan) and the services billed (service CODE minutes N).",
        "goal.starts": "the day the goal was set, when that is not the plan's start: progress toward it is judged from then.",
        "intervention.delivery": "in person, by video (telehealth) or as a home programme the client does alone (never a treatment day).",
        "visit.gave": "the interventions given at this visit.",
        "visit.note": "a free note on the visit.",
        "visit.subjective": "SOAP: what the client (or carer) reports today, in their words: how things went at home, pain, tiredness, concerns.",
        "visit.objective": "SOAP: what you measured and observed today: counts, times, assist levels, the tasks done and how.",
        "visit.assessment": "SOAP: what today's findings mean for the goals: progress, what limits it, why skilled therapy is still needed.",
        "visit.plan": "SOAP: what happens next (next visit, changes, home programme). Inside a visit `plan` is this part of the note, not a plan declaration.",
        "visit.service": "a service billed for this visit: its CPT code and minutes (optionally what was done); the visit's units follow by the 8-minute rule (timed codes: 8-22 minutes in total is 1 unit, 23-37 is 2...; evaluations count one unit).",
    ]

    /// The meaning of `spec`'s field, if written.
    public static func meaning(of spec: FieldSpec) -> String? {
        meanings["\(spec.context.rawValue).\(spec.keyword)"] ?? meanings[spec.keyword]
    }

    /// The goals and the plan an example may name (`serves meals, dressing`, `progress kitchen`).
    /// `meals` has targets, so that a reading in an example is judged against them (a GAS level
    /// of 0 on a reading short of its target draws CP0730); the check-ins review every goal, so
    /// that a date or frequency shown draws no warning that belongs to the plan around it.
    static let examplePlanStart = """
        plan kitchen "Back to cooking" {
          discipline OT
          starts 2026-11-02
          goal meals "Prepare a simple hot meal" { occupation iadl; assist from moderate to independent; measure "steps done without cues" from 4 to 10; by 2027-01-25 }
          goal dressing "Dress without help" { occupation adl; by 2027-01-25 }
          intervention labels "Label the cabinets" { type environment-modification; serves meals }
          intervention kettle-practice "Kettle practice" { type activity; serves meals }
          checkin every 2 weeks until 2027-01-25
        """

    /// `spec`'s example inside the block it belongs to: the lines to show, with the example
    /// line marked by its index.
    public static func exampleInContext(_ spec: FieldSpec) -> (lines: [String], exampleLine: Int) {
        let e = spec.example
        switch spec.context {
        case .script, .template, .plan:
            if spec.keyword == "progress" || spec.keyword == "visit" { return (["# after the plan, or in a log file:", e], 1) }
            return (["plan kitchen \"Back to cooking\" {", "  " + e, "}"], 1)
        case .client: return (["client \"Maria Lopez\" {", "  " + e, "}"], 1)
        case .assess: return (["assess {", "  " + e, "}"], 1)
        case .goal: return (["goal walk \"Walk to the shop\" {", "  " + e, "}"], 1)
        case .intervention: return (["intervention cooking \"Cook a meal\" {", "  " + e, "}"], 1)
        case .checkin: return (["checkin on 2026-12-14 {", "  " + e, "}"], 1)
        case .progress: return (["progress kitchen on 2026-11-16 {", "  " + e, "}"], 1)
        case .visit: return (["visit kitchen on 2026-11-16 attended minutes 45 {", "  " + e, "}"], 1)
        }
    }

    /// A whole plan around `spec`'s example, for checking that the example is accepted:
    /// the source and the 1-based line the example is on.
    public static func checkableExample(_ spec: FieldSpec) -> (source: String, line: Int) {
        let (lines, k) = exampleInContext(spec)
        // Without the plan's own line for the field being shown (a field is given once).
        var head = examplePlanStart.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            .filter { !$0.hasPrefix("  \(spec.keyword) ") }
        switch spec.context {
        case .script, .template, .plan:
            if spec.keyword == "progress" || spec.keyword == "visit" {
                head += ["}"]
                return ((head + lines).joined(separator: "\n") + "\n", head.count + k + 1)
            }
            head += ["  " + spec.example, "}"]
            return (head.joined(separator: "\n") + "\n", head.count - 1)
        case .client, .assess, .goal, .intervention, .checkin:
            let body = lines.map { "  " + $0 }
            return ((head + body + ["}"]).joined(separator: "\n") + "\n", head.count + k + 1)
        case .progress, .visit:
            head += ["}"]
            return ((head + lines).joined(separator: "\n") + "\n", head.count + k + 1)
        }
    }

    /// The help text of one field.
    public static func text(_ spec: FieldSpec) -> String {
        var out = "\(spec.keyword) (\(spec.context.phrase))"
        if let meaning = meaning(of: spec) { out += ": \(meaning)\n" } else { out += "\n" }
        out += "  example:\n" + exampleInContext(spec).lines.map { "    " + $0 }.joined(separator: "\n") + "\n"
        var shape = "  written: \(spec.keyword)"
        switch spec.value {
        case .required: shape += " " + describe(spec.expects) + (spec.list ? ", ..." : "")
        case .optional: shape += " [" + describe(spec.expects) + "]"
        case .none: break
        }
        if !spec.clauses.isEmpty { shape += "; clauses: " + spec.clauses.joined(separator: ", ") }
        if !spec.flags.isEmpty { shape += "; words: " + spec.flags.joined(separator: ", ") }
        if let body = spec.body { shape += "; then a block { ... } of \(body.rawValue) fields" }
        out += shape + "\n"
        if let values = Vocabularies.byName[spec.expects] { out += "  values: \(values.joined(separator: ", "))\n" }
        return out
    }

    static func describe(_ expects: String) -> String {
        switch expects {
        case "string": return "\"text\""
        case "date": return "a date (2026-11-02, start + 6 weeks)"
        case "number": return "a number"
        case "goal": return "a goal id"
        case "plan": return "a plan id"
        case "duration": return "a duration (90 days)"
        default: return Vocabularies.byName[expects] != nil ? "a \(expects) word" : expects
        }
    }
}
