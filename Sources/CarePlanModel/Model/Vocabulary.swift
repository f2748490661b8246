import CarePlanBasics
import CarePlanSyntax

/// A closed vocabulary: a fixed set of words with stable spellings, each with a plain-language
/// label. Unknown words get "did you mean".
public protocol Vocabulary: CaseIterable, RawRepresentable, Sendable where RawValue == String {
    /// The name of the vocabulary in messages ("occupation area").
    static var vocabularyName: String { get }
    /// Everyday words for the value, for client-facing exports.
    var label: String { get }
    /// The value an abbreviation that practice writes stands for (`CGA`: contact guard), for
    /// "did you mean"; never accepted as the value itself.
    static func expanding(_ abbreviation: String) -> Self?
}

extension Vocabulary {
    public static func expanding(_ abbreviation: String) -> Self? { nil }
    public static var spellings: [String] { allCases.map(\.rawValue) }

    /// "did you mean `contact-guard`?" for a word that is not a value: an abbreviation first
    /// (edit distance cannot find `contact-guard` from `CGA`), else the closest spelling.
    public static func didYouMean(_ word: String) -> String? {
        if let value = expanding(word) { return "did you mean `\(value.rawValue)`?" }
        return Suggestion.didYouMean(word, in: spellings)
    }
    /// Accepts the canonical spelling, and a few synonyms declared by the type.
    public static func parse(_ word: String) -> Self? { Self(rawValue: word) }
}

/// Occupational therapy or physical therapy. Medicare expects separate plans for each.
public enum Discipline: String, Vocabulary {
    case OT, PT
    public static let vocabularyName = "discipline"
    public var label: String { self == .OT ? "occupational therapy" : "physical therapy" }
}

/// OTPF-4 areas of occupation.
public enum OccupationArea: String, Vocabulary {
    case adl, iadl
    case healthManagement = "health-management"
    case restSleep = "rest-sleep"
    case education, work, play, leisure
    case socialParticipation = "social-participation"
    public static let vocabularyName = "occupation area"
    public var label: String {
        switch self {
        case .adl: return "activities of daily living"
        case .iadl: return "instrumental activities of daily living"
        case .healthManagement: return "health management"
        case .restSleep: return "rest and sleep"
        case .education: return "education"
        case .work: return "work"
        case .play: return "play"
        case .leisure: return "leisure"
        case .socialParticipation: return "social participation"
        }
    }
}

/// Assist levels, most independent first, with CMS Section GG codes.
public enum AssistLevel: String, Vocabulary {
    case independent
    case modifiedIndependent = "modified-independent"
    /// Needs things set up or cleared away, and does the activity alone (Section GG 05).
    case setup
    case supervision
    case contactGuard = "contact-guard"
    case minimal, moderate, maximal, dependent
    public static let vocabularyName = "assist level"

    public static func expanding(_ abbreviation: String) -> AssistLevel? {
        AssistAbbreviation.level(for: abbreviation).flatMap(AssistLevel.init(rawValue:))
    }

    /// 0 = independent ... 7 = dependent. Lower is more independent.
    public var rank: Int { Self.allCases.firstIndex(of: self)! }

    public var label: String {
        switch self {
        case .independent: return "independently"
        case .modifiedIndependent: return "independently, with a device or extra time"
        case .setup: return "independently, once things are set up"
        case .supervision: return "with someone standing by"
        case .contactGuard: return "with a hand on for safety"
        case .minimal: return "with a little help (does 75% or more)"
        case .moderate: return "with some help (does half to three quarters)"
        case .maximal: return "with a lot of help (does a quarter to half)"
        case .dependent: return "with full help"
        }
    }

    /// CMS Section GG self-care/mobility code: 06 independent, 05 setup or clean-up, 04
    /// supervision or touching assistance (contact guard included), 03 partial/moderate (the
    /// helper does less than half the effort: minimal and moderate assist, where the client does
    /// 50% or more), 02 substantial/maximal (the helper does more than half), 01 dependent.
    /// Source: CMS, IRF-PAI / LTCH CARE Data Set / MDS 3.0 Section GG coding instructions.
    /// A device or extra time does not lower the GG code, so modified independence is 06.
    public var ggCode: String {
        switch self {
        case .independent, .modifiedIndependent: return "06"
        case .setup: return "05"
        case .supervision, .contactGuard: return "04"
        case .minimal, .moderate: return "03"
        case .maximal: return "02"
        case .dependent: return "01"
        }
    }

    /// The Section GG level's name, as CMS words it.
    public var ggDisplay: String {
        switch ggCode {
        case "06": return "Independent"
        case "05": return "Setup or clean-up assistance"
        case "04": return "Supervision or touching assistance"
        case "03": return "Partial/moderate assistance"
        case "02": return "Substantial/maximal assistance"
        default: return "Dependent"
        }
    }

    /// The LOINC answer code of the GG level, where careplan has it from a source it trusts
    /// (../shared/docs/domain.md); nil for the others rather than a guess.
    public var ggLOINCAnswer: String? {
        switch ggCode {
        case "06": return "LA27993-7"
        case "05": return "LA27994-5"
        case "04": return "LA28870-6"
        case "02": return "LA11759-0"
        default: return nil
        }
    }
}

/// OTPF-4 intervention types, plus physical therapy's.
public enum InterventionType: String, Vocabulary {
    case occupation, activity
    case physicalAgent = "physical-agent"
    case orthotics
    case assistiveTechnology = "assistive-technology"
    case environmentModification = "environment-modification"
    case wheeledMobility = "wheeled-mobility"
    case selfRegulation = "self-regulation"
    case education, training, advocacy, group, virtual
    case exercise
    case manualTherapy = "manual-therapy"
    public static let vocabularyName = "intervention type"

    public var label: String {
        switch self {
        case .occupation: return "practising the activity itself"
        case .activity: return "practising parts of the activity"
        case .physicalAgent: return "heat, cold or other physical agents"
        case .orthotics: return "splints and orthotics"
        case .assistiveTechnology: return "equipment and assistive technology"
        case .environmentModification: return "changes to the home or workplace"
        case .wheeledMobility: return "wheelchair or scooter"
        case .selfRegulation: return "strategies to manage energy, attention or emotions"
        case .education: return "learning about the condition and strategies"
        case .training: return "training in skills and routines"
        case .advocacy: return "speaking up for needs and rights"
        case .group: return "group sessions"
        case .virtual: return "sessions by video or online"
        case .exercise: return "prescribed exercises"
        case .manualTherapy: return "hands-on treatment"
        }
    }

    /// Types that belong to one discipline only (nil: used by both).
    public var onlyFor: Discipline? {
        switch self {
        // Occupation-based intervention and self-regulation are OTPF-4 constructs. Therapeutic
        // activities (CPT 97530), wheelchair management (97542), environment modification (home
        // fall prevention), physical agents, orthotics, assistive technology, group and virtual
        // sessions are billed and taught in both disciplines. Manual therapy is shared too:
        // hand therapists (often OTs) mobilise scars and joints.
        case .occupation, .selfRegulation: return .OT
        default: return nil
        }
    }
}

/// OTPF-4 intervention approaches.
public enum Approach: String, Vocabulary {
    case create, establish, maintain, modify, prevent
    public static let vocabularyName = "approach"
    public var label: String {
        switch self {
        case .create: return "create or promote"
        case .establish: return "establish or restore"
        case .maintain: return "maintain"
        case .modify: return "modify (compensate or adapt)"
        case .prevent: return "prevent"
        }
    }
}

/// Where the client lives, studies and works.
public enum Setting: String, Vocabulary {
    case home, school, workplace, community, hospital, outpatient
    public static let vocabularyName = "setting"
    public var label: String { rawValue }
}

/// What a PT goal is about.
public enum MovementFocus: String, Vocabulary {
    case mobility, strength
    case rangeOfMotion = "range-of-motion"
    case balance, gait, pain, endurance, prevention, transfers
    public static let vocabularyName = "movement focus"
    public var label: String { self == .rangeOfMotion ? "range of motion" : rawValue }
}

/// FHIR administrative gender.
public enum Gender: String, Vocabulary {
    case female, male, other, unknown
    public static let vocabularyName = "gender"
    public var label: String { rawValue }
}

/// FHIR CarePlan status (subset a therapist sets by hand).
public enum PlanStatus: String, Vocabulary {
    case draft, active
    case onHold = "on-hold"
    case completed, revoked
    public static let vocabularyName = "plan status"
    public var label: String { rawValue }
}

/// How a goal was closed.
public enum GoalClosure: String, Vocabulary {
    case achieved, discontinued
    public static let vocabularyName = "closing status"
    public var label: String { rawValue }
}

/// Units of a schedule's `per` clause.
public enum SchedulePeriod: String, Vocabulary {
    case day, week, month
    public static let vocabularyName = "period"
    public var label: String { rawValue }
}

/// Who pays for the plan: it decides which clocks apply (certification length, progress
/// reports, re-assessment). Medicare's rules are Medicare's; see `PayerRules`.
public enum Payer: String, Vocabulary {
    case medicarePartB = "medicare-part-b"
    case medicareHomeHealth = "medicare-home-health"
    case medicaid, school
    case workersComp = "workers-comp"
    case commercial
    case privatePay = "private-pay"
    public static let vocabularyName = "payer"
    public var label: String {
        switch self {
        case .medicarePartB: return "Medicare Part B (outpatient therapy)"
        case .medicareHomeHealth: return "Medicare home health"
        case .medicaid: return "Medicaid"
        case .school: return "school (IDEA / Section 504)"
        case .workersComp: return "workers' compensation"
        case .commercial: return "commercial insurance"
        case .privatePay: return "private pay"
        }
    }
    public var isMedicare: Bool { self == .medicarePartB || self == .medicareHomeHealth }
}

/// How an intervention reaches the client. A home programme is done by the client alone: it
/// is never a treatment day, and clinic closures and weekends do not move it.
public enum Delivery: String, Vocabulary {
    case inPerson = "in-person"
    case telehealth
    case homeProgramme = "home-programme"
    public static let vocabularyName = "delivery"
    public var label: String {
        switch self {
        case .inPerson: return "in person"
        case .telehealth: return "by video (telehealth)"
        case .homeProgramme: return "home programme (on your own)"
        }
    }
}

/// A day of the week, for booking sessions (`3 per week on mon, wed, fri`).
public enum Weekday: String, Vocabulary {
    case mon, tue, wed, thu, fri, sat, sun
    public static let vocabularyName = "weekday"
    public var label: String {
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][iso - 1]
    }
    /// ISO number: Monday 1 ... Sunday 7 (as `CalendarDate.weekday`).
    public var iso: Int { Weekday.allCases.firstIndex(of: self)! + 1 }
    public init?(iso: Int) {
        guard (1...7).contains(iso) else { return nil }
        self = Weekday.allCases[iso - 1]
    }
}

/// Whose words a goal is (`expressed-by client`): a client-centred plan records the goals the
/// client (or the family, for a child or a client who cannot say) set in their own words.
public enum GoalAuthor: String, Vocabulary {
    case client, family
    public static let vocabularyName = "goal author"
    public var label: String { self == .client ? "the client's own words" : "the family's words" }
}

/// What happened to a booked visit.
public enum VisitStatus: String, Vocabulary {
    case attended, cancelled
    case noShow = "no-show"
    public static let vocabularyName = "visit status"
    public var label: String { self == .noShow ? "did not attend" : rawValue }
}

/// Every vocabulary, by the name FieldSpec.expects uses; for completion and `:help`.
public enum Vocabularies {
    public static let byName: [String: [String]] = [
        "discipline": Discipline.spellings,
        "occupation": OccupationArea.spellings,
        "assist": AssistLevel.spellings,
        "intervention-type": InterventionType.spellings,
        "approach": Approach.spellings,
        "setting": Setting.spellings,
        "focus": MovementFocus.spellings,
        "gender": Gender.spellings,
        "plan-status": PlanStatus.spellings,
        "weight-bearing": WeightBearing.spellings,
        "rehab-potential": RehabPotential.spellings,
        "trained-role": TrainedRole.spellings,
        "measure": OutcomeMeasure.spellings,
        "payer": Payer.spellings,
        "delivery": Delivery.spellings,
        "weekday": Weekday.spellings,
        "goal-author": GoalAuthor.spellings,
    ]
}
