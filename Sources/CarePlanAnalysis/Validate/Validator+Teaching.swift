import CarePlanBasics
import CarePlanModel

/// The teaching rules (CP03xx): what a fieldwork educator checks first in a student's plan.
/// Each rule's source and a good and a bad example are in its `careplan explain` text
/// (DiagnosticCode.swift); the wording questions are answered by `GoalWording`.
///
/// The rules about one goal alone are in `GoalRules.teaching`; these compare goals with each
/// other or read the whole plan.
extension Validator.Run {
    /// What to write for a missing diagnosis (CP0309, CP0700). It names no diagnosis of its
    /// own: a student copies the example (a fixed stroke code was once offered to a knee
    /// replacement plan); the referral, when there is one, is where the medical diagnosis
    /// comes from.
    package var diagnosisHelp: String {
        let referral = plan.client?.referral.map { " (the referral says \"\($0.count > 60 ? $0.prefix(59) + "…" : Substring($0))\")" } ?? ""
        return "`diagnosis \"...\"` with the medical diagnosis\(referral) or its ICD-10-CM code, and the treatment diagnosis"
    }

    package mutating func teaching() {
        let discipline = plan.discipline?.value
        for (g, rules) in zip(plan.goals, ownRules) {
            diagnostics += rules.teaching
            if let lt = g.supports, let due = g.due, lt.value != g.id.value, let i = plan.goalIndex(lt.value),
               let ltDue = plan.goals[i].due, due.value > ltDue.value {
                diagnostics.append(Diagnostic(.shortTermGoalAfterLongTerm,
                    "short-term goal `\(g.id.value)` is due \(due.value), after the long-term goal `\(lt.value)` it supports (\(ltDue.value))",
                    labels: [Label(due.span, "due \(due.value)"), Label(ltDue.span, "`\(lt.value)` due \(ltDue.value)", primary: false)],
                    notes: ["a short-term goal is a step on the way: it is met before the long-term goal it leads to"],
                    help: "set `by` on or before \(ltDue.value), or move the long-term goal's date"))
            }
        }
        // A school plan (IDEA / Section 504) rests on educational eligibility, not a medical
        // diagnosis; every other payer's plan of care names one.
        // On a Medicare Part B plan the missing diagnosis is part of CP0700 (plan-of-care content).
        if plan.diagnoses.isEmpty && !plan.attempted.contains(.diagnosis) && plan.payer?.value != .school
            && plan.payer?.value != .medicarePartB {
            // Payer-neutral: a plan with no payer gets Part B's clocks as reminders, not Part
            // B's paperwork rules, so it is not "read as Part B" here.
            add(.planWithoutDiagnosis, "plan `\(name)` names no diagnosis", at: plan.id.span, label: "what is being treated?",
                notes: ["whoever pays, a plan of care names the diagnoses it treats (Medicare Benefit Policy Manual ch. 15 §220.1.2; other payers ask for them too)"],
                help: "add " + diagnosisHelp)
        }
        guard let discipline else { return }
        if discipline == .OT, !plan.goals.isEmpty, plan.goals.allSatisfy({ $0.occupation == nil && !$0.attempted.contains(.occupation) }) {
            add(.otPlanWithoutOccupations, "OT plan `\(name)` names no occupation areas", at: plan.id.span,
                label: "no goal says which occupation it is about",
                notes: ["OTPF-4 areas: \(OccupationArea.spellings.joined(separator: ", "))"],
                help: "add `occupation adl` (or another area) to each goal")
        }
        for i in plan.interventions {
            if let t = i.type, let only = t.value.onlyFor, only != discipline {
                add(.interventionTypeForOtherDiscipline,
                    "intervention `\(i.id.value)` has type `\(t.value.rawValue)`, which is \(only.rawValue) practice, in a\(discipline == .OT ? "n" : "") \(discipline.rawValue) plan",
                    at: t.span, label: "\(only.rawValue) intervention type",
                    help: "\(discipline.rawValue) types: " + InterventionType.allCases.filter { $0.onlyFor == nil || $0.onlyFor == discipline }.map(\.rawValue).joined(separator: ", "))
            }
        }
        if discipline == .PT {
            let withApproach = plan.interventions.filter { $0.approach != nil }
            if let first = withApproach.first {
                let ids = withApproach.map { "`\($0.id.value)`" }
                diagnostics.append(Diagnostic(.approachInPTPlan,
                    withApproach.count == 1 ? "intervention \(ids[0]) in PT plan `\(name)` has an OTPF-4 approach"
                        : "\(withApproach.count) interventions in PT plan `\(name)` have OTPF-4 approaches: \(ids.joined(separator: ", "))",
                    labels: [Label(first.id.span, "`approach \(first.approach!.rawValue)`")]
                        + withApproach.dropFirst().map { Label($0.id.span, "`approach \($0.approach!.rawValue)`", primary: false) },
                    notes: ["approaches (create, establish, maintain, modify, prevent) are an OT construct (AOTA OTPF-4); PT plans describe the intervention itself"],
                    help: "remove the `approach` lines, or say what the intervention does in its title"))
            }
        }
    }
}
