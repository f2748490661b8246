import CarePlanBasics
import CarePlanModel
import CarePlanAnalysis

/// The progress report (Medicare Benefit Policy Manual, Pub. 100-02, ch. 15 §220.3.D): at
/// least once every 10 treatment days, by the therapist, assessing progress toward each goal.
/// It covers one reporting period (`ReportingPeriod`: from the last review of every open goal
/// to the report's date, with the timeline's treatment days), gives each open goal's measured
/// values (baseline, at the previous report, latest, target), the goals met or closed and the
/// plan's changes in the period, why skilled therapy should continue (or what the plan lacks
/// to say so), and when the next report is due.
package enum ProgressReportDocument {
    package static func build(_ written: Plan, options: DocumentOptions) throws -> ClinicalDocument {
        let asOf = options.asOf ?? options.today
        guard let start = written.start?.value else {
            throw DocumentError("plan `\(written.id.value)` has no start of care (`starts DATE`): a progress report counts treatment days from it")
        }
        guard asOf <= options.today else {
            throw DocumentError("--as-of \(asOf) is after today (\(options.today)): a progress report covers care already given")
        }
        guard asOf >= start else {
            throw DocumentError("--as-of \(asOf) is before plan `\(written.id.value)` starts (\(start)): there is no care to report on yet")
        }
        // What was known on the report's date: later records are left out everywhere.
        let plan = written.recorded(upTo: asOf)
        let t = Timeline.of(plan, today: asOf)
        // Nothing left to report progress on: what this plan needs is its discharge summary.
        if !t.schedule.lives.isEmpty, t.schedule.lives.allSatisfy({ $0.end.map { $0 < asOf } ?? false }) {
            throw DocumentError("every goal of plan `\(plan.id.value)` was closed before \(asOf): write the discharge summary instead (`--kind discharge-summary`)")
        }
        guard let period = ReportingPeriod.ending(plan, t) else {
            throw DocumentError("plan `\(plan.id.value)` has no start of care: no reporting period")
        }
        var facts = DocumentFacts.header(plan)
        facts.append(.init(label: "Reporting period", text: "\(Words.shortDate(period.start)) to \(Words.shortDate(period.end))"))
        // Care given: a session booked today and not yet recorded is not counted (CP0501 counts
        // it, to warn before the visit; a signed report states only what the record shows).
        facts.append(.init(label: "Treatment days in the period", text: "\(period.givenDays.count)"
            + period.bookedNotRecorded.map { " (and \(Words.shortDate($0.date)), booked, not yet recorded)" }.joined()))
        facts.append(.init(label: "Payer", text: t.rules.name))
        if let c = DocumentFacts.certification(plan, t) { facts.append(c) }
        if let r = DocumentFacts.reassessment(plan, t) { facts.append(r) }

        var sections: [ClinicalDocument.Section] = [periodSection(plan, t, period)]
        let figures = plan.goals.map { GoalFigures($0, ProgressAnalysis.goal(plan, $0, t)) }
        sections.append(progressSection(plan, t, period, figures))
        sections.append(closedSection(plan, t, period, figures))
        sections.append(changesSection(plan, t, period))
        sections.append(justificationSection(plan, t, period, figures))
        sections.append(nextSection(plan, t, period))

        let therapist = ClinicalDocument.SignatureBlock(
            role: "Therapist",
            statement: "I have assessed the client's progress toward each goal in this reporting period.",
            name: plan.clinician, date: nil)
        return ClinicalDocument(kind: .progressReport, subject: plan.title.value, facts: facts,
                                precautions: DocumentFacts.precautions(plan, from: asOf),
                                noPrecautions: DocumentFacts.noPrecautions(plan, on: asOf),
                                sections: sections, signatures: [therapist], written: options.today)
    }

    // MARK: - Sections

    /// The period's dates, its treatment days (from the timeline) and the visits missed, with
    /// the payer's rule for how often a report is due.
    package static func periodSection(_ plan: Plan, _ t: Timeline, _ p: ReportingPeriod) -> ClinicalDocument.Section {
        var blocks: [ClinicalDocument.Block] = []
        let since = p.previous.map { "the day after the last progress report (\(Words.shortDate($0))\(p.previousIsRecorded ? "" : ", a check-in booked to review every goal"))" }
            ?? "the start of care"
        blocks.append(.paragraph("This report covers \(Words.shortDate(p.start)) to \(Words.shortDate(p.end)): from \(since) to the date of this report."))
        let days = p.givenDays, booked = p.bookedNotRecorded
        let count = "\(days.count) treatment day\(days.count == 1 ? "" : "s")"
        if days.isEmpty {
            blocks.append(.paragraph("No treatment days in this period."))
        } else {
            blocks.append(.paragraph("\(count): \(days.map { Words.shortDate($0.date) }.joined(separator: ", "))."))
        }
        if !t.recordsVisits {
            blocks.append(.paragraph("No visits are recorded in this plan, so these are the booked sessions (the evaluation on the start of care is day 1), not care known to be given."))
        } else if !booked.isEmpty {
            blocks.append(.paragraph("\(booked.map { Words.shortDate($0.date) }.joined(separator: ", ")) (booked, not yet recorded): a session booked and not recorded as a visit is not counted as a treatment day until its visit is recorded."))
        }
        let visits = plan.visits.filter { $0.date.value >= p.start && $0.date.value <= p.end }
        let missed = visits.filter { $0.status != .attended }
        if !visits.isEmpty {
            let attended = visits.count - missed.count
            var line = "Visits recorded in the period: \(attended) attended"
            let cancelled = missed.filter { $0.status == .cancelled }.count, noShow = missed.count - cancelled
            if cancelled > 0 { line += ", \(cancelled) cancelled" }
            if noShow > 0 { line += ", \(noShow) not attended (no-show)" }
            blocks.append(.paragraph(line + "."))
            if !missed.isEmpty {
                blocks.append(.list(missed.map { v in
                    "\(Words.shortDate(v.date.value)): \(v.status.label)" + (v.reason.map { ", \($0)" } ?? ", no reason recorded")
                }))
            }
        }
        if let limit = p.limit {
            var rule = "\(t.rules.name) requires a progress report at least once every \(limit) treatment days (\(t.rules.progressReportSource)), written by the therapist and covering each goal."
            if let due = p.overdueSince {
                // Counted as CP0501 counts (today's booked session included), and said so.
                rule += " This period has \(days.count) treatment days\(booked.isEmpty ? "" : " and today's session booked"), more than \(limit): the report was due by \(Words.shortDate(due)), the \(limit)th treatment day."
            }
            blocks.append(.paragraph(rule))
        } else {
            var rule = "\(t.rules.name) sets no treatment-day interval for progress reports (\(t.rules.source)): this report follows the plan's own reviews."
            if let due = ReassessmentDue.of(plan, t) { rule += " A therapist reassesses function at least every \(due.every) days: the next is \(due.summary(date: Words.shortDate))." }
            blocks.append(.paragraph(rule))
        }
        if !p.endIsRecorded {
            let open = t.activeGoals(on: p.end)
            blocks.append(.paragraph("No progress record on \(Words.shortDate(p.end)) reviews every open goal, so the values below are the latest recorded on or before that day: this report restarts the count of treatment days only once its readings of every open goal are recorded."))
        }
        return .init(heading: "Reporting period", blocks: blocks)
    }

    /// One row per measured target of each goal open at the end of the period (a measure, an
    /// assist level), then what the numbers mean: direction and MCID, the straight-line
    /// expectation when behind, the therapist's notes from the period.
    package static func progressSection(_ plan: Plan, _ t: Timeline, _ p: ReportingPeriod, _ figures: [GoalFigures]) -> ClinicalDocument.Section {
        let open = figures.filter { f in t.life(of: f.goal.id.value).map { $0.start <= p.end && ($0.end.map { $0 > p.end } ?? true) } ?? false }
        guard !open.isEmpty else {
            return .init(heading: "Progress toward each goal", blocks: [.paragraph(plan.goals.isEmpty ? "The plan has no goals." : "No goal is open at the end of this period.")])
        }
        var rows: [[String]] = []
        var details: [String] = []
        for f in open {
            let g = f.goal, id = g.id.value
            let status = statusWords(f)
            for target in f.targets {
                switch target.kind {
                case .measure:
                    let previous = p.previous.flatMap { f.reading(onOrBefore: $0) }
                    rows.append([GoalFigures.label(plan, g), target.name, target.baseline,
                                 p.previous == nil ? "first report" : f.dated(previous),
                                 f.dated(f.progress.latest), target.target, status])
                case .assist:
                    let previous = p.previous.flatMap { GoalFigures.assist(plan, goal: id, onOrBefore: $0) }
                    let latest = GoalFigures.assist(plan, goal: id, onOrBefore: p.end)
                    func dated(_ a: (date: CalendarDate, level: AssistLevel)?) -> String {
                        a.map { "\(GoalFigures.assistWords($0.level)) (\(Words.shortDate($0.date)))" } ?? "not rated"
                    }
                    rows.append([GoalFigures.label(plan, g), target.name, target.baseline,
                                 p.previous == nil ? "first report" : dated(previous), dated(latest), target.target,
                                 g.measure == nil ? status : ""])
                }
            }
            if g.measure == nil && g.assistTo == nil {
                rows.append([GoalFigures.label(plan, g), "None stated", "", "", f.progress.latestGAS.map { "GAS \($0)" } ?? "", "", status])
            }
            var about: [String] = []
            if g.measure == nil && g.assistTo == nil {
                about.append("states no measure or assist level, so progress toward it cannot be measured")
            }
            if let line = f.mcidLine { about.append(line) }
            if let e = f.progress.expectedAtLatest, let l = f.progress.latest, f.progress.status == .behind {
                about.append("expected about \(f.value((e * 10).rounded() / 10)) by \(Words.shortDate(l.date)) on a straight line to the target")
            }
            if g.measure != nil || g.assistTo != nil {
                let inPeriod = f.progress.points.contains { $0.date >= p.start } || GoalFigures.assist(plan, goal: id, onOrBefore: p.end).map { $0.date >= p.start } == true
                if !inPeriod { about.append("not measured in this period") }
            }
            if let gas = f.progress.latestGAS, g.gas != nil { about.append(gasWords(plan, t, g, level: gas, asOf: p.end)) }
            if f.targetsMetNotClosed(t) { about.append("\(GoalFigures.targetsMetWords): \(f.closePrompt(on: p.end))") }
            if let due = g.due?.value { about.append(due < p.end ? "was due \(Words.shortDate(due))" : "due \(Words.shortDate(due))") }
            for r in plan.progress where r.date.value >= p.start && r.date.value <= p.end {
                for e in r.entries where e.goal.value == id { if let n = e.note { about.append("\(Words.shortDate(r.date.value)): \(n)") } }
            }
            details.append("\(id) (\(g.title.value)): \(about.joined(separator: "; ")).")
        }
        var blocks: [ClinicalDocument.Block] = [
            .table(.init(caption: "Goals open on \(Words.shortDate(p.end)): measured values", columns: ["Goal", "Measure", "Baseline", "Previous report", "Latest", "Target", "Status"], rows: rows)),
            .list(details),
        ]
        if let copm = DocumentFacts.copm(plan, asOf: p.end) { blocks.append(copm) }
        let gas = ProgressAnalysis.gas(plan, t, progress: figures.map(\.progress))
        if let b = gas.baseline, let l = gas.latest {
            blocks.append(.paragraph("Goal Attainment Scaling T-score: \(f1(b)) at baseline, \(f1(l)) now (50 is the expected outcome)."))
        }
        return .init(heading: "Progress toward each goal", blocks: blocks)
    }

    /// "GAS level 0 (23 Nov 2026)", and, when the goal's own readings contradict the level
    /// (CP0730), what they say: the therapist signs this, so the contradiction is not hidden.
    package static func gasWords(_ plan: Plan, _ t: Timeline, _ g: Goal, level: Int, asOf: CalendarDate) -> String {
        let date = plan.progress.filter { r in r.date.value <= asOf && r.entries.contains { $0.goal.value == g.id.value && $0.gas != nil } }
            .map(\.date.value).max()
        var words = "GAS level \(level > 0 ? "+" : "")\(level)" + (date.map { " (\(Words.shortDate($0)))" } ?? "")
        if let date, let why = ReadingRules.gasDisagreement(plan, g, level: level, on: date, start: t.life(of: g.id.value)?.start ?? plan.start?.value, format: Words.shortDate) {
            words += ", which the readings do not support (\(why)): check the level before signing"
        }
        return words
    }

    /// Goals met, discontinued or added in the period.
    package static func closedSection(_ plan: Plan, _ t: Timeline, _ p: ReportingPeriod, _ figures: [GoalFigures]) -> ClinicalDocument.Section {
        var closed: [String] = []
        for f in figures {
            guard let life = t.life(of: f.goal.id.value), let end = life.end, end >= p.start, end <= p.end, let how = life.closure else { continue }
            closed.append(closureLine(plan, f, end: end, how: how))
        }
        return .init(heading: "Goals met or closed in this period", blocks: [closed.isEmpty ? .paragraph("None.") : .list(closed)])
    }

    /// "pain-control (Keep knee pain...): achieved on 16 Nov 2026; final 3 points (target 3 points)".
    package static func closureLine(_ plan: Plan, _ f: GoalFigures, end: CalendarDate, how: GoalClosure) -> String {
        let g = f.goal
        var line = "\(g.id.value) (\(g.title.value)): "
        if how == .achieved && f.missesATarget(plan, on: end) { line += GoalFigures.closedBelowTargetWords(on: end) }
        else { line += "\(how == .achieved ? "met" : "discontinued") on \(Words.shortDate(end))" }
        if let m = g.measure {
            line += "; final \(f.dated(f.reading(onOrBefore: end))), baseline \(f.value(m.baseline.value)), target \(f.value(m.target.value))"
        }
        if let to = g.assistTo?.value {
            let a = GoalFigures.assist(plan, goal: g.id.value, onOrBefore: end)
            line += "; assist level \(a.map { GoalFigures.assistWords($0.level) } ?? "not rated") (target \(GoalFigures.assistWords(to)))"
        }
        if let reason = plan.closure(of: g.id.value)?.reason { line += "; reason: \(reason)" }
        else if how == .discontinued { line += "; no reason recorded" }
        return line
    }

    /// What changed in the plan in the period, with the reason the plan records: goals added
    /// (and what they replace; goals closed have their own section), re-certifications, courses of sessions begun or
    /// ended, precautions lifted.
    package static func changesSection(_ plan: Plan, _ t: Timeline, _ p: ReportingPeriod) -> ClinicalDocument.Section {
        var items: [String] = []
        func inPeriod(_ d: CalendarDate) -> Bool { d >= p.start && d <= p.end }
        for (g, life) in zip(plan.goals, t.lives) where life.start > (plan.start?.value ?? life.start) && inPeriod(life.start) {
            var line = "Goal \(g.id.value) added on \(Words.shortDate(life.start)): \(g.title.value)"
            if let old = g.replaces?.value {
                let c = plan.closure(of: old)
                line += "; it replaces \(old)" + (c.map { ", \($0.status == .achieved ? "met" : "discontinued") on \(Words.shortDate($0.date.value))" + ($0.reason.map { " (reason: \($0))" } ?? " (no reason recorded)") } ?? "")
            } else {
                line += g.notes.first.map { "; \($0)" } ?? "; no reason recorded"
            }
            items.append(line)
        }
        for c in t.schedule.certifications where c.kind == .recertification && (inPeriod(c.start) || c.signed.map(inPeriod) == true) {
            items.append("Re-certification from \(Words.shortDate(c.start)) to \(Words.shortDate(c.end))" + (c.signed.map { ", signed \(Words.shortDate($0))" + (c.by.map { " by \($0)" } ?? "") } ?? ", not signed"))
        }
        var courses: [(String, Frequency?)] = [("the plan's sessions", plan.frequency)]
        for i in plan.interventions { courses.append((i.title.value, i.frequency)) }
        for (k, (name, f)) in courses.enumerated() {
            guard let f else { continue }
            let id = k == 0 ? "\(plan.id.value)-sessions" : "\(plan.id.value)-\(plan.interventions[k - 1].id.value)-sessions"
            guard let dates = t.schedule.series.first(where: { $0.id == id })?.dates, let first = dates.first, let last = dates.last else { continue }
            if first > (plan.start?.value ?? first), inPeriod(first) { items.append("Began: \(name), \(Words.frequency(f)), first session \(Words.shortDate(first))") }
            if inPeriod(last) && last < p.end { items.append("Ended: \(name), last session booked \(Words.shortDate(last))") }
        }
        for pr in plan.care.precautions {
            if let u = pr.until, inPeriod(u), u < p.end { items.append("\(pr.summary.components(separatedBy: ", until").first ?? pr.summary): lifted after \(Words.shortDate(u))") }
        }
        return .init(heading: "Changes to the plan in this period", blocks: [
            items.isEmpty ? .paragraph("None: no goal was added, no course of sessions began or ended, and no re-certification or precaution changed in this period.") : .list(items),
        ])
    }

    /// Why the client still needs a therapist's skills, from what the plan records: goals not
    /// yet met with measured progress, the rehab potential and its reason, the precautions in
    /// force, the discharge criteria not yet met. What the plan lacks is said, not invented.
    package static func justificationSection(_ plan: Plan, _ t: Timeline, _ p: ReportingPeriod, _ figures: [GoalFigures]) -> ClinicalDocument.Section {
        var items: [String] = []
        var missing: [String] = []
        let open = figures.filter { f in t.life(of: f.goal.id.value).map { $0.start <= p.end && ($0.end.map { $0 > p.end } ?? true) } ?? false }
        let unmet = open.filter { $0.progress.status != .achieved }
        if !unmet.isEmpty {
            items.append("\(unmet.count) goal\(unmet.count == 1 ? " is" : "s are") not yet met: \(unmet.map(\.goal.id.value).joined(separator: ", ")).")
        }
        // Measured progress in the period: the latest reading better than the one before the period.
        var improving: [String] = [], flat: [String] = []
        for f in unmet {
            guard let latest = f.progress.latest, latest.date >= p.start else { continue }
            let before = p.previous.flatMap { f.reading(onOrBefore: $0) }?.value ?? f.goal.measure?.baseline.value
            guard let before else { continue }
            let move = "\(f.goal.id.value) \(f.value(before)) to \(f.value(latest.value))"
            if f.better(latest.value, than: before) { improving.append(move) } else { flat.append(move) }
        }
        if !improving.isEmpty { items.append("Measurable progress in this period: \(improving.joined(separator: "; ")).") }
        if !flat.isEmpty { items.append("No measured improvement in this period: \(flat.joined(separator: "; ")); a reviewer expects the reason and the change to the plan (or discharge).") }
        if let r = plan.care.rehabPotential {
            items.append("Rehab potential: \(r.level.value.label)" + (r.reason.map { ", \($0)." } ?? "."))
        } else {
            missing.append("the rehab potential")
        }
        let precautions = plan.care.precautions(on: p.end)
        if !precautions.isEmpty {
            items.append("Precautions in force that treatment must respect: \(precautions.map { $0.summary }.joined(separator: "; ")).")
        }
        if !plan.care.dischargeCriteria.isEmpty {
            items.append("Discharge criteria set in the plan: \(plan.care.dischargeCriteria.joined(separator: "; ")).")
        }
        if unmet.isEmpty {
            missing.append(open.isEmpty ? "an open goal: every goal is closed, so continued therapy needs new goals, or discharge" : "a goal not yet met: every open goal's targets are met, so continued therapy needs new goals, or discharge")
        } else if improving.isEmpty && flat.isEmpty {
            missing.append("a measurement in this period of any goal not yet met")
        }
        var blocks: [ClinicalDocument.Block] = []
        if !items.isEmpty { blocks.append(.list(items)) }
        if !missing.isEmpty {
            blocks.append(.paragraph("Missing to justify continued skilled therapy: \(missing.joined(separator: "; "))."))
        }
        return .init(heading: "Why skilled therapy continues", blocks: blocks)
    }

    /// When the next report falls due, from the sessions booked after this one.
    package static func nextSection(_ plan: Plan, _ t: Timeline, _ p: ReportingPeriod) -> ClinicalDocument.Section {
        var blocks: [ClinicalDocument.Block] = []
        if let limit = p.limit {
            if let due = p.nextDue {
                blocks.append(.paragraph("By \(Words.shortDate(due)): the \(limit)th treatment day after this report, projected from the sessions booked after \(Words.shortDate(p.end))."))
            } else if let last = p.following.last {
                blocks.append(.paragraph("Only \(p.following.count) treatment day\(p.following.count == 1 ? " is" : "s are") booked after this report (the last on \(Words.shortDate(last.date))): the next report is due at the \(limit)th treatment day, or the discharge summary at discharge."))
            } else {
                blocks.append(.paragraph("No sessions are booked after this report: the next document is the discharge summary, or a progress report by the \(limit)th treatment day if therapy continues."))
            }
        } else {
            let next = t.schedule.series.filter { $0.kind == .checkin || $0.kind == .reassessment }.flatMap(\.dates).filter { $0 > p.end }.min()
            blocks.append(.paragraph(next.map { "At the next review booked: \(Words.shortDate($0))." } ?? "No review is booked after this report."))
        }
        // Named as the header's certification line names it: an unsigned period is not "in force".
        if let (c, subject) = CertificationLine.subject(plan, t, date: Words.shortDate) {
            let later = t.schedule.certifications.filter { $0.kind == .recertification && $0.start > c.start }
            let text: String
            if let signed = t.signedRecertificationsAhead.first(where: { $0.start > c.start }) {
                text = "; the re-certification signed \(signed.signed.map(Words.shortDate) ?? "") continues it from \(Words.shortDate(signed.start)) to \(Words.shortDate(signed.end))."
            } else {
                text = later.isEmpty ? ": no re-certification is written yet." : "; the re-certification written after it is not signed yet."
            }
            blocks.append(.paragraph("\(subject) ends \(Words.shortDate(c.end))" + text))
        }
        return .init(heading: "Next progress report", blocks: blocks)
    }

    // MARK: - Words

    package static func statusWords(_ f: GoalFigures) -> String {
        let s = f.progress
        var words = s.status == .achieved ? GoalFigures.targetsMetWords : s.status.label
        if s.trend != .unknown && s.status != .achieved { words += ", \(s.trend.rawValue)" }
        return words
    }

    package static func f1(_ v: Double) -> String { ProgressReport.f1(v) }
}
