/// What the value after each clause word of a field is, for completion: a vocabulary name
/// (as `FieldSpec.expects` names them), or `date`, `duration`, `number`, `string`, `period`.
///
/// Beside `FieldSpec.all` rather than in it, keyed by keyword and clause; a test checks that
/// every clause of every field in the table has an entry here, so the two cannot drift.
extension FieldSpec {
    public static let clauseKinds: [String: [String: String]] = [
        "frequency": ["per": "period", "on": "weekday", "for": "duration", "every": "duration", "from": "date"],
        "checkin": ["every": "duration", "until": "date", "on": "date", "from": "date", "at": "duration"],
        "reassess": ["at": "duration", "on": "date"],
        "certify": ["for": "duration", "signed": "date", "by": "string", "npi": "string"],
        "recertify": ["on": "date", "at": "duration", "for": "duration", "signed": "date", "by": "string", "npi": "string"],
        "closed": ["to": "date", "because": "string"],
        "visit": ["on": "date", "minutes": "number", "because": "string"],
        "id": ["system": "string"],
        "close": ["on": "date", "because": "string"],
        "progress": ["on": "date"],
        "signed": ["by": "string", "on": "date"],
        "precaution": ["until": "date"],
        "contraindication": ["until": "date"],
        "weight-bearing": ["percent": "number", "on": "string", "until": "date"],
        "rehab-potential": ["because": "string"],
        "trained": ["as": "string", "for": "string", "on": "date"],
        "copm": ["importance": "number", "performance": "number", "satisfaction": "number"],
        "assist": ["from": "assist", "to": "assist"],
        "measure": ["from": "number", "to": "number"],
        "gas": ["weight": "number", "baseline": "number"],
        "service": ["minutes": "number", "note": "string"],
        "<goal>": ["assist": "assist", "gas": "number", "note": "string"],
    ]

    /// What the value after `clause` in this field is (nil: not known, offer nothing).
    public func clauseKind(_ clause: String) -> String? { Self.clauseKinds[keyword]?[clause] }
}
