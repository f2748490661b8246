/// Where a statement stands; each context accepts its own fields.
public enum BlockContext: String, Sendable, CaseIterable {
    case script, plan, client, assess, goal, intervention, checkin, progress, template, visit

    /// What a block of this context is called when its own name is not known ("the plan").
    package var blockName: String {
        switch self {
        case .script: return "the file"
        case .checkin: return "the check-in"
        case .progress: return "the progress record"
        default: return "the \(rawValue)"
        }
    }

    /// How the context is named in messages ("in a goal").
    public var phrase: String {
        switch self {
        case .script: return "at the top level"
        case .plan: return "in a plan"
        case .client: return "in a client block"
        case .assess: return "in an assess block"
        case .goal: return "in a goal"
        case .intervention: return "in an intervention"
        case .checkin: return "in a check-in"
        case .progress: return "in a progress record"
        case .template: return "in a template"
        case .visit: return "in a visit record"
        }
    }

    /// Position in `allCases`, for tables indexed by context.
    package var position: Int {
        switch self {
        case .script: return 0
        case .plan: return 1
        case .client: return 2
        case .assess: return 3
        case .goal: return 4
        case .intervention: return 5
        case .checkin: return 6
        case .progress: return 7
        case .template: return 8
        case .visit: return 9
        }
    }

    /// The contexts whose fields also apply here: top-level statements and template bodies
    /// add to the plan in focus.
    package var fieldContext: BlockContext {
        switch self {
        case .script, .template: return .plan
        default: return self
        }
    }
}

/// The shape of one field keyword: `keyword [value] {clause} [{ body }]`.
///
/// One table describes every field, so the parser, the REPL's completion and `:help` agree.
public struct FieldSpec: Sendable {
    public enum ValueForm: Sendable { case none, optional, required }

    /// The keyword (`goal`, `frequency`, ...).
    public var field: FieldKeyword
    public var context: BlockContext
    public var value: ValueForm
    /// `a, b, c` after the keyword makes a list.
    public var list: Bool = false
    /// `value: finding` (as in `observe "Makes tea": "needs cues"`).
    public var labelled: Bool = false
    /// Clause words that take a value (`from`, `to`, `every`...).
    public var clauses: [String] = []
    /// Clause words that stand alone (`achieved`, `discontinued`).
    public var flags: [String] = []
    /// A nested block, and its context.
    public var body: BlockContext? = nil
    /// What a value is (for `:help` and completion): an enum name or a description.
    public var expects: String
    /// One line of example, shown in help and in "expected" messages.
    public var example: String
    /// The value may begin with a bare classification code (`diagnosis I69.351 "..."`): the
    /// parser hands it over as the clause `code`.
    public var takesCode: Bool = false
    /// The keyword as written.
    public var keyword: String { field.rawValue }

    /// All fields, by context.
    public static let all: [FieldSpec] = [
        // plan
        FieldSpec(field: .discipline, context: .plan, value: .required, expects: "discipline", example: "discipline OT"),
        FieldSpec(field: .client, context: .plan, value: .required, body: .client, expects: "string", example: "client \"Maria Lopez\" { born 1954-03-12 }"),
        FieldSpec(field: .clinician, context: .plan, value: .required, expects: "string", example: "clinician \"A. Chen, OTR/L\""),
        FieldSpec(field: .starts, context: .plan, value: .required, expects: "date", example: "starts 2026-11-02"),
        FieldSpec(field: .description, context: .plan, value: .required, expects: "string", example: "description \"Home programme after discharge\""),
        FieldSpec(field: .diagnosis, context: .plan, value: .required, list: true, expects: "ICD-10-CM code and/or string", example: "diagnosis I69.351 \"Right hemiparesis after a left MCA stroke\"", takesCode: true),
        FieldSpec(field: .status, context: .plan, value: .required, expects: "plan-status", example: "status active"),
        FieldSpec(field: .assess, context: .plan, value: .none, body: .assess, expects: "block", example: "assess { observe \"Makes tea\": \"spills when pouring\" }"),
        FieldSpec(field: .payer, context: .plan, value: .required, expects: "payer", example: "payer medicare-part-b"),
        FieldSpec(field: .frequency, context: .plan, value: .optional, clauses: ["per", "on", "for", "every", "from"], expects: "number", example: "frequency 3 per week on mon, wed, fri for 8 weeks"),
        FieldSpec(field: .checkin, context: .plan, value: .none, clauses: ["every", "until", "on", "from", "at"], body: .checkin, expects: "schedule", example: "checkin every 2 weeks until meals.due { review meals }"),
        FieldSpec(field: .reassess, context: .plan, value: .none, clauses: ["at", "on"], expects: "date or duration", example: "reassess at 6 weeks"),
        FieldSpec(field: .certify, context: .plan, value: .none, clauses: ["for", "signed", "by", "npi"], expects: "duration", example: "certify for 90 days signed 2026-11-05 by \"Dr. R. Patel\""),
        FieldSpec(field: .recertify, context: .plan, value: .none, clauses: ["on", "at", "for", "signed", "by", "npi"], expects: "date", example: "recertify on 2027-01-30 for 90 days signed 2027-01-28"),
        FieldSpec(field: .closed, context: .plan, value: .required, clauses: ["to", "because"], expects: "date", example: "closed 2026-12-24 to 2026-12-26 because \"Christmas\""),
        FieldSpec(field: .visit, context: .plan, value: .optional, clauses: ["on", "minutes", "because"], flags: ["attended", "cancelled", "no-show"], body: .visit, expects: "plan", example: "visit kitchen on 2026-11-16 attended minutes 45 { gave labels }"),
        FieldSpec(field: .close, context: .plan, value: .required, clauses: ["on", "because"], flags: ["achieved", "discontinued"], expects: "goal", example: "close meals achieved on 2026-11-20"),
        FieldSpec(field: .progress, context: .plan, value: .optional, clauses: ["on"], body: .progress, expects: "plan", example: "progress kitchen on 2026-11-16 { meals 6 assist minimal }"),
        FieldSpec(field: .note, context: .plan, value: .required, expects: "string", example: "note \"Daughter attends sessions\""),
        // plan of care (PlanOfCare.swift)
        FieldSpec(field: .signed, context: .plan, value: .none, clauses: ["by", "on"], expects: "signature", example: "signed by \"A. Chen, OTR/L\" on 2026-11-02"),
        FieldSpec(field: .precaution, context: .plan, value: .required, clauses: ["until"], expects: "string", example: "precaution \"Posterior hip precautions\" until start + 6 weeks"),
        FieldSpec(field: .contraindication, context: .plan, value: .required, clauses: ["until"], expects: "string", example: "contraindication \"No heat over the incision\""),
        FieldSpec(field: .weightBearing, context: .plan, value: .required, clauses: ["percent", "on", "until"], expects: "weight-bearing", example: "weight-bearing partial percent 50 on \"left leg\" until 2026-12-14"),
        FieldSpec(field: .priorLevel, context: .plan, value: .required, expects: "string", example: "prior-level \"Independent in self-care; cooked daily; drove\""),
        FieldSpec(field: .rehabPotential, context: .plan, value: .required, clauses: ["because"], expects: "rehab-potential", example: "rehab-potential good because \"motivated; husband at home\""),
        FieldSpec(field: .dischargeCriteria, context: .plan, value: .required, list: true, expects: "string", example: "discharge-criteria \"Cooks a hot meal independently\""),
        FieldSpec(field: .dischargePlan, context: .plan, value: .required, expects: "string", example: "discharge-plan \"Home programme; community cooking group\""),
        FieldSpec(field: .trained, context: .plan, value: .required, clauses: ["as", "for", "on"], expects: "string", example: "trained \"Ana Lopez\" as carer for \"bath board transfers\" on 2026-11-20"),
        // client
        FieldSpec(field: .id, context: .client, value: .required, clauses: ["system"], expects: "string", example: "id \"MRN-12345\" system \"http://hospital.example.org/mrn\""),
        FieldSpec(field: .born, context: .client, value: .required, expects: "date", example: "born 1954-03-12"),
        FieldSpec(field: .gender, context: .client, value: .required, expects: "gender", example: "gender female"),
        FieldSpec(field: .referral, context: .client, value: .required, expects: "string", example: "referral \"Left MCA stroke, discharged home\""),
        FieldSpec(field: .history, context: .client, value: .required, expects: "string", example: "history \"Hypertension; right-hand dominant\""),
        FieldSpec(field: .settings, context: .client, value: .required, list: true, expects: "setting", example: "settings home, community"),
        FieldSpec(field: .lives, context: .client, value: .required, expects: "string", example: "lives \"with her husband, first-floor flat\""),
        // assess
        FieldSpec(field: .observe, context: .assess, value: .required, labelled: true, expects: "string", example: "observe \"Makes a cup of tea\": \"needs cues to sequence\""),
        FieldSpec(field: .environment, context: .assess, value: .required, labelled: true, expects: "setting", example: "environment home: \"no grab rail by the bath\""),
        FieldSpec(field: .score, context: .assess, value: .required, labelled: true, expects: "measure", example: "score berg: 38"),
        FieldSpec(field: .copm, context: .assess, value: .required, clauses: ["importance", "performance", "satisfaction"], expects: "string", example: "copm \"Preparing meals\" importance 9 performance 3 satisfaction 2"),
        FieldSpec(field: .interview, context: .assess, value: .required, expects: "string", example: "interview \"Wants to cook for grandchildren again\""),
        // goal
        FieldSpec(field: .occupation, context: .goal, value: .required, expects: "occupation", example: "occupation iadl"),
        FieldSpec(field: .expressedBy, context: .goal, value: .required, expects: "goal-author", example: "expressed-by client"),
        FieldSpec(field: .assist, context: .goal, value: .optional, clauses: ["from", "to"], expects: "assist", example: "assist from moderate to independent"),
        FieldSpec(field: .condition, context: .goal, value: .required, expects: "string", example: "condition \"using labelled cabinets\""),
        FieldSpec(field: .measure, context: .goal, value: .required, clauses: ["from", "to"], expects: "measure", example: "measure tug from 19 to 10"),
        FieldSpec(field: .starts, context: .goal, value: .required, expects: "date", example: "starts 2026-11-20"),
        FieldSpec(field: .by, context: .goal, value: .required, expects: "date", example: "by start + 12 weeks"),
        FieldSpec(field: .focus, context: .goal, value: .required, list: true, expects: "focus", example: "focus mobility, strength"),
        FieldSpec(field: .supports, context: .goal, value: .required, expects: "goal", example: "supports meals"),
        FieldSpec(field: .replaces, context: .goal, value: .required, expects: "goal", example: "replaces meals"),
        FieldSpec(field: .gas, context: .goal, value: .none, clauses: ["weight", "baseline"], expects: "number", example: "gas weight 2 baseline -1"),
        FieldSpec(field: .note, context: .goal, value: .required, expects: "string", example: "note \"Client's own words: cook Sunday lunch\""),
        // intervention
        FieldSpec(field: .type, context: .intervention, value: .required, expects: "intervention-type", example: "type environment-modification"),
        FieldSpec(field: .serves, context: .intervention, value: .required, list: true, expects: "goal", example: "serves meals, dressing"),
        FieldSpec(field: .approach, context: .intervention, value: .required, expects: "approach", example: "approach modify"),
        FieldSpec(field: .frequency, context: .intervention, value: .optional, clauses: ["per", "on", "for", "every", "from"], expects: "number", example: "frequency 2 per week on tue, thu for 8 weeks"),
        FieldSpec(field: .delivery, context: .intervention, value: .required, expects: "delivery", example: "delivery home-programme"),
        FieldSpec(field: .minutes, context: .intervention, value: .required, expects: "number", example: "minutes 45"),
        FieldSpec(field: .cpt, context: .intervention, value: .required, list: true, expects: "CPT code", example: "cpt 97535"),
        FieldSpec(field: .equipment, context: .intervention, value: .required, list: true, expects: "string", example: "equipment \"long-handled sponge\""),
        FieldSpec(field: .note, context: .intervention, value: .required, expects: "string", example: "note \"Practise in the client's own kitchen\""),
        // checkin
        FieldSpec(field: .review, context: .checkin, value: .required, list: true, expects: "goal", example: "review meals, dressing"),
        // visit
        FieldSpec(field: .gave, context: .visit, value: .required, list: true, expects: "intervention", example: "gave labels, kettle-practice"),
        FieldSpec(field: .note, context: .visit, value: .required, expects: "string", example: "note \"Tolerated well; one cue for the kettle\""),
        // the daily note in SOAP form (SOAPNote.swift); `plan` here is this field, not a plan declaration
        FieldSpec(field: .subjective, context: .visit, value: .required, expects: "string", example: "subjective \"Made tea at home twice; tired after the second\""),
        FieldSpec(field: .objective, context: .visit, value: .required, expects: "string", example: "objective \"Kettle to cup: 7 of 10 steps without cues; stood 12 min at the counter\""),
        FieldSpec(field: .assessment, context: .visit, value: .required, expects: "string", example: "assessment \"Sequencing improving; standing tolerance limits longer tasks\""),
        FieldSpec(field: .plan, context: .visit, value: .required, expects: "string", example: "plan \"Grade to a two-step hot meal next visit\""),
        // billed services (VisitService.swift): units by the 8-minute rule
        FieldSpec(field: .service, context: .visit, value: .required, clauses: ["minutes", "note"], expects: "CPT code", example: "service 97530 minutes 23 note \"standing kitchen tasks\""),
        // progress
        FieldSpec(field: .copm, context: .progress, value: .required, clauses: ["performance", "satisfaction"], expects: "string", example: "copm \"Preparing meals\" performance 6 satisfaction 7"),
        FieldSpec(field: .note, context: .progress, value: .required, expects: "string", example: "note \"Tired after a poor night\""),
    ]

    /// A progress entry is a line that starts with a goal id: `meals 6 assist minimal gas -1`.
    public static let progressEntry = FieldSpec(
        field: .progressEntry, context: .progress, value: .optional, clauses: ["assist", "gas", "note"],
        expects: "number", example: "meals 6 assist minimal gas -1 note \"one cue for the kettle\"")

    /// By context (in `BlockContext.allCases` order), then keyword: one hash per look-up (the
    /// parser asks for every statement).
    /// `table[context][keyword.position]`: which spec, if any, a field keyword has in a context.
    private static let table: [[FieldSpec?]] = {
        var table = [[FieldSpec?]](repeating: Array(repeating: nil, count: FieldKeyword.allCases.count),
                                   count: BlockContext.allCases.count)
        for spec in all { table[spec.context.position][spec.field.position] = spec }
        return table
    }()

    /// The spec of the field spelt `keyword` in `context`, if that field exists there.
    public static func lookup(_ keyword: String, in context: BlockContext) -> FieldSpec? {
        FieldKeyword.spelt(keyword).flatMap { lookup($0, in: context) }
    }

    /// The spec of `field` in `context`, if that field exists there: two array reads, for the
    /// parser, which has classified the word already (`StatementWord`).
    package static func lookup(_ field: FieldKeyword, in context: BlockContext) -> FieldSpec? {
        table[context.fieldContext.position][field.position]
    }

    /// Every field keyword accepted in a context, in table order.
    public static func keywords(in context: BlockContext) -> [String] {
        all.filter { $0.context == context.fieldContext }.map(\.keyword)
    }
}

/// Statement keywords (beyond fields) and where they are allowed.
public enum StatementKeyword {
    public static func keywords(in context: BlockContext) -> [String] {
        switch context {
        case .script: return script
        case .plan, .template: return planBody
        case .goal, .intervention, .client, .assess, .checkin, .progress, .visit: return elementBody
        }
    }
    // Built once: the parser asks on every statement.
    private static let script = Keyword.allCases.filter(\.startsStatement).map(\.rawValue)
    private static let planBody = ["let", "goal", "intervention", "use", "if", "for", "print"]
    private static let elementBody = ["let", "if", "for", "print"]

    /// Words that start statements: at the start of a line they are never fields. The
    /// keywords of the language (`Keyword`), as strings.
    public static let reserved = Set(Keyword.allCases.map(\.rawValue))

    /// Words that can never be names, because inside expressions they are operators or values.
    /// Statement keywords are fine as names (`template rail(goal)`, `serves goal`): they only
    /// mean something at the start of a statement.
    public static let reservedNames: Set<String> = ["true", "false", "and", "or", "not", "in"]

    /// Whether a statement may start with `keyword` in `context`: `keywords(in:)` without
    /// comparing strings (`StatementWordTests` holds the two equal).
    package static func allows(_ keyword: Keyword, in context: BlockContext) -> Bool {
        switch context {
        case .script: return keyword.startsStatement
        case .plan, .template:
            switch keyword {
            case .let, .goal, .intervention, .use, .if, .for, .print: return true
            default: return false
            }
        case .goal, .intervention, .client, .assess, .checkin, .progress, .visit:
            switch keyword {
            case .let, .if, .for, .print: return true
            default: return false
            }
        }
    }

    /// `reservedNames.contains(word)` without hashing: the parser asks for every name.
    package static func isReservedName(_ word: String) -> Bool {
        switch word.utf8.count {
        case 2: return word == "or" || word == "in"
        case 3: return word == "and" || word == "not"
        case 4: return word == "true"
        case 5: return word == "false"
        default: return false
        }
    }
}
