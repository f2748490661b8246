import CarePlanBasics
import CarePlanModel
import CarePlanAnalysis

/// The daily note of one visit (`careplan document FILE --kind daily-note --visit DATE`): what
/// a Medicare reviewer looks for in a treatment note (Medicare Benefit Policy Manual, Pub.
/// 100-02, ch. 15 §220.3.E): the date, the treatment day, the total treatment minutes and the
/// timed-code minutes, each service with its CPT code, minutes and units (the 8-minute rule,
/// Pub. 100-04 ch. 5 §20.2), the note in SOAP form, the goals worked on with that day's
/// readings, and the treating therapist's signature with the date. The plan's precautions in
/// force that day head it, as on every document.
///
/// Dates come from the visit record and the plan's `Timeline` (treatment days, reviews,
/// certification periods); nothing is recounted here.
package enum DailyNoteDocument {
    package static func build(_ plan: Plan, options: DocumentOptions) throws -> ClinicalDocument {
        let visit = try choose(plan, options.visit)
        let date = visit.date.value
        // One timeline for the whole note, the plan as recorded up to the visit's day and read
        // on that day, as the progress report reads its `--as-of` date: the treatment day, the
        // certification, the reassessment and the goals worked on all come from it.
        let upTo = plan.recorded(upTo: date)
        let timeline = Timeline.of(upTo, today: date)
        var facts = DocumentFacts.header(plan)
        facts.append(.init(label: "Visit", text: Words.date(date)))
        facts.append(.init(label: "Status", text: status(visit)))
        facts.append(.init(label: "Treatment day", text: treatmentDay(upTo, timeline, visit)))
        if let m = visit.minutes { facts.append(.init(label: "Total treatment time", text: "\(m.value) min")) }
        if let c = certification(plan, timeline, on: date) { facts.append(.init(label: "Certification", text: c)) }
        // As it stood on the visit's day, for a home-health clinician; not for a visit booked ahead.
        if date <= options.today, let r = DocumentFacts.reassessment(upTo, timeline) { facts.append(r) }

        var sections: [ClinicalDocument.Section] = []
        var note: [ClinicalDocument.Fact] = visit.soap.parts.map { .init(label: $0.heading, text: $0.text) }
        note += visit.notes.map { .init(label: "Note", text: $0) }
        sections.append(.init(heading: "Note", blocks: [
            note.isEmpty ? .paragraph("No note recorded for this visit.") : .facts(note),
        ]))
        sections.append(.init(heading: "Services", blocks: serviceBlocks(plan, visit)))
        sections.append(.init(heading: "Goals addressed", blocks: goalBlocks(upTo, timeline, visit)))

        // The therapist attests only to what the note records: no "services recorded above"
        // when none are (CP0760 warns about a Medicare visit like that).
        let statement: String
        switch visit.status {
        case .attended where !visit.services.isEmpty:
            statement = "I provided the services recorded above on \(Words.shortDate(date))."
        case .attended where !visit.given.isEmpty:
            statement = "I provided the interventions recorded above on \(Words.shortDate(date)); no services (CPT codes and minutes) are recorded for them."
        case .attended:
            statement = "I saw the client on \(Words.shortDate(date)); no services or interventions are recorded for this visit."
        case .noShow, .cancelled:
            statement = "I recorded this visit as \(visit.status == .noShow ? "a no-show" : "cancelled")."
        }
        let therapist = ClinicalDocument.SignatureBlock(role: "Treating therapist", statement: statement, name: plan.clinician, date: nil)
        return ClinicalDocument(kind: .dailyNote, subject: plan.title.value, facts: facts,
                                precautions: DocumentFacts.precautions(plan, from: date),
                                noPrecautions: DocumentFacts.noPrecautions(plan, on: date),
                                sections: sections, signatures: [therapist], written: options.today)
    }

    /// The visit `--visit` names: exactly one visit of the plan on that date.
    package static func choose(_ plan: Plan, _ wanted: CalendarDate?) throws -> Visit {
        let dates = plan.visits.map(\.date.value)
        func listing() -> String {
            guard !dates.isEmpty else { return "plan `\(plan.id.value)` records no visits (`visit on DATE attended minutes N { ... }`)" }
            var seen = Set<CalendarDate>()
            let unique = dates.filter { seen.insert($0).inserted }.sorted()
            return "its visits: " + unique.map(\.description).joined(separator: ", ")
        }
        guard let wanted else {
            throw DocumentError("a daily note is about one visit: give --visit DATE; \(listing())")
        }
        let matches = plan.visits.filter { $0.date.value == wanted }
        if matches.count == 1 { return matches[0] }
        if matches.isEmpty {
            var text = "plan `\(plan.id.value)` has no visit on \(wanted)"
            let nearest = dates.min { abs($0.days(until: wanted)) < abs($1.days(until: wanted)) }
            if let n = nearest { text += " (nearest: \(n))" }
            throw DocumentError(text + "; " + listing())
        }
        throw DocumentError("plan `\(plan.id.value)` records \(matches.count) visits on \(wanted) (\(matches.map(\.status.rawValue).joined(separator: ", "))), so --visit cannot choose one; record one visit per date (the day's services on one visit), or write each note from the file; \(listing())")
    }

    package static func status(_ v: Visit) -> String {
        switch v.status {
        case .attended: return "Attended"
        case .cancelled: return "Cancelled" + (v.reason.map { ": \($0)" } ?? "")
        case .noShow: return "No-show" + (v.reason.map { ": \($0)" } ?? "")
        }
    }

    /// Which treatment day the visit is: its place in the reporting period ending that day
    /// (`ReportingPeriod`, the progress report's own period: since the last review of every
    /// open goal, as CP0501 counts) and since the start of care. `plan` is the plan as recorded
    /// up to the visit and `t` its timeline on the visit's day (as `build` makes them).
    package static func treatmentDay(_ asOf: Plan, _ t: Timeline, _ v: Visit) -> String {
        let date = v.date.value
        let given = t.treatmentDays.filter { $0.given && $0.date <= date }
        guard given.last?.date == date, let period = ReportingPeriod.ending(asOf, t) else {
            let why = v.status == .attended ? "only a home programme was given" : "no treatment was given"
            return "not a treatment day (\(why)); \(given.count) treatment day\(given.count == 1 ? "" : "s") since the start of care"
        }
        guard let limit = period.limit else {
            // No reporting period for this payer: the count since the start of care.
            return "\(given.count) since the start of care (\(t.rules.name): no progress-report period)"
        }
        let inPeriod = period.treatmentDays.count
        var text = "\(inPeriod) of \(limit) in the reporting period"
        text += period.previous.map { " (since the review of every goal on \(Words.shortDate($0)))" } ?? " (since the start of care)"
        if given.count != inPeriod { text += "; \(given.count) since the start of care" }
        if period.endIsRecorded {
            text += "; progress on every open goal is recorded this day (a progress report), so the next period starts after it"
        } else if let since = period.overdueSince {
            text += "; a progress report was due on \(Words.shortDate(since)) (treatment day \(limit))"
        } else if inPeriod == limit {
            text += "; a progress report is due today"
        }
        return text
    }

    /// The certification period that covers the visit, as the timeline has it. The timeline is
    /// read on the visit's day, but a signature recorded later still counts here: a physician
    /// may sign late (a delayed certification), and the note shows the date signed. A
    /// re-certification with no signature at all does not cover the visit. A plan with no
    /// `certify` line says so (its period is only the payer's default length), as the
    /// documents' certification line does (`CertificationLine`).
    package static func certification(_ plan: Plan, _ t: Timeline, on d: CalendarDate) -> String? {
        let covering = t.schedule.certifications.filter { $0.start <= d && d <= $0.end }
        if plan.certification == nil, covering.contains(where: { $0.kind == .initial }) {
            return "no certification recorded"
        }
        if let p = covering.last(where: { $0.kind == .initial || $0.signed != nil }) {
            var s = "\(Words.shortDate(p.start)) to \(Words.shortDate(p.end)) (\(p.kind == .initial ? "initial" : "re-certification")"
            s += p.signed.map { ", signed \(Words.shortDate($0))" } ?? ", not signed"
            return s + ")"
        }
        if let p = covering.last {
            return "not certified: the re-certification from \(Words.shortDate(p.start)) is not signed"
        }
        return t.schedule.certifications.isEmpty ? nil : "not covered by a certification period"
    }

    /// Each service with its code, minutes and units, the totals, and the interventions given.
    package static func serviceBlocks(_ plan: Plan, _ v: Visit) -> [ClinicalDocument.Block] {
        var blocks: [ClinicalDocument.Block] = []
        if v.status != .attended {
            return [.paragraph("No services: the visit was \(v.status == .noShow ? "missed (no-show)" : "cancelled").")]
        }
        if !v.given.isEmpty {
            let items = v.given.map { ref -> String in
                guard let i = plan.interventions.first(where: { $0.id.value == ref.value }) else { return ref.value }
                return i.title.value
            }
            blocks.append(.paragraph("Interventions given: " + items.joined(separator: "; ") + "."))
        }
        guard !v.services.isEmpty else {
            // Medicare's treatment note names each service billed (Pub. 100-02 ch. 15 §220.3.E).
            let medicare = plan.payer?.value == .medicarePartB
                ? " A Medicare treatment note names each service provided and billed, with its minutes (Medicare Benefit Policy Manual (Pub. 100-02) ch. 15 §220.3.E): record them on the visit (`service 97110 minutes 30`)." : ""
            return blocks + [.paragraph("No services recorded for this visit." + medicare)]
        }
        // Medicare pays a bundled code (97010) only as part of the other services (the table
        // CP0606 reads). A billing rule: applied when the plan names Medicare as its payer, not
        // under the Part B assumption for a plan that names none (its clocks only are assumed).
        let medicare = plan.payer?.value.isMedicare == true
        let bill = v.bill(medicare: medicare)
        var lines = bill.lines[...]
        var rows: [[String]] = []
        for s in v.services {
            let what = [s.known?.display, s.note].compactMap { $0 }.joined(separator: ": ")
            if let known = s.known, known.unitsNotComputed == nil, let line = lines.first {
                lines = lines.dropFirst()
                let timing = (known.isTimed ? "timed" : "untimed") + (line.isBundled ? ", bundled" : "")
                rows.append([s.code.value, what, "\(s.minutes.value)", timing, "\(line.units)"])
            } else if let known = s.known {
                rows.append([s.code.value, what, "\(s.minutes.value)", known.isTimed ? "timed" : "untimed", "not computed"])
            } else {
                // Not in careplan's table is not "not billed": the code may well be valid.
                rows.append([s.code.value, what.isEmpty ? "not in careplan's table" : what, "\(s.minutes.value)", "unknown", "not computed"])
            }
        }
        rows.append(["Total", "", "\(v.serviceMinutes)", "", "\(bill.units)"])
        blocks.append(.table(.init(caption: "Services billed (units by the 8-minute rule)",
                                   columns: ["CPT", "Service", "Minutes", "Timing", "Units"], numeric: [2, 4], rows: rows)))
        var parts: [String] = []
        if bill.lines.contains(where: \.isTimed) {
            parts.append("Timed-code minutes: \(bill.timedMinutes), \(bill.timedUnits) unit\(bill.timedUnits == 1 ? "" : "s") (\(unitLegend(upTo: bill.timedUnits)); CMS Pub. 100-04 ch. 5 §20.2)")
        }
        let untimed = bill.lines.filter { !$0.isTimed && !$0.isBundled }.count
        if untimed > 0 { parts.append(untimed == 1 ? "1 untimed code, 1 unit" : "\(untimed) untimed codes, one unit each") }
        let bundled = bill.lines.filter(\.isBundled)
        if !bundled.isEmpty {
            let codes = bundled.map { l in "\(l.code) (\(CPTCode.lookup(l.code)?.display.lowercased() ?? l.code), \(l.minutes) min)" }
            let payer = "Medicare"
            parts.append(codes.joined(separator: " and ") + " \(bundled.count == 1 ? "is" : "are") bundled: \(payer) pays \(bundled.count == 1 ? "it" : "them") only as part of the visit's other services, never separately (\(CPTCode.bundledSource)), so \(bundled.count == 1 ? "it bills" : "they bill") 0 units and \(bundled.count == 1 ? "is" : "are") out of the total")
        }
        if parts.isEmpty { parts.append("No units computed") }
        var summary = Words.capitalized(parts.joined(separator: "; "))
        for s in v.services {
            guard let known = s.known else { continue }
            if let why = known.unitsNotComputed { summary += "; units not computed for \(s.code.value) (\(s.minutes.value) min): \(why)" }
        }
        let unknown = v.services.filter { $0.known == nil }
        if !unknown.isEmpty {
            summary += "; units not computed for " + unknown.map { "\($0.code.value) (\($0.minutes.value) min)" }.joined(separator: ", ")
                + ": not in careplan's table (it may still be valid), so careplan cannot tell whether it is timed"
        }
        if let m = v.minutes, m.value > v.serviceMinutes {
            // Minutes under an unknown code are told above; these have no service at all.
            summary += "; \(m.value - v.serviceMinutes) of the visit's \(m.value) minutes have no service recorded"
        }
        if let payer = plan.payer?.value, !payer.isMedicare {
            summary += "; units follow CMS's 8-minute rule, and \(payer.label) may count units differently"
        }
        blocks.append(.paragraph(summary + "."))
        return blocks
    }

    /// "8-22 minutes is 1 unit, 23-37 is 2, 38-52 is 3": the CMS bands, far enough to cover
    /// `units` (a 55-minute visit needs "53-67 is 4").
    package static func unitLegend(upTo units: Int) -> String {
        let bands = (1...max(3, units)).map { n in (n == 1 ? "8" : "\(15 * n - 7)") + "-\(15 * n + 7)" }
        return bands.enumerated().map { i, band in i == 0 ? "\(band) minutes is 1 unit" : "\(band) is \(i + 1)" }
            .joined(separator: ", ")
    }

    /// The goals the visit worked on: those served by the interventions given, and any goal
    /// with a progress reading on the visit's date, with that reading.
    package static func goalBlocks(_ plan: Plan, _ t: Timeline, _ v: Visit) -> [ClinicalDocument.Block] {
        let date = v.date.value
        let served = Set(v.given.flatMap { ref in plan.interventions.first { $0.id.value == ref.value }?.serves.map(\.value) ?? [] })
        let entries = plan.progress.filter { $0.date.value == date }.flatMap(\.entries)
        let read = Set(entries.map(\.goal.value))
        // On the day a goal is set (the evaluation, or a later `starts`), its baseline is the reading.
        let setToday = Set(plan.goals.filter { t.life(of: $0.id.value)?.start == date }.map(\.id.value))
        let goals = plan.goals.filter { served.contains($0.id.value) || read.contains($0.id.value) || (v.status == .attended && setToday.contains($0.id.value)) }
        guard !goals.isEmpty else {
            return [.paragraph(v.status == .attended ? "No goals recorded for this visit." : "None: no treatment was given.")]
        }
        // The columns and figures of the progress report (`GoalFigures`): one row per measured
        // target, the measure with its unit, baseline and target in that unit, assist levels
        // in clinicians' words; the visit's reading where the report has its latest.
        var rows: [[String]] = []
        for g in goals {
            let f = GoalFigures(g, ProgressAnalysis.goal(plan, g, t))
            let mine = entries.filter { $0.goal.value == g.id.value }
            let notes = mine.compactMap(\.note)
            var due = g.due.map { Words.shortDate($0.value) } ?? ""
            if let c = plan.closure(of: g.id.value), c.date.value <= date {
                due += " (\(c.status.rawValue) \(Words.shortDate(c.date.value)))"
            }
            func reading(_ found: [String]) -> String {
                if !found.isEmpty { return found.joined(separator: "; ") }
                return setToday.contains(g.id.value) ? "set this day (the baseline)" : "no reading this day"
            }
            var cells: [(name: String, baseline: String, visit: String, target: String)] = f.targets.map { target in
                switch target.kind {
                case .measure: return (target.name, target.baseline, reading(mine.compactMap(\.value).map(f.value)), target.target)
                case .assist: return (target.name, target.baseline, reading(mine.compactMap(\.assist).map(GoalFigures.assistWords)), target.target)
                }
            }
            if cells.isEmpty {
                let gas = mine.compactMap(\.gas).map { "GAS \($0.value > 0 ? "+" : "")\($0.value)" }
                cells = [("None stated", "", gas.isEmpty && notes.isEmpty ? reading([]) : gas.joined(separator: "; "), "")]
            }
            for (k, c) in cells.enumerated() {
                // The therapist's notes on the goal go with its first row.
                let visit = k == 0 && !notes.isEmpty ? ([c.visit] + notes).filter { !$0.isEmpty }.joined(separator: "; ") : c.visit
                rows.append([GoalFigures.label(plan, g), k == 0 ? g.title.value : "", c.name, c.baseline, visit, c.target, k == 0 ? due : ""])
            }
        }
        return [.table(.init(caption: "Goals worked on, with the readings of \(Words.shortDate(date))",
                             columns: ["Goal", "The client will", "Measure", "Baseline", "This visit", "Target", "By"], rows: rows))]
    }
}
