import CarePlanBasics
import CarePlanModel
import CarePlanAnalysis

/// The plan in plain language for the client and family: the content that the Markdown and
/// HTML exports lay out. Everyday words come from the vocabularies' `label`s; dates are
/// written out ("Monday 14 December 2026") and upcoming ones are relative to "today".
package struct ReaderPlan {
    package struct Item {
        /// "How often", "By when"...
        package var label: String
        package var text: String
    }

    package struct ProgressRow {
        package var date: CalendarDate
        package var value: String?
        package var help: String?
        package var note: String?
    }

    package struct GoalSection {
        package var id: String
        package var title: String
        /// One line saying where the goal stands, if closed or measured.
        package var status: String?
        package var items: [Item]
        /// Column heading for the measured value.
        package var measureName: String?
        package var rows: [ProgressRow]
        package var chart: ProgressChart?
    }

    package struct ActivitySection {
        package var title: String
        package var items: [Item]
    }

    package struct Upcoming {
        package var date: CalendarDate
        package var when: String
        package var what: String
    }

    package var title: String
    package var intro: [String]
    package var goals: [GoalSection]
    package var activities: [ActivitySection]
    package var nextSession: String?
    package var upcoming: [Upcoming]
    package var notes: [String]
    /// Precautions, contraindications and weight-bearing orders still in force (or to come).
    package var precautions: [String]
    /// When therapy ends and what follows: the discharge criteria, then the discharge plan.
    package var ending: [String]
    /// The people shown how to help.
    package var trained: [String]
    package var today: CalendarDate

    /// How many upcoming check-ins and dates to list: enough for the next few months.
    package static let upcomingLimit = 6

    package init(_ plan: Plan, options: ExportOptions) {
        let today = options.today
        let timeline = Timeline.of(plan, today: today)
        let schedule = timeline.schedule
        self.today = today
        title = plan.title.value
        let discipline = plan.discipline?.value.label ?? "therapy"
        var intro: [String] = []
        if let name = plan.client?.name.value, !name.isEmpty {
            intro.append("\(Words.article(discipline)) \(discipline) plan for \(name).")
        } else {
            intro.append("Your \(discipline) plan.")
        }
        if let c = plan.clinician { intro.append("Your therapist: \(c).") }
        if let s = plan.start?.value {
            intro.append("\(s < today ? "Started" : s == today ? "Starts today," : "Starts") \(Words.date(s)).")
        }
        if let d = plan.description { intro.append(Words.sentence(d)) }
        switch plan.status {
        case .draft: intro.append("This plan is a draft: it may still change.")
        case .onHold: intro.append("This plan is on hold for now.")
        case .completed: intro.append("This plan is finished.")
        case .revoked: intro.append("This plan has been stopped.")
        case .active: break
        }
        intro.append("Written on \(Words.date(today)).")
        self.intro = intro

        goals = plan.goals.map { Self.goalSection($0, plan, timeline) }
        activities = plan.interventions.map { Self.activitySection($0, plan, schedule: schedule) }
        notes = plan.notes
        precautions = plan.care.precautions(on: today).map(\.summary)
        ending = plan.care.dischargeCriteria.map { "Therapy can end when: \($0)" }
            + (plan.care.dischargePlan.map { ["Afterwards: \($0.value)"] } ?? [])
        trained = plan.care.trained.map(Self.trainedLine)

        let events = schedule.events(from: today)
        // The next session at the clinic (or the therapist's visit), not a home-programme day.
        if let next = events.first(where: { $0.kind == .session && !timeline.homeProgrammeSeries.contains($0.seriesID) }) {
            nextSession = "\(Words.date(next.date)) (\(Words.relative(from: today, to: next.date)))"
        }
        upcoming = events.compactMap { e -> Upcoming? in
            let what: String
            switch e.kind {
            case .session, .certificationEnd: return nil
            case .checkin:
                let series = schedule.series.first { $0.id == e.seriesID }
                let titles = (series?.reviews ?? []).compactMap { plan.goal($0)?.title.value }
                what = titles.isEmpty ? "Check-in on how things are going"
                    : "Check-in on how things are going: \(titles.joined(separator: "; "))"
            case .reassessment: what = "A full review of the plan (re-assessment)"
            case .recertification: what = "The plan is renewed with your doctor (re-certification)"
            case .goalDue:
                guard let g = e.element.flatMap({ plan.goal($0) }), plan.closure(of: g.id.value) == nil else { return nil }
                what = "Target date for: \(g.title.value)"
            }
            return Upcoming(date: e.date, when: Words.relative(from: today, to: e.date), what: what)
        }.prefix(Self.upcomingLimit).map { $0 }
    }

    /// "Ana Delgado (family): sock aid and long-handled reacher, on 9 Nov 2026".
    package static func trainedLine(_ t: TrainedPerson) -> String {
        var s = t.name + (t.role.map { " (\($0.label))" } ?? "")
        if let topic = t.topic { s += ": \(topic)" }
        if let d = t.date { s += (t.topic == nil ? ": " : ", ") + "on \(Words.shortDate(d))" }
        return s
    }

    package static func goalSection(_ g: Goal, _ plan: Plan, _ timeline: Timeline) -> GoalSection {
        let today = timeline.today
        var items: [Item] = []
        if let o = g.occupation { items.append(Item(label: "Part of life", text: Words.capitalized(o.value.label))) }
        if !g.focus.isEmpty { items.append(Item(label: "Working on", text: Words.capitalized(g.focus.map(\.label).joined(separator: ", ")))) }
        if let to = g.assistTo?.value {
            if let from = g.assistFrom?.value {
                items.append(Item(label: "Help needed", text: "at the start, \(from.label); the aim is to do it \(to.label)"))
            } else {
                items.append(Item(label: "Help needed", text: "the aim is to do it \(to.label)"))
            }
        }
        if let c = g.condition { items.append(Item(label: "How", text: c)) }
        if let m = g.measure {
            items.append(Item(label: "How we measure it",
                              text: m.standard.map { s in
                                  "\(m.name): \(s.format(m.baseline.value)) at the start, aiming for \(s.format(m.target.value))"
                                      + (s.info.lowerIsBetter ? " (lower is better)" : "")
                              } ?? "\(m.name): \(Words.number(m.baseline.value)) at the start, aiming for \(Words.number(m.target.value))"))
        }
        if let due = g.due?.value {
            let rel = plan.closure(of: g.id.value) == nil ? " (\(Words.relative(from: today, to: due)))" : ""
            items.append(Item(label: "By when", text: Words.date(due) + rel))
        }
        if let s = g.supports, let other = plan.goal(s.value) {
            items.append(Item(label: "A step towards", text: other.title.value))
        }
        for n in g.notes { items.append(Item(label: "Note", text: n)) }

        let readings = GoalReadings(g, in: plan, asOf: today)
        let analysis = ProgressAnalysis.goal(plan, g, timeline)
        var status: String?
        if let c = plan.closure(of: g.id.value) {
            status = c.status == .achieved
                ? "Goal reached on \(Words.date(c.date.value))."
                : "Stopped on \(Words.date(c.date.value))" + (c.reason.map { ": \($0)" } ?? "") + "."
        } else if readings.entryCount > 0 {
            var words: [String] = []
            switch analysis.status {
            case .achieved: words.append("target reached")
            case .onTrack: words.append("on track")
            case .behind: words.append("slower than planned")
            case .noData, .discontinued: words.append("under way")
            }
            switch analysis.trend {
            case .improving: words.append("better than last time")
            case .worsening: words.append("not as good as last time")
            case .steady: words.append("the same as last time")
            case .unknown: break
            }
            var text = "How it is going: " + words.joined(separator: ", ")
            if let last = readings.values.last, let m = g.measure {
                text += " (\(m.name): \(Words.number(last.value)) on \(Words.shortDate(last.date)))"
            } else if let last = readings.assists.last {
                text += " (\(last.level.label) on \(Words.shortDate(last.date)))"
            }
            status = text + "."
        }

        var rows: [ProgressRow] = []
        for r in plan.progress.sorted(by: { $0.date.value < $1.date.value }) where r.date.value <= today {
            for e in r.entries where e.goal.value == g.id.value && (e.value != nil || e.assist != nil || e.note != nil) {
                rows.append(ProgressRow(date: r.date.value, value: e.value.map(Words.number), help: e.assist?.label, note: e.note))
            }
        }
        return GoalSection(id: g.id.value, title: g.title.value, status: status, items: items,
                           measureName: g.measure?.name, rows: rows, chart: ProgressChart(goal: g, start: timeline.life(of: g.id.value)?.start ?? plan.start?.value, progress: readings))
    }

    package static func activitySection(_ i: Intervention, _ plan: Plan, schedule: Schedule) -> ActivitySection {
        var items: [Item] = []
        if let t = i.type { items.append(Item(label: "What it is", text: Words.capitalized(t.value.label))) }
        if let a = i.approach { items.append(Item(label: "Approach", text: Words.capitalized(a.label))) }
        let goals = i.serves.compactMap { plan.goal($0.value)?.title.value }
        if !goals.isEmpty { items.append(Item(label: "Helps with", text: goals.joined(separator: "; "))) }
        if i.isHomeProgramme { items.append(Item(label: "Where", text: "At home, on your own (home programme)")) }
        else if i.delivery?.value == .telehealth { items.append(Item(label: "Where", text: "By video call (telehealth)")) }
        if let f = i.frequency {
            var text = Words.frequency(f)
            if let m = i.minutes { text += ", \(m) minutes each time" }
            items.append(Item(label: "How often", text: Words.capitalized(text)))
        } else if let f = plan.frequency {
            items.append(Item(label: "How often", text: "In your therapy sessions (\(Words.frequency(f)))"))
        } else if let m = i.minutes {
            items.append(Item(label: "How long", text: "\(m) minutes each time"))
        }
        if !i.equipment.isEmpty { items.append(Item(label: "Equipment", text: Words.capitalized(i.equipment.joined(separator: ", ")))) }
        for n in i.notes { items.append(Item(label: "Note", text: n)) }
        return ActivitySection(title: i.title.value, items: items)
    }
}

