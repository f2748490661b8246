import CarePlanBasics
import CarePlanModel

/// A plan's concrete calendar: sessions, check-ins, re-assessments, re-certification and goal
/// due dates. `careplan schedule`, the validator's time rules and every export use this one
/// computation, so they always agree.
public struct Schedule: Sendable {
    /// Most events one series may produce: a plan is months, not decades, and this bounds work.
    public static let maxEventsPerSeries = 1000
    /// Most dates one plan's schedule may hold, all series together: with the per-series bound
    /// alone, a loop adding 10,000 daily check-ins made 10 million dates (10 s, 1.2 GB; found
    /// by fuzzing). Past it, later series are left out, `isTruncated` is set and the validator
    /// reports CP0510.
    public static let maxEventsPerPlan = 20_000

    public enum Kind: String, Sendable, CaseIterable, Comparable {
        case session, checkin, reassessment, recertification, certificationEnd = "certification-end", goalDue = "goal-due"
        public static func < (a: Kind, b: Kind) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
        /// How the kind reads in listings.
        public var label: String {
            switch self {
            case .session: return "session"
            case .checkin: return "check-in"
            case .reassessment: return "re-assessment"
            case .recertification: return "re-certification"
            case .certificationEnd: return "certification ends"
            case .goalDue: return "goal due"
            }
        }
    }

    /// How a repeating series repeats, for calendar rules (RRULE).
    public struct Rule: Sendable, Equatable {
        /// The repeat unit: `.day`, `.week` or `.month`.
        public var unit: DurationUnit
        /// Every `interval` units.
        public var interval: Int
        /// ISO weekdays (1 = Monday) when several sessions fall in each week.
        public var weekdays: [Int]
        /// Number of occurrences (always known: the series is expanded).
        public var count: Int

        public init(unit: DurationUnit, interval: Int, weekdays: [Int], count: Int) {
            self.unit = unit
            self.interval = interval
            self.weekdays = weekdays
            self.count = count
        }
    }

    /// One schedule line: a single date or a repeating series, with a stable id.
    public struct Series: Sendable {
        /// Stable across runs: plan id, kind, and the element or position it comes from.
        public var id: String
        public var kind: Kind
        public var title: String
        /// The intervention or goal it belongs to, if any.
        public var element: String?
        public var dates: [CalendarDate]
        /// nil for one-off dates or irregular series.
        public var rule: Rule?
        /// Goals a check-in reviews.
        public var reviews: [String]

        package init(id: String, kind: Kind, title: String, element: String? = nil, dates: [CalendarDate], rule: Rule? = nil, reviews: [String]) {
            self.id = id
            self.kind = kind
            self.title = title
            self.element = element
            self.dates = dates
            self.rule = rule
            self.reviews = reviews
        }
    }

    /// One dated event, flattened from the series.
    public struct Event: Sendable, Equatable {
        public var date: CalendarDate
        public var kind: Kind
        public var title: String
        public var element: String?
        public var seriesID: String
        /// 1-based position within its series.
        public var occurrence: Int
    }

    public var plan: String
    public var start: CalendarDate?
    /// The certification periods, initial first (statuses as of the `today` given to `of`).
    public var certifications: [CertificationPeriod] = []
    /// Each goal's life, in goal order (the `Timeline` reads them from here).
    public var lives: [GoalLife] = []
    /// The day the plan's clocks stop: the later of the last goal due date and the end of the
    /// last certification period (or the payer's horizon when there is neither).
    public var end: CalendarDate?
    public var series: [Series]
    /// Set when the plan has more dates than `maxEventsPerPlan`: `series` holds only the first.
    public var isTruncated = false

    /// Every event in date order (then kind, then title), optionally within [from, to].
    public func events(from: CalendarDate? = nil, to: CalendarDate? = nil) -> [Event] {
        var out: [Event] = []
        for s in series {
            for (i, d) in s.dates.enumerated() {
                if let from, d < from { continue }
                if let to, d > to { continue }
                out.append(Event(date: d, kind: s.kind, title: s.title, element: s.element, seriesID: s.id, occurrence: i + 1))
            }
        }
        return out.sorted { a, b in
            if a.date != b.date { return a.date < b.date }
            if a.kind != b.kind { return a.kind < b.kind }
            return a.title < b.title
        }
    }

    /// Computes the schedule of a plan. A plan with no start has no dates. `today` only
    /// decides which records count (a closure after it is left out) and the certification
    /// statuses; the booked dates do not depend on it.
    public static func of(_ plan: Plan, today: CalendarDate? = nil) -> Schedule {
        let pid = plan.id.value
        guard let start = plan.start?.value else {
            return Schedule(plan: pid, start: nil, end: nil, series: [])
        }
        let rules = PayerRules.of(plan.payer?.value)
        let certifications = CertificationPeriod.of(plan, rules: rules, today: today)
        let lives = GoalLife.of(plan, today: today)
        // By index, reading fields in place: copying each goal out of the plan retains all of
        // its strings and lists (the REPL validates a 1,000-goal plan after every statement).
        var lastDue: CalendarDate? = nil
        for k in plan.goals.indices {
            guard let due = plan.goals[k].due?.value, !(lives[k].end.map { $0 <= due } ?? false) else { continue }
            lastDue = max(lastDue ?? due, due)
        }
        let certEnd = certifications.map(\.end).max()
        let horizon = (rules.horizon.after(start) ?? start.adding(days: 90)).adding(days: -1)
        let end = [lastDue, certEnd].compactMap { $0 }.max() ?? horizon
        var series: [Series] = []
        var budget = maxEventsPerPlan, truncated = false
        /// Adds a series while the plan's budget of dates lasts; `make` runs only if it does.
        func add(_ make: () -> Series) {
            guard budget > 0 else { truncated = true; return }
            var s = make()
            if s.dates.count > budget {
                s.dates.removeLast(s.dates.count - budget)
                s.rule?.count = budget
                truncated = true
            }
            budget -= s.dates.count
            series.append(consume s)
        }
        let closures = plan.clinicClosures

        func sessions(_ f: Frequency, id: String, title: String, element: String?, delivery: Delivery) -> Series {
            let (dates, rule) = expand(f, start: f.start ?? start, end: end,
                                       clinic: delivery == .homeProgramme ? nil : closures)
            return Series(id: id, kind: .session, title: title, element: element, dates: dates, rule: rule, reviews: [])
        }
        if let f = plan.frequency {
            add { sessions(f, id: "\(pid)-sessions", title: "Therapy session: \(plan.title.value)", element: nil, delivery: .inPerson) }
        }
        for i in plan.interventions {
            if let f = i.frequency {
                add { sessions(f, id: "\(pid)-\(i.id.value)-sessions", title: i.title.value, element: i.id.value,
                               delivery: i.delivery?.value ?? .inPerson) }
            }
        }
        // Lives by goal id, needed only when some goal is closed or set after the start: then
        // check-ins are split where the goals they review change.
        let lifeByID: [String: GoalLife] = lives.allSatisfy({ $0.end == nil && $0.start == start }) ? [:]
            : Dictionary(lives.map { ($0.goal, $0) }, uniquingKeysWith: { first, _ in first })
        for (n, c) in plan.checkins.enumerated() {
            var dates: [CalendarDate] = []
            var rule: Rule? = nil
            if let on = c.on { dates = [on] }
            if let every = c.every {
                // Without `from`, the first check-in is one interval after the start: the start
                // itself is the assessment, not a review of progress.
                let first = c.from ?? every.after(start) ?? start
                let until = c.until ?? end
                var d = first
                var k = 0
                while d <= until && dates.count < maxEventsPerSeries {
                    dates.append(d)
                    k += 1
                    guard let next = Duration(every.amount * k, every.unit).after(first) else { break }
                    d = next
                }
                if !dates.isEmpty, every.unit != .visit {
                    let unit: DurationUnit = every.unit == .year ? .month : every.unit
                    let interval = every.unit == .year ? every.amount * 12 : every.amount
                    rule = Rule(unit: unit, interval: interval, weekdays: [], count: dates.count)
                }
            }
            let written = c.reviews.map(\.value)
            // A check-in reviews only goals open on its date: split the line where the goals
            // it reviews change (a goal closed, or one set later), so no event names a closed
            // goal. A check-in without `review` lines reviews whatever is open.
            if written.isEmpty || dates.isEmpty || lifeByID.isEmpty {
                add { Series(id: "\(pid)-checkin-\(n + 1)", kind: .checkin,
                             title: written.isEmpty ? "Check-in" : "Check-in: review \(written.joined(separator: ", "))", element: nil,
                             dates: dates, rule: rule, reviews: written) }
                continue
            }
            var runs: [(reviews: [String], dates: [CalendarDate])] = []
            for d in dates {
                // An unknown id stays (CP0102 reports it).
                let open = written.filter { lifeByID[$0]?.isActive(on: d) ?? true }
                if let last = runs.last, last.reviews == open { runs[runs.count - 1].dates.append(d) }
                else { runs.append((open, [d])) }
            }
            for (k, run) in runs.enumerated() where !run.reviews.isEmpty {
                add {
                    var r = rule
                    r?.count = run.dates.count
                    return Series(id: k == 0 ? "\(pid)-checkin-\(n + 1)" : "\(pid)-checkin-\(n + 1)-\(k + 1)", kind: .checkin,
                                  title: "Check-in: review \(run.reviews.joined(separator: ", "))", element: nil,
                                  dates: run.dates, rule: r, reviews: run.reviews)
                }
            }
        }
        for (n, r) in plan.reassessments.enumerated() {
            add { Series(id: "\(pid)-reassess-\(n + 1)", kind: .reassessment, title: "Re-assessment",
                         element: nil, dates: [r.value], rule: nil, reviews: []) }
        }
        for (n, c) in certifications.enumerated() {
            if c.kind == .recertification {
                let how = c.signed.map { "signed \($0)" } ?? "planned, not signed"
                add { Series(id: "\(pid)-recertify-\(n)", kind: .recertification, title: "Re-certification (\(how); to \(c.end))",
                             element: nil, dates: [c.start], rule: nil, reviews: []) }
            }
            let which = c.kind == .initial ? "\(c.length)" : "re-certification of \(c.start)"
            add { Series(id: n == 0 && c.kind == .initial ? "\(pid)-certification-end" : "\(pid)-certification-end-\(n + 1)",
                         kind: .certificationEnd, title: "Certification ends (\(which))", element: nil,
                         dates: [c.end], rule: nil, reviews: []) }
        }
        for k in plan.goals.indices {
            // A goal closed on or before its due date no longer falls due.
            if let due = plan.goals[k].due?.value, !(lives[k].end.map { $0 <= due } ?? false) {
                let id = plan.goals[k].id.value
                add { Series(id: "\(pid)-\(id)-due", kind: .goalDue, title: "Goal due: \(plan.goals[k].title.value)",
                             element: id, dates: [due], rule: nil, reviews: [id]) }
            }
        }
        return Schedule(plan: pid, start: start, certifications: certifications, lives: lives, end: end, series: series,
                        isTruncated: truncated)
    }

    /// The end of the certification chain from the start: the initial period, extended by
    /// each re-certification (signed, or with `counting planned`, also planned ones) that
    /// begins on or before the day after the covered end. nil: the plan has no certification.
    public func certifiedThrough(countingPlanned: Bool) -> CalendarDate? {
        guard let first = certifications.first, first.kind == .initial else { return nil }
        var covered = first.end
        for c in certifications.dropFirst() where c.start <= covered.adding(days: 1) {
            if c.status == .planned && !countingPlanned { continue }
            covered = max(covered, c.end)
        }
        return covered
    }

    /// Session dates for a frequency: `times` sessions in each period, for the given length
    /// (calendar time or a number of visits), or until `end`. With `clinic` closures given
    /// (sessions at the clinic, in person or by video), sessions fall on weekdays only (the
    /// frequency's `on` days, else a usual pattern Monday to Friday) and never in a closure;
    /// a course counted in visits is made up after a closure. A home programme (`clinic` nil)
    /// keeps every day.
    package static func expand(_ f: Frequency, start: CalendarDate, end: CalendarDate,
                       clinic: [ClinicClosure]? = nil) -> ([CalendarDate], Rule?) {
        if f.isOnce { return ([start], nil) }
        let visitLimit = f.length?.unit == .visit ? f.length!.amount : Int.max
        let limit = min(visitLimit, maxEventsPerSeries)
        let stop: CalendarDate = {
            if let l = f.length, l.unit != .visit, let d = l.after(start) { return d.adding(days: -1) }
            return f.length?.unit == .visit ? CalendarDate(dayNumber: start.dayNumber + 3650) : end
        }()
        if let closures = clinic {
            return clinicDates(f, start: start, stop: stop, limit: limit, closures: closures)
        }
        var dates: [CalendarDate] = []
        var k = 0
        outer: while dates.count < limit {
            guard let periodStart = Duration(f.period.amount * k, f.period.unit).after(start),
                  let periodEnd = Duration(f.period.amount * (k + 1), f.period.unit).after(start) else { break }
            if periodStart > stop { break }
            let days = max(1, periodStart.days(until: periodEnd))
            for j in 0..<f.times {
                let d = periodStart.adding(days: j * days / f.times)
                if d > stop || dates.count >= limit { break outer }
                dates.append(d)
            }
            k += 1
        }
        return (dates, rule(for: f, dates))
    }

    /// The usual weekdays for `times` sessions a week when the plan names none.
    package static func usualWeekdays(_ times: Int, first: CalendarDate) -> [Int] {
        switch times {
        case 1: return [first.weekday > 5 ? 1 : first.weekday]
        case 2: return [2, 4]            // Tuesday, Thursday
        case 3: return [1, 3, 5]         // Monday, Wednesday, Friday
        case 4: return [1, 2, 4, 5]
        case 5: return [1, 2, 3, 4, 5]
        case 6: return [1, 2, 3, 4, 5, 6]
        default: return [1, 2, 3, 4, 5, 6, 7]
        }
    }

    /// Clinic sessions: on weekdays, outside closures.
    package static func clinicDates(_ f: Frequency, start: CalendarDate, stop: CalendarDate, limit: Int,
                            closures: [ClinicClosure]) -> ([CalendarDate], Rule?) {
        func closed(_ d: CalendarDate) -> Bool { closures.contains { $0.contains(d) } }
        var dates: [CalendarDate] = []
        var skipped = false
        switch f.period.unit {
        case .week:
            let days = f.weekdays.isEmpty ? usualWeekdays(f.times, first: start) : f.weekdays.map(\.iso)
            let monday = start.adding(days: 1 - start.weekday)
            var week = 0
            outer: while dates.count < limit {
                let weekStart = monday.adding(days: 7 * f.period.amount * week)
                if weekStart > stop { break }
                for wd in days {
                    let d = weekStart.adding(days: wd - 1)
                    if d < start { continue }
                    if d > stop || dates.count >= limit { break outer }
                    if closed(d) { skipped = true; continue }
                    dates.append(d)
                }
                week += 1
            }
            if skipped || dates.isEmpty || f.length?.unit == .visit && dates.count < limit { return (dates, nil) }
            return (dates, Rule(unit: .week, interval: f.period.amount, weekdays: days.filter { wd in dates.contains { $0.weekday == wd } },
                                count: dates.count))
        case .day:
            // Every weekday (several sessions a day are several dates, one treatment day).
            var d = start
            var k = 0
            while d <= stop && dates.count < limit && k < 20 * maxEventsPerSeries {
                if d.weekday <= 5 && k % f.period.amount == 0 {
                    if closed(d) { skipped = true } else {
                        for _ in 0..<f.times where dates.count < limit { dates.append(d) }
                    }
                }
                d = d.adding(days: 1)
                k += 1
            }
            return (dates, nil)
        default:
            // Monthly and longer: spread as usual, then a date on a weekend or in a closure
            // moves to the next open weekday.
            let (spread, _) = expand(Frequency(times: f.times, period: f.period, length: f.length, start: start, span: f.span),
                                     start: start, end: stop, clinic: nil)
            for var d in spread where dates.count < limit {
                var guardDays = 0
                while (d.weekday > 5 || closed(d)) && guardDays < 400 { d = d.adding(days: 1); guardDays += 1 }
                if d > stop && f.length?.unit != .visit { break }
                if dates.last != d { dates.append(d) }
            }
            return (dates, nil)
        }
    }

    /// The RRULE of an evenly spread series, when it has one.
    package static func rule(for f: Frequency, _ dates: [CalendarDate]) -> Rule? {
        guard !dates.isEmpty, f.period.unit != .visit else { return nil }
        var unit = f.period.unit, interval = f.period.amount
        if unit == .year { unit = .month; interval *= 12 }
        var weekdays: [Int] = []
        if f.times > 1 {
            // Several sessions per period repeat cleanly as weekdays only for weekly periods.
            guard unit == .week, interval == 1 else { return nil }
            weekdays = dates.prefix(f.times).map(\.weekday)
            if Set(weekdays).count != weekdays.count { return nil }
        }
        return Rule(unit: unit, interval: interval, weekdays: weekdays, count: dates.count)
    }

    package init(plan: String, start: CalendarDate? = nil, certifications: [CertificationPeriod] = [], lives: [GoalLife] = [], end: CalendarDate? = nil, series: [Series], isTruncated: Bool = false) {
        self.isTruncated = isTruncated
        self.plan = plan
        self.start = start
        self.certifications = certifications
        self.lives = lives
        self.end = end
        self.series = series
    }
}
