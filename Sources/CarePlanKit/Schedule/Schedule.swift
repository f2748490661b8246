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
    /// Last day covered by the current certification.
    public var certificationEnd: CalendarDate?
    /// The day the plan's clocks stop: the later of the last goal due date and certification end.
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

    /// Computes the schedule of a plan. A plan with no start has no dates.
    public static func of(_ plan: Plan) -> Schedule {
        let pid = plan.id.value
        guard let start = plan.start?.value else {
            return Schedule(plan: pid, start: nil, certificationEnd: nil, end: nil, series: [])
        }
        let certLength = plan.certification?.value ?? Duration(90, .day)
        let certEnd = (certLength.after(start) ?? start.adding(days: 90)).adding(days: -1)
        let lastDue = plan.goals.compactMap { $0.due?.value }.max()
        let end = max(lastDue ?? certEnd, certEnd)
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
            series.append(s)
        }

        func sessions(_ f: Frequency, id: String, title: String, element: String?) -> Series {
            let (dates, rule) = expand(f, start: f.start ?? start, end: end)
            return Series(id: id, kind: .session, title: title, element: element, dates: dates, rule: rule, reviews: [])
        }
        if let f = plan.frequency {
            add { sessions(f, id: "\(pid)-sessions", title: "Therapy session: \(plan.title.value)", element: nil) }
        }
        for i in plan.interventions {
            if let f = i.frequency {
                add { sessions(f, id: "\(pid)-\(i.id.value)-sessions", title: i.title.value, element: i.id.value) }
            }
        }
        for (n, c) in plan.checkins.enumerated() { add {
            let reviews = c.reviews.map(\.value)
            let title = reviews.isEmpty ? "Check-in" : "Check-in: review \(reviews.joined(separator: ", "))"
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
            return Series(id: "\(pid)-checkin-\(n + 1)", kind: .checkin, title: title, element: nil,
                          dates: dates, rule: rule, reviews: reviews)
        } }
        for (n, r) in plan.reassessments.enumerated() {
            add { Series(id: "\(pid)-reassess-\(n + 1)", kind: .reassessment, title: "Re-assessment",
                         element: nil, dates: [r.value], rule: nil, reviews: []) }
        }
        add { Series(id: "\(pid)-certification-end", kind: .certificationEnd,
                     title: "Certification ends (\(certLength))", element: nil, dates: [certEnd], rule: nil, reviews: []) }
        for (n, r) in plan.recertifications.enumerated() {
            add { Series(id: "\(pid)-recertify-\(n + 1)", kind: .recertification, title: "Re-certification",
                         element: nil, dates: [r.value], rule: nil, reviews: []) }
        }
        for g in plan.goals {
            if let due = g.due?.value {
                add { Series(id: "\(pid)-\(g.id.value)-due", kind: .goalDue, title: "Goal due: \(g.title.value)",
                             element: g.id.value, dates: [due], rule: nil, reviews: [g.id.value]) }
            }
        }
        return Schedule(plan: pid, start: start, certificationEnd: certEnd, end: end, series: series, isTruncated: truncated)
    }

    /// Session dates for a frequency: `times` sessions spread evenly through each period,
    /// for the given length (calendar time or a number of visits), or until `end`.
    static func expand(_ f: Frequency, start: CalendarDate, end: CalendarDate) -> ([CalendarDate], Rule?) {
        var dates: [CalendarDate] = []
        let visitLimit = f.length?.unit == .visit ? f.length!.amount : Int.max
        let stop: CalendarDate = {
            if let l = f.length, l.unit != .visit, let d = l.after(start) { return d.adding(days: -1) }
            return f.length?.unit == .visit ? CalendarDate(dayNumber: start.dayNumber + 3650) : end
        }()
        var k = 0
        outer: while dates.count < min(visitLimit, maxEventsPerSeries) {
            guard let periodStart = Duration(f.period.amount * k, f.period.unit).after(start),
                  let periodEnd = Duration(f.period.amount * (k + 1), f.period.unit).after(start) else { break }
            if periodStart > stop { break }
            let days = max(1, periodStart.days(until: periodEnd))
            for j in 0..<f.times {
                let d = periodStart.adding(days: j * days / f.times)
                if d > stop || dates.count >= min(visitLimit, maxEventsPerSeries) { break outer }
                dates.append(d)
            }
            k += 1
        }
        guard !dates.isEmpty, f.period.unit != .visit else { return (dates, nil) }
        var unit = f.period.unit, interval = f.period.amount
        if unit == .year { unit = .month; interval *= 12 }
        var weekdays: [Int] = []
        if f.times > 1 {
            // Several sessions per period repeat cleanly as weekdays only for weekly periods.
            guard unit == .week, interval == 1 else { return (dates, nil) }
            weekdays = dates.prefix(f.times).map(\.weekday)
            if Set(weekdays).count != weekdays.count { return (dates, nil) }
        }
        return (dates, Rule(unit: unit, interval: interval, weekdays: weekdays, count: dates.count))
    }
}
