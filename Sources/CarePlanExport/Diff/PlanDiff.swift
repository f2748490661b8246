import CarePlanBasics

/// What changed between two versions of a plan file, by meaning rather than by line: plans,
/// goals and interventions are matched by id, and each change is said the way a reviewer of a
/// re-evaluation would say it ("goal `stairs` replaced by `stairs-down`", "frequency: 3 times
/// a week -> 2 times a week"). Comments, layout and the order of declarations are not changes.
///
/// Computed by `PlanDiffer`, printed by `DiffRenderer` (text and JSON).
public struct PlanFileDiff: Sendable {
    /// The names the two versions are shown under.
    public var old: String
    public var new: String
    /// The day both timelines were computed for (schedule consequences depend on it).
    public var today: CalendarDate
    /// One per plan in either version: old order first, then plans only in the new one.
    public var plans: [PlanDiff]

    /// True when anything at all differs (structure, records or dates).
    public var hasChanges: Bool { plans.contains { $0.hasChanges } }
}

/// The changes to one plan.
public struct PlanDiff: Sendable {
    public enum Status: String, Sendable {
        case added, removed, changed, unchanged
    }
    /// The plan's id in the new version (the old one when removed).
    public var id: String
    public var title: String
    public var status: Status
    /// Plan-level fields, most important first (payer, certification, diagnoses, precautions,
    /// frequency ...). For a plan that was renamed, the id change is the first.
    public var fields: [FieldChange] = []
    public var goals: [GoalChange] = []
    public var interventions: [InterventionChange] = []
    /// Dates and counts computed from each version's timeline, only those that moved.
    public var schedule: [FieldChange] = []
    /// Records (progress, visits) added or removed; closures are reported on their goals.
    public var records: [RecordChange] = []

    /// Structure: what the plan says it will do (goals, interventions, plan fields).
    public var hasStructuralChanges: Bool {
        status == .added || status == .removed || !fields.isEmpty || !goals.isEmpty || !interventions.isEmpty
    }
    public var hasChanges: Bool { hasStructuralChanges || !schedule.isEmpty || !records.isEmpty }
}

/// One field that differs: `before` and `after` as a reviewer reads them; nil where the field
/// was not written.
public struct FieldChange: Sendable, Equatable {
    /// What it is, in words: "target", "due", "frequency", "sessions booked".
    public var field: String
    public var before: String?
    public var after: String?

    public init(_ field: String, _ before: String?, _ after: String?) {
        self.field = field
        self.before = before
        self.after = after
    }
}

/// A goal that was added, removed, closed, reopened, replaced or changed.
public struct GoalChange: Sendable {
    public enum Kind: String, Sendable {
        /// Closed in the new version (achieved or discontinued), with no goal replacing it.
        case closed
        /// Closed, and a goal added in the new version `replaces` it.
        case replaced
        /// New in the new version.
        case added
        /// Written in the old version and gone from the new one (deleted rather than closed).
        case removed
        /// Closed in the old version and open again in the new one.
        case reopened
        /// Still there and open; some fields differ.
        case changed
    }
    public var kind: Kind
    public var id: String
    /// The title in the version it is described from (the old one for removed and replaced goals).
    public var title: String
    /// For `closed` and `replaced`: how, when and why it was closed in the new version.
    public var closure: ClosureInfo?
    /// For `replaced`: the goal that takes over, as it reads in the new version.
    public var replacement: GoalSummary?
    /// For `added`: the goal's essentials (measure, assist level, due date).
    public var summary: GoalSummary?
    /// For `changed` (and a closed goal that was also edited): field by field.
    public var fields: [FieldChange] = []

    /// How a goal was closed.
    public struct ClosureInfo: Sendable, Equatable {
        public var status: String
        public var date: CalendarDate
        public var reason: String?

        package init(status: String, date: CalendarDate, reason: String? = nil) {
            self.status = status
            self.date = date
            self.reason = reason
        }
    }
}

/// A goal in a few words: its title, what it measures and by when.
public struct GoalSummary: Sendable, Equatable {
    public var id: String
    public var title: String
    /// "steps done without cues 4 -> 10", "assist moderate -> independent", "due 2027-01-25".
    public var details: [String]
}

/// An intervention that was added, removed or changed.
public struct InterventionChange: Sendable {
    public enum Kind: String, Sendable { case added, removed, changed }
    public var kind: Kind
    public var id: String
    public var title: String
    /// For added and removed ones: type, goals served, frequency, minutes.
    public var details: [String] = []
    /// For changed ones: field by field.
    public var fields: [FieldChange] = []
}

/// A dated record added to or removed from the plan (progress records, visits).
public struct RecordChange: Sendable, Equatable {
    /// `changed`: the same record (date and summary) on both sides, its content edited.
    public enum Kind: String, Sendable { case added, removed, changed }
    public var kind: Kind
    /// "progress", "visit".
    public var record: String
    public var date: CalendarDate
    /// "5 goals", "attended, 45 minutes", "cancelled".
    public var detail: String

    package init(kind: Kind, record: String, date: CalendarDate, detail: String) {
        self.kind = kind
        self.record = record
        self.date = date
        self.detail = detail
    }
}
