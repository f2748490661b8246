import CarePlanBasics
import CarePlanSyntax

/// A value together with where it was written, so validation can point at it.
public struct Located<T: Sendable>: Sendable {
    public var value: T
    public var span: Span
    public init(_ value: T, _ span: Span) { self.value = value; self.span = span }
}

/// A reference to a goal by id, resolved during validation (goals may be declared later).
public typealias GoalRef = Located<String>

extension Located: Equatable where T: Equatable {}

/// The person the plan is for.
public struct Client: Sendable {
    public var name: Located<String>
    /// The client's identifier in the clinic's records (`id "MRN-12345"`), and the URI of the
    /// system that issued it, if given.
    public var identifier: String?
    public var identifierSystem: String?
    public var born: Located<CalendarDate>?
    public var gender: Gender?
    public var referral: String?
    public var history: String?
    public var lives: String?
    public var settings: [Setting] = []

    package init(name: Located<String>, identifier: String? = nil, identifierSystem: String? = nil, born: Located<CalendarDate>? = nil, gender: Gender? = nil, referral: String? = nil, history: String? = nil, lives: String? = nil, settings: [Setting] = []) {
        self.name = name
        self.identifier = identifier
        self.identifierSystem = identifierSystem
        self.born = born
        self.gender = gender
        self.referral = referral
        self.history = history
        self.lives = lives
        self.settings = settings
    }
}

/// A diagnosis on a plan: an ICD-10-CM code, its text, or both.
public struct Diagnosis: Sendable {
    public var code: Located<String>?
    /// As written, or the code's display text when only the code was written.
    public var text: String
    public var span: Span

    public init(code: Located<String>?, text: String, span: Span) {
        self.code = code
        self.text = text
        self.span = span
    }
}

/// What was found at assessment.
public struct Assessment: Sendable {
    package init() {}
    public struct Observation: Sendable {
        public var task: String
        public var finding: String
        package init(task: String, finding: String) { self.task = task; self.finding = finding }
    }
    public struct EnvironmentFinding: Sendable {
        public var setting: Setting
        public var finding: String
        package init(setting: Setting, finding: String) { self.setting = setting; self.finding = finding }
    }
    public struct Score: Sendable {
        public var instrument: String
        public var value: String
        /// The standardised measure it scores (`score berg: 38`), if named by id.
        public var measure: OutcomeMeasure? = nil
        /// The value, when it is a number.
        public var number: Double? = nil
        public var span: Span? = nil

        package init(instrument: String, value: String, measure: OutcomeMeasure? = nil, number: Double? = nil, span: Span? = nil) {
            self.instrument = instrument
            self.value = value
            self.measure = measure
            self.number = number
            self.span = span
        }
    }
    public var observations: [Observation] = []
    public var environments: [EnvironmentFinding] = []
    public var scores: [Score] = []
    public var interviews: [String] = []
    public var copm: [COPMItem] = []
    public var isEmpty: Bool {
        observations.isEmpty && environments.isEmpty && scores.isEmpty && interviews.isEmpty && copm.isEmpty
    }
}

/// One COPM problem: importance, and performance and satisfaction (1-10).
public struct COPMItem: Sendable {
    public var activity: String
    public var importance: Int?
    public var performance: Int
    public var satisfaction: Int
    public var span: Span

    package init(activity: String, importance: Int? = nil, performance: Int, satisfaction: Int, span: Span) {
        self.activity = activity
        self.importance = importance
        self.performance = performance
        self.satisfaction = satisfaction
        self.span = span
    }
}

/// A measurable change: "steps done without cues" from 4 to 10.
public struct Measure: Sendable, Equatable {
    public var name: String
    /// The standardised measure named by id (`measure tug from 19 to 10`); nil for free text.
    public var standard: OutcomeMeasure? = nil
    public var baseline: Located<Double>
    public var target: Located<Double>
    public var span: Span

    /// Which way is better: a standardised measure knows (lower is better for the TUG or
    /// pain); a free-text one is read from the goal, a target at or above the baseline means up.
    public var higherIsBetter: Bool { standard.map { !$0.info.lowerIsBetter } ?? (target.value >= baseline.value) }

    package init(name: String, standard: OutcomeMeasure? = nil, baseline: Located<Double>, target: Located<Double>, span: Span) {
        self.name = name
        self.standard = standard
        self.baseline = baseline
        self.target = target
        self.span = span
    }
}

/// A goal: what the client wants to be able to do, by when.
/// Equatable so that findings about one goal can be kept while the goal is unchanged (the
/// REPL's per-goal findings, `GoalFindings`).
///
/// Its fields live out of line and are shared by copies until one copy changes (copy on
/// write): every pass of the validator, the schedule and the documents over a plan's goals
/// copies each goal, and a copy of the fields themselves retained and released a dozen strings
/// and lists (see `SharedFields`). An unchanged goal also compares equal at once.
public struct Goal: Sendable, Equatable {
    struct Fields: Equatable {
        var id: Located<String>
        var title: Located<String>
        var occupation: Located<OccupationArea>?
        var assistFrom: Located<AssistLevel>?
        var assistTo: Located<AssistLevel>?
        var condition: String?
        var measure: Measure?
        var due: Located<CalendarDate>?
        var span: Span
        var focus: [MovementFocus] = []
        var supports: GoalRef?
        var replaces: GoalRef?
        var start: Located<CalendarDate>?
        var gas: GASScale?
        var notes: [String] = []
        var expressedBy: GoalAuthor?
        var attempted: FieldNames = []
    }
    private var shared: SharedFields<Fields>
    private var owned: SharedFields<Fields> { mutating get { SharedFields.owned(&shared) } }

    public var id: Located<String> { get { shared.fields.id } set { owned.fields.id = newValue } }
    public var title: Located<String> { get { shared.fields.title } set { owned.fields.title = newValue } }
    public var occupation: Located<OccupationArea>? { get { shared.fields.occupation } set { owned.fields.occupation = newValue } }
    public var assistFrom: Located<AssistLevel>? { get { shared.fields.assistFrom } set { owned.fields.assistFrom = newValue } }
    public var assistTo: Located<AssistLevel>? { get { shared.fields.assistTo } set { owned.fields.assistTo = newValue } }
    public var condition: String? { get { shared.fields.condition } set { owned.fields.condition = newValue } }
    public var measure: Measure? { get { shared.fields.measure } set { owned.fields.measure = newValue } }
    public var due: Located<CalendarDate>? { get { shared.fields.due } set { owned.fields.due = newValue } }
    public var span: Span { get { shared.fields.span } set { owned.fields.span = newValue } }
    public var focus: [MovementFocus] { get { shared.fields.focus } set { owned.fields.focus = newValue } }
    /// A short-term goal's long-term goal (`supports`).
    public var supports: GoalRef? { get { shared.fields.supports } set { owned.fields.supports = newValue } }
    /// The closed goal this one takes over from (`replaces`).
    public var replaces: GoalRef? { get { shared.fields.replaces } set { owned.fields.replaces = newValue } }
    /// The day the goal was set (`starts DATE`); nil: the plan's start, or for a goal that
    /// `replaces` another, the day that one closed (see `Timeline`).
    public var start: Located<CalendarDate>? { get { shared.fields.start } set { owned.fields.start = newValue } }
    /// Goal Attainment Scaling, when the goal has a `gas` line: only such goals are scaled.
    public var gas: GASScale? { get { shared.fields.gas } set { owned.fields.gas = newValue } }
    public var notes: [String] { get { shared.fields.notes } set { owned.fields.notes = newValue } }
    /// Whose words the goal is (`expressed-by client`); nil: not said.
    public var expressedBy: GoalAuthor? { get { shared.fields.expressedBy } set { owned.fields.expressedBy = newValue } }
    /// Field keywords written for this element, even ones whose value was rejected: the
    /// validator does not then also call the field "missing" (no cascades).
    public var attempted: FieldNames { get { shared.fields.attempted } set { owned.fields.attempted = newValue } }

    public init(id: Located<String>, title: Located<String>, span: Span) {
        shared = SharedFields(Fields(id: id, title: title, span: span))
    }

    public static func == (a: Goal, b: Goal) -> Bool { a.shared === b.shared || a.shared.fields == b.shared.fields }
}

/// A goal's Goal Attainment Scaling: its weight and its level at baseline.
public struct GASScale: Sendable, Equatable {
    public var weight: Double = 1
    public var baseline: Int = -1
    public var span: Span

    package init(weight: Double = 1, baseline: Int = -1, span: Span) {
        self.weight = weight
        self.baseline = baseline
        self.span = span
    }
}

/// How often sessions happen: `2 per week for 8 weeks`, `daily`, `every 2 weeks`, `3 per week for 12 visits`.
public struct Frequency: Sendable, Equatable {
    /// Sessions per period (1 when written `every N weeks`).
    public var times: Int
    /// The period in days: 1, 7, 14, 30...
    public var period: Duration
    /// How long: a calendar duration, or a number of visits (`for 12 visits`).
    public var length: Duration?
    /// When the sessions begin (`from DATE` or `from 6 weeks`); nil: the plan's start.
    public var start: CalendarDate?
    public var span: Span
    /// The days sessions are booked on (`on mon, wed, fri`); empty: Monday to Friday.
    public var weekdays: [Weekday] = []
    /// A single session (`frequency once on DATE`): `start` is its date.
    public var isOnce = false

    public init(times: Int, period: Duration, length: Duration?, start: CalendarDate? = nil, span: Span,
                weekdays: [Weekday] = [], isOnce: Bool = false) {
        self.times = times; self.period = period; self.length = length; self.start = start
        self.span = span; self.weekdays = weekdays; self.isOnce = isOnce
    }

    public static func == (a: Frequency, b: Frequency) -> Bool {
        a.times == b.times && a.period == b.period && a.length == b.length && a.start == b.start
            && a.weekdays == b.weekdays && a.isOnce == b.isOnce
    }
}

/// What goals and interventions share: an id, unique within their plan.
public protocol PlanElement {
    var id: Located<String> { get }
}

extension Goal: PlanElement {}
extension Intervention: PlanElement {}

/// Something a plan does to help the client reach goals.
public struct Intervention: Sendable {
    struct Fields {
        var id: Located<String>
        var title: Located<String>
        var type: Located<InterventionType>?
        var serves: [GoalRef] = []
        var frequency: Frequency?
        var minutes: Int?
        var approach: Approach?
        var span: Span
        var equipment: [String] = []
        var cpt: [Located<String>] = []
        var notes: [String] = []
        var delivery: Located<Delivery>?
        var attempted: FieldNames = []
    }
    /// Out of line and shared by copies until one changes, as a goal's (see `Goal`).
    private var shared: SharedFields<Fields>
    private var owned: SharedFields<Fields> { mutating get { SharedFields.owned(&shared) } }

    public var id: Located<String> { get { shared.fields.id } set { owned.fields.id = newValue } }
    public var title: Located<String> { get { shared.fields.title } set { owned.fields.title = newValue } }
    public var type: Located<InterventionType>? { get { shared.fields.type } set { owned.fields.type = newValue } }
    public var serves: [GoalRef] { get { shared.fields.serves } set { owned.fields.serves = newValue } }
    public var frequency: Frequency? { get { shared.fields.frequency } set { owned.fields.frequency = newValue } }
    public var minutes: Int? { get { shared.fields.minutes } set { owned.fields.minutes = newValue } }
    public var approach: Approach? { get { shared.fields.approach } set { owned.fields.approach = newValue } }
    public var span: Span { get { shared.fields.span } set { owned.fields.span = newValue } }
    public var equipment: [String] { get { shared.fields.equipment } set { owned.fields.equipment = newValue } }
    /// CPT codes of the services this intervention is billed as (`cpt 97535`).
    public var cpt: [Located<String>] { get { shared.fields.cpt } set { owned.fields.cpt = newValue } }
    public var notes: [String] { get { shared.fields.notes } set { owned.fields.notes = newValue } }
    /// How it is delivered; nil: in person.
    public var delivery: Located<Delivery>? { get { shared.fields.delivery } set { owned.fields.delivery = newValue } }
    /// Field keywords written for this element, even ones whose value was rejected: the
    /// validator does not then also call the field "missing" (no cascades).
    public var attempted: FieldNames { get { shared.fields.attempted } set { owned.fields.attempted = newValue } }

    /// A home programme is never a treatment day.
    public var isHomeProgramme: Bool { delivery?.value == .homeProgramme }

    package init(id: Located<String>, title: Located<String>, span: Span) {
        shared = SharedFields(Fields(id: id, title: title, span: span))
    }
}

/// A certification of the plan of care by the physician or non-physician practitioner: the
/// initial one (`certify for 90 days`) or a re-certification (`recertify on DATE`).
public struct Certification: Sendable {
    /// The period's first day: nil for the initial certification (the plan's start).
    public var on: Located<CalendarDate>?
    /// How long the period is; nil: the payer's usual length.
    public var length: Located<Duration>?
    /// When the physician/NPP signed it; unsigned re-certifications are only planned.
    public var signed: Located<CalendarDate>?
    public var by: String?
    public var npi: String?
    public var span: Span

    package init(on: Located<CalendarDate>? = nil, length: Located<Duration>? = nil, signed: Located<CalendarDate>? = nil, by: String? = nil, npi: String? = nil, span: Span) {
        self.on = on
        self.length = length
        self.signed = signed
        self.by = by
        self.npi = npi
        self.span = span
    }
}

/// A clinic closure (`closed 2026-12-24 to 2026-12-26 "Christmas"`): no sessions are booked
/// in it; courses counted in visits are made up after it.
public struct ClinicClosure: Sendable {
    public var from: Located<CalendarDate>
    public var to: Located<CalendarDate>
    public var reason: String?
    public var span: Span
    public func contains(_ d: CalendarDate) -> Bool { from.value <= d && d <= to.value }

    package init(from: Located<CalendarDate>, to: Located<CalendarDate>, reason: String? = nil, span: Span) {
        self.from = from
        self.to = to
        self.reason = reason
        self.span = span
    }
}

/// A visit as it actually happened (or did not): the record of care given.
public struct Visit: Sendable {
    public var date: Located<CalendarDate>
    public var status: VisitStatus
    public var minutes: Located<Int>?
    /// The interventions given at the visit (`gave labels, kettle`); empty: not itemised.
    public var given: [GoalRef] = []
    public var reason: String?
    public var notes: [String] = []
    /// The daily note in SOAP form (SOAPNote.swift); empty when not written.
    public var soap = SOAPNote()
    /// The services billed for the visit, with CPT codes and minutes (VisitService.swift).
    public var services: [VisitService] = []
    public var span: Span

    package init(date: Located<CalendarDate>, status: VisitStatus, minutes: Located<Int>? = nil, given: [GoalRef] = [], reason: String? = nil, notes: [String] = [], soap: SOAPNote = SOAPNote(), services: [VisitService] = [], span: Span) {
        self.date = date
        self.status = status
        self.minutes = minutes
        self.given = given
        self.reason = reason
        self.notes = notes
        self.soap = soap
        self.services = services
        self.span = span
    }
}

/// A check-in: one date, or repeating until an end.
public struct CheckIn: Sendable {
    public var on: CalendarDate?
    public var every: Duration?
    public var from: CalendarDate?
    public var until: CalendarDate?
    public var reviews: [GoalRef] = []
    public var span: Span

    package init(on: CalendarDate? = nil, every: Duration? = nil, from: CalendarDate? = nil, until: CalendarDate? = nil, reviews: [GoalRef] = [], span: Span) {
        self.on = on
        self.every = every
        self.from = from
        self.until = until
        self.reviews = reviews
        self.span = span
    }
}

/// A goal closed as achieved or discontinued.
public struct Closure: Sendable {
    public var goal: GoalRef
    public var status: GoalClosure
    public var date: Located<CalendarDate>
    public var reason: String?
    public var span: Span

    package init(goal: GoalRef, status: GoalClosure, date: Located<CalendarDate>, reason: String? = nil, span: Span) {
        self.goal = goal
        self.status = status
        self.date = date
        self.reason = reason
        self.span = span
    }
}

/// One dated progress record: goal measurements, assist levels, GAS levels, COPM re-ratings.
public struct ProgressRecord: Sendable {
    // Fields are in this order so that the one-byte and odd-sized ones share padding (Swift
    // lays fields out as written): 96 bytes instead of 104, for every entry of every record.
    public struct Entry: Sendable {
        public var goal: GoalRef
        public var note: String?
        public var gas: Located<Int>?
        public var value: Double?
        public var assist: AssistLevel?
        public var span: Span

        package init(goal: GoalRef, note: String? = nil, gas: Located<Int>? = nil, value: Double? = nil, assist: AssistLevel? = nil, span: Span) {
            self.goal = goal
            self.note = note
            self.gas = gas
            self.value = value
            self.assist = assist
            self.span = span
        }
    }
    public var date: Located<CalendarDate>
    public var entries: [Entry] = []
    public var copm: [COPMItem] = []
    public var notes: [String] = []
    public var span: Span

    package init(date: Located<CalendarDate>, entries: [Entry] = [], copm: [COPMItem] = [], notes: [String] = [], span: Span) {
        self.date = date
        self.entries = entries
        self.copm = copm
        self.notes = notes
        self.span = span
    }
}

/// A therapy plan of care.
public struct Plan: Sendable {
    public var id: Located<String>
    public var title: Located<String>
    public var discipline: Located<Discipline>?
    public var client: Client?
    public var clinician: String?
    public var start: Located<CalendarDate>?
    public var description: String?
    public var diagnoses: [Diagnosis] = []
    public var status: PlanStatus = .active
    /// `completed` or `revoked`: care is over; nothing more is booked, reviewed or reported.
    public var isFinished: Bool { status == .completed || status == .revoked }
    public var assessment = Assessment()
    /// Goals and interventions are added through `add(_:)`, which keeps the id indexes below
    /// in step, so looking an element up by id never scans the plan.
    public package(set) var goals: [Goal] = []
    public package(set) var interventions: [Intervention] = []
    package private(set) var goalPositions: [String: Int] = [:]
    package private(set) var interventionPositions: [String: Int] = [:]
    public var frequency: Frequency?
    public var checkins: [CheckIn] = []
    public var reassessments: [Located<CalendarDate>] = []
    public var payer: Located<Payer>?
    /// The initial certification (`certify ...`); nil: not written (the payer's usual length).
    public var certification: Certification?
    public var recertifications: [Certification] = []
    public var clinicClosures: [ClinicClosure] = []
    public var visits: [Visit] = []
    public var closures: [Closure] = []
    public var progress: [ProgressRecord] = []
    public var notes: [String] = []
    /// Signatures, precautions, prior level of function, rehab potential, discharge criteria
    /// and plan, people trained (PlanOfCare.swift).
    public var care = PlanOfCare()
    /// Field keywords written for this element, even ones whose value was rejected: the
    /// validator does not then also call the field "missing" (no cascades).
    public var attempted: FieldNames = []
    public var span: Span

    public init(id: Located<String>, title: Located<String>, span: Span) {
        self.id = id
        self.title = title
        self.span = span
    }

    /// Plans up to this many goals (or interventions) are searched; longer ones keep an index.
    /// Most plans have a handful, and an index for each cost more memory than its goals did.
    @usableFromInline package static let indexFrom = 12

    /// Position of a goal by id (the first with that id).
    public func goalIndex(_ id: String) -> Int? { Plan.position(of: id, in: goals, goalPositions) }
    /// Position of an intervention by id (the first with that id).
    public func interventionIndex(_ id: String) -> Int? { Plan.position(of: id, in: interventions, interventionPositions) }

    /// Searches a short list, or uses the index of a long one. Static, taking the list and the
    /// index: callers holding a plan inside an array pass its fields, without copying the plan.
    /// Inlinable so that the interpreter's calls are specialised for goals and interventions:
    /// unspecialised, reading `id` copied each element searched, every field of it
    /// (`check DIR`, 1,000 plans: 135M of 2,051M instructions were spent here).
    @inlinable package static func position<E: PlanElement>(of id: String, in list: [E], _ positions: [String: Int]) -> Int? {
        list.count <= indexFrom ? list.firstIndex { $0.id.value == id } : positions[id]
    }

    package mutating func add(_ goal: Goal) {
        goals.append(goal)
        Plan.added(goals, &goalPositions)
    }

    package mutating func add(_ intervention: Intervention) {
        interventions.append(intervention)
        Plan.added(interventions, &interventionPositions)
    }

    /// Keeps an id index in step after an append to `list`: built once the list outgrows a
    /// search, then extended. The first element with an id keeps it; a duplicate is reported
    /// and taken back.
    private static func added<E: PlanElement>(_ list: [E], _ positions: inout [String: Int]) {
        if list.count == indexFrom + 1 {
            for (i, each) in list.enumerated() where positions[each.id.value] == nil { positions[each.id.value] = i }
        } else if list.count > indexFrom, let last = list.last, positions[last.id.value] == nil {
            positions[last.id.value] = list.count - 1
        }
    }

    /// Takes back the element just added (a duplicate id whose body was still checked).
    package mutating func removeLastGoal() {
        let g = goals.removeLast()
        if goals.count <= Plan.indexFrom { goalPositions = [:] }
        else if goalPositions[g.id.value] == goals.count { goalPositions[g.id.value] = nil }
    }

    package mutating func removeLastIntervention() {
        let i = interventions.removeLast()
        if interventions.count <= Plan.indexFrom { interventionPositions = [:] }
        else if interventionPositions[i.id.value] == interventions.count { interventionPositions[i.id.value] = nil }
    }

    /// Gives back the spare capacity of the lists that grew while the plan was declared
    /// (arrays double as they grow; a checked caseload keeps every plan in memory).
    package mutating func trimCapacity() {
        goals.trimCapacity()
        interventions.trimCapacity()
        checkins.trimCapacity()
    }

    public func goal(_ id: String) -> Goal? { goalIndex(id).map { goals[$0] } }

    /// The plan without the records (closures, progress, visits) dated after `today`.
    public func recorded(upTo today: CalendarDate) -> Plan {
        guard closures.contains(where: { $0.date.value > today }) || progress.contains(where: { $0.date.value > today })
                || visits.contains(where: { $0.date.value > today }) else { return self }
        var p = self
        p.closures.removeAll { $0.date.value > today }
        p.progress.removeAll { $0.date.value > today }
        p.visits.removeAll { $0.date.value > today }
        return p
    }
    public func closure(of goalID: String) -> Closure? { closures.first { $0.goal.value == goalID } }
}

extension Array {
    /// Drops spare capacity by copying into a buffer of exactly `count` (`Array(self[...])`
    /// would keep the same buffer, spare capacity and all).
    package mutating func trimCapacity() {
        guard capacity > count else { return }
        var exact: [Element] = []
        exact.reserveCapacity(count)
        exact.append(contentsOf: self)
        self = exact
    }
}
