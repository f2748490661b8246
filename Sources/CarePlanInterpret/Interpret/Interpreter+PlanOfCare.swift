import CarePlanSyntax
import CarePlanModel

/// The plan-of-care fields (`signed`, `precaution`, `contraindication`, `weight-bearing`,
/// `prior-level`, `rehab-potential`, `discharge-criteria`, `discharge-plan`, `trained`), stored
/// on `Plan.care`. Kept apart from the other plan fields: they are read only by the
/// documents, the exports and the plan-of-care rules.
extension Interpreter {
    /// Applies a plan-of-care field; false if `f` is none of them.
    package func applyPlanOfCareField(_ f: Field, _ p: Int) throws -> Bool {
        func set(_ body: (inout PlanOfCare) -> Void) { state.withPlan(p) { body(&$0.care) } }
        switch f.field {
        case .signed:
            let example = "signed by \"A. Chen, OTR/L\" on 2026-11-02"
            let name = try string(try requiredClause(f, "by", example: example), "the signer's name")
            let date = try date(try requiredClause(f, "on", example: example), "the date signed")
            set { $0.signatures.append(Signature(name: name.value, date: date, span: f.keyword.span.to(date.span))) }
        case .precaution, .contraindication:
            let text = try string(try required(f), "the \(f.keyword.name)")
            let until = try f.clause("until")?.value.map { try dateOrOffset($0, p, "the end of the \(f.keyword.name)").value }
            let kind: Precaution.Kind = f.keyword.name == "precaution" ? .precaution : .contraindication
            set { $0.precautions.append(Precaution(kind: kind, text: text.value, until: until, span: f.keyword.span.to(text.span))) }
        case .weightBearing:
            let status = try vocabulary(try required(f), WeightBearing.self)
            var percent: Int?
            if let e = f.clause("percent")?.value {
                guard status.value == .partial else {
                    throw fail(.weightBearingPercent, "a percentage of body weight belongs to partial weight-bearing, not \(status.value.rawValue)",
                               e.span, label: "only with `partial`",
                               help: "write `weight-bearing partial percent N`, or drop `percent`")
                }
                percent = try integer(e, "the percentage of body weight", range: 1...99).value
            }
            let limb = try f.clause("on")?.value.map { try string($0, "the limb").value } ?? ""
            let until = try f.clause("until")?.value.map { try dateOrOffset($0, p, "the end of the weight-bearing order").value }
            set {
                $0.precautions.append(Precaution(kind: .weightBearing, text: limb, weightBearing: status.value, percent: percent,
                                                 until: until, span: f.keyword.span.to(status.span)))
            }
        case .priorLevel:
            let s = try string(try required(f), "the prior level of function")
            set { $0.priorLevel.append(s.value) }
        case .rehabPotential:
            try repeated(f, state.plans[p].care.rehabPotential?.level.span)
            let level = try vocabulary(try required(f), RehabPotential.self)
            let reason = try f.clause("because")?.value.map { try string($0, "the reason").value }
            set { $0.rehabPotential = RehabPotentialNote(level: level, reason: reason) }
        case .dischargeCriteria:
            let list = try strings(try required(f), "a discharge criterion")
            set { $0.dischargeCriteria += list }
        case .dischargePlan:
            try repeated(f, state.plans[p].care.dischargePlan?.span)
            let s = try string(try required(f), "the discharge plan")
            set { $0.dischargePlan = s }
        case .trained:
            let name = try string(try required(f), "who was trained")
            let role = try f.clause("as")?.value.map { try vocabulary($0, TrainedRole.self).value }
            let topic = try f.clause("for")?.value.map { try string($0, "what they were trained in").value }
            let date = try f.clause("on")?.value.map { try dateOrOffset($0, p, "the training date").value }
            set { $0.trained.append(TrainedPerson(name: name.value, role: role, topic: topic, date: date, span: f.keyword.span.to(name.span))) }
        default:
            return false
        }
        return true
    }
}
