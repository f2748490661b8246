import CarePlanBasics
import CarePlanModel

/// Validation rules about time, read off the plan's `Timeline`: the payer's clocks
/// (certification, progress reports, reassessment), due dates reviewed, records that cannot
/// be right (dated after today, a goal closed achieved below its target), schedules that
/// produce no dates. Which clocks apply is the payer's decision (`PayerRules`).
package enum TimelineRules {
    /// `dueDates`: the findings of `dueDatesReviewed`, when the caller has them already (the
    /// validator keeps them per goal, `GoalFindings`).
    package static func check(_ plan: Plan, _ t: Timeline, dueDates: [Diagnostic]? = nil) -> [Diagnostic] {
        var out = records(plan, t)
        guard plan.start != nil else { return out }
        if t.schedule.isTruncated {
            out.append(Diagnostic(.scheduleTooLarge,
                "plan `\(plan.id.value)` has more than \(Schedule.maxEventsPerPlan.withThousandsSeparators) dated sessions, check-ins and due dates",
                at: plan.id.span, label: "schedule too large",
                notes: ["only the first \(Schedule.maxEventsPerPlan.withThousandsSeparators) dates are worked out, so its time rules and calendar are incomplete",
                        "the plan has \(plan.checkins.count) check-in line\(plan.checkins.count == 1 ? "" : "s") and \(plan.interventions.filter { $0.frequency != nil }.count + (plan.frequency == nil ? 0 : 1)) frequencies"],
                help: "look for a loop that adds a check-in or a frequency on every pass"))
        }
        // A goal due on or before the start is CP0202; a check-in bounded by that date (most
        // often `until goal.due`) is that same slip, not a second mistake: its empty schedule
        // (CP0503) and the progress count it leaves without reviews (CP0501) wait until the
        // date is fixed (one mistake, one diagnostic).
        let derived = checkinsBoundedByImpossibleDueDates(plan)
        out += emptySchedules(plan, t.schedule).filter { d in !derived.contains { $0.span == d.primarySpan } }
        out += certification(plan, t)
        if derived.isEmpty { out += progressCadence(plan, t) }
        out += reassessmentCadence(plan, t)
        out += dueDates ?? dueDatesReviewed(plan, t)
        out += closedGoalsStillServed(plan, t)
        return out
    }

    /// The check-ins whose first day, last day or date is a goal's due date on or before the
    /// plan's start (CP0202): derived from a date that cannot be right.
    package static func checkinsBoundedByImpossibleDueDates(_ plan: Plan) -> [CheckIn] {
        guard let start = plan.start?.value else { return [] }
        let impossible = Set(plan.goals.compactMap { $0.due?.value }.filter { $0 <= start })
        guard !impossible.isEmpty else { return [] }
        return plan.checkins.filter { c in [c.until, c.from, c.on].contains { $0.map(impossible.contains) == true } }
    }

    // MARK: - Records

    /// Records (closures, progress, visits) say what happened: none can be dated after today,
    /// and a goal closed as achieved must have met its targets.
    package static func records(_ plan: Plan, _ t: Timeline) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func future(_ what: String, _ date: Located<CalendarDate>) {
            out.append(Diagnostic(.recordAfterToday, "\(what) is dated \(date.value), after today (\(t.today))",
                                  at: date.span, label: "not yet happened",
                                  notes: ["records say what happened; outputs leave this one out until its date"],
                                  help: "check the date, or run with `--today` set to the day the record describes"))
        }
        for c in plan.closures where c.date.value > t.today { future("the closure of goal `\(c.goal.value)`", c.date) }
        for r in plan.progress where r.date.value > t.today { future("a progress record", r.date) }
        for v in plan.visits where v.date.value > t.today { future("a visit", v.date) }
        for v in plan.visits {
            if let start = plan.start, v.date.value < start.value { out.append(beforeStart("visit", v.date, start)) }
            for id in v.given where plan.interventionIndex(id.value) == nil {
                out.append(Diagnostic(.unknownIntervention, "visit on \(v.date.value) gave `\(id.value)`, which is not an intervention of plan `\(plan.id.value)`",
                    at: id.span, label: "unknown intervention",
                    help: Suggestion.didYouMean(id.value, in: plan.interventions.map(\.id.value))
                        ?? "interventions: \(plan.interventions.map { "`\($0.id.value)`" }.joined(separator: ", "))"))
            }
        }
        for g in plan.goals {
            guard let s = g.start else { continue }
            if let start = plan.start, s.value < start.value {
                out.append(Diagnostic(.goalStartOutOfRange, "goal `\(g.id.value)` starts \(s.value), before the plan (\(start.value))",
                    at: s.span, label: "before the plan starts", help: "a goal is set on or after the plan's start: `starts \(start.value)`"))
            } else if let due = g.due, s.value > due.value {
                out.append(Diagnostic(.goalStartOutOfRange, "goal `\(g.id.value)` starts \(s.value), after it is due (\(due.value))",
                    labels: [Label(s.span, "starts here"), Label(due.span, "due here", primary: false)],
                    help: "check the two dates"))
            }
        }
        // Closed achieved: the latest readings on or before the closing date meet every target.
        for c in plan.closures where c.status == .achieved && c.date.value <= t.today {
            guard let g = plan.goal(c.goal.value), let (met, latest, assist) = ProgressAnalysis.targetsMet(plan, g, on: c.date.value) else { continue }
            if !met.allMet {
                var missed: [String] = []
                if met.measure == false, let m = g.measure {
                    missed.append("\(m.name): latest \(latest.map(JSONValue.format) ?? "not measured"), target \(JSONValue.format(m.target.value))")
                }
                if met.assist == false, let to = g.assistTo?.value {
                    missed.append("assist: latest \(assist?.rawValue ?? "not recorded"), target \(to.rawValue)")
                }
                out.append(Diagnostic(.achievedBelowTarget,
                    "goal `\(g.id.value)` is closed as achieved on \(c.date.value), but its latest readings miss a target",
                    at: c.span, label: "closed achieved", notes: missed,
                    help: "record the reading that meets the target, or `close \(g.id.value) discontinued on \(c.date.value) because \"...\"`"))
            }
        }
        return out
    }

    /// A record (progress record, visit) dated before the plan's start: most likely a typo.
    package static func beforeStart(_ what: String, _ date: Located<CalendarDate>, _ start: Located<CalendarDate>) -> Diagnostic {
        Diagnostic(.progressBeforeStart, "\(what) dated \(date.value), before the plan starts (\(start.value))",
                   labels: [Label(date.span, "recorded"), Label(start.span, "plan starts", primary: false)],
                   help: "check the date")
    }

    // MARK: - Schedules

    package static func emptySchedules(_ plan: Plan, _ schedule: Schedule) -> [Diagnostic] {
        // Nothing to report unless some series has no dates (the usual case: skip the look-ups).
        // By index: `contains(where:)` copied every series (one per goal's due date) to test it.
        let series = schedule.series
        guard series.indices.contains(where: { (series[$0].kind == .session || series[$0].kind == .checkin) && series[$0].dates.isEmpty })
        else { return [] }
        var out: [Diagnostic] = []
        var frequencies: [(Frequency, String)] = plan.frequency.map { [($0, "\(plan.id.value)-sessions")] } ?? []
        for i in plan.interventions { if let f = i.frequency { frequencies.append((f, "\(plan.id.value)-\(i.id.value)-sessions")) } }
        // Series by id, the first of each id: a search per check-in was quadratic (found by
        // fuzzing: a loop adding 100,000 check-ins took minutes).
        let seriesByID = Dictionary(schedule.series.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for (f, id) in frequencies {
            if let s = seriesByID[id], s.dates.isEmpty {
                out.append(Diagnostic(.scheduleHasNoDates, "this frequency produces no session dates", at: f.span,
                                      label: "no sessions", help: "check that it starts before the plan ends and that its length is positive"))
            }
        }
        for (n, c) in plan.checkins.enumerated() where c.every != nil {
            if let s = seriesByID["\(plan.id.value)-checkin-\(n + 1)"], s.dates.isEmpty {
                out.append(Diagnostic(.scheduleHasNoDates, "this check-in never happens: it ends before it starts", at: c.span,
                                      label: "no dates", help: "`until` must be on or after the first check-in (\(c.from.map(\.description) ?? "the start"))"))
            }
        }
        return out
    }

    // MARK: - Certification

    /// The payer's cap on a period; the plan's activity within certified periods (planned
    /// re-certifications count here: planning one is the fix); a planned re-certification
    /// whose day has come unsigned.
    package static func certification(_ plan: Plan, _ t: Timeline) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let rules = t.rules
        if let cap = rules.certificationCap {
            for c in [plan.certification].compactMap({ $0 }) + plan.recertifications {
                guard let l = c.length, let s = c.on?.value ?? plan.start?.value, let end = l.value.after(s) else { continue }
                let days = s.days(until: end)
                if days > cap {
                    // While the payer is only assumed (no `payer` line), Medicare's clocks are
                    // reminders: a warning, not an error, and the note says how to settle it.
                    let assumed = rules.payer == nil
                    out.append(Diagnostic(.certificationTooLong,
                        "a certification of \(l.value.unit == .day ? "\(days) days" : "\(l.value) (\(days) days)") is longer than \(rules.name) allows (\(cap) days)",
                        at: l.span, label: "more than \(cap) days", severity: assumed ? .warning : nil,
                        notes: ["source: \(rules.certificationSource)"]
                            + (assumed ? ["a warning while the payer is assumed: with `payer medicare-part-b` it is an error; another payer (`school`, `workers-comp`, `commercial`...) sets its own period"] : []),
                        help: "certify for \(cap) days, then `recertify on \(s.adding(days: cap))` for the next period"))
                }
            }
        }
        guard let covered = t.schedule.certifiedThrough(countingPlanned: true), let start = plan.start?.value else { return out }
        // The last date, and the first event after `covered` in `events()` order, in one pass.
        var lastDate: CalendarDate? = nil
        var firstOutside: (date: CalendarDate, kind: Schedule.Kind, title: String)? = nil
        for s in t.schedule.series where s.kind == .session || s.kind == .checkin || s.kind == .goalDue || s.kind == .reassessment {
            for d in s.dates {
                if lastDate.map({ d > $0 }) ?? true { lastDate = d }
                if d > covered, firstOutside.map({ (d, s.kind, s.title) < ($0.date, $0.kind, $0.title) }) ?? true {
                    firstOutside = (d, s.kind, s.title)
                }
            }
        }
        if let lastDate, lastDate > covered, let firstOutside {
            let span = plan.certification?.span ?? plan.start?.span ?? plan.id.span
            out.append(Diagnostic(.certificationLapses,
                "plan `\(plan.id.value)` runs to \(lastDate) but its certification ends \(covered)",
                at: span, label: "certified \(start) to \(covered)",
                notes: ["first date outside: \(firstOutside.date), \(firstOutside.kind.label) (\(firstOutside.title))",
                        rules.certificationCap.map { "\(rules.name): a plan of care is certified for at most \($0) days and must then be re-certified (\(rules.certificationSource))" }
                            // Other payers set no cap careplan knows of: the period is the plan's own.
                            ?? "the certification period is this plan's own (`certify for`); \(rules.name) sets its own rules (\(rules.certificationSource))"],
                help: "add `recertify on \(covered.adding(days: 1))` (or earlier), or shorten the schedule"))
        }
        if rules.payer == nil || rules.payer!.isMedicare {
            for (c, written) in zip(t.schedule.certifications.filter { $0.kind == .recertification },
                                    plan.recertifications.sorted { ($0.on?.value ?? start) < ($1.on?.value ?? start) })
            where c.status == .planned && c.start <= t.today {
                // Care is uncertified only after the signed periods end: a re-certification
                // planned early (before the current period ends) leaves the rest of it covered.
                let from = max(c.start, t.schedule.certifiedThrough(countingPlanned: false).map { $0.adding(days: 1) } ?? c.start)
                out.append(Diagnostic(.recertificationNotSigned,
                    "the re-certification of \(c.start) is not signed: care from \(from) \(from <= t.today ? "is not certified" : "will not be certified until it is")",
                    at: written.span, label: "planned, not signed",
                    // The documents' one certification line: an unsigned period is not "in force".
                    notes: ["certification: \(CertificationLine.text(plan, t, daysLeft: true) ?? "none")"],
                    help: "when the signed form is back: `recertify on \(c.start) signed DATE by \"...\"`"))
            }
        }
        return out
    }

    // MARK: - Progress reports

    /// Medicare Part B: a progress report at least every 10 treatment days, and only a review
    /// of every goal open that day resets the count. Treatment days are visits given up to
    /// today and booked sessions after it (see `Timeline`).
    package static func progressCadence(_ plan: Plan, _ t: Timeline) -> [Diagnostic] {
        guard let limit = t.rules.treatmentDaysPerProgressReport, !t.treatmentDays.isEmpty else { return [] }
        let resets = fullReviews(plan, t)
        var r = 0
        var count = 0
        var tenth: CalendarDate? = nil
        // The first review that came after the 10th treatment day (on the 11th at the latest):
        // the report is due on or before the 10th, so it is late (domain.md: at least once
        // every 10 treatment days, the evaluation being day 1).
        var late: (review: CalendarDate, tenth: CalendarDate)? = nil
        var overdue: Diagnostic? = nil
        func reset(_ review: CalendarDate) {
            if count >= limit, let tenth, late == nil { late = (review, tenth) }
            count = 0; tenth = nil; r += 1
        }
        for day in t.treatmentDays {
            // Reviews before this day; a review on a treatment day ends that day's reporting
            // period (the visit is the period's last day, the next treatment day begins the next).
            while r < resets.full.count && resets.full[r] < day.date { reset(resets.full[r]) }
            if r < resets.full.count && resets.full[r] == day.date { reset(day.date); continue }
            count += 1
            if count == limit { tenth = day.date }
            if count > limit {
                let (span, label) = where_(day, plan)
                let open = t.activeGoals(on: tenth ?? day.date)
                var notes = ["\(t.rules.name): a progress report is due at least every \(limit) treatment days, on or before the \(limit)th, covering each goal (\(t.rules.progressReportSource))",
                             day.given ? "counted from the visits recorded up to \(t.today)"
                                : day.date == t.today && t.recordsVisits ? "counted from the visits recorded up to \(t.today.adding(days: -1)), then the session booked today (not yet recorded)"
                                : (t.recordsVisits ? "counted from the visits recorded up to \(t.today), then the booked sessions" : "no visits recorded: counted from the booked sessions (the evaluation on the start day is day 1)")]
                // Reviews since the last full one that missed a goal: why they did not count.
                let lastFull = resets.full.last { $0 < day.date }
                for p in resets.partial where p.date <= day.date && lastFull.map({ p.date > $0 }) ?? true {
                    notes.append("the review on \(p.date) covers \(p.reviewed.map { "`\($0)`" }.joined(separator: ", ")) but not \(p.missing.map { "`\($0)`" }.joined(separator: ", ")), so it does not count")
                }
                // Check-ins booked for days that have passed with no record: the plan records
                // care, so a booked check-in is not a report until its record is written.
                let unrecorded = resets.pastCheckins.filter { c in c <= day.date && lastFull.map { c > $0 } ?? true }
                if !unrecorded.isEmpty {
                    notes.append("the check-in\(unrecorded.count == 1 ? "" : "s") booked on \(unrecorded.map(\.description).joined(separator: ", ")) \(unrecorded.count == 1 ? "has" : "have") passed with no progress record, so \(unrecorded.count == 1 ? "it does" : "they do") not count")
                }
                overdue = Diagnostic(.progressReportOverdue,
                    "treatment day \(count) on \(day.date)\(day.date == t.today ? " (today)" : "") comes with no progress report since the last \(limit) treatment days",
                    at: span, label: label, notes: notes,
                    help: reviewHelp(plan, t, on: tenth ?? day.date, open: open, limit: limit))
                break
            }
        }
        // The first report that is missing, and the first that came late before it (two
        // findings: one to write now, one already on record as late).
        return [lateReport(plan, t, late, limit: limit), overdue].compactMap { $0 }
    }

    /// CP0501 for a review that came after the 10th treatment day: a booked one (move it) or
    /// a recorded one (a note: it is on record as late).
    package static func lateReport(_ plan: Plan, _ t: Timeline, _ late: (review: CalendarDate, tenth: CalendarDate)?, limit: Int) -> Diagnostic? {
        guard let late else { return nil }
        let source = "\(t.rules.name): a progress report is due at least every \(limit) treatment days, on or before the \(limit)th (\(t.rules.progressReportSource))"
        let record = plan.progress.first { $0.date.value == late.review && $0.date.value <= t.today }
        if record == nil {
            // A booked review set after the 10th treatment day (after today, or in a plan on
            // paper): move it, or, once the 10th has passed, never to a day gone by.
            let open = t.activeGoals(on: late.tenth)
            let series = t.schedule.series.first { $0.kind == .checkin && $0.dates.contains(late.review) }
            let booked = series.flatMap { s in plan.checkins.indices.first { "\(plan.id.value)-checkin-\($0 + 1)" == s.id }.map { plan.checkins[$0] } }
            return Diagnostic(.progressReportOverdue,
                "the review booked on \(late.review) comes after the \(limit)th treatment day (\(late.tenth))",
                at: booked?.span ?? plan.id.span, label: "after treatment day \(limit)",
                notes: [source],
                help: late.tenth > t.today || BookedReviewRule(plan, t).projectsPast
                    ? "book it on or before \(late.tenth): `checkin on \(late.tenth) { review \(open.joined(separator: ", ")) }`"
                    : reviewHelp(plan, t, on: late.tenth, open: open, limit: limit))
        }
        // A report recorded late: a note, since nothing is left to do but keep its date (never
        // date it back) and count from it.
        return Diagnostic(.progressReportOverdue,
            "the progress report of \(late.review) came after the \(limit)th treatment day (\(late.tenth)): it is late",
            severity: .note,
            labels: record.map { [Label($0.date.span, "after treatment day \(limit)")] } ?? [],
            notes: [source, "the count of treatment days starts again from it"],
            help: "keep the record dated the day it was written; write the next on or before the \(limit)th treatment day after it")
    }

    /// The fix: a check-in reviewing every open goal on the 10th treatment day, or, when that
    /// day has passed, never a record dated back: the report written then, recorded on the
    /// day it was written, or, if none was written, the report written now (at or before the
    /// next visit) and recorded on that day: late, and its date says so. A plan on paper
    /// (`BookedReviewRule.projectsPast`: a draft, a student's plan) records no care, so nothing
    /// in it is late: its booked past counts, and the check-in is its fix whatever today is
    /// (review-2dec finding 9: a student was told to "record it today: it is late").
    package static func reviewHelp(_ plan: Plan, _ t: Timeline, on day: CalendarDate, open: [String], limit: Int) -> String {
        if day > t.today || BookedReviewRule(plan, t).projectsPast {
            return "add `checkin on \(day) { review \(open.joined(separator: ", ")) }` (a review of every open goal on the \(limit)th treatment day)"
        }
        let entries = open.map { "\($0) ..." }.joined(separator: "; ")
        return "if a progress report was written on or before \(day) (the \(limit)th treatment day), record it on the day it was written (`progress \(plan.id.value) on DATE { \(entries) }`); if not, \(writeItNow(t, "write it", "with an entry for every open goal")): it is late"
    }

    /// "write it now, WHAT, and record it today" / "... before today's session ..." / "... now
    /// (at the latest before the next visit, DATE) ...": when a late report is written. Never
    /// a date that has passed.
    package static func writeItNow(_ t: Timeline, _ verb: String, _ what: String) -> String {
        guard let next = nextBookedDay(t) else { return "\(verb) now, \(what), and record it today" }
        return next == t.today ? "\(verb) before today's session, \(what), and record it today"
            : "\(verb) now (at the latest before the next visit, \(next)), \(what), and record it on the day it is written"
    }

    /// Where a treatment day comes from, to point at it.
    package static func where_(_ day: Timeline.TreatmentDay, _ plan: Plan) -> (Span, String) {
        switch day.source {
        case .visit(let k): return (plan.visits[k].span, "this visit")
        case .evaluation: return (plan.start?.span ?? plan.id.span, "evaluation day")
        case .series(let id):
            if id == "\(plan.id.value)-sessions", let f = plan.frequency { return (f.span, "sessions booked here") }
            if let i = plan.interventions.first(where: { "\(plan.id.value)-\($0.id.value)-sessions" == id }), let f = i.frequency {
                return (f.span, "sessions of `\(i.id.value)` booked here")
            }
            return (plan.id.span, "sessions")
        }
    }

    /// Whether a booked review (a check-in or re-assessment date) counts as a review: after
    /// today always (the plan's intent); up to today only in a plan on paper, one that records
    /// no care yet (no visit, no progress record up to today) and is not finished, whose past
    /// is projected as a whole, sessions included (a plan being drafted, a student's plan).
    /// Once a plan records care, or is `completed` or `revoked` (a finished plan is a record,
    /// not a projection), a booked check-in that has passed with no progress record is not a
    /// review (commit 69a47a7): the record of a review carries the day it was written, and a
    /// check-in line dated in the past does not make one. careplan cannot tell when a line was
    /// written, so no help ever suggests booking a check-in on a day that has passed. The one
    /// rule for CP0501/CP0516 (`fullReviews`) and CP0502 (`ReviewCalendar`): a clinic lead
    /// reads "reviewed" the same way in both.
    package struct BookedReviewRule: Equatable, Sendable {
        package let today: CalendarDate
        /// The plan is on paper (records no care yet, not finished): its booked past counts.
        package let projectsPast: Bool
        package init(_ plan: Plan, _ t: Timeline) {
            today = t.today
            projectsPast = !plan.isFinished && !t.recordsVisits && !plan.progress.contains { $0.date.value <= t.today }
        }
        package func counts(_ d: CalendarDate) -> Bool { projectsPast || d > today }
    }

    /// The days every open goal is reviewed (sorted), and the reviews that miss some goal.
    /// Booked check-ins and re-assessments are planned reviews: they count after today, and
    /// before it only in a plan that records no care yet (no visit, no progress record), whose
    /// past is projected as a whole like its sessions. Once a plan records care, the past is
    /// what was recorded: a check-in booked for a day that has passed is not a progress report
    /// unless its record was written, so up to today only progress records with an entry for
    /// each open goal count.
    /// `pastCheckins`: booked check-ins and re-assessments up to today that did not count
    /// (the plan records care), for the diagnostic to say why.
    package static func fullReviews(_ plan: Plan, _ t: Timeline) -> (full: [CalendarDate], partial: [(date: CalendarDate, reviewed: [String], missing: [String])], pastCheckins: [CalendarDate]) {
        var full = Set<CalendarDate>()
        var past = Set<CalendarDate>()
        var partial: [(date: CalendarDate, reviewed: [String], missing: [String])] = []
        func consider(_ d: CalendarDate, _ reviewed: [String]?) {
            guard let reviewed else { full.insert(d); return }   // reviews everything
            let open = t.activeGoals(on: d)
            let seen = Set(reviewed)
            let missing = open.filter { !seen.contains($0) }
            if missing.isEmpty { full.insert(d) }
            else if !reviewed.isEmpty { let openSet = Set(open); partial.append((d, reviewed.filter(openSet.contains), missing)) }
        }
        let booked = BookedReviewRule(plan, t)
        for s in t.schedule.series where s.kind == .checkin || s.kind == .reassessment {
            for d in s.dates {
                if booked.counts(d) { consider(d, s.reviews.isEmpty ? nil : s.reviews) } else { past.insert(d) }
            }
        }
        // A check-in line whose goals are all closed leaves no series; nothing to count.
        for r in plan.progress where r.date.value <= t.today {
            consider(r.date.value, r.entries.map(\.goal.value))
        }
        let fullSet = full
        return (full.sorted(), partial.sorted { $0.date < $1.date }, past.filter { !fullSet.contains($0) }.sorted())
    }

    /// The days function is reassessed (sorted): the booked re-assessments and check-ins
    /// reviewing every goal, and the progress records reviewing every goal, counted as
    /// `fullReviews` counts them (a booked one that has passed counts only in a plan that
    /// records no care yet). CP0516 and `ReassessmentDue` read them.
    package static func reassessmentMarks(_ plan: Plan, _ t: Timeline) -> [CalendarDate] {
        fullReviews(plan, t).full
    }

    /// The booked reassessments (`reassess on DATE`) whose day has passed with no progress
    /// record, so they do not count (`BookedReviewRule`); sorted.
    package static func passedReassessments(_ plan: Plan, _ t: Timeline) -> [CalendarDate] {
        let booked = Set(plan.reassessments.map(\.value))
        return fullReviews(plan, t).pastCheckins.filter(booked.contains)
    }

    /// The next day therapy is booked on or after today (a session not yet recorded), if any:
    /// where a late report or reassessment is made.
    package static func nextBookedDay(_ t: Timeline) -> CalendarDate? {
        t.treatmentDays.first { !$0.given && $0.date >= t.today }?.date
    }

    /// Medicare home health: a reassessment at least every 30 days while therapy goes on (the
    /// first therapy day is day 1, so one is due by start + 29 days; each reassessment starts
    /// the next 30). A booked reassessment that has passed unrecorded is named, as CP0501 and
    /// CP0502 name passed check-ins, and the help never suggests a line the plan has or a
    /// date that has passed as if it could still be booked.
    package static func reassessmentCadence(_ plan: Plan, _ t: Timeline) -> [Diagnostic] {
        guard let every = t.rules.reassessmentEveryDays, let start = plan.start?.value,
              let last = t.treatmentDays.last?.date else { return [] }
        let marks = reassessmentMarks(plan, t)
        let passed = passedReassessments(plan, t)
        var previous = start
        for m in marks + [last.adding(days: 1)] where m > previous {
            let due = previous.adding(days: every - 1)
            guard m > due, due <= last else { previous = m; continue }
            let from = previous == start ? "the start of care on \(start)" : "the reassessment of \(previous)"
            let message = m <= last
                ? "no reassessment from \(from) to \(m): one was due by \(due) (day \(every))"
                : "no reassessment since \(from), though therapy goes on to \(last): one was due by \(due) (day \(every))"
            var notes = ["\(t.rules.name): a qualified therapist reassesses function at least once every \(every) days of therapy (\(t.rules.reassessmentSource))"]
            let missed = passed.filter { $0 > previous && $0 < m }
            if !missed.isEmpty {
                notes.append("the reassessment\(missed.count == 1 ? "" : "s") booked on \(Words.list(missed.map(\.description))) \(missed.count == 1 ? "has" : "have") passed with no progress record, so \(missed.count == 1 ? "it does" : "they do") not count: once a plan records care, a booked reassessment counts when its record is written (as CP0501 counts progress reports)")
            }
            let open = t.activeGoals(on: min(due, t.today))
            let entry = "`progress \(plan.id.value) on DATE { \(open.map { "\($0) ..." }.joined(separator: "; ")) }`"
            let help: String
            if due > t.today || BookedReviewRule(plan, t).projectsPast {
                // A day still to come, or a plan on paper (its booked past counts): a booked
                // reassessment is the fix (none is booked by then, or it would have counted).
                // Never a line dated in the past once the plan records care.
                help = "add `reassess on \(due)` (or earlier)"
            } else {
                let made = missed.first { $0 <= due } ?? missed.first
                help = (made.map { "if the reassessment booked on \($0) was made, record it on that day (\(entry.replacingOccurrences(of: "DATE", with: $0.description))); " }
                        ?? "if a reassessment was made on or before \(due), record it on the day it was made (\(entry)); ")
                    + "if not, " + (nextBookedDay(t).map { $0 == t.today ? "reassess at today's visit and record it today" : "reassess at the next visit (\($0)) and record it that day" }
                                   ?? "reassess now and record it today") + ": it is late"
            }
            let missedSpan = plan.reassessments.first { missed.contains($0.value) }
            return [Diagnostic(.reassessmentOverdue, message,
                at: missedSpan?.span ?? plan.start?.span ?? plan.id.span,
                label: missedSpan != nil ? "booked; no progress record" : (previous == start ? "start of care" : "episode starts here"),
                notes: notes, help: help)]
        }
        return []
    }

    // MARK: - Goals

    /// Each open goal needs a check-in (or re-assessment) on or before its due date that
    /// reviews it. A check-in without `review` lines reviews every goal.
    package static func dueDatesReviewed(_ plan: Plan, _ t: Timeline) -> [Diagnostic] {
        let calendar = ReviewCalendar(plan, t)
        return zip(plan.goals, t.lives).compactMap { calendar.unreviewedDueDate($0, closed: $1.end) }
    }

    /// An intervention whose goals are all closed but whose sessions go on after the last
    /// closure.
    package static func closedGoalsStillServed(_ plan: Plan, _ t: Timeline) -> [Diagnostic] {
        var out: [Diagnostic] = []
        guard t.lives.contains(where: { $0.end != nil }) else { return out }
        for i in plan.interventions where !i.serves.isEmpty {
            let ends = i.serves.map { t.life(of: $0.value)?.end }
            guard ends.allSatisfy({ $0 != nil }), let lastClosed = ends.compactMap({ $0 }).max() else { continue }
            let id = "\(plan.id.value)-\(i.id.value)-sessions"
            guard let later = t.schedule.series.first(where: { $0.id == id })?.dates.first(where: { $0 > lastClosed }) else { continue }
            out.append(Diagnostic(.interventionServesClosedGoals,
                "intervention `\(i.id.value)` serves only closed goals (\(i.serves.map { "`\($0.value)`" }.joined(separator: ", "))) but has sessions booked from \(later)",
                at: i.id.span, label: "goals closed by \(lastClosed)",
                help: "end its frequency (`for N weeks`), or make it serve the goal that replaced them"))
        }
        return out
    }
}

extension Int {
    /// 20000 -> "20,000".
    package var withThousandsSeparators: String {
        let digits = Array(String(self))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}
