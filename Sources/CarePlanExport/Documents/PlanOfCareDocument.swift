import CarePlanBasics
import CarePlanModel
import CarePlanAnalysis

/// The plan of care as sent for the physician's or NPP's certification: what a Medicare
/// reviewer looks for (Medicare Benefit Policy Manual, Pub. 100-02, ch. 15 §220.1.2): the
/// diagnoses, long-term goals that are measurable and functional, and the type, amount,
/// frequency and duration of therapy; with the evaluation it rests on, precautions, rehab
/// potential, discharge plan, and the signature blocks.
package enum PlanOfCareDocument {
    package static func build(_ written: Plan, options: DocumentOptions) throws -> ClinicalDocument {
        // `--as-of` writes the plan as it stood that day (the day it was signed, say): nothing
        // recorded after it, no goal closed after it.
        let asOf = options.asOf ?? options.today
        if asOf > options.today {
            throw DocumentError("--as-of \(asOf) is after today (\(options.today)): a plan of care is written as it stands, not ahead")
        }
        let plan = written.recorded(upTo: asOf)
        let timeline = Timeline.of(plan, today: asOf)
        var facts = DocumentFacts.header(plan)
        // The period this plan of care is certified for: the one in force, else the first.
        let period = timeline.certificationInForce ?? timeline.schedule.certifications.first
        if let p = period {
            facts.append(.init(label: "Certification period",
                               text: "\(Words.shortDate(p.start)) to \(Words.shortDate(p.end)) (\(p.start.days(until: p.end) + 1) days)"))
        }
        // Printed after the physician signed, it is not the version signed: say which it is
        // (`--as-of` the signature day prints that one).
        if let signed = period?.signed, signed < asOf {
            facts.append(.init(label: "Version",
                               text: "as it stands on \(Words.shortDate(asOf)); the certified version was signed on \(Words.shortDate(signed)), and goals closed or added since are marked"))
        }
        if let r = DocumentFacts.reassessment(plan, timeline) { facts.append(r) }

        var sections: [ClinicalDocument.Section] = []
        sections.append(DocumentFacts.diagnoses(plan))

        var evaluation: [ClinicalDocument.Fact] = []
        if let c = plan.client {
            if let r = c.referral { evaluation.append(.init(label: "Referral", text: r)) }
            if let h = c.history { evaluation.append(.init(label: "History", text: h)) }
            if let l = c.lives { evaluation.append(.init(label: "Lives", text: l)) }
        }
        for p in plan.care.priorLevel { evaluation.append(.init(label: "Prior level of function", text: p)) }
        let a = plan.assessment
        for o in a.observations { evaluation.append(.init(label: "Observed", text: "\(o.task): \(o.finding)")) }
        for env in a.environments { evaluation.append(.init(label: "Environment (\(env.setting.rawValue))", text: env.finding)) }
        // A standardised measure's score with its unit ("19 s"), as the other documents give it.
        for s in a.scores { evaluation.append(.init(label: s.instrument, text: s.measure.flatMap { m in s.number.map(m.format) } ?? s.value)) }
        // Interviews may be with the family or a teacher ("Teacher: ..."), not only the client.
        for i in a.interviews { evaluation.append(.init(label: "Interview", text: i)) }
        for c in a.copm {
            evaluation.append(.init(label: "COPM: \(c.activity)",
                                    text: "importance \(c.importance.map(String.init) ?? "-"), performance \(c.performance), satisfaction \(c.satisfaction)"))
        }
        sections.append(.init(heading: "Evaluation", blocks: [evaluation.isEmpty ? .paragraph("No evaluation findings recorded.") : .facts(evaluation)]))

        // What the physician signed: goals set after the signature are marked as added later.
        let certified = period?.signed.map { signed in (signed, timeline) }
        sections.append(.init(heading: "Goals", blocks: goalBlocks(plan, certified: certified)))
        sections.append(.init(heading: "Treatment plan", blocks: treatmentBlocks(plan, period: period, certified: certified)))

        var outlook: [ClinicalDocument.Block] = []
        if let r = plan.care.rehabPotential {
            outlook.append(.facts([.init(label: "Rehab potential", text: Words.capitalized(r.level.value.label) + (r.reason.map { ": \($0)" } ?? ""))]))
        }
        if !plan.care.dischargeCriteria.isEmpty { outlook.append(.facts(plan.care.dischargeCriteria.map { .init(label: "Discharge when", text: $0) })) }
        if let d = plan.care.dischargePlan { outlook.append(.facts([.init(label: "Discharge plan", text: d.value)])) }
        if !plan.care.trained.isEmpty {
            outlook.append(.paragraph("Carers and others trained:"))
            outlook.append(.list(plan.care.trained.map(ReaderPlan.trainedLine)))
        }
        if !outlook.isEmpty { sections.append(.init(heading: "Prognosis and discharge", blocks: outlook)) }

        return ClinicalDocument(kind: .planOfCare, subject: plan.title.value, facts: facts,
                                precautions: DocumentFacts.precautions(plan, from: plan.start?.value ?? options.today),
                                noPrecautions: DocumentFacts.noPrecautions(plan, on: plan.start?.value ?? options.today),
                                sections: sections, signatures: signatures(plan, certified: !timeline.schedule.certifications.isEmpty || plan.certification != nil),
                                written: options.today)
    }

    /// The goals set after the physician's or NPP's signature `certified` (the day signed, read
    /// on the timeline's goal lives): the physician never saw them, so the plan of care marks
    /// them ("added 26 Oct 2026, after certification") rather than show them as certified.
    package static func addedAfter(_ plan: Plan, _ certified: (signed: CalendarDate, timeline: Timeline)?) -> [String: CalendarDate] {
        guard let (signed, t) = certified else { return [:] }
        var out: [String: CalendarDate] = [:]
        for g in plan.goals { if let start = t.life(of: g.id.value)?.start, start > signed { out[g.id.value] = start } }
        return out
    }

    /// Long-term goals first, each followed by the short-term goals that support it; a goal
    /// that replaces another says which, and one set after the certification was signed says so.
    package static func goalBlocks(_ plan: Plan, certified: (signed: CalendarDate, timeline: Timeline)? = nil) -> [ClinicalDocument.Block] {
        let added = addedAfter(plan, certified)
        guard !plan.goals.isEmpty else { return [.paragraph("No goals recorded.")] }
        let longTerm = plan.goals.filter { $0.supports == nil || plan.goal($0.supports!.value) == nil }
        var ordered: [(Goal, Bool)] = [], placed = Set<String>()
        // Each goal, then the goals that support it (a short-term goal may have its own).
        func place(_ g: Goal, short: Bool) {
            guard placed.insert(g.id.value).inserted else { return }
            ordered.append((g, short))
            for s in plan.goals where s.supports?.value == g.id.value { place(s, short: true) }
        }
        for g in longTerm { place(g, short: false) }
        for g in plan.goals { place(g, short: g.supports != nil) }  // a cycle of `supports`
        let rows = ordered.map { g, _ -> [String] in
            var measure = ""
            if let m = g.measure { measure = "\(m.name): \(Words.number(m.baseline.value)) to \(Words.number(m.target.value))" }
            var assist = ""
            if let to = g.assistTo?.value { assist = (g.assistFrom.map { "\($0.value.rawValue) to " } ?? "") + to.rawValue }
            var status = g.due.map { Words.shortDate($0.value) } ?? ""
            var marks: [String] = []
            if let c = plan.closure(of: g.id.value) { marks.append("\(c.status.rawValue) \(Words.shortDate(c.date.value))") }
            if let start = added[g.id.value] { marks.append("added \(Words.shortDate(start)), after certification") }
            if !marks.isEmpty { status += (status.isEmpty ? "" : " ") + "(\(marks.joined(separator: "; ")))" }
            let what = g.title.value + (g.condition.map { ", \($0)" } ?? "")
            var label = GoalFigures.label(plan, g)
            if let old = g.replaces?.value {
                // "STG sim-shift (toward LTG full-duty; replaces light-duty)": one parenthesis.
                label = label.hasSuffix(")") ? String(label.dropLast()) + "; replaces \(old))" : label + " (replaces \(old))"
            }
            return [label, what, measure, assist, status]
        }
        var blocks: [ClinicalDocument.Block] = [.table(.init(caption: "Long-term goals (LTG), each with its short-term goals (STG)",
                                                             columns: ["Goal", "The client will", "Measure (baseline to target)", "Assist level", "By"], rows: rows))]
        if let (signed, _) = certified, !added.isEmpty {
            let later = ordered.map(\.0).filter { added[$0.id.value] != nil }
            let names = later.map { "\(GoalFigures.label(plan, $0)) (\(Words.shortDate(added[$0.id.value]!)))" }.joined(separator: ", ")
            blocks.append(.paragraph("Set after the certification was signed on \(Words.shortDate(signed)), so not covered by it: \(names)."))
        }
        return blocks
    }

    /// Type, amount, frequency and duration of each intervention, with its CPT codes. With
    /// `stoppedBy` (a re-certification's timeline), an intervention whose goals were all closed
    /// by its `today` (the goals' lives) is not part of the plan going forward: it leaves the
    /// table and is listed as stopped, with the closures that ended it; and the duration is
    /// what falls in `period` (the new certification period, what is certified now), read
    /// from that timeline's booked dates, not the length the plan was first written for.
    ///
    /// Amount is Medicare's (Pub. 100-02 ch. 15 §220.1.2): the number of times a day the
    /// treatment is given, one session a day where the plan does not say; an intervention's
    /// minutes go in their own column. With `certified`, an intervention serving only goals
    /// set after the signature is marked as added after certification.
    /// A change made or arranged rather than a treatment repeated (a grab rail fitted, cabinets
    /// labelled, equipment supplied, a request to a school team): with no frequency, minutes or
    /// CPT code of its own it is done once or when needed, not in every session, so its row
    /// must not claim the sessions' amount and duration.
    static func isArrangedOnce(_ i: Intervention) -> Bool {
        guard i.frequency == nil, i.minutes == nil, i.cpt.isEmpty, !i.isHomeProgramme, let type = i.type?.value else { return false }
        return [.environmentModification, .assistiveTechnology, .wheeledMobility, .advocacy].contains(type)
    }

    package static func treatmentBlocks(_ plan: Plan, period: CertificationPeriod?, stoppedBy t: Timeline? = nil,
                                        certified: (signed: CalendarDate, timeline: Timeline)? = nil) -> [ClinicalDocument.Block] {
        var blocks: [ClinicalDocument.Block] = []
        let added = addedAfter(plan, certified)
        // The new period's dates of a course (the timeline's session series), when certifying.
        let certifying = t.flatMap { t in period.map { (t, $0) } }
        func inPeriod(_ dates: [CalendarDate]) -> [CalendarDate] {
            guard let (_, p) = certifying else { return [] }
            return dates.filter { $0 >= p.start && $0 <= p.end }
        }
        func series(of element: String?) -> Schedule.Series? {
            certifying?.0.schedule.series.first { $0.kind == .session && $0.element == element }
        }
        if let f = plan.frequency {
            if certifying != nil, let dates = series(of: nil)?.dates, let last = dates.last {
                var rate = f
                rate.length = nil
                rate.start = nil
                let written = f.length.map { " as written for \($0) from \(Words.shortDate(f.start ?? plan.start?.value ?? dates[0]))" } ?? ""
                blocks.append(.paragraph("Sessions: \(Words.frequency(rate))\(written.isEmpty ? "" : ",")\(written), booked to \(Words.shortDate(last))."))
            } else {
                blocks.append(.paragraph("Sessions: \(Words.frequency(f))."))
            }
        }
        guard !plan.interventions.isEmpty else { return blocks + [.paragraph("No interventions recorded.")] }
        var stopped: [String] = []
        var going = plan.interventions
        if let t {
            going = plan.interventions.filter { i in
                guard let s = StoppedIntervention.of(i, t, closedBy: t.today) else { return true }
                stopped.append(s.line)
                return false
            }
        }
        if going.isEmpty {
            blocks.append(.paragraph("No intervention continues: every one served only goals now closed."))
            return blocks + [.list(stopped)]
        }
        let rows = going.map { i -> [String] in
            // An intervention without its own frequency is given in the plan's sessions (as
            // the schedule books it): its own row must not claim the sessions' frequency.
            // A one-off is a date, not a rate; a home programme is done at home, not in the
            // sessions, and says so before its rate.
            var often: String, duration: String
            let untilEnd = period.map { "to \(Words.shortDate($0.end))" } ?? ""
            // Times a day: a frequency per day gives it; any other rate is one a day.
            func perDay(_ f: Frequency?) -> String {
                let n = f.map { $0.period.unit == .day && $0.period.amount == 1 && !$0.isOnce ? $0.times : 1 } ?? 1
                if !i.isHomeProgramme { return "\(n) session\(n == 1 ? "" : "s") a day" }
                return n == 1 ? "Once a day" : n == 2 ? "Twice a day" : "\(n) times a day"
            }
            var amount = perDay(i.frequency ?? (i.isHomeProgramme ? nil : plan.frequency))
            if let f = i.frequency, f.isOnce {
                often = "Once" + (f.start.map { ", on \(Words.shortDate($0))" } ?? "")
                duration = "One session"
                amount = "1 session"
            } else if let f = i.frequency {
                var copy = f
                copy.length = nil
                copy.start = nil
                // The times a day are the amount: the frequency is the days ("every day").
                if f.period.unit == .day && f.period.amount == 1 { copy.times = 1 }
                often = Words.frequency(copy)
                duration = f.length.map { "\($0)" } ?? untilEnd
                if let from = f.start { duration += (duration.isEmpty ? "" : ", ") + "from \(Words.shortDate(from))" }
            } else if isArrangedOnce(i) {
                amount = "As needed"
                often = "Once or as needed (no frequency written)"
                duration = untilEnd
            } else if i.isHomeProgramme {
                often = "As taught (no frequency written)"
                duration = untilEnd
                amount = "As taught"
            } else {
                often = plan.frequency == nil ? "When needed (no sessions booked)" : "During the plan's therapy sessions"
                duration = plan.frequency.map { f in f.length.map { "As the sessions: \($0)" } ?? "As the sessions" } ?? ""
            }
            if let (t, p) = certifying, !(i.frequency == nil && (i.isHomeProgramme || plan.frequency == nil || isArrangedOnce(i))) {
                // What is certified now: the days of this course in the new period. In the
                // sessions: the treatment days (given or booked); its own course: its dates.
                let dates = i.frequency == nil ? inPeriod(t.treatmentDays.map(\.date)) : inPeriod(series(of: i.id.value)?.dates ?? [])
                let unit = i.isHomeProgramme ? "day" : "session"
                if let first = dates.first, let last = dates.last {
                    let n = Set(dates).count
                    duration = "\(n) \(unit)\(n == 1 ? "" : "s"), " + (first == last ? Words.shortDate(first) : "\(Words.shortDate(first)) to \(Words.shortDate(last))")
                } else {
                    let before = (i.frequency == nil ? [] : series(of: i.id.value)?.dates ?? []).last { $0 < p.start }
                    duration = "None in this period" + (before.map { " (the last \(unit) was \(Words.shortDate($0)))" } ?? "")
                }
            }
            if i.isHomeProgramme { often = "Home programme, " + often.prefix(1).lowercased() + often.dropFirst() }
            var title = i.title.value
            if !i.serves.isEmpty, i.serves.allSatisfy({ added[$0.value] != nil }),
               let first = i.serves.compactMap({ added[$0.value] }).min() {
                title += " (added \(Words.shortDate(first)), after certification)"
            }
            return [
                title,
                i.type.map { Words.capitalized($0.value.rawValue.replacingOccurrences(of: "-", with: " ")) } ?? "",
                i.cpt.map(\.value).joined(separator: ", "),
                amount,
                i.minutes.map { "\($0) min" } ?? "",
                often, duration,
                i.serves.map(\.value).joined(separator: ", "),
            ]
        }
        blocks.append(.table(.init(caption: "Interventions: type, amount (times a day), frequency and duration",
                                   columns: ["Intervention", "Type", "CPT", "Amount", "Minutes per session", "Frequency",
                                             certifying.map { "Duration, \(Words.shortDate($0.1.start)) to \(Words.shortDate($0.1.end))" } ?? "Duration", "Goals"],
                                   rows: rows)))
        if !stopped.isEmpty { blocks.append(.list(stopped)) }
        return blocks
    }

    /// The therapist's signature (the latest `signed`), then the physician's or NPP's
    /// certification (`certify ... signed DATE by "..." npi "..."`), left blank to sign on
    /// paper when not recorded. A plan whose payer certifies nothing (a school plan) has no
    /// certification block.
    /// Medicare Part B outpatient therapy (Pub. 100-02 ch. 15 §220.1.3).
    static let outpatientCertification = "I certify the need for these services furnished under this plan of treatment while under my care."
    /// Medicare home health: what the certifying physician or allowed practitioner attests
    /// (42 CFR 424.22(a)(1)): homebound, a qualifying skilled need (occupational therapy only
    /// as a continuing need: it does not open eligibility on its own), the plan of care, and
    /// the face-to-face encounter.
    static let homeHealthCertification = "I certify that this patient is confined to the home and needs intermittent skilled nursing care, "
        + "physical therapy or speech-language pathology, or continues to need occupational therapy; that a plan of care has been "
        + "established and will be periodically reviewed by me; that the patient is under my care; and that a face-to-face "
        + "encounter related to the primary reason for home health care was performed (42 CFR 424.22(a))."

    package static func signatures(_ plan: Plan, certified: Bool) -> [ClinicalDocument.SignatureBlock] {
        let therapist = plan.care.signatures.last
        var blocks: [ClinicalDocument.SignatureBlock] = [
            .init(role: "Therapist", statement: "I have evaluated the client and established this plan of care.",
                  name: therapist?.name ?? plan.clinician, date: therapist?.date.value),
        ]
        if certified {
            blocks.append(.init(role: "Physician or non-physician practitioner certification",
                                statement: plan.payer?.value == .medicareHomeHealth ? homeHealthCertification : outpatientCertification,
                                name: plan.certification?.by, date: plan.certification?.signed?.value,
                                facts: plan.certification?.npi.map { [.init(label: "NPI", text: $0)] } ?? []))
        }
        return blocks
    }
}

/// The lines every document starts with.
package enum DocumentFacts {
    package static func header(_ plan: Plan) -> [ClinicalDocument.Fact] {
        var facts: [ClinicalDocument.Fact] = []
        if let c = plan.client {
            facts.append(.init(label: "Client", text: c.name.value))
            if let b = c.born { facts.append(.init(label: "Date of birth", text: Words.shortDate(b.value))) }
        }
        if let d = plan.discipline { facts.append(.init(label: "Discipline", text: Words.capitalized(d.value.label))) }
        if let c = plan.clinician { facts.append(.init(label: "Therapist", text: c)) }
        if let s = plan.start { facts.append(.init(label: "Start of care", text: Words.shortDate(s.value))) }
        facts.append(.init(label: "Plan", text: plan.id.value))
        return facts
    }

    /// The certification on the timeline's today, in the documents' words: the period in
    /// force, awaiting its signature, none recorded, lapsed or not begun, with any
    /// re-certification signed ahead or planned (`CertificationLine`, as `careplan report`).
    package static func certification(_ plan: Plan, _ t: Timeline) -> ClinicalDocument.Fact? {
        CertificationLine.text(plan, t, date: Words.shortDate).map { .init(label: "Certification", text: $0) }
    }

    /// The diagnoses, each with its ICD-10-CM code when written (the plan of care, the
    /// re-certification and the discharge summary all open with them).
    package static func diagnoses(_ plan: Plan) -> ClinicalDocument.Section {
        .init(heading: "Diagnoses", blocks: [
            plan.diagnoses.isEmpty ? .paragraph("No diagnosis recorded.")
                : .list(plan.diagnoses.map { d in d.code.map { "\($0.value) \(d.text)" } ?? d.text }),
        ])
    }

    /// The COPM as the progress report and the discharge summary both print it (one phrase):
    /// the mean performance and satisfaction scores (1-10) of the problems re-rated, at
    /// assessment and at the latest re-rating on or before `asOf`, each change with whether
    /// it reaches the 2 points that are clinically important (`COPMSummary.importantChange`,
    /// with its source). nil when no problem has been re-rated yet.
    package static func copm(_ plan: Plan, asOf: CalendarDate) -> ClinicalDocument.Block? {
        guard let c = ProgressAnalysis.copm(plan, asOf: asOf), let perf = c.latestPerformance, let sat = c.latestSatisfaction,
              let dp = c.performanceChange, let ds = c.satisfactionChange else { return nil }
        let f1 = ProgressReport.f1
        let important = Words.number(COPMSummary.importantChange)
        func change(_ d: Double, _ isImportant: Bool) -> String {
            let signed = (d > 0 ? "+" : d < 0 ? "-" : "") + f1(abs(d))
            return isImportant ? "\(signed), clinically important" : "\(signed), below \(important) points"
        }
        let total = plan.assessment.copm.count
        let problems = c.reratedProblems == total
            ? (total == 1 ? "the problem" : "the \(total) problems")
            : "\(c.reratedProblems) of the \(total) problems"
        let when = c.latestDate.map { " on \(Words.shortDate($0))" } ?? ""
        return .paragraph("COPM, re-rated\(when) for \(problems) named at assessment (mean scores, 1-10): performance \(f1(c.comparedPerformance ?? c.initialPerformance)) to \(f1(perf)) (\(change(dp, c.performanceImportant))), satisfaction \(f1(c.comparedSatisfaction ?? c.initialSatisfaction)) to \(f1(sat)) (\(change(ds, c.satisfactionImportant))); a change of \(important) points or more is clinically important (\(OutcomeMeasure.copm.info.mcidSource)).")
    }

    /// Medicare home health: when the next therapy reassessment is due (at least every 30
    /// days), from the timeline (`ReassessmentDue`); nil for payers without the rule.
    package static func reassessment(_ plan: Plan, _ t: Timeline) -> ClinicalDocument.Fact? {
        guard let due = ReassessmentDue.of(plan, t) else { return nil }
        return .init(label: "Therapy reassessment", text: "at least every \(due.every) days; next \(due.summary(date: Words.shortDate))")
    }

    /// The precautions that apply on or after `date`.
    package static func precautions(_ plan: Plan, from date: CalendarDate) -> [String] {
        plan.care.precautions(on: date).map(\.summary)
    }

    /// What a document says when no precaution is in force on `date`: "None recorded." only
    /// when the plan never recorded one; otherwise which were lifted and when ("None in force
    /// on 29 Nov 2026 (lifted after 15 Nov 2026: No lifting over 2 kg with the right arm)"),
    /// so a reader does not take a lifted precaution for one never written.
    package static func noPrecautions(_ plan: Plan, on date: CalendarDate) -> String {
        let lifted = plan.care.precautions.filter { $0.until.map { $0 < date } ?? false }
        guard !lifted.isEmpty else { return "None recorded." }
        let items = lifted.map { p -> String in
            let what: String
            switch p.kind {
            case .precaution: what = p.text
            case .contraindication: what = "contraindication: \(p.text)"
            case .weightBearing:
                what = "weight-bearing" + (p.text.isEmpty ? "" : " (\(p.text))") + ": \(p.weightBearing?.label ?? "as written")"
                    + (p.percent.map { ", up to \($0)% of body weight" } ?? "")
            }
            return "lifted after \(Words.shortDate(p.until!)): \(what)"
        }
        return "None in force on \(Words.shortDate(date)) (\(items.joined(separator: "; ")))."
    }
}
