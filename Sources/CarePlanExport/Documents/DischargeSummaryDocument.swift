import CarePlanBasics
import CarePlanModel
import CarePlanAnalysis

/// The discharge summary: the dates of care and the visits attended, cancelled and missed;
/// each goal met or not met with its final values; the home programme, equipment and people
/// trained; the reason for discharge (from the goals' closures and the plan's status; said to
/// be missing when the plan records none); the recommendations the plan records.
///
/// A plan still active with goals open and no reason for discharge gets an error instead: a
/// summary would have to invent why care ended.
package enum DischargeSummaryDocument {
    package static func build(_ written: Plan, options: DocumentOptions) throws -> ClinicalDocument {
        let id = written.id.value
        guard let start = written.start?.value else {
            throw DocumentError("plan `\(id)` has no start of care (`starts DATE`): a discharge summary gives the dates of care from it")
        }
        if let asOf = options.asOf, asOf > options.today {
            throw DocumentError("--as-of \(asOf) is after today (\(options.today)): a discharge summary reports care already given")
        }
        let recorded = written.recorded(upTo: options.asOf ?? options.today)
        // The end of care: --as-of, else the last visit attended or goal closed, else today.
        let lastVisit = recorded.visits.filter { $0.status == .attended }.map(\.date.value).max()
        let lastClosure = recorded.closures.map(\.date.value).max()
        let discharged = options.asOf ?? [lastVisit, lastClosure].compactMap { $0 }.max() ?? options.today
        guard discharged >= start else {
            throw DocumentError("--as-of \(discharged) is before plan `\(id)` starts (\(start))")
        }
        let plan = written.recorded(upTo: discharged)
        let t = Timeline.of(plan, today: discharged)
        let figures = plan.goals.map { GoalFigures($0, ProgressAnalysis.goal(plan, $0, t)) }
        let open = figures.filter { f in t.life(of: f.goal.id.value).map { $0.end == nil } ?? false }
        let ended = plan.status == .completed || plan.status == .revoked
        if !open.isEmpty && !ended {
            let day = options.asOf ?? options.today
            // One way to close each open goal, so the therapist sees all that must be closed.
            // `achieved` only where the readings meet every target: else the summary would
            // call met a goal its own figures show missed (CP0512).
            func how(_ g: Goal) -> String {
                let gid = g.id.value
                let discontinue = "`close \(gid) discontinued on \(day) because \"...\"`"
                let measured = g.measure != nil || g.assistTo != nil
                return measured && ProgressAnalysis.targetsMet(recorded, g, on: day)?.targets.allMet != true
                    ? "\(discontinue), or record the reading that shows it met: no reading of \(gid) by \(day) meets every target"
                    : "`close \(gid) achieved on \(day)`, or \(discontinue)"
            }
            let goals = open.map(\.goal)
            if goals.count == 1 {
                throw DocumentError("plan `\(id)` is not ready for a discharge summary: goal `\(goals[0].id.value)` is open and the plan records no reason for discharge; close it (\(how(goals[0]))), or mark the plan `status completed`")
            }
            throw DocumentError("plan `\(id)` is not ready for a discharge summary: goals \(goals.map { "`\($0.id.value)`" }.joined(separator: ", ")) are open and the plan records no reason for discharge; close each, or mark the plan `status completed`:"
                + goals.map { "\n  - \(how($0))" }.joined())
        }

        var facts = DocumentFacts.header(plan)
        facts.append(.init(label: "Dates of care", text: "\(Words.shortDate(start)) to \(Words.shortDate(discharged)) (\(start.days(until: discharged) + 1) days)"))
        facts.append(.init(label: "Payer", text: t.rules.name))

        var sections: [ClinicalDocument.Section] = [careSection(plan, t, start: start, discharged: discharged)]
        sections.append(DocumentFacts.diagnoses(plan))
        sections.append(goalsSection(plan, t, figures, discharged: discharged))
        sections.append(homeSection(plan, t, discharged: discharged))
        sections.append(reasonSection(plan, t, figures, open: open, discharged: discharged))
        sections.append(recommendationsSection(plan))

        let therapist = ClinicalDocument.SignatureBlock(
            role: "Therapist", statement: "I have reviewed the client's care and discharge from this plan.",
            name: plan.clinician, date: nil)
        return ClinicalDocument(kind: .dischargeSummary, subject: plan.title.value, facts: facts,
                                precautions: DocumentFacts.precautions(plan, from: discharged),
                                noPrecautions: DocumentFacts.noPrecautions(plan, on: discharged),
                                sections: sections, signatures: [therapist], written: options.today)
    }

    /// Visits attended, cancelled and missed; the treatment days given (from the timeline).
    package static func careSection(_ plan: Plan, _ t: Timeline, start: CalendarDate, discharged: CalendarDate) -> ClinicalDocument.Section {
        var blocks: [ClinicalDocument.Block] = []
        let visits = plan.visits.filter { $0.date.value >= start && $0.date.value <= discharged }
        if visits.isEmpty {
            let booked = t.treatmentDays.filter { $0.date <= discharged }.count
            blocks.append(.paragraph("No visits are recorded in this plan, so the visits attended, cancelled and missed are not known; the plan booked \(booked) treatment day\(booked == 1 ? "" : "s") from \(Words.shortDate(start)) to \(Words.shortDate(discharged))."))
        } else {
            let attended = visits.filter { $0.status == .attended }
            let cancelled = visits.filter { $0.status == .cancelled }, noShow = visits.filter { $0.status == .noShow }
            let given = t.treatmentDays.filter { $0.given && $0.date <= discharged }
            blocks.append(.table(.init(caption: "Visits from \(Words.shortDate(start)) to \(Words.shortDate(discharged))",
                                       columns: ["Visits", "Number"], numeric: [1],
                                       rows: [["Attended", "\(attended.count)"], ["Cancelled", "\(cancelled.count)"],
                                              ["Did not attend (no-show)", "\(noShow.count)"], ["Treatment days", "\(given.count)"]])))
            if let first = attended.first, let last = attended.last {
                blocks.append(.paragraph("First visit \(Words.shortDate(first.date.value)), last visit \(Words.shortDate(last.date.value))."))
            }
            // Medicare bills a bundled code (97010) 0 units, as the daily note shows it.
            blocks += servicesBlocks(attended, medicare: plan.payer?.value.isMedicare == true)
            let missed = (cancelled + noShow).sorted { $0.date.value < $1.date.value }
            if !missed.isEmpty {
                blocks.append(.list(missed.map { v in "\(Words.shortDate(v.date.value)): \(v.status.label)" + (v.reason.map { ", \($0)" } ?? ", no reason recorded") }))
            }
        }
        return .init(heading: "Dates of care and visits", blocks: blocks)
    }

    /// Services given: every CPT code recorded on the attended visits, with the visits it was
    /// given on, its minutes and its units (each visit's 8-minute-rule bill, `Visit.bill`). A
    /// code whose units careplan does not compute (not in its table, or billed otherwise:
    /// unlisted, by the hour) is listed too, its units "not given", with the reason below the
    /// table: leaving it out would understate the care given.
    package static func servicesBlocks(_ attended: [Visit], medicare: Bool) -> [ClinicalDocument.Block] {
        var services: [String: (visits: Int, minutes: Int, units: Int?)] = [:]
        var bundled = Set<String>()
        for v in attended {
            var units: [String: Int] = [:]
            for line in v.bill(medicare: medicare).lines {
                units[line.code, default: 0] += line.units
                if line.isBundled { bundled.insert(line.code) }
            }
            var seen = Set<String>()
            for s in v.services {
                let code = s.code.value
                var row = services[code] ?? (0, 0, 0)
                if seen.insert(code).inserted {
                    row.visits += 1
                    // Units of a code computed on this visit; nil once any of its visits was not.
                    row.units = units[code].flatMap { u in row.units.map { $0 + u } }
                }
                row.minutes += s.minutes.value
                services[code] = row
            }
        }
        guard !services.isEmpty else { return [.paragraph("No services (CPT codes) are recorded on the visits.")] }
        var rows: [[String]] = [], why: [String] = []
        for code in services.keys.sorted() {
            let r = services[code]!, known = CPTCode.lookup(code)
            rows.append([code, known?.display ?? "not in careplan's table", "\(r.visits)", "\(r.minutes)", r.units.map(String.init) ?? "not given"])
            if r.units == nil {
                let reason = known?.unitsNotComputed ?? "not in careplan's table (it may still be valid), so careplan cannot tell whether it is timed"
                why.append("\(code) (\(r.minutes) min on \(r.visits) visit\(r.visits == 1 ? "" : "s")): \(reason)")
            }
        }
        let minutes = services.values.reduce(0) { $0 + $1.minutes }, units = services.values.reduce(0) { $0 + ($1.units ?? 0) }
        rows.append(["Total", "", "", "\(minutes)", "\(units)"])
        var blocks: [ClinicalDocument.Block] = [.table(.init(caption: "Services given (units by the 8-minute rule on each visit)",
                                                             columns: ["CPT", "Service", "Visits", "Minutes", "Units"], numeric: [2, 3, 4], rows: rows))]
        if !bundled.isEmpty {
            let codes = bundled.sorted()
            blocks.append(.paragraph("\(codes.joined(separator: ", ")) \(codes.count == 1 ? "is" : "are") bundled: Medicare pays \(codes.count == 1 ? "it" : "them") only as part of the visit's other services, never separately (\(CPTCode.bundledSource)), so \(codes.count == 1 ? "it bills" : "they bill") 0 units."))
        }
        if !why.isEmpty {
            blocks.append(.paragraph("Units not given (the total counts only the units computed): \(why.joined(separator: "; "))."))
        }
        return blocks
    }

    /// Goals met (closed achieved), then, when there are any, goals still open whose targets
    /// are met (`GoalFigures.targetsMetNotClosed`), then not met (discontinued, or open at
    /// discharge below a target), each with its final values against baseline and target.
    package static func goalsSection(_ plan: Plan, _ t: Timeline, _ figures: [GoalFigures], discharged: CalendarDate) -> ClinicalDocument.Section {
        var met: [String] = [], metOpen: [String] = [], belowTarget: [String] = [], notMet: [String] = []
        for f in figures {
            guard let life = t.life(of: f.goal.id.value), life.start <= discharged else { continue }
            if let end = life.end, let how = life.closure {
                var line = ProgressReportDocument.closureLine(plan, f, end: end, how: how)
                if let mcid = f.mcidLine { line += "; \(mcid)" }
                if how == .achieved { if f.closedBelowTarget(plan, t) { belowTarget.append(line) } else { met.append(line) } }
                else { notMet.append(line) }
            } else {
                let g = f.goal
                let targetsMet = f.targetsMetNotClosed(t)
                var line = "\(g.id.value) (\(g.title.value)): open at discharge, \(targetsMet ? GoalFigures.targetsMetWords : "not met")"
                if let m = g.measure {
                    line += "; final \(f.dated(f.progress.latest)), baseline \(f.value(m.baseline.value)), target \(f.value(m.target.value))"
                }
                if let to = g.assistTo?.value {
                    let a = GoalFigures.assist(plan, goal: g.id.value, onOrBefore: discharged)
                    line += "; assist level \(a.map { GoalFigures.assistWords($0.level) } ?? "not rated") (target \(GoalFigures.assistWords(to)))"
                }
                if let mcid = f.mcidLine { line += "; \(mcid)" }
                if targetsMet { metOpen.append(line + "; \(f.closePrompt(on: discharged))") } else { notMet.append(line) }
            }
        }
        var blocks: [ClinicalDocument.Block] = [.paragraph("Met:"), met.isEmpty ? .paragraph("None.") : .list(met)]
        if !belowTarget.isEmpty { blocks += [.paragraph("Closed as achieved, latest readings below target:"), .list(belowTarget)] }
        if !metOpen.isEmpty { blocks += [.paragraph("Targets met, not yet closed:"), .list(metOpen)] }
        blocks += [.paragraph("Not met:"), notMet.isEmpty ? .paragraph("None.") : .list(notMet)]
        if let copm = DocumentFacts.copm(plan, asOf: discharged) { blocks.append(copm) }
        return .init(heading: "Goals", blocks: blocks)
    }

    /// Intervention types given with the clinic's own equipment in its sessions (the
    /// stationary bike, weights, a hot pack, a plinth): unless done at home, their equipment
    /// stays in the clinic. What other interventions use (a button hook from dressing
    /// training, a wrist rest from education, a rail fitted) is the client's.
    static let clinicEquipment: Set<InterventionType> = [.exercise, .physicalAgent, .manualTherapy]

    /// What the client takes home: the home programme (the interventions delivered as one,
    /// `delivery home-programme`), the education given in the sessions (listed apart: being
    /// taught is not a programme done at home), the equipment the client keeps using (all but
    /// the clinic's own, `clinicEquipment`), and the people trained to help.
    /// A home programme stopped before discharge (every goal it serves closed before the
    /// discharge day: the re-certification's rule, `StoppedIntervention`) is not one to
    /// continue: it is listed apart as stopped, with the closures that ended it.
    package static func homeSection(_ plan: Plan, _ t: Timeline, discharged: CalendarDate) -> ClinicalDocument.Section {
        var blocks: [ClinicalDocument.Block] = []
        func line(_ i: Intervention) -> String {
            var line = i.title.value
            if let f = i.frequency { line += " (\(Words.frequency(f)))" }
            if !i.notes.isEmpty { line += ": " + i.notes.joined(separator: "; ") }
            return line
        }
        // Every intervention stopped before the discharge day, found once: a stopped home
        // programme is not continued, and a stopped intervention's equipment does not go home.
        let stoppedAll = plan.interventions.compactMap { StoppedIntervention.of($0, t, closedBy: discharged.adding(days: -1)) }
        let stoppedIDs = Set(stoppedAll.map(\.intervention.id.value))
        let programmes = plan.interventions.filter(\.isHomeProgramme)
        let stopped = stoppedAll.filter(\.intervention.isHomeProgramme)
        let home = programmes.filter { !stoppedIDs.contains($0.id.value) }
        if home.isEmpty {
            blocks.append(.paragraph(programmes.isEmpty ? "Home programme: none recorded." : "Home programme: none to continue."))
        } else {
            blocks.append(.paragraph("Home programme:"))
            blocks.append(.list(home.map(line)))
        }
        if !stopped.isEmpty {
            blocks.append(.paragraph("Stopped during care (not to continue):"))
            blocks.append(.list(stopped.map(\.line)))
        }
        let education = plan.interventions.filter { !$0.isHomeProgramme && $0.type?.value == .education }
        if !education.isEmpty {
            blocks.append(.paragraph("Education given in the sessions:"))
            blocks.append(.list(education.map(line)))
        }
        // Only the equipment the client keeps using: not the clinic's own (the stationary bike
        // of an in-clinic exercise), nor that of an intervention stopped before discharge.
        var equipment: [String] = []
        let kept = plan.interventions.filter { i in
            (i.isHomeProgramme || i.type.map { clinicEquipment.contains($0.value) } != true) && !stoppedIDs.contains(i.id.value)
        }
        for i in kept { for e in i.equipment where !equipment.contains(e) { equipment.append(e) } }
        let anyRecorded = plan.interventions.contains { !$0.equipment.isEmpty }
        blocks.append(.paragraph(!equipment.isEmpty ? "Equipment:" : anyRecorded ? "Equipment: none to continue at home." : "Equipment: none recorded."))
        if !equipment.isEmpty { blocks.append(.list(equipment)) }
        if !plan.care.trained.isEmpty {
            blocks.append(.paragraph("Carers and others trained:"))
            blocks.append(.list(plan.care.trained.map(ReaderPlan.trainedLine)))
        }
        return .init(heading: "Home programme and equipment", blocks: blocks)
    }

    /// Why care ended, from what the plan records: every goal met, the reasons goals were
    /// discontinued, the plan's status. What is not recorded is said.
    package static func reasonSection(_ plan: Plan, _ t: Timeline, _ figures: [GoalFigures], open: [GoalFigures], discharged: CalendarDate) -> ClinicalDocument.Section {
        var items: [String] = []
        let closures = t.lives.compactMap { l -> (String, CalendarDate, GoalClosure)? in
            guard let end = l.end, let how = l.closure else { return nil }
            return (l.goal, end, how)
        }
        // Closed achieved below a target (CP0512): never counted as met.
        let below = Set(figures.filter { $0.closedBelowTarget(plan, t) }.map(\.goal.id.value))
        if !plan.goals.isEmpty && open.isEmpty && closures.allSatisfy({ $0.2 == .achieved }) && below.isEmpty {
            let last = closures.max { $0.1 < $1.1 }
            items.append("Every goal met\(last.map { ": the last, \($0.0), on \(Words.shortDate($0.1))" } ?? "").")
        } else {
            let met = closures.filter { $0.2 == .achieved && !below.contains($0.0) }
            if !met.isEmpty { items.append("Goal\(met.count == 1 ? "" : "s") met: \(met.map { "\($0.0) (\(Words.shortDate($0.1)))" }.joined(separator: ", ")).") }
            for (goal, end, how) in closures where how == .achieved && below.contains(goal) {
                items.append("Goal \(goal) \(GoalFigures.closedBelowTargetWords(on: end)): record the reading that shows it met, or close it discontinued with the reason.")
            }
            for (goal, end, how) in closures where how == .discontinued {
                let reason = plan.closure(of: goal)?.reason
                items.append("Goal \(goal) discontinued on \(Words.shortDate(end))" + (reason.map { ": \(Words.sentence($0))" } ?? ": no reason recorded."))
            }
        }
        if plan.status == .completed || plan.status == .revoked {
            items.append("The plan is marked \(plan.status.rawValue).")
        }
        var blocks: [ClinicalDocument.Block] = items.isEmpty ? [] : [.list(items)]
        if !open.isEmpty {
            let ids = open.map(\.goal.id.value)
            blocks.append(.paragraph("Reason for discharge not recorded: \(ids.joined(separator: ", ")) \(ids.count == 1 ? "was" : "were") still open."))
        }
        if !plan.care.dischargeCriteria.isEmpty {
            // Each criterion met or not, as the goals show on the discharge date, or said to
            // be the therapist's call (DischargeCriterionCheck).
            blocks.append(.paragraph("Discharge criteria set in the plan, each against the goals on \(Words.shortDate(discharged)):"))
            blocks.append(.list(DischargeCriterionCheck.check(plan, t, figures, discharged: discharged).map(\.line)))
        }
        return .init(heading: "Reason for discharge", blocks: blocks)
    }

    /// The plan's own discharge plan (nothing is recommended that the plan does not say).
    package static func recommendationsSection(_ plan: Plan) -> ClinicalDocument.Section {
        var blocks: [ClinicalDocument.Block] = []
        if let d = plan.care.dischargePlan {
            blocks.append(.paragraph(Words.sentence(d.value)))
        } else {
            blocks.append(.paragraph("No discharge plan recorded: what the client does next is not stated."))
        }
        return .init(heading: "Recommendations", blocks: blocks)
    }
}
