import CarePlanBasics
import CarePlanModel

/// Checks of coded values that do not reject a statement: ICD-10-CM and CPT codes that are well
/// formed but look like slips, and billing facts about CPT codes (CP0602-CP0606).
extension Validator.Run {
    package mutating func codes() {
        for d in plan.diagnoses {
            guard let code = d.code, ICD10CM.lookup(code.value) == nil, let near = ICD10CM.nearest(code.value),
                  Self.sameWords(d.text, near.display) else { continue }
            add(.icdNearMiss, "ICD-10-CM code `\(code.value)` is not a common therapy code; `\(near.code)` differs by one character",
                at: code.span, label: "check this code",
                notes: ["\(near.code): \(near.display)"],
                help: "did you mean `\(near.code)`? If `\(code.value)` is right, keep it")
        }
        measures()
        for i in plan.interventions {
            for c in i.cpt { cpt(c) }
        }
        for v in plan.visits {
            for s in v.services { cpt(s.code) }
        }
    }

    /// One CPT code written on an intervention or a visit's service: known (CP0604), of the
    /// plan's discipline (CP0605), paid separately (CP0606).
    package mutating func cpt(_ c: Located<String>) {
        let discipline = plan.discipline?.value
        guard let known = CPTCode.lookup(c.value) else {
            add(.cptUnknown, "CPT code `\(c.value)` is not in careplan's table (it may still be valid)", at: c.span, label: "not in the table",
                help: CPTCode.nearest(c.value).map { "did you mean `\($0.code)` (\($0.display))? If not, keep the code: careplan does not count its units" }
                    ?? "check the code against the CPT book; careplan's table has the common OT and PT codes \(CPTCode.range) and does not count this one's units")
            return
        }
        if let only = known.onlyFor, let discipline, only != discipline {
            add(.cptOtherDiscipline, "CPT \(known.code) (\(known.display)) is for \(only.label), and this is a \(discipline.rawValue) plan",
                at: c.span, label: "\(only.rawValue) code",
                help: discipline == .PT ? "PT evaluations are 97161-97163, re-evaluation 97164" : "OT evaluations are 97165-97167, re-evaluation 97168")
        }
        if known.isBundled {
            add(.cptBundled, "CPT \(known.code) (\(known.display)) is bundled: Medicare does not pay it separately",
                at: c.span, label: "bundled service",
                notes: [CPTCode.bundledSource],
                help: "keep it in the plan if it helps, but bill the visit's other services")
        }
    }

    /// Standardised measures: progress readings in the measure's range (CP0611), and each
    /// goal's baseline equal to the assessment's score of the same measure (CP0613). A
    /// free-text measure is compared with a free-text score of the same name.
    package mutating func measures() {
        // Lowercased, runs of white space made one space, trimmed: "Timed  Up and Go" is
        // "timed up and go". By scalar: splitting into Characters cost 30,000 instructions
        // per name.
        func key(_ s: String) -> String {
            // ASCII names (nearly all) by byte: `lowercased()` and the scalar properties still
            // cost 20,000 instructions per name (`check DIR`, 1,000 plans: 6% of the total).
            if s.utf8.allSatisfy({ $0 < 0x80 }) {
                var bytes: [UInt8] = [], space = false
                bytes.reserveCapacity(s.utf8.count)
                for b in s.utf8 {
                    if b == 0x20 || (0x09...0x0D).contains(b) { space = !bytes.isEmpty; continue }
                    if space { bytes.append(0x20); space = false }
                    bytes.append((0x41...0x5A).contains(b) ? b + 0x20 : b)
                }
                return String(decoding: bytes, as: UTF8.self)
            }
            var out = String.UnicodeScalarView(), space = false
            for u in s.lowercased().unicodeScalars {
                if u.properties.isWhitespace { space = !out.isEmpty; continue }
                if space { out.append(" "); space = false }
                out.append(u)
            }
            return String(out)
        }
        // The assessment's free-text instruments, normalised once per plan rather than once per
        // goal and score (`check DIR`, 1,000 plans: this rule took 11% of the instructions).
        let scoreKeys = plan.assessment.scores.map { $0.measure == nil ? key($0.instrument) : nil }
        let anyFreeText = scoreKeys.contains { $0 != nil }
        for g in plan.goals {
            guard let m = g.measure else { continue }
            if let standard = m.standard {
                let r = standard.info.range
                for record in plan.progress {
                    for e in record.entries where e.goal.value == g.id.value {
                        guard let v = e.value, !r.contains(v) else { continue }
                        add(.measureOutOfRange,
                            "goal `\(g.id.value)` measures the \(standard.info.name) (\(JSONValue.format(r.lowerBound))-\(JSONValue.format(r.upperBound)) \(standard.info.unitLabel)); \(JSONValue.format(v)) is outside it",
                            at: e.span, label: "out of range", help: "check the number recorded on \(record.date.value)")
                    }
                }
            }
            let goalKey = m.standard == nil && anyFreeText ? key(m.name) : nil
            let k = plan.assessment.scores.indices.first { k in
                if let standard = m.standard { return plan.assessment.scores[k].measure == standard }
                return goalKey != nil && scoreKeys[k] == goalKey
            }
            guard let k, case let score = plan.assessment.scores[k], let value = score.number, value != m.baseline.value else { continue }
            var labels = [Label(m.baseline.span, "baseline \(JSONValue.format(m.baseline.value))")]
            if let span = score.span { labels.append(Label(span, "assessed \(JSONValue.format(value))", primary: false)) }
            diagnostics.append(Diagnostic(.baselineDisagreesWithScore,
                "goal `\(g.id.value)` starts from \(JSONValue.format(m.baseline.value)) on \(m.name.split(whereSeparator: \.isWhitespace).joined(separator: " ")), but the assessment scored \(JSONValue.format(value))",
                labels: labels,
                help: "start the goal from the assessment: `from \(JSONValue.format(value))`, or record the newer reading as progress"))
        }
    }

    /// Whether a diagnosis text shares most of its words with a code's display (so a near code
    /// is probably what was meant), or says nothing beyond the code.
    package static func sameWords(_ text: String, _ display: String) -> Bool {
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
