import CarePlanBasics
import CarePlanModel

/// Whether a progress record is believable as a clinical record: a GAS level that agrees with
/// the goal's own readings (CP0730), and readings taken at a contact with the client, an
/// attended visit, in a plan that records visits (CP0731).
package enum ReadingRules {
    package static func check(_ plan: Plan, _ t: Timeline) -> [Diagnostic] {
        gasLevels(plan, t) + readingsOnVisits(plan, t)
    }

    // MARK: - GAS levels

    /// Each recorded GAS level against the goal's readings on or before its day.
    package static func gasLevels(_ plan: Plan, _ t: Timeline) -> [Diagnostic] {
        guard plan.progress.contains(where: { r in r.entries.contains { $0.gas != nil } }) else { return [] }
        var out: [Diagnostic] = []
        for r in plan.progress where r.date.value <= t.today {
            for e in r.entries {
                guard let level = e.gas, let g = plan.goal(e.goal.value) else { continue }
                guard let why = gasDisagreement(plan, g, level: level.value, on: r.date.value, start: t.life(of: g.id.value)?.start ?? plan.start?.value) else { continue }
                out.append(Diagnostic(.gasDisagreesWithReadings,
                    "GAS level \(signed(level.value)) for goal `\(g.id.value)` on \(r.date.value) does not agree with its readings: \(why)",
                    at: level.span, label: level.value >= 0 ? "expected outcome or better" : "less than expected",
                    notes: ["GAS levels: -2 much less than expected, -1 less than expected, 0 the expected outcome, +1 and +2 more than expected (Turner-Stokes L, Clin Rehabil 2009;23:362-370); careplan judges every level against the goal's target: 0 or more once it is met, below 0 until then",
                            "the GAS T-score of the reports is computed from the levels as recorded"],
                    help: level.value >= 0
                        ? "until the target is met, record `gas -1` (or `gas -2` if no better than at baseline); otherwise check the reading"
                        : "if the goal's targets are met, record `gas 0` (or +1, +2 if beyond what was expected); otherwise check the reading"))
            }
        }
        return out
    }

    /// Why a GAS `level` recorded on `date` contradicts the goal's readings, or nil when it
    /// does not. GAS level 0 is the expected outcome (domain.md; Turner-Stokes 2009), and the
    /// expected outcome careplan knows is the goal's own target: so one rule for every level,
    /// judged against the target on that day. A level of 0 or more says the expected outcome is
    /// reached: it contradicts a latest reading that misses a target; a level below 0 says it
    /// is not: it contradicts readings that meet every target. (Before, 0 was judged against a
    /// straight-line trend and -1 against the target.) careplan does not know the therapist's
    /// level descriptions, so it never derives a level; it only flags a level its own goal's
    /// readings contradict.
    package static func gasDisagreement(_ plan: Plan, _ g: Goal, level: Int, on date: CalendarDate, start: CalendarDate?,
                                        format: (CalendarDate) -> String = { "\($0)" }) -> String? {
        let (readings, assist, _) = ProgressAnalysis.readings(plan, goal: g.id.value, upTo: date)
        let latest = readings.last
        guard latest != nil || assist != nil, g.measure != nil || g.assistTo != nil else { return nil }
        let met = ProgressAnalysis.targetsMet(g, latest: latest?.value, assist: assist)
        var parts: [String] = []
        if let m = g.measure, let l = latest { parts.append("\(m.name) \(JSONValue.format(l.value)) on \(format(l.date)), target \(JSONValue.format(m.target.value))") }
        if let to = g.assistTo?.value, let a = assist { parts.append("assist \(a.rawValue), target \(to.rawValue)") }
        if level < 0 {
            guard met.allMet else { return nil }
            return "every target is met (\(parts.joined(separator: "; ")))"
        }
        guard !met.allMet else { return nil }
        return "level \(signed(level)) says the goal's expected outcome is reached, but a target is not met yet (\(parts.joined(separator: "; ")))"
    }

    static func signed(_ level: Int) -> String { level > 0 ? "+\(level)" : "\(level)" }

    // MARK: - Readings and visits

    /// In a plan that records visits, a progress record with readings (a measure, an assist
    /// level, a GAS level, a COPM re-rating) is dated on an attended visit: that is where the
    /// therapist measured it. A goal served only by home-programme items is read from the
    /// client's own log, so its readings need no visit. Plans without visits keep their
    /// progress records as they are.
    package static func readingsOnVisits(_ plan: Plan, _ t: Timeline) -> [Diagnostic] {
        guard !plan.visits.isEmpty, let start = plan.start?.value else { return [] }
        let attended = Set(plan.visits.filter { $0.status == .attended }.map(\.date.value))
        let attendedSorted = attended.sorted()
        // Goals served, and served only by home-programme items.
        var servedBy: [String: [Intervention]] = [:]
        for i in plan.interventions { for s in i.serves { servedBy[s.value, default: []].append(i) } }
        func homeOnly(_ goal: String) -> Bool {
            guard let by = servedBy[goal], !by.isEmpty else { return false }
            return by.allSatisfy(\.isHomeProgramme)
        }
        var out: [Diagnostic] = []
        for r in plan.progress where r.date.value <= t.today && r.date.value >= start && !attended.contains(r.date.value) {
            let read = r.entries.filter { ($0.value != nil || $0.assist != nil || $0.gas != nil) && !homeOnly($0.goal.value) }
            guard !read.isEmpty || !r.copm.isEmpty else { continue }
            let d = r.date.value
            // What the day holds decides the help: a day already recorded as cancelled or a
            // no-show has its visit (one visit per date), so "record the visit" would add a second.
            let closure = plan.clinicClosures.first { $0.contains(d) }
            let visit: Visit? = closure == nil ? plan.visits.first { $0.date.value == d } : nil
            var why: String = "a day with no visit recorded"
            var recordedAs: String? = nil
            if let c = closure {
                let reason: String = c.reason.map { " (" + $0 + ")" } ?? ""
                why = "a day the clinic is closed" + reason + ", with no visit"
            } else if let v = visit {
                let cancelled = v.status == .cancelled
                why = cancelled ? "a day whose visit was cancelled" : "a day the client did not attend"
                recordedAs = cancelled ? "cancelled" : "a no-show"
            }
            let before = attendedSorted.last { $0 < d }, after = attendedSorted.first { $0 > d && $0 <= t.today }
            let nearest = [before, after].compactMap { $0 }.min { abs($0.days(until: d)) < abs($1.days(until: d)) }
            var notes = ["measurements are taken at a contact with the client; the plan records its visits, and none attended on \(d)"]
            if let before { notes.append("attended visits around it: \([before, after].compactMap { $0 }.map(\.description).joined(separator: " and "))") }
            else if let after { notes.append("the next attended visit: \(after)") }
            let readings = read.map { "`\($0.goal.value)`" } + (r.copm.isEmpty ? [] : ["COPM"])
            let id = plan.id.value
            var redate = "date the reading on the visit it was taken"
            if let n = nearest { redate += " (`progress \(id) on \(n) { ... }`)" }
            let home = "a reading the client reported from the home programme goes on the visit where it was reported, with a note saying so"
            let recordVisit = "`visit \(id) on \(d) attended minutes N`"
            var help: String
            if let recordedAs {
                help = redate + "; if the client was in fact seen on \(d), correct that day's visit, recorded as " + recordedAs
                help += ", to `attended minutes N` rather than adding a second visit on the same date; " + home
            } else if closure != nil {
                help = redate + "; if the client was seen on \(d) despite the closure (a home or telehealth visit), record that visit (" + recordVisit + "); " + home
            } else {
                help = "record the visit (" + recordVisit + "), or " + redate + "; " + home
            }
            out.append(Diagnostic(.readingWithoutVisit,
                "progress readings for \(readings.joined(separator: ", ")) on \(d), \(why)",
                at: r.date.span, label: "no attended visit on this day", notes: notes, help: help))
        }
        return out
    }
}
