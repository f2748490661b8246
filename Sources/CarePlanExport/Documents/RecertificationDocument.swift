import CarePlanBasics
import CarePlanModel
import CarePlanAnalysis

/// The re-certification sent to the physician or non-physician practitioner (Medicare Benefit
/// Policy Manual, Pub. 100-02, ch. 15 §220.1.3: at least every 90 days, or when the plan
/// changes significantly): the certification period ending and the new one (both from the
/// timeline, as the plan's `certify` and `recertify` lines give them), the goals as they stand
/// (open, changed, added and closed since the last certification), the type, amount,
/// frequency and duration of therapy, and the signature blocks (name, NPI, date; blank lines
/// when not yet signed).
package enum RecertificationDocument {
    package static func build(_ written: Plan, options: DocumentOptions) throws -> ClinicalDocument {
        let asOf = options.asOf ?? options.today
        let id = written.id.value
        guard written.start != nil else {
            throw DocumentError("plan `\(id)` has no start of care (`starts DATE`): it has no certification periods to re-certify")
        }
        guard asOf <= options.today else {
            throw DocumentError("--as-of \(asOf) is after today (\(options.today)): the goals can only be given as recorded so far")
        }
        let plan = written.recorded(upTo: asOf)
        let t = Timeline.of(plan, today: asOf)
        let periods = t.schedule.certifications
        guard let last = periods.last else {
            throw DocumentError("plan `\(id)` has no certification periods: \(t.rules.name) does not certify plans of care (\(t.rules.certificationSource)); write `certify for N days` if this payer requires one")
        }
        let recerts = periods.indices.filter { periods[$0].kind == .recertification }
        // The re-certification being written: the next one after the report's date, else the
        // latest one begun (the document of a period already signed reads the same later).
        guard let k = recerts.first(where: { periods[$0].start > asOf }) ?? recerts.last(where: { periods[$0].start <= asOf }), k > 0 else {
            throw DocumentError("plan `\(id)` has no re-certification written: its certification ends \(last.end); add `recertify on \(last.end.adding(days: 1))` to the plan (the new period's dates come from it)")
        }
        let new = periods[k], ending = periods[k - 1]

        func range(_ c: CertificationPeriod) -> String {
            "\(Words.shortDate(c.start)) to \(Words.shortDate(c.end)) (\(c.start.days(until: c.end) + 1) days)"
        }
        var facts = DocumentFacts.header(plan)
        facts.append(.init(label: "Payer", text: t.rules.name))
        facts.append(.init(label: "Certification ending", text: range(ending)))
        facts.append(.init(label: "New certification period", text: range(new)))

        var sections: [ClinicalDocument.Section] = [periodSection(plan, t, ending: ending, new: new)]
        sections.append(DocumentFacts.diagnoses(plan))
        sections.append(goalsSection(plan, t, ending: ending, new: new))
        sections.append(treatmentSection(plan, t, new: new))

        let therapist = plan.care.signatures.last { $0.date.value <= asOf }
        let signatures: [ClinicalDocument.SignatureBlock] = [
            .init(role: "Therapist", statement: "I have reviewed the client's progress and updated this plan of care for the new certification period.",
                  name: plan.clinician ?? therapist?.name, date: nil),
            .init(role: "Physician or non-physician practitioner re-certification",
                  statement: "I certify the continuing need for these services furnished under this plan of treatment while under my care, from \(Words.shortDate(new.start)) to \(Words.shortDate(new.end)).",
                  name: new.by, date: new.signed,
                  facts: new.npi.map { [.init(label: "NPI", text: $0)] } ?? (new.signed != nil ? [.init(label: "NPI", text: "not recorded")] : []),
                  blanks: new.npi == nil && new.signed == nil ? ["NPI"] : []),
        ]
        return ClinicalDocument(kind: .recertification, subject: plan.title.value, facts: facts,
                                precautions: DocumentFacts.precautions(plan, from: asOf),
                                noPrecautions: DocumentFacts.noPrecautions(plan, on: asOf),
                                sections: sections, signatures: signatures, written: options.today)
    }

    /// The two periods, how they join, the payer's rule and where the signature stands.
    package static func periodSection(_ plan: Plan, _ t: Timeline, ending: CertificationPeriod, new: CertificationPeriod) -> ClinicalDocument.Section {
        var blocks: [ClinicalDocument.Block] = []
        let signedEnding = ending.signed.map { ", signed \(Words.shortDate($0))" + (ending.by.map { " by \($0)" } ?? "") } ?? ""
        blocks.append(.paragraph("The \(ending.kind == .initial ? "initial certification" : "re-certification") (\(Words.shortDate(ending.start)) to \(Words.shortDate(ending.end))\(signedEnding)) ends; this re-certification covers \(Words.shortDate(new.start)) to \(Words.shortDate(new.end))."))
        let gap = ending.end.days(until: new.start) - 1
        if gap > 0 {
            blocks.append(.paragraph("The new period starts \(gap) day\(gap == 1 ? "" : "s") after the last one ends: care from \(Words.shortDate(ending.end.adding(days: 1))) to \(Words.shortDate(new.start.adding(days: -1))) is not certified."))
        } else if new.start <= ending.end {
            blocks.append(.paragraph("The new period starts before the last one ends, as when the plan changes significantly: it replaces the rest of that period."))
        }
        if t.rules.payer == nil || t.rules.payer!.isMedicare {
            blocks.append(.paragraph("\(t.rules.name): the physician or non-physician practitioner re-certifies the plan of care at least every \(t.rules.certificationCap ?? 90) days, or sooner when it changes significantly (\(t.rules.certificationSource))."))
        }
        if let signed = new.signed {
            // The delayed-signature allowance is Medicare's (§220.1.3); other payers have their own.
            if signed > new.start, t.rules.payer == nil || t.rules.payer!.isMedicare {
                let late = new.start.days(until: signed)
                blocks.append(.paragraph("Signed on \(Words.shortDate(signed)), \(late) day\(late == 1 ? "" : "s") after the period began: a delayed re-certification is accepted with the reason for the delay (\(t.rules.certificationSource))."))
            } else {
                blocks.append(.paragraph("Signed on \(Words.shortDate(signed))\(new.by.map { " by \($0)" } ?? "")."))
            }
        } else {
            blocks.append(.paragraph("Not signed yet: care from \(Words.shortDate(new.start)) is not certified until the physician or non-physician practitioner signs."))
        }
        return .init(heading: "Certification periods", blocks: blocks)
    }

    /// The goals as they stand: one row per goal open now (with its latest values and what
    /// happened to it since the last certification began), then the goals closed since.
    package static func goalsSection(_ plan: Plan, _ t: Timeline, ending: CertificationPeriod, new: CertificationPeriod) -> ClinicalDocument.Section {
        let asOf = t.today
        var rows: [[String]] = []
        var notes: [String] = []
        var closed: [String] = []
        for g in plan.goals {
            guard let life = t.life(of: g.id.value), life.start <= asOf else { continue }
            let f = GoalFigures(g, ProgressAnalysis.goal(plan, g, t))
            if let end = life.end, let how = life.closure {
                if end >= ending.start { closed.append(ProgressReportDocument.closureLine(plan, f, end: end, how: how)) }
                continue
            }
            var since = "continued"
            if life.start > ending.start || (life.start == ending.start && ending.kind == .recertification) {
                if let old = g.replaces?.value {
                    let c = plan.closure(of: old)
                    since = "changed \(Words.shortDate(life.start)): replaces \(old)" + (c?.reason.map { " (\($0))" } ?? "")
                } else {
                    since = "added \(Words.shortDate(life.start))"
                }
            }
            var baseline: [String] = [], latest: [String] = [], target: [String] = []
            if let m = g.measure {
                let name = f.measureName ?? m.name
                baseline.append("\(name): \(f.value(m.baseline.value))")
                latest.append(f.progress.latest.map { "\(f.value($0.value)) (\(Words.shortDate($0.date)))" } ?? "not measured")
                target.append(f.value(m.target.value))
            }
            if let to = g.assistTo?.value {
                baseline.append("assist: \(g.assistFrom.map { GoalFigures.assistWords($0.value) } ?? "not stated")")
                let a = GoalFigures.assist(plan, goal: g.id.value, onOrBefore: asOf)
                latest.append(a.map { "\(GoalFigures.assistWords($0.level)) (\(Words.shortDate($0.date)))" } ?? "assist not rated")
                target.append(GoalFigures.assistWords(to))
            }
            let what = g.title.value + (g.condition.map { ", \($0)" } ?? "")
            rows.append([GoalFigures.label(plan, g), what, baseline.joined(separator: "; "), latest.joined(separator: "; "),
                         target.joined(separator: "; "), g.due.map { Words.shortDate($0.value) } ?? "", since])
            if f.targetsMetNotClosed(t) {
                // Met by its readings: not "not met", whatever its due date.
                notes.append("\(g.id.value): \(GoalFigures.targetsMetWords)" + (f.progress.latest.map { " (latest reading \(Words.shortDate($0.date)))" } ?? "")
                             + ": \(f.closePrompt(on: asOf)), or replace it by a goal for the new period.")
            } else if let due = g.due?.value {
                if due < new.start {
                    notes.append("\(g.id.value) was due \(Words.shortDate(due)), before the new period, and is not met: to be closed, or replaced by a goal for the new period.")
                } else if due > new.end {
                    notes.append("\(g.id.value) is due \(Words.shortDate(due)), after the new period ends (\(Words.shortDate(new.end))).")
                }
            }
        }
        var blocks: [ClinicalDocument.Block] = []
        if rows.isEmpty {
            blocks.append(.paragraph(plan.goals.isEmpty ? "The plan has no goals." : "No goal is open: every goal is closed, so the plan needs new goals to be re-certified, or the client is discharged."))
        } else {
            blocks.append(.table(.init(caption: "Goals for the new period (open on \(Words.shortDate(asOf)))",
                                       columns: ["Goal", "The client will", "Baseline", "Latest", "Target", "By", "Since \(Words.shortDate(ending.start))"], rows: rows)))
        }
        if !notes.isEmpty { blocks.append(.list(notes)) }
        blocks.append(.paragraph("Closed since \(Words.shortDate(ending.start)):"))
        blocks.append(closed.isEmpty ? .paragraph("None.") : .list(closed))
        return .init(heading: "Updated goals", blocks: blocks)
    }

    /// Type, amount, frequency and duration (as on the plan of care) of the interventions that
    /// go on (one serving only goals closed by now is listed as stopped, as the goals' lives
    /// say), and the sessions the plan books in the new period.
    package static func treatmentSection(_ plan: Plan, _ t: Timeline, new: CertificationPeriod) -> ClinicalDocument.Section {
        var blocks = PlanOfCareDocument.treatmentBlocks(plan, period: new, stoppedBy: t)
        let booked = t.treatmentDays.filter { $0.date >= new.start && $0.date <= new.end && !$0.given }
        if let first = booked.first, let last = booked.last {
            var line = "Sessions booked in the new period: \(booked.count) treatment day\(booked.count == 1 ? "" : "s"), \(Words.shortDate(first.date)) to \(Words.shortDate(last.date))"
            if last.date < new.end.adding(days: -7) {
                line += "; none after \(Words.shortDate(last.date)), \(last.date.days(until: new.end)) days before the period ends: extend the frequency if therapy is to continue"
            }
            blocks.append(.paragraph(line + "."))
        } else {
            blocks.append(.paragraph("No sessions are booked in the new period: the plan's frequencies end before \(Words.shortDate(new.start)). The frequency and duration for the new period are not written yet."))
        }
        return .init(heading: "Treatment plan: type, amount, frequency and duration", blocks: blocks)
    }
}
