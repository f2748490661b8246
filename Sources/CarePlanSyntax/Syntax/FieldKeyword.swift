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

    /// Position in `allCases`: the keyword's bit in `FieldNames`, and its column in
    /// `FieldSpec`'s table.
    ///
    /// The case's ordinal, which a payload-free enum stores as its one byte (declaration order,
    /// as `allCases`; `FieldSpecTests` holds the two equal). It was a dictionary look-up, a
    /// hash for every field line run: 1.5% of `check DIR`'s instructions (callgrind).
    package var position: Int { Int(unsafeBitCast(self, to: UInt8.self)) }

    /// The field keyword spelt `word`, if there is one: one hash (`init(rawValue:)` compares
    /// the word with the spellings one after another).
    package static func spelt(_ word: String) -> FieldKeyword? { bySpelling[word] }
    private static let bySpelling = Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })
}
