/// Checks of coded values that do not reject a statement: ICD-10-CM and CPT codes that are well
/// formed but look like slips, and billing facts about CPT codes (CP0602-CP0606).
extension Validator.Run {
    mutating func codes() {
        for d in plan.diagnoses {
            guard let code = d.code, ICD10CM.lookup(code.value) == nil, let near = ICD10CM.nearest(code.value),
                  Self.sameWords(d.text, near.display) else { continue }
            add(.icdNearMiss, "ICD-10-CM code `\(code.value)` is not a common therapy code; `\(near.code)` differs by one character",
                at: code.span, label: "check this code",
                notes: ["\(near.code): \(near.display)"],
                help: "did you mean `\(near.code)`? If `\(code.value)` is right, keep it")
        }
        let discipline = plan.discipline?.value
        for i in plan.interventions {
            for c in i.cpt {
                guard let known = CPTCode.lookup(c.value) else {
                    add(.cptUnknown, "CPT code `\(c.value)` is not one careplan knows for OT or PT", at: c.span, label: "unknown code",
                        help: CPTCode.nearest(c.value).map { "did you mean `\($0.code)` (\($0.display))?" }
                            ?? "check the code; careplan knows 97010-97763")
                    continue
                }
                if let only = known.onlyFor, let discipline, only != discipline {
                    add(.cptOtherDiscipline, "CPT \(known.code) (\(known.display)) is for \(only.label), and this is a \(discipline.rawValue) plan",
                        at: c.span, label: "\(only.rawValue) code",
                        help: discipline == .PT ? "PT evaluations are 97161-97163, re-evaluation 97164" : "OT evaluations are 97165-97167, re-evaluation 97168")
                }
                if known.isBundled {
                    add(.cptBundled, "CPT \(known.code) (\(known.display)) is bundled: Medicare does not pay it separately",
                        at: c.span, label: "bundled service",
                        notes: ["Medicare Physician Fee Schedule status indicator B"],
                        help: "keep it in the plan if it helps, but bill the visit's other services")
                }
            }
        }
    }

    /// Whether a diagnosis text shares most of its words with a code's display (so a near code
    /// is probably what was meant), or says nothing beyond the code.
    static func sameWords(_ text: String, _ display: String) -> Bool {
        // Sides and body parts are shared by neighbouring codes ("Pain in right knee",
        // "Contracture, right knee"): only the words naming the condition count.
        let generic: Set<String> = ["right", "left", "side", "dominant", "non", "unspecified", "other", "with", "without",
                                    "knee", "hip", "shoulder", "hand", "finger", "joint", "level", "encounter"]
        func words(_ s: String) -> Set<String> {
            Set(s.lowercased().split { !$0.isLetter }.map(String.init).filter { $0.count > 3 && !generic.contains($0) })
        }
        let mine = words(text), theirs = words(display)
        guard !theirs.isEmpty, !mine.isEmpty else { return true }
        return mine.intersection(theirs).count * 2 > min(mine.count, theirs.count)
    }
}
