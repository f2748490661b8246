/// Every field keyword of the language. The parser finds a field's keyword once; everything
/// after it (the interpreter, the validator, `FieldNames`) switches over this enum, so a
/// misspelt keyword does not compile and a new one is a new case (added to `FieldSpec.all` too).
public enum FieldKeyword: String, Sendable, CaseIterable, Hashable {
    case discipline, client, clinician, starts, description, diagnosis, status, assess, payer
    case frequency, checkin, reassess, certify, recertify, closed, visit, close, progress, note
    case signed, precaution, contraindication, weightBearing = "weight-bearing"
    case priorLevel = "prior-level", rehabPotential = "rehab-potential"
    case dischargeCriteria = "discharge-criteria", dischargePlan = "discharge-plan", trained, id
    case born, gender, referral, history, settings, lives, observe, environment, score, copm
    case interview, occupation, assist, condition, measure, by, focus, supports, replaces, gas
    case type, serves, approach, delivery, minutes, cpt, equipment, review, gave, subjective
    case objective, assessment, plan, service, expressedBy = "expressed-by"
    /// A progress entry: a line that starts with a goal id (`meals 6 assist minimal`).
    case progressEntry = "<goal>"

    /// Position in `allCases`: the keyword's bit in `FieldNames`.
    package var position: Int { Self.positions[self]! }
    private static let positions: [FieldKeyword: Int] =
        Dictionary(uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })
}
